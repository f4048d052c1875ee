import { createTestDb } from '@devmentor/db/testing';
import { and, eq, events, projectMembers, projects, type DbHandle } from '@devmentor/db';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { subscribeToChannel } from '../bus';
import { projectChannel, type ProjectEvent } from '../events/project-events';
import { callerFor, createTestProject, createTestServices, createTestUser, type TestUser } from '../testing';
import type { AppServices } from '../trpc/context';
import type { ProjectRole } from '../trpc/procedures';

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'OK';
  } catch (error) {
    return error instanceof TRPCError ? error.code : `UNEXPECTED ${String(error)}`;
  }
}

describe('members', () => {
  let handle: DbHandle;
  let services: AppServices;
  beforeAll(async () => {
    handle = await createTestDb();
    services = createTestServices(handle);
  });
  afterAll(async () => {
    await handle.close();
  });

  async function team(...roles: ProjectRole[]) {
    const owner = await createTestUser(services, { name: 'Owner' });
    const others = await Promise.all(roles.map((role) => createTestUser(services, { name: role })));
    const project = await createTestProject(services, owner, others.map((user, i) => ({ user, role: roles[i]! })));
    return { project, owner, others };
  }

  const roleOf = async (projectId: string, user: TestUser) =>
    (await services.db.select().from(projectMembers).where(and(eq(projectMembers.projectId, projectId), eq(projectMembers.userId, user.id))))[0]?.role ?? null;

  it('lists members with name, email and avatar, in join order, paginated', async () => {
    const { project, owner, others } = await team('admin', 'viewer');
    const api = callerFor(services, others[1]!);
    const all = await api.members.list({ projectId: project.id });
    expect(all.items.map((m) => m.userId).sort()).toEqual([owner.id, others[0]!.id, others[1]!.id].sort());
    expect(all.items.find((m) => m.userId === owner.id)).toMatchObject({ name: owner.name, email: owner.email, avatarUrl: null, role: 'owner' });
    const first = await api.members.list({ projectId: project.id, limit: 2 });
    const rest = await api.members.list({ projectId: project.id, limit: 2, cursor: first.nextCursor! });
    expect([...first.items, ...rest.items].map((m) => m.userId)).toEqual(all.items.map((m) => m.userId));
    expect(rest.nextCursor).toBeNull();
  });

  it('admins change roles; only owners grant or take away owner', async () => {
    const { project, owner, others } = await team('admin', 'member');
    const [admin, member] = others as [TestUser, TestUser];
    const asAdmin = callerFor(services, admin);
    expect((await asAdmin.members.changeRole({ projectId: project.id, userId: member.id, role: 'viewer' })).role).toBe('viewer');
    expect(await codeOf(asAdmin.members.changeRole({ projectId: project.id, userId: member.id, role: 'owner' }))).toBe('FORBIDDEN');
    expect(await codeOf(asAdmin.members.changeRole({ projectId: project.id, userId: owner.id, role: 'admin' }))).toBe('FORBIDDEN');
    expect(await roleOf(project.id, owner)).toBe('owner');
    await callerFor(services, owner).members.changeRole({ projectId: project.id, userId: member.id, role: 'owner' });
    expect(await roleOf(project.id, member)).toBe('owner');
    const [event] = await services.db
      .select()
      .from(events)
      .where(and(eq(events.projectId, project.id), eq(events.entityId, member.id), eq(events.diff, { role: { from: 'viewer', to: 'owner' } })));
    expect(event).toMatchObject({ entityType: 'member', action: 'role_changed', actorId: owner.id });
  });

  it('refuses unknown roles and unknown members', async () => {
    const { project, owner } = await team();
    const api = callerFor(services, owner);
    expect(await codeOf(api.members.changeRole({ projectId: project.id, userId: owner.id, role: 'superuser' as never }))).toBe('BAD_REQUEST');
    const stranger = await createTestUser(services);
    expect(await codeOf(api.members.changeRole({ projectId: project.id, userId: stranger.id, role: 'member' }))).toBe('NOT_FOUND');
    expect(await codeOf(api.members.remove({ projectId: project.id, userId: stranger.id }))).toBe('NOT_FOUND');
  });

  it('always keeps at least one owner: demote, remove and leave are CONFLICT for the last one', async () => {
    const { project, owner, others } = await team('admin');
    const api = callerFor(services, owner);
    expect(await codeOf(api.members.changeRole({ projectId: project.id, userId: owner.id, role: 'admin' }))).toBe('CONFLICT');
    expect(await codeOf(api.members.remove({ projectId: project.id, userId: owner.id }))).toBe('CONFLICT');
    expect(await codeOf(api.members.leave({ projectId: project.id }))).toBe('CONFLICT');
    expect(await roleOf(project.id, owner)).toBe('owner');
    // With a second owner the first may step down, and the primary owner moves over.
    await api.members.changeRole({ projectId: project.id, userId: others[0]!.id, role: 'owner' });
    await api.members.leave({ projectId: project.id });
    expect(await roleOf(project.id, owner)).toBeNull();
    const [row] = await services.db.select({ ownerId: projects.ownerId }).from(projects).where(eq(projects.id, project.id));
    expect(row!.ownerId).toBe(others[0]!.id);
  });

  it('removal writes member/removed with the user id, published on the project channel', async () => {
    const { project, owner, others } = await team('admin', 'member', 'owner');
    const [admin, member, coOwner] = others as [TestUser, TestUser, TestUser];
    const stream = await subscribeToChannel<ProjectEvent>(services.bus, projectChannel(project.id));
    expect(await codeOf(callerFor(services, admin).members.remove({ projectId: project.id, userId: coOwner.id }))).toBe('FORBIDDEN');
    expect(await codeOf(callerFor(services, member).members.remove({ projectId: project.id, userId: admin.id }))).toBe('FORBIDDEN');
    await callerFor(services, admin).members.remove({ projectId: project.id, userId: member.id });
    const published = await stream.next();
    await stream.close();
    expect(published.value).toMatchObject({ entityType: 'member', action: 'removed', entityId: member.id });
    expect(await roleOf(project.id, member)).toBeNull();
    expect(await codeOf(callerFor(services, member).projects.get({ id: project.id }))).toBe('NOT_FOUND');
    await callerFor(services, owner).members.remove({ projectId: project.id, userId: coOwner.id });
    expect(await roleOf(project.id, coOwner)).toBeNull();
  });

  it('a viewer may leave, even an archived project', async () => {
    const { project, owner, others } = await team('viewer');
    await callerFor(services, owner).projects.archive({ id: project.id });
    await callerFor(services, others[0]!).members.leave({ projectId: project.id });
    expect(await roleOf(project.id, others[0]!)).toBeNull();
  });
});
