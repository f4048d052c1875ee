import { and, eq, events, sprintItems, sprints, stories, type DbHandle } from '@devmentor/db';
import { createTestDb } from '@devmentor/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppError } from '../errors';
import { callerFor, createTestProject, createTestServices, createTestUser, type TestUser } from '../testing';
import type { AppServices } from '../trpc/context';
import { codeOf, errorOf, insertStory } from './testing/work-items';

describe('sprints', () => {
  let handle: DbHandle;
  let services: AppServices;
  let owner: TestUser, admin: TestUser, member: TestUser, viewer: TestUser, outsider: TestUser;
  let projectId: string;
  let otherProjectId: string;

  beforeAll(async () => {
    handle = await createTestDb();
    services = createTestServices(handle);
    [owner, admin, member, viewer, outsider] = await Promise.all(
      ['Olive Owner', 'Ada Admin', 'Max Member', 'Vic Viewer', 'Oscar Outsider'].map((name) => createTestUser(services, { name })),
    ) as [TestUser, TestUser, TestUser, TestUser, TestUser];
    const project = await createTestProject(services, owner, [
      { user: admin, role: 'admin' },
      { user: member, role: 'member' },
      { user: viewer, role: 'viewer' },
    ]);
    projectId = project.id;
    // The owner belongs to both projects: mixing their ids must still be NOT_FOUND.
    otherProjectId = (await createTestProject(services, owner, [], { keyPrefix: 'OT' })).id;
  });
  afterAll(async () => {
    await handle.close();
  });

  const api = (user: TestUser | null) => callerFor(services, user).sprints;
  const rowOf = async (id: string) => (await services.db.select().from(sprints).where(eq(sprints.id, id)))[0];

  describe('create and update', () => {
    it('creates a planning sprint with capacity per member and records the event', async () => {
      const sprint = await api(member).create({ projectId, name: 'Sprint 1', goal: 'Ship', startDate: '2026-01-05', endDate: '2026-01-16', capacity: { [member.id]: 8 } });
      expect(sprint).toMatchObject({ status: 'planning', name: 'Sprint 1', capacity: { [member.id]: 8 }, version: 1 });
      const [event] = await services.db.select().from(events).where(and(eq(events.entityId, sprint.id), eq(events.action, 'created')));
      expect(event).toMatchObject({ entityType: 'sprint', actorId: member.id, projectId });
    });

    it('rejects capacity for non-members, reversed dates, viewers and outsiders', async () => {
      expect(await codeOf(api(member).create({ projectId, name: 'X', capacity: { [outsider.id]: 5 } }))).toBe('BAD_REQUEST');
      expect(await codeOf(api(member).create({ projectId, name: 'X', startDate: '2026-02-10', endDate: '2026-02-01' }))).toBe('BAD_REQUEST');
      expect(await codeOf(api(viewer).create({ projectId, name: 'X' }))).toBe('FORBIDDEN');
      expect(await codeOf(api(outsider).create({ projectId, name: 'X' }))).toBe('NOT_FOUND');
      expect(await codeOf(api(null).create({ projectId, name: 'X' }))).toBe('UNAUTHORIZED');
    });

    it('updates with the version read; a stale version is CONFLICT with the current row', async () => {
      const sprint = await api(member).create({ projectId, name: 'Draft' });
      const updated = await api(member).update({ projectId, id: sprint.id, version: 1, name: 'Renamed', capacity: { [admin.id]: 5 } });
      expect(updated).toMatchObject({ name: 'Renamed', version: 2, capacity: { [admin.id]: 5 } });
      const error = await errorOf(api(member).update({ projectId, id: sprint.id, version: 1, name: 'Lost update' }));
      expect(error.code).toBe('CONFLICT');
      expect((error.cause as AppError).details?.current).toMatchObject({ name: 'Renamed', version: 2 });
      expect((await rowOf(sprint.id))?.name).toBe('Renamed');
    });

    it('answers NOT_FOUND for unknown ids and for another project’s sprint, leaving it unchanged', async () => {
      const foreign = await api(owner).create({ projectId: otherProjectId, name: 'Theirs' });
      expect(await codeOf(api(owner).update({ projectId, id: foreign.id, version: 1, name: 'Hijack' }))).toBe('NOT_FOUND');
      expect(await codeOf(api(owner).get({ projectId, id: foreign.id }))).toBe('NOT_FOUND');
      expect(await codeOf(api(owner).start({ projectId, id: foreign.id, version: 1 }))).toBe('NOT_FOUND');
      expect(await codeOf(api(owner).get({ projectId, id: '00000000-0000-4000-8000-000000000000' }))).toBe('NOT_FOUND');
      expect(await rowOf(foreign.id)).toMatchObject({ name: 'Theirs', version: 1, status: 'planning' });
    });

    it('lists newest first with a stable cursor', async () => {
      const listProject = (await createTestProject(services, owner)).id;
      for (const name of ['S1', 'S2', 'S3', 'S4', 'S5']) await api(owner).create({ projectId: listProject, name });
      const names: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await api(owner).list({ projectId: listProject, limit: 2, cursor });
        names.push(...page.items.map((sprint) => sprint.name));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(names).toEqual(['S5', 'S4', 'S3', 'S2', 'S1']);
      expect(await codeOf(api(owner).list({ projectId: listProject, cursor: 'garbage' }))).toBe('BAD_REQUEST');
    });
  });

  describe('planning stories', () => {
    it('adds stories (original estimate recorded), shows committed vs capacity per member, removes one', async () => {
      const sprint = await api(member).create({ projectId, name: 'Plan', capacity: { [member.id]: 5, [admin.id]: 10 } });
      const a = await insertStory(services, projectId, { estimate: 3, assigneeId: member.id });
      const b = await insertStory(services, projectId, { estimate: 5, assigneeId: member.id });
      const c = await insertStory(services, projectId, { estimate: 2 });
      expect(await api(member).addItems({ projectId, id: sprint.id, storyIds: [a.id, b.id, c.id] })).toEqual({ added: [a.id, b.id, c.id] });
      const items = await services.db.select().from(sprintItems).where(eq(sprintItems.sprintId, sprint.id));
      expect(items.map((item) => [item.storyId, item.originalEstimate]).sort()).toEqual([[a.id, 3], [b.id, 5], [c.id, 2]].sort());

      const detail = await api(viewer).get({ projectId, id: sprint.id });
      expect(detail.items.map((item) => item.key)).toEqual([`TP-${a.number}`, `TP-${b.number}`, `TP-${c.number}`]);
      expect(detail.members.find((m) => m.userId === member.id)).toMatchObject({ capacity: 5, committed: 8, overCapacity: true });
      expect(detail.members.find((m) => m.userId === admin.id)).toMatchObject({ capacity: 10, committed: 0, overCapacity: false });
      expect(detail.totals).toMatchObject({ capacity: 15, committed: 10, unassigned: 2 });

      await api(member).removeItem({ projectId, id: sprint.id, storyId: b.id });
      const [storyB] = await services.db.select().from(stories).where(eq(stories.id, b.id));
      expect(storyB?.sprintId).toBeNull();
      const [itemB] = await services.db.select().from(sprintItems).where(and(eq(sprintItems.sprintId, sprint.id), eq(sprintItems.storyId, b.id)));
      expect(itemB?.removedAt).toBeInstanceOf(Date);
      expect(await codeOf(api(member).removeItem({ projectId, id: sprint.id, storyId: b.id }))).toBe('NOT_FOUND');
      const history = await services.db.select().from(events).where(eq(events.entityId, b.id)).orderBy(events.id);
      expect(history.map((event) => event.diff)).toEqual([{ sprintId: { from: null, to: sprint.id } }, { sprintId: { from: sprint.id, to: null } }]);
    });

    it('refuses another project’s story (NOT_FOUND, nothing planned) and viewers', async () => {
      const sprint = await api(member).create({ projectId, name: 'Guarded' });
      const mine = await insertStory(services, projectId);
      const theirs = await insertStory(services, otherProjectId);
      expect(await codeOf(api(owner).addItems({ projectId, id: sprint.id, storyIds: [mine.id, theirs.id] }))).toBe('NOT_FOUND');
      const [after] = await services.db.select().from(stories).where(eq(stories.id, mine.id));
      expect(after?.sprintId).toBeNull();
      expect(await services.db.select().from(sprintItems).where(eq(sprintItems.sprintId, sprint.id))).toEqual([]);
      expect(await codeOf(api(viewer).addItems({ projectId, id: sprint.id, storyIds: [mine.id] }))).toBe('FORBIDDEN');
      const foreignSprint = await api(owner).create({ projectId: otherProjectId, name: 'Foreign' });
      expect(await codeOf(api(owner).addItems({ projectId, id: foreignSprint.id, storyIds: [mine.id] }))).toBe('NOT_FOUND');
    });
  });

  describe('start and complete', () => {
    it('lets only admins start, allows one active sprint per project, and checks the version', async () => {
      const startProject = (await createTestProject(services, owner, [{ user: admin, role: 'admin' }, { user: member, role: 'member' }])).id;
      const first = await api(member).create({ projectId: startProject, name: 'First' });
      const second = await api(member).create({ projectId: startProject, name: 'Second' });
      expect(await codeOf(api(member).start({ projectId: startProject, id: first.id, version: 1 }))).toBe('FORBIDDEN');
      expect(await codeOf(api(admin).start({ projectId: startProject, id: first.id, version: 9 }))).toBe('CONFLICT');
      const started = await api(admin).start({ projectId: startProject, id: first.id, version: 1 });
      expect(started).toMatchObject({ status: 'active', version: 2 });
      expect(started.startedAt).toBeInstanceOf(Date);
      const error = await errorOf(api(admin).start({ projectId: startProject, id: second.id, version: 1 }));
      expect(error.code).toBe('CONFLICT');
      expect((error.cause as AppError).details?.activeSprint).toMatchObject({ id: first.id });
      expect(await codeOf(api(admin).start({ projectId: startProject, id: first.id, version: 2 }))).toBe('CONFLICT');
      expect((await api(member).active({ projectId: startProject }))?.id).toBe(first.id);
      // The database enforces it too, whatever the code path.
      await expect(services.db.update(sprints).set({ status: 'active' }).where(eq(sprints.id, second.id))).rejects.toThrow();
      expect((await rowOf(second.id))?.status).toBe('planning');
    });

    it('lets exactly one of two concurrent starts win', async () => {
      const raceProject = (await createTestProject(services, owner)).id;
      const one = await api(owner).create({ projectId: raceProject, name: 'One' });
      const two = await api(owner).create({ projectId: raceProject, name: 'Two' });
      const results = await Promise.all([
        codeOf(api(owner).start({ projectId: raceProject, id: one.id, version: 1 })),
        codeOf(api(owner).start({ projectId: raceProject, id: two.id, version: 1 })),
      ]);
      expect(results.sort()).toEqual(['CONFLICT', 'OK']);
      const active = await services.db.select().from(sprints).where(and(eq(sprints.projectId, raceProject), eq(sprints.status, 'active')));
      expect(active).toHaveLength(1);
    });

    async function activeSprintWithStories(name: string) {
      const id = (await createTestProject(services, owner, [{ user: admin, role: 'admin' }])).id;
      const sprint = await api(admin).create({ projectId: id, name, capacity: { [admin.id]: 13 } });
      const done = await insertStory(services, id, { estimate: 3, status: 'done', completedAt: new Date('2026-01-10T10:00:00Z') });
      const open = await insertStory(services, id, { estimate: 5, status: 'in_progress' });
      await api(admin).addItems({ projectId: id, id: sprint.id, storyIds: [done.id, open.id] });
      await services.db.update(stories).set({ estimate: 8 }).where(eq(stories.id, open.id));
      const started = await api(admin).start({ projectId: id, id: sprint.id, version: 1 });
      return { projectId: id, sprint: started, done, open };
    }

    it('completes to the backlog: final estimates and completion recorded, unfinished stories leave the sprint', async () => {
      const { projectId: id, sprint, done, open } = await activeSprintWithStories('Sprint 4');
      expect(await codeOf(api(admin).complete({ projectId: id, id: sprint.id, version: 1, unfinished: 'backlog' }))).toBe('CONFLICT');
      const result = await api(admin).complete({ projectId: id, id: sprint.id, version: sprint.version, unfinished: 'backlog' });
      expect(result).toMatchObject({ nextSprint: null, completedStoryIds: [done.id], carriedOverStoryIds: [open.id], completedPoints: 3 });
      expect(result.sprint).toMatchObject({ status: 'completed' });
      const items = await services.db.select().from(sprintItems).where(eq(sprintItems.sprintId, sprint.id));
      const byStory = new Map(items.map((item) => [item.storyId, item]));
      expect(byStory.get(done.id)).toMatchObject({ originalEstimate: 3, finalEstimate: 3, completedAt: new Date('2026-01-10T10:00:00Z') });
      expect(byStory.get(open.id)).toMatchObject({ originalEstimate: 5, finalEstimate: 8, completedAt: null });
      const after = await services.db.select().from(stories).where(eq(stories.projectId, id));
      expect(after.find((story) => story.id === open.id)).toMatchObject({ sprintId: null, status: 'in_progress' });
      expect(after.find((story) => story.id === done.id)?.sprintId).toBe(sprint.id);
      const detail = await api(admin).get({ projectId: id, id: sprint.id });
      expect(detail.items.map((item) => item.id).sort()).toEqual([done.id, open.id].sort());
      expect(await api(admin).active({ projectId: id })).toBeNull();
      expect(await codeOf(api(admin).complete({ projectId: id, id: sprint.id, version: result.sprint.version, unfinished: 'backlog' }))).toBe('CONFLICT');
      expect(await codeOf(api(admin).update({ projectId: id, id: sprint.id, version: result.sprint.version, name: 'Rewrite history' }))).toBe('CONFLICT');
    });

    it('completes into a new next sprint that inherits the capacity', async () => {
      const { projectId: id, sprint, open } = await activeSprintWithStories('Sprint 7');
      const result = await api(admin).complete({ projectId: id, id: sprint.id, version: sprint.version, unfinished: 'next_sprint' });
      expect(result.nextSprint).toMatchObject({ name: 'Sprint 8', status: 'planning', capacity: { [admin.id]: 13 } });
      const [moved] = await services.db.select().from(stories).where(eq(stories.id, open.id));
      expect(moved?.sprintId).toBe(result.nextSprint?.id);
      const [carried] = await services.db.select().from(sprintItems).where(and(eq(sprintItems.sprintId, result.nextSprint!.id), eq(sprintItems.storyId, open.id)));
      expect(carried).toMatchObject({ originalEstimate: 8, finalEstimate: null, removedAt: null });
      const sprintEvents = await services.db.select().from(events).where(and(eq(events.projectId, id), eq(events.entityType, 'sprint'))).orderBy(events.id);
      expect(sprintEvents.map((event) => event.action)).toEqual(['created', 'added', 'started', 'created', 'completed']);
    });

    it('completes into a named planning sprint; another project’s sprint is NOT_FOUND and changes nothing', async () => {
      const { projectId: id, sprint, open } = await activeSprintWithStories('Alpha');
      const foreign = await api(owner).create({ projectId: otherProjectId, name: 'Foreign next' });
      expect(await codeOf(api(owner).complete({ projectId: id, id: sprint.id, version: sprint.version, unfinished: 'next_sprint', nextSprintId: foreign.id }))).toBe('NOT_FOUND');
      expect((await rowOf(sprint.id))?.status).toBe('active');
      expect(await codeOf(api(owner).complete({ projectId: id, id: sprint.id, version: sprint.version, unfinished: 'next_sprint', nextSprintId: sprint.id }))).toBe('CONFLICT');
      expect(await codeOf(api(owner).complete({ projectId: id, id: sprint.id, version: sprint.version, unfinished: 'backlog', nextSprintId: foreign.id }))).toBe('BAD_REQUEST');
      const named = await api(owner).create({ projectId: id, name: 'Beta' });
      const result = await api(owner).complete({ projectId: id, id: sprint.id, version: sprint.version, unfinished: 'next_sprint', nextSprintId: named.id });
      expect(result.nextSprint?.id).toBe(named.id);
      const [moved] = await services.db.select().from(stories).where(eq(stories.id, open.id));
      expect(moved?.sprintId).toBe(named.id);
      expect(await codeOf(api(owner).complete({ projectId: id, id: named.id, version: 1, unfinished: 'backlog' }))).toBe('CONFLICT');
    });
  });
});
