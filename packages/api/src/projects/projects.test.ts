import { createTestDb } from '@devmentor/db/testing';
import { and, eq, events, projectMembers, projects, type DbHandle } from '@devmentor/db';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor, createTestServices, createTestUser, type TestUser } from '../testing';
import type { AppServices } from '../trpc/context';
import { deriveKeyPrefix, slugify } from './project-names';

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'OK';
  } catch (error) {
    return error instanceof TRPCError ? error.code : `UNEXPECTED ${String(error)}`;
  }
}

describe('projects', () => {
  let handle: DbHandle;
  let services: AppServices;
  let alice: TestUser;
  let bob: TestUser;
  beforeAll(async () => {
    handle = await createTestDb();
    services = createTestServices(handle);
    alice = await createTestUser(services, { name: 'Alice' });
    bob = await createTestUser(services, { name: 'Bob' });
  });
  afterAll(async () => {
    await handle.close();
  });

  it('derives key prefixes and slugs from names', () => {
    expect(deriveKeyPrefix('DevMentor')).toBe('DM');
    expect(deriveKeyPrefix('Mobile app redesign')).toBe('MAR');
    expect(deriveKeyPrefix('billing')).toBe('BIL');
    expect(deriveKeyPrefix('a b c d e f g h')).toBe('ABCDEF');
    expect(deriveKeyPrefix('42')).toBe('PRJ');
    expect(deriveKeyPrefix('日本')).toBe('PRJ');
    expect(slugify('  Café  Déjà Vu! ')).toBe('cafe-deja-vu');
    expect(slugify('!!!')).toBe('project');
  });

  it('creates a project with the caller as owner, its membership and its event in one go', async () => {
    const api = callerFor(services, alice);
    const project = await api.projects.create({ name: 'DevMentor', description: 'AI workspace' });
    expect(project).toMatchObject({ name: 'DevMentor', keyPrefix: 'DM', slug: 'devmentor', role: 'owner', memberCount: 1, ownerId: alice.id, version: 1 });
    const members = await services.db.select().from(projectMembers).where(eq(projectMembers.projectId, project.id));
    expect(members).toMatchObject([{ userId: alice.id, role: 'owner' }]);
    const created = await services.db.select().from(events).where(and(eq(events.projectId, project.id), eq(events.entityType, 'project')));
    expect(created).toMatchObject([{ action: 'created', actorId: alice.id, entityId: project.id }]);
  });

  it('keeps slugs unique per owner and accepts an explicit key, upper-cased', async () => {
    const api = callerFor(services, alice);
    const first = await api.projects.create({ name: 'Same Name', key: 'ab' });
    const second = await api.projects.create({ name: 'Same Name' });
    const bobs = await callerFor(services, bob).projects.create({ name: 'Same Name' });
    expect(first.keyPrefix).toBe('AB');
    expect(second.keyPrefix).toBe('SN');
    expect([first.slug, second.slug, bobs.slug]).toEqual(['same-name', 'same-name-2', 'same-name']);
  });

  it('rejects bad input with BAD_REQUEST and writes nothing', async () => {
    const api = callerFor(services, bob);
    const before = await services.db.select().from(projects).where(eq(projects.ownerId, bob.id));
    for (const input of [
      { name: '' },
      { name: '   ' },
      { name: 'x'.repeat(101) },
      { name: 'ok', key: 'A' },
      { name: 'ok', key: 'TOOLONGKEY' },
      { name: 'ok', key: 'A1' },
      { name: 'ok', description: 'x'.repeat(5001) },
    ]) {
      expect(await codeOf(api.projects.create(input))).toBe('BAD_REQUEST');
    }
    expect(await services.db.select().from(projects).where(eq(projects.ownerId, bob.id))).toHaveLength(before.length);
  });

  it('lists only my projects with my role and member count; archived ones on request', async () => {
    const carol = await createTestUser(services);
    const api = callerFor(services, carol);
    const a = await api.projects.create({ name: 'Alpha' });
    const b = await api.projects.create({ name: 'Beta' });
    await callerFor(services, alice).projects.create({ name: 'Not Carols' });
    await services.db.insert(projectMembers).values({ projectId: b.id, userId: alice.id, role: 'viewer' });
    await api.projects.archive({ id: a.id });
    expect((await api.projects.list()).items.map((p) => [p.name, p.role, p.memberCount])).toEqual([['Beta', 'owner', 2]]);
    const all = await api.projects.list({ includeArchived: true });
    expect(all.items.map((p) => p.name)).toEqual(['Alpha', 'Beta']);
    const page = await api.projects.list({ includeArchived: true, limit: 1 });
    expect(page.items.map((p) => p.name)).toEqual(['Alpha']);
    const next = await api.projects.list({ includeArchived: true, limit: 1, cursor: page.nextCursor! });
    expect(next.items.map((p) => p.name)).toEqual(['Beta']);
    expect(next.nextCursor).toBeNull();
    expect(await codeOf(api.projects.list({ cursor: 'garbage' }))).toBe('BAD_REQUEST');
    expect((await callerFor(services, alice).projects.get({ id: b.id })).role).toBe('viewer');
  });

  it('updates with optimistic concurrency: a stale version is CONFLICT with the current row', async () => {
    const api = callerFor(services, alice);
    const project = await api.projects.create({ name: 'Versioned' });
    const updated = await api.projects.update({ id: project.id, version: 1, name: 'Versioned 2', settings: { wip: 3 }, keyPrefix: 'vv' });
    expect(updated).toMatchObject({ name: 'Versioned 2', version: 2, keyPrefix: 'VV', settings: { wip: 3 } });
    try {
      await api.projects.update({ id: project.id, version: 1, name: 'Lost update' });
      expect.unreachable();
    } catch (error) {
      expect((error as TRPCError).code).toBe('CONFLICT');
      const cause = (error as TRPCError).cause as { details?: { current?: { name: string; version: number } } };
      expect(cause.details?.current).toMatchObject({ name: 'Versioned 2', version: 2 });
    }
    const [event] = await services.db.select().from(events).where(and(eq(events.projectId, project.id), eq(events.action, 'updated')));
    expect(event!.diff).toMatchObject({ name: { from: 'Versioned', to: 'Versioned 2' } });
    expect(await codeOf(api.projects.update({ id: project.id, version: 2, settings: { big: 'x'.repeat(30_000) } }))).toBe('BAD_REQUEST');
  });

  it('archived projects are read-only until restored', async () => {
    const api = callerFor(services, alice);
    const project = await api.projects.create({ name: 'Archivable' });
    const archived = await api.projects.archive({ id: project.id });
    expect(archived.archivedAt).not.toBeNull();
    expect(await codeOf(api.projects.update({ id: project.id, version: archived.version, name: 'x' }))).toBe('PRECONDITION_FAILED');
    expect(await codeOf(api.projects.archive({ id: project.id }))).toBe('PRECONDITION_FAILED');
    expect(await codeOf(api.members.changeRole({ projectId: project.id, userId: alice.id, role: 'admin' }))).toBe('PRECONDITION_FAILED');
    expect(await codeOf(api.projects.get({ id: project.id }))).toBe('OK');
    expect(await codeOf(api.members.list({ projectId: project.id }))).toBe('OK');
    const restored = await api.projects.restore({ id: project.id });
    expect(restored.archivedAt).toBeNull();
    expect(await codeOf(api.projects.update({ id: project.id, version: restored.version, name: 'Back' }))).toBe('OK');
    const actions = await services.db.select({ action: events.action }).from(events).where(and(eq(events.projectId, project.id), eq(events.entityType, 'project')));
    expect(actions.map((e) => e.action)).toEqual(['created', 'archived', 'restored', 'updated']);
  });

  it('deletes only with the exact name typed, and keeps the deletion event', async () => {
    const api = callerFor(services, alice);
    const project = await api.projects.create({ name: 'Doomed' });
    expect(await codeOf(api.projects.delete({ id: project.id, confirmName: 'doomed' }))).toBe('BAD_REQUEST');
    expect(await services.db.select().from(projects).where(eq(projects.id, project.id))).toHaveLength(1);
    await api.projects.delete({ id: project.id, confirmName: 'Doomed' });
    expect(await services.db.select().from(projects).where(eq(projects.id, project.id))).toHaveLength(0);
    const kept = await services.db.select().from(events).where(and(eq(events.entityId, project.id), eq(events.action, 'deleted')));
    expect(kept).toHaveLength(1);
    expect(await codeOf(api.projects.get({ id: project.id }))).toBe('NOT_FOUND');
  });

  it('transfers ownership to a member, who becomes the owner; the old owner stays as admin', async () => {
    const api = callerFor(services, alice);
    const project = await api.projects.create({ name: 'Handover' });
    expect(await codeOf(api.projects.transferOwnership({ id: project.id, userId: bob.id }))).toBe('NOT_FOUND');
    await services.db.insert(projectMembers).values({ projectId: project.id, userId: bob.id, role: 'member' });
    const after = await api.projects.transferOwnership({ id: project.id, userId: bob.id });
    expect(after).toMatchObject({ ownerId: bob.id, role: 'admin' });
    const bobsView = await callerFor(services, bob).projects.get({ id: project.id });
    expect(bobsView.role).toBe('owner');
    expect(await codeOf(api.projects.archive({ id: project.id }))).toBe('FORBIDDEN');
  });
});
