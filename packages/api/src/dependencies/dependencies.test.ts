import { dependencies, eq, events, stories, type DbHandle } from '@devmentor/db';
import { createTestDb } from '@devmentor/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppError } from '../errors';
import { codeOf, errorOf, insertEpic, insertStory, insertTask } from '../sprints/testing/work-items';
import { callerFor, createTestProject, createTestServices, createTestUser, type TestUser } from '../testing';
import type { AppServices } from '../trpc/context';
import { findOpenBlockers } from './open-blockers';

describe('dependencies', () => {
  let handle: DbHandle;
  let services: AppServices;
  let owner: TestUser, member: TestUser, viewer: TestUser, outsider: TestUser;
  let otherProjectId: string;

  beforeAll(async () => {
    handle = await createTestDb();
    services = createTestServices(handle);
    [owner, member, viewer, outsider] = (await Promise.all(['Owner', 'Member', 'Viewer', 'Outsider'].map((name) => createTestUser(services, { name })))) as [
      TestUser,
      TestUser,
      TestUser,
      TestUser,
    ];
    otherProjectId = (await createTestProject(services, owner, [{ user: member, role: 'member' }], { keyPrefix: 'OT' })).id;
  });
  afterAll(async () => {
    await handle.close();
  });

  const newProject = async () => (await createTestProject(services, owner, [{ user: member, role: 'member' }, { user: viewer, role: 'viewer' }], { keyPrefix: 'DM' })).id;
  const api = (user: TestUser) => callerFor(services, user).dependencies;
  const detailsOf = async (promise: Promise<unknown>) => {
    const error = await errorOf(promise);
    return { code: error.code, details: (error.cause as AppError | undefined)?.details };
  };

  it('links an epic, a story and a task, resolving each type, and lists them with keys and titles', async () => {
    const projectId = await newProject();
    const epic = await insertEpic(services, projectId, { title: 'Payments' });
    const story = await insertStory(services, projectId, { title: 'Pay by card' });
    const task = await insertTask(services, projectId, { title: 'Stripe keys' });
    const first = await api(member).create({ projectId, sourceId: task.id, targetId: story.id, type: 'blocks' });
    expect(first).toMatchObject({ sourceType: 'task', targetType: 'story', type: 'blocks', createdById: member.id });
    await api(member).create({ projectId, sourceId: epic.id, targetId: story.id, type: 'requires' });

    const all = await api(viewer).list({ projectId });
    expect(all.items.map((link) => [link.source.key, link.type, link.target.key])).toEqual([
      [`DM-${task.number}`, 'blocks', `DM-${story.number}`],
      [`DM-${epic.number}`, 'requires', `DM-${story.number}`],
    ]);
    expect(all.items[1]).toMatchObject({ source: { type: 'epic', title: 'Payments' }, blockerId: story.id, blockedId: epic.id });
    const ofTask = await api(viewer).list({ projectId, itemId: task.id });
    expect(ofTask.items).toHaveLength(1);
    const [event] = await services.db.select().from(events).where(eq(events.entityId, first.id));
    expect(event).toMatchObject({ entityType: 'dependency', action: 'created' });
  });

  it('rejects self-links, duplicates in either spelling, and unknown items', async () => {
    const projectId = await newProject();
    const a = await insertStory(services, projectId);
    const b = await insertStory(services, projectId);
    expect(await codeOf(api(member).create({ projectId, sourceId: a.id, targetId: a.id, type: 'blocks' }))).toBe('BAD_REQUEST');
    await api(member).create({ projectId, sourceId: a.id, targetId: b.id, type: 'blocks' });
    expect(await detailsOf(api(member).create({ projectId, sourceId: a.id, targetId: b.id, type: 'blocks' }))).toMatchObject({ code: 'CONFLICT', details: { reason: 'duplicate' } });
    // `B requires A` is `A blocks B`: the same link.
    expect(await detailsOf(api(member).create({ projectId, sourceId: b.id, targetId: a.id, type: 'requires' }))).toMatchObject({ code: 'CONFLICT', details: { reason: 'duplicate' } });
    expect(await codeOf(api(member).create({ projectId, sourceId: a.id, targetId: '00000000-0000-4000-8000-000000000000', type: 'blocks' }))).toBe('NOT_FOUND');
  });

  it('rejects direct and transitive cycles, whichever spelling closes them', async () => {
    const projectId = await newProject();
    const [a, b, c, d] = [await insertStory(services, projectId), await insertTask(services, projectId), await insertEpic(services, projectId), await insertStory(services, projectId)];
    await api(member).create({ projectId, sourceId: a.id, targetId: b.id, type: 'blocks' });
    expect(await detailsOf(api(member).create({ projectId, sourceId: b.id, targetId: a.id, type: 'blocks' }))).toMatchObject({
      code: 'CONFLICT',
      details: { reason: 'cycle', cycle: [b.id, a.id, b.id] },
    });
    // c requires b  ==  b blocks c: a -> b -> c
    await api(member).create({ projectId, sourceId: c.id, targetId: b.id, type: 'requires' });
    await api(member).create({ projectId, sourceId: c.id, targetId: d.id, type: 'blocks' });
    expect(await detailsOf(api(member).create({ projectId, sourceId: d.id, targetId: a.id, type: 'blocks' }))).toMatchObject({
      code: 'CONFLICT',
      details: { reason: 'cycle', cycle: [d.id, a.id, b.id, c.id, d.id] },
    });
    expect(await codeOf(api(member).create({ projectId, sourceId: a.id, targetId: d.id, type: 'requires' }))).toBe('CONFLICT');
    // A diamond is not a cycle.
    await api(member).create({ projectId, sourceId: a.id, targetId: d.id, type: 'blocks' });
    expect(await services.db.select().from(dependencies).where(eq(dependencies.projectId, projectId))).toHaveLength(4);
  });

  it('lets only one of two concurrent links that would close a cycle through', async () => {
    const projectId = await newProject();
    const a = await insertStory(services, projectId);
    const b = await insertStory(services, projectId);
    const results = await Promise.all([
      codeOf(api(member).create({ projectId, sourceId: a.id, targetId: b.id, type: 'blocks' })),
      codeOf(api(member).create({ projectId, sourceId: a.id, targetId: b.id, type: 'requires' })),
    ]);
    expect(results.sort()).toEqual(['CONFLICT', 'OK']);
    expect(await services.db.select().from(dependencies).where(eq(dependencies.projectId, projectId))).toHaveLength(1);
  });

  it('rejects cross-project links as NOT_FOUND, even for a member of both projects', async () => {
    const projectId = await newProject();
    const mine = await insertStory(services, projectId);
    const theirs = await insertStory(services, otherProjectId);
    expect(await codeOf(api(owner).create({ projectId, sourceId: mine.id, targetId: theirs.id, type: 'blocks' }))).toBe('NOT_FOUND');
    expect(await codeOf(api(owner).create({ projectId: otherProjectId, sourceId: theirs.id, targetId: mine.id, type: 'requires' }))).toBe('NOT_FOUND');
    expect(await services.db.select().from(dependencies).where(eq(dependencies.sourceId, mine.id))).toEqual([]);
  });

  it('enforces roles: viewers read only, outsiders see nothing', async () => {
    const projectId = await newProject();
    const a = await insertStory(services, projectId);
    const b = await insertStory(services, projectId);
    expect(await codeOf(api(viewer).create({ projectId, sourceId: a.id, targetId: b.id, type: 'blocks' }))).toBe('FORBIDDEN');
    expect(await codeOf(api(outsider).create({ projectId, sourceId: a.id, targetId: b.id, type: 'blocks' }))).toBe('NOT_FOUND');
    expect(await codeOf(api(outsider).list({ projectId }))).toBe('NOT_FOUND');
    const link = await api(member).create({ projectId, sourceId: a.id, targetId: b.id, type: 'blocks' });
    expect(await codeOf(api(viewer).delete({ projectId, id: link.id }))).toBe('FORBIDDEN');
  });

  it('deletes a link; another project’s link is NOT_FOUND and stays', async () => {
    const projectId = await newProject();
    const a = await insertStory(services, projectId);
    const b = await insertStory(services, projectId);
    const link = await api(member).create({ projectId, sourceId: a.id, targetId: b.id, type: 'blocks' });
    const x = await insertStory(services, otherProjectId);
    const y = await insertStory(services, otherProjectId);
    const foreign = await api(owner).create({ projectId: otherProjectId, sourceId: x.id, targetId: y.id, type: 'blocks' });
    expect(await codeOf(api(owner).delete({ projectId, id: foreign.id }))).toBe('NOT_FOUND');
    expect(await services.db.select().from(dependencies).where(eq(dependencies.id, foreign.id))).toHaveLength(1);
    expect(await api(member).delete({ projectId, id: link.id })).toEqual({ id: link.id });
    expect(await codeOf(api(member).delete({ projectId, id: link.id }))).toBe('NOT_FOUND');
    // Removing the link makes the reverse one legal.
    await api(member).create({ projectId, sourceId: b.id, targetId: a.id, type: 'blocks' });
  });

  it('pages through a project’s links', async () => {
    const projectId = await newProject();
    const hub = await insertStory(services, projectId);
    for (let i = 0; i < 5; i++) {
      const leaf = await insertTask(services, projectId);
      await api(member).create({ projectId, sourceId: leaf.id, targetId: hub.id, type: 'blocks' });
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await api(member).list({ projectId, itemId: hub.id, limit: 2, cursor });
      seen.push(...page.items.map((link) => link.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(new Set(seen).size).toBe(5);
  });

  it('answers which unfinished items block an item', async () => {
    const projectId = await newProject();
    const target = await insertStory(services, projectId);
    const openTask = await insertTask(services, projectId, { status: 'in_progress' });
    const doneStory = await insertStory(services, projectId, { status: 'done' });
    const openEpic = await insertEpic(services, projectId);
    const deleted = await insertStory(services, projectId);
    const blocked = await insertStory(services, projectId);
    await api(member).create({ projectId, sourceId: openTask.id, targetId: target.id, type: 'blocks' });
    await api(member).create({ projectId, sourceId: doneStory.id, targetId: target.id, type: 'blocks' });
    await api(member).create({ projectId, sourceId: target.id, targetId: openEpic.id, type: 'requires' });
    await api(member).create({ projectId, sourceId: deleted.id, targetId: target.id, type: 'blocks' });
    await api(member).create({ projectId, sourceId: target.id, targetId: blocked.id, type: 'blocks' });
    await services.db.update(stories).set({ deletedAt: new Date() }).where(eq(stories.id, deleted.id));
    const blockers = await findOpenBlockers(services.db, { projectId, itemId: target.id });
    expect(blockers.map((item) => [item.id, item.type]).sort()).toEqual([[openTask.id, 'task'], [openEpic.id, 'epic']].sort());
    expect(await findOpenBlockers(services.db, { projectId: otherProjectId, itemId: target.id })).toEqual([]);
  });
});
