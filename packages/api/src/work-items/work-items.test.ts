import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, createWorkItemsWorld, detailsOf, type WorkItemsWorld } from './test-setup';

const UNKNOWN = '00000000-0000-4000-8000-000000000000';

describe('work items CRUD', () => {
  let w: WorkItemsWorld;
  beforeAll(async () => {
    w = await createWorkItemsWorld();
  });
  afterAll(async () => {
    await w.handle.close();
  });

  it('creates epics, stories and tasks with one per-project sequence, keys and end-of-column positions', async () => {
    const api = w.as(w.member);
    const epic = await api.epics.create({ projectId: w.projectId, title: 'Onboarding', color: '#ff0000' });
    const story = await api.stories.create({
      projectId: w.projectId,
      title: 'Sign up',
      epicId: epic.id,
      priority: 'high',
      estimate: 5,
      confidence: 80,
      assigneeId: w.member.id,
      acceptanceCriteria: [{ text: 'email works', done: false }],
    });
    const second = await api.stories.create({ projectId: w.projectId, title: 'Sign in' });
    const task = await api.tasks.create({ projectId: w.projectId, title: 'Form', storyId: story.id, estimate: 2 });
    const subtask = await api.tasks.create({ projectId: w.projectId, title: 'Validation', parentTaskId: task.id });

    expect([epic.number, story.number, second.number, task.number, subtask.number]).toEqual([1, 2, 3, 4, 5]);
    expect(story.key).toBe('DM-2');
    expect(story).toMatchObject({ kind: 'story', status: 'backlog', epicId: epic.id, priority: 'high', estimate: 5, confidence: 80, version: 1 });
    expect(second.position > story.position).toBe(true);
    expect(subtask.storyId).toBe(story.id);
    expect(epic.status).toBe('open');
    expect(task.status).toBe('todo');
  });

  it('accepts an initial status and stamps completedAt for done', async () => {
    const api = w.as(w.member);
    const done = await api.stories.create({ projectId: w.projectId, title: 'Already shipped', status: 'done' });
    expect(done.status).toBe('done');
    expect(done.completedAt).toBeInstanceOf(Date);
    const review = await api.tasks.create({ projectId: w.projectId, title: 'Check', status: 'in_progress' });
    expect(review.completedAt).toBeNull();
  });

  it('numbers concurrent creates without gaps or duplicates', async () => {
    const api = w.as(w.member);
    const created = await Promise.all(Array.from({ length: 8 }, (_, index) => api.tasks.create({ projectId: w.projectId, title: `Parallel ${index}` })));
    const numbers = created.map((task) => task.number).sort((a, b) => a - b);
    expect(new Set(numbers).size).toBe(8);
    expect(numbers.at(-1)! - numbers[0]!).toBe(7);
    expect(new Set(created.map((task) => task.position)).size).toBe(8);
  });

  it('rejects references outside the project', async () => {
    const api = w.as(w.member);
    const foreignEpic = await w.as(w.outsider).epics.create({ projectId: w.otherProjectId, title: 'Theirs' });
    expect(await codeOf(api.stories.create({ projectId: w.projectId, title: 'x', epicId: foreignEpic.id }))).toBe('NOT_FOUND');
    expect(await codeOf(api.stories.create({ projectId: w.projectId, title: 'x', assigneeId: w.outsider.id }))).toBe('BAD_REQUEST');
    expect(await codeOf(api.tasks.create({ projectId: w.projectId, title: 'x', storyId: UNKNOWN }))).toBe('NOT_FOUND');
    const parent = await api.tasks.create({ projectId: w.projectId, title: 'parent' });
    const child = await api.tasks.create({ projectId: w.projectId, title: 'child', parentTaskId: parent.id });
    expect(await codeOf(api.tasks.create({ projectId: w.projectId, title: 'grandchild', parentTaskId: child.id }))).toBe('BAD_REQUEST');
  });

  it('validates input bounds', async () => {
    const api = w.as(w.member);
    expect(await codeOf(api.stories.create({ projectId: w.projectId, title: '' }))).toBe('BAD_REQUEST');
    expect(await codeOf(api.stories.create({ projectId: w.projectId, title: 'x', confidence: 101 }))).toBe('BAD_REQUEST');
    expect(await codeOf(api.epics.create({ projectId: w.projectId, title: 'x', color: 'red' }))).toBe('BAD_REQUEST');
  });

  it('gets an item; unknown ids and other projects’ ids are NOT_FOUND', async () => {
    const mine = await w.as(w.member).stories.create({ projectId: w.projectId, title: 'Visible' });
    const theirs = await w.as(w.outsider).stories.create({ projectId: w.otherProjectId, title: 'Hidden' });
    expect((await w.as(w.viewer).stories.get({ projectId: w.projectId, id: mine.id })).title).toBe('Visible');
    expect(await codeOf(w.as(w.member).stories.get({ projectId: w.projectId, id: UNKNOWN }))).toBe('NOT_FOUND');
    expect(await codeOf(w.as(w.member).stories.get({ projectId: w.projectId, id: theirs.id }))).toBe('NOT_FOUND');
    expect(await codeOf(w.as(w.outsider).stories.get({ projectId: w.projectId, id: mine.id }))).toBe('NOT_FOUND');
    // A story id asked for as a task is just as unknown.
    expect(await codeOf(w.as(w.member).tasks.get({ projectId: w.projectId, id: mine.id }))).toBe('NOT_FOUND');
  });

  it('updates fields with the version read; stale versions are CONFLICT with the current row', async () => {
    const api = w.as(w.member);
    const story = await api.stories.create({ projectId: w.projectId, title: 'Draft' });
    const updated = await api.stories.update({
      projectId: w.projectId,
      id: story.id,
      version: story.version,
      title: 'Final',
      acceptanceCriteria: [{ text: 'a', done: true }],
      estimate: 3,
    });
    expect(updated).toMatchObject({ title: 'Final', estimate: 3, version: 2 });
    const stale = api.stories.update({ projectId: w.projectId, id: story.id, version: 1, title: 'Overwrite' });
    expect(await codeOf(stale)).toBe('CONFLICT');
    const details = await detailsOf(api.stories.update({ projectId: w.projectId, id: story.id, version: 1, title: 'Overwrite' }));
    expect(details.current).toMatchObject({ id: story.id, title: 'Final', version: 2 });
    expect((await api.stories.get({ projectId: w.projectId, id: story.id })).title).toBe('Final');
  });

  it('writes the event in the same transaction and publishes it after commit', async () => {
    const api = w.as(w.member);
    const received: { entityType: string; action: string }[] = [];
    const unsubscribe = await w.services.bus.subscribe(`project:${w.projectId}`, (event) => {
      received.push(event as { entityType: string; action: string });
    });
    const epic = await api.epics.create({ projectId: w.projectId, title: 'Evented' });
    await api.epics.update({ projectId: w.projectId, id: epic.id, version: 1, title: 'Evented!' });
    await unsubscribe();
    expect(received.map((event) => `${event.entityType}.${event.action}`)).toEqual(['epic.created', 'epic.updated']);
  });

  describe.each(['epics', 'stories', 'tasks'] as const)('%s authorization', (router) => {
    it('lets viewers read but not write, outsiders see nothing, and leaves the row unchanged', async () => {
      const item = await w.as(w.member)[router].create({ projectId: w.projectId, title: 'Guarded' });
      const viewer = w.as(w.viewer)[router];
      const outsider = w.as(w.outsider)[router];
      expect(await codeOf(viewer.get({ projectId: w.projectId, id: item.id }))).toBe('OK');
      expect(await codeOf(viewer.list({ projectId: w.projectId }))).toBe('OK');
      expect(await codeOf(viewer.create({ projectId: w.projectId, title: 'nope' }))).toBe('FORBIDDEN');
      expect(await codeOf(viewer.update({ projectId: w.projectId, id: item.id, version: 1, title: 'nope' }))).toBe('FORBIDDEN');
      expect(await codeOf(viewer.move({ projectId: w.projectId, id: item.id, version: 1 }))).toBe('FORBIDDEN');
      expect(await codeOf(viewer.delete({ projectId: w.projectId, id: item.id }))).toBe('FORBIDDEN');
      expect(await codeOf(viewer.restore({ projectId: w.projectId, id: item.id }))).toBe('FORBIDDEN');
      expect(await codeOf(outsider.get({ projectId: w.projectId, id: item.id }))).toBe('NOT_FOUND');
      expect(await codeOf(outsider.update({ projectId: w.projectId, id: item.id, version: 1, title: 'nope' }))).toBe('NOT_FOUND');
      // The outsider naming their own project with our id: still NOT_FOUND.
      expect(await codeOf(outsider.update({ projectId: w.otherProjectId, id: item.id, version: 1, title: 'nope' }))).toBe('NOT_FOUND');
      expect(await codeOf(outsider.move({ projectId: w.otherProjectId, id: item.id, version: 1, status: 'done' }))).toBe('NOT_FOUND');
      expect(await codeOf(outsider.delete({ projectId: w.otherProjectId, id: item.id }))).toBe('NOT_FOUND');
      expect(await codeOf(outsider.restore({ projectId: w.otherProjectId, id: item.id }))).toBe('NOT_FOUND');
      const after = await w.as(w.member)[router].get({ projectId: w.projectId, id: item.id });
      expect(after).toMatchObject({ title: 'Guarded', version: 1, status: item.status, position: item.position, deletedAt: null });
    });

    it('answers NOT_FOUND for unknown ids on every write', async () => {
      const api = w.as(w.member)[router];
      expect(await codeOf(api.update({ projectId: w.projectId, id: UNKNOWN, version: 1, title: 'x' }))).toBe('NOT_FOUND');
      expect(await codeOf(api.move({ projectId: w.projectId, id: UNKNOWN, version: 1 }))).toBe('NOT_FOUND');
      expect(await codeOf(api.delete({ projectId: w.projectId, id: UNKNOWN }))).toBe('NOT_FOUND');
      expect(await codeOf(api.restore({ projectId: w.projectId, id: UNKNOWN }))).toBe('NOT_FOUND');
    });
  });
});
