import { dependencies, eq, tasks } from '@devmentor/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, createWorkItemsWorld, detailsOf, type WorkItemsWorld } from './test-setup';

describe('moving work items', () => {
  let w: WorkItemsWorld;
  beforeAll(async () => {
    w = await createWorkItemsWorld();
  });
  afterAll(async () => {
    await w.handle.close();
  });

  const story = (title: string, extra: Record<string, unknown> = {}) => w.as(w.member).stories.create({ projectId: w.projectId, title, ...extra });
  const column = async (status: 'backlog' | 'ready' | 'in_progress' | 'review' | 'done') =>
    (await w.as(w.member).stories.list({ projectId: w.projectId, status: [status], limit: 100, sort: 'position:asc' })).items.map((item) => item.title);

  it('changes status, appends to the end of the target column and maintains completedAt', async () => {
    const api = w.as(w.member);
    const a = await story('A');
    const b = await story('B');
    const movedB = await api.stories.move({ projectId: w.projectId, id: b.id, version: 1, status: 'done' });
    const movedA = await api.stories.move({ projectId: w.projectId, id: a.id, version: 1, status: 'done' });
    expect(movedB).toMatchObject({ status: 'done', version: 2 });
    expect(movedB.completedAt).toBeInstanceOf(Date);
    expect(movedA.position > movedB.position).toBe(true);
    const reopened = await api.stories.move({ projectId: w.projectId, id: a.id, version: 2, status: 'review' });
    expect(reopened.completedAt).toBeNull();
  });

  it('places an item between neighbours by writing only its own row', async () => {
    const api = w.as(w.member);
    const [x, y, z] = [await story('X', { status: 'ready' }), await story('Y', { status: 'ready' }), await story('Z', { status: 'ready' })];
    expect(await column('ready')).toEqual(['X', 'Y', 'Z']);
    await api.stories.move({ projectId: w.projectId, id: z!.id, version: 1, afterId: x!.id, beforeId: y!.id });
    expect(await column('ready')).toEqual(['X', 'Z', 'Y']);
    await api.stories.move({ projectId: w.projectId, id: x!.id, version: 1, afterId: y!.id });
    expect(await column('ready')).toEqual(['Z', 'Y', 'X']);
    await api.stories.move({ projectId: w.projectId, id: x!.id, version: 2, beforeId: z!.id });
    expect(await column('ready')).toEqual(['X', 'Z', 'Y']);
    // Untouched rows keep their version: a move writes one row.
    expect((await api.stories.get({ projectId: w.projectId, id: y!.id })).version).toBe(1);
    // Status and position in one call.
    const w1 = await story('W');
    await api.stories.move({ projectId: w.projectId, id: w1.id, version: 1, status: 'ready', afterId: x!.id });
    expect(await column('ready')).toEqual(['X', 'W', 'Z', 'Y']);
  });

  it('rejects neighbours from another column, another project or the item itself', async () => {
    const api = w.as(w.member);
    const a = await story('N1', { status: 'review' });
    const b = await story('N2', { status: 'backlog' });
    const foreign = await w.as(w.outsider).stories.create({ projectId: w.otherProjectId, title: 'F', status: 'review' });
    expect(await codeOf(api.stories.move({ projectId: w.projectId, id: a.id, version: 1, afterId: b.id }))).toBe('BAD_REQUEST');
    expect(await codeOf(api.stories.move({ projectId: w.projectId, id: a.id, version: 1, afterId: foreign.id }))).toBe('NOT_FOUND');
    expect(await codeOf(api.stories.move({ projectId: w.projectId, id: a.id, version: 1, beforeId: a.id }))).toBe('BAD_REQUEST');
    expect((await api.stories.get({ projectId: w.projectId, id: a.id })).version).toBe(1);
  });

  it('moves a story to another epic (same project only) and a task to another story', async () => {
    const api = w.as(w.member);
    const epic = await api.epics.create({ projectId: w.projectId, title: 'E' });
    const foreignEpic = await w.as(w.outsider).epics.create({ projectId: w.otherProjectId, title: 'FE' });
    const s = await story('Parented');
    const moved = await api.stories.move({ projectId: w.projectId, id: s.id, version: 1, epicId: epic.id });
    expect(moved).toMatchObject({ epicId: epic.id, status: 'backlog', position: s.position });
    expect(await codeOf(api.stories.move({ projectId: w.projectId, id: s.id, version: 2, epicId: foreignEpic.id }))).toBe('NOT_FOUND');
    const detached = await api.stories.move({ projectId: w.projectId, id: s.id, version: 2, epicId: null });
    expect(detached.epicId).toBeNull();

    const other = await story('Other');
    const parent = await api.tasks.create({ projectId: w.projectId, title: 'Parent', storyId: s.id });
    const child = await api.tasks.create({ projectId: w.projectId, title: 'Child', parentTaskId: parent.id });
    await api.tasks.move({ projectId: w.projectId, id: parent.id, version: 1, storyId: other.id });
    expect((await api.tasks.get({ projectId: w.projectId, id: child.id })).storyId).toBe(other.id);
    expect(await codeOf(api.tasks.move({ projectId: w.projectId, id: child.id, version: 2, storyId: s.id }))).toBe('BAD_REQUEST');
  });

  it('rejects stale versions with the current row', async () => {
    const api = w.as(w.member);
    const s = await story('Stale');
    await api.stories.move({ projectId: w.projectId, id: s.id, version: 1, status: 'ready' });
    const details = await detailsOf(api.stories.move({ projectId: w.projectId, id: s.id, version: 1, status: 'review' }));
    expect(details.current).toMatchObject({ id: s.id, status: 'ready', version: 2 });
    expect(await codeOf(api.stories.move({ projectId: w.projectId, id: s.id, version: 1, status: 'review' }))).toBe('CONFLICT');
  });

  it('lets exactly one of two concurrent moves from the same version win', async () => {
    const api = w.as(w.member);
    for (let round = 0; round < 3; round += 1) {
      const s = await story(`Race ${round}`);
      const results = await Promise.allSettled([
        api.stories.move({ projectId: w.projectId, id: s.id, version: 1, status: 'ready' }),
        api.stories.move({ projectId: w.projectId, id: s.id, version: 1, status: 'in_progress' }),
      ]);
      const codes = await Promise.all(results.map((result) => codeOf(result.status === 'fulfilled' ? Promise.resolve() : Promise.reject(result.reason))));
      expect(codes.sort()).toEqual(['CONFLICT', 'OK']);
      const winner = results.find((result) => result.status === 'fulfilled') as PromiseFulfilledResult<{ status: string }>;
      const stored = await api.stories.get({ projectId: w.projectId, id: s.id });
      expect(stored).toMatchObject({ version: 2, status: winner.value.status });
    }
  });

  it('records one moved event with the changed fields', async () => {
    const api = w.as(w.member);
    const s = await story('Evented');
    const received: { action: string; entityId: string; diff: Record<string, unknown> }[] = [];
    const unsubscribe = await w.services.bus.subscribe(`project:${w.projectId}`, (event) => void received.push(event as never));
    await api.stories.move({ projectId: w.projectId, id: s.id, version: 1, status: 'ready' });
    await unsubscribe();
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ action: 'moved', entityId: s.id, diff: { status: { from: 'backlog', to: 'ready' } } });
  });

  describe('workflow rules', () => {
    it('does not let blocked work start while the blocker is unfinished', async () => {
      const api = w.as(w.member);
      const blocker = await story('Blocker');
      const blocked = await story('Blocked');
      const requirer = await api.tasks.create({ projectId: w.projectId, title: 'Requires blocker' });
      await w.services.db.insert(dependencies).values([
        { projectId: w.projectId, sourceType: 'story', sourceId: blocker.id, targetType: 'story', targetId: blocked.id, type: 'blocks' },
        { projectId: w.projectId, sourceType: 'task', sourceId: requirer.id, targetType: 'story', targetId: blocker.id, type: 'requires' },
      ]);
      // Between not-started statuses is fine.
      await api.stories.move({ projectId: w.projectId, id: blocked.id, version: 1, status: 'ready' });
      const attempt = api.stories.move({ projectId: w.projectId, id: blocked.id, version: 2, status: 'in_progress' });
      expect(await codeOf(attempt)).toBe('PRECONDITION_FAILED');
      expect(await detailsOf(api.stories.move({ projectId: w.projectId, id: blocked.id, version: 2, status: 'done' }))).toMatchObject({
        reason: 'blocked',
        itemIds: [blocker.id],
      });
      expect(await codeOf(api.tasks.move({ projectId: w.projectId, id: requirer.id, version: 1, status: 'in_progress' }))).toBe('PRECONDITION_FAILED');

      await api.stories.move({ projectId: w.projectId, id: blocker.id, version: 1, status: 'done' });
      expect(await codeOf(api.stories.move({ projectId: w.projectId, id: blocked.id, version: 2, status: 'in_progress' }))).toBe('OK');
      expect(await codeOf(api.tasks.move({ projectId: w.projectId, id: requirer.id, version: 1, status: 'in_progress' }))).toBe('OK');
    });

    it('does not count deleted blockers', async () => {
      const api = w.as(w.member);
      const blocker = await story('Deleted blocker');
      const blocked = await story('Freed');
      await w.services.db.insert(dependencies).values({ projectId: w.projectId, sourceType: 'story', sourceId: blocker.id, targetType: 'story', targetId: blocked.id, type: 'blocks' });
      await api.stories.delete({ projectId: w.projectId, id: blocker.id });
      expect(await codeOf(api.stories.move({ projectId: w.projectId, id: blocked.id, version: 1, status: 'in_progress' }))).toBe('OK');
    });

    it('does not let an epic, story or parent task be done before its parts', async () => {
      const api = w.as(w.member);
      const epic = await api.epics.create({ projectId: w.projectId, title: 'Whole' });
      const part = await story('Part', { epicId: epic.id });
      const task = await api.tasks.create({ projectId: w.projectId, title: 'Piece', storyId: part.id });
      const subtask = await api.tasks.create({ projectId: w.projectId, title: 'Bit', parentTaskId: task.id });

      expect(await detailsOf(api.epics.move({ projectId: w.projectId, id: epic.id, version: 1, status: 'done' }))).toMatchObject({ reason: 'open_children', itemIds: [part.id] });
      expect(await codeOf(api.stories.move({ projectId: w.projectId, id: part.id, version: 1, status: 'done' }))).toBe('PRECONDITION_FAILED');
      expect(await codeOf(api.tasks.move({ projectId: w.projectId, id: task.id, version: 1, status: 'done' }))).toBe('PRECONDITION_FAILED');

      await api.tasks.move({ projectId: w.projectId, id: subtask.id, version: 1, status: 'done' });
      await api.tasks.move({ projectId: w.projectId, id: task.id, version: 1, status: 'done' });
      await api.stories.move({ projectId: w.projectId, id: part.id, version: 1, status: 'done' });
      const done = await api.epics.move({ projectId: w.projectId, id: epic.id, version: 1, status: 'done' });
      expect(done.completedAt).toBeInstanceOf(Date);
      expect((await w.services.db.select().from(tasks).where(eq(tasks.id, task.id)))[0]?.completedAt).toBeInstanceOf(Date);
    });
  });
});
