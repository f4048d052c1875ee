import { and, dependencies, eq, events, sprints, stories, type DbHandle } from '@devmentor/db';
import { createTestDb } from '@devmentor/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, insertStory } from '../sprints/testing/work-items';
import { callerFor, createTestProject, createTestServices, createTestUser, type TestUser } from '../testing';
import type { AppServices } from '../trpc/context';

describe('ai.planSprint', () => {
  let handle: DbHandle;
  let services: AppServices;
  let owner: TestUser, member: TestUser, viewer: TestUser, outsider: TestUser;

  beforeAll(async () => {
    handle = await createTestDb();
    services = createTestServices(handle);
    [owner, member, viewer, outsider] = (await Promise.all(['Owner', 'Member', 'Viewer', 'Outsider'].map((name) => createTestUser(services, { name })))) as [TestUser, TestUser, TestUser, TestUser];
  });
  afterAll(async () => {
    await handle.close();
  });

  async function board() {
    const projectId = (await createTestProject(services, owner, [{ user: member, role: 'member' }, { user: viewer, role: 'viewer' }], { keyPrefix: 'SP' })).id;
    const [sprint] = await services.db.insert(sprints).values({ projectId, name: 'Sprint 1', capacity: { [owner.id]: 5, [member.id]: 5 } }).returning();
    const api = await insertStory(services, projectId, { title: 'API', estimate: 3, priority: 'medium' });
    const ui = await insertStory(services, projectId, { title: 'UI', estimate: 3, priority: 'critical' });
    const big = await insertStory(services, projectId, { title: 'Big', estimate: 8, priority: 'medium' });
    const small = await insertStory(services, projectId, { title: 'Small', estimate: 2, priority: 'low' });
    const blockedOutside = await insertStory(services, projectId, { title: 'Waits', estimate: 1, priority: 'critical' });
    const outside = await insertStory(services, projectId, { title: 'Outside', status: 'in_progress', sprintId: null, estimate: null });
    const done = await insertStory(services, projectId, { title: 'Done blocker', status: 'done', estimate: 1 });
    await services.db.insert(dependencies).values([
      { projectId, sourceType: 'story', sourceId: api.id, targetType: 'story', targetId: ui.id, type: 'blocks' },
      { projectId, sourceType: 'story', sourceId: outside.id, targetType: 'story', targetId: blockedOutside.id, type: 'blocks' },
      { projectId, sourceType: 'story', sourceId: done.id, targetType: 'story', targetId: small.id, type: 'blocks' },
    ]);
    return { projectId, sprint: sprint!, api, ui, big, small, blockedOutside, outside };
  }

  it('proposes the best plan within capacity, blockers first, deterministic offline, and applies it', async () => {
    const b = await board();
    const first = await callerFor(services, member).ai.planSprint({ projectId: b.projectId, sprintId: b.sprint.id });
    const second = await callerFor(services, member).ai.planSprint({ projectId: b.projectId, sprintId: b.sprint.id });
    expect(second.payload).toEqual(first.payload);
    expect(second.explanation).toBe(first.explanation);
    expect(first).toMatchObject({ agent: 'sprint_planner', offline: true, status: 'pending', createdById: member.id });

    // Capacity 10: API (3) + UI (3, critical, blocked by API) + Small (2; its blocker is done) = 8; Big (8, medium: value 16) would leave room for Small only (18 < 32).
    const ids = first.payload.changes.map((change) => (change.kind === 'add_to_sprint' && 'id' in change.story ? change.story.id : null));
    // Dependency order, ties by key: API and Small are ready first, UI after its blocker.
    expect(ids).toEqual([b.api.id, b.small.id, b.ui.id]);
    expect(ids.indexOf(b.api.id)).toBeLessThan(ids.indexOf(b.ui.id));
    expect(first.payload.notes).toMatchObject({ plan: { points: 8, capacity: 10, exact: true } });
    expect(first.explanation).toContain('SP-');

    const agentEvents = await services.db.select().from(events).where(and(eq(events.projectId, b.projectId), eq(events.entityType, 'agent'))).orderBy(events.id);
    const oneRun = ['started', 'progress', 'progress', 'progress', 'completed'];
    expect(agentEvents.map((event) => event.action)).toEqual([...oneRun, ...oneRun]);
    expect(agentEvents.filter((event) => event.action === 'progress').slice(0, 3).map((event) => event.diff)).toEqual([
      { agent: 'sprint_planner', step: 'Reading capacity, velocity and the backlog', index: 1, of: 3 },
      { agent: 'sprint_planner', step: 'Choosing stories', index: 2, of: 3 },
      { agent: 'sprint_planner', step: 'Explaining the plan', index: 3, of: 3 },
    ]);

    await callerFor(services, member).proposals.applyChanges({ projectId: b.projectId, id: first.id });
    const planned = await services.db.select({ id: stories.id }).from(stories).where(eq(stories.sprintId, b.sprint.id));
    expect(planned.map((story) => story.id).sort()).toEqual([b.api.id, b.ui.id, b.small.id].sort());
    // The second proposal is now based on a board that changed under it.
    expect(await codeOf(callerFor(services, member).proposals.applyChanges({ projectId: b.projectId, id: second.id }))).toBe('CONFLICT');
  });

  it('viewers cannot plan, outsiders get NOT_FOUND, a failed run says so on the stream', async () => {
    const b = await board();
    expect(await codeOf(callerFor(services, viewer).ai.planSprint({ projectId: b.projectId, sprintId: b.sprint.id }))).toBe('FORBIDDEN');
    expect(await codeOf(callerFor(services, outsider).ai.planSprint({ projectId: b.projectId, sprintId: b.sprint.id }))).toBe('NOT_FOUND');
    expect(await codeOf(callerFor(services, outsider).proposals.list({ projectId: b.projectId }))).toBe('NOT_FOUND');
    const other = await board();
    expect(await codeOf(callerFor(services, member).ai.planSprint({ projectId: b.projectId, sprintId: other.sprint.id }))).toBe('NOT_FOUND');
    const failed = await services.db.select().from(events).where(and(eq(events.projectId, b.projectId), eq(events.entityType, 'agent'), eq(events.action, 'failed')));
    expect(failed).toHaveLength(1);
    expect((await callerFor(services, viewer).proposals.list({ projectId: b.projectId })).items).toEqual([]);
  });
});
