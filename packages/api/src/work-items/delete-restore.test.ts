import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, createWorkItemsWorld, type WorkItemsWorld } from './test-setup';

describe('soft delete and restore', () => {
  let w: WorkItemsWorld;
  beforeAll(async () => {
    w = await createWorkItemsWorld();
  });
  afterAll(async () => {
    await w.handle.close();
  });

  it('deleting a story takes its live tasks; restore brings back exactly those', async () => {
    const api = w.as(w.member);
    const story = await api.stories.create({ projectId: w.projectId, title: 'Parent story' });
    const kept = await api.tasks.create({ projectId: w.projectId, title: 'Kept', storyId: story.id });
    const sub = await api.tasks.create({ projectId: w.projectId, title: 'Sub', parentTaskId: kept.id });
    const earlier = await api.tasks.create({ projectId: w.projectId, title: 'Deleted earlier', storyId: story.id });
    await api.tasks.delete({ projectId: w.projectId, id: earlier.id });

    const deleted = await api.stories.delete({ projectId: w.projectId, id: story.id, version: story.version });
    expect(deleted.deletedAt).toBeInstanceOf(Date);
    expect(await codeOf(api.stories.get({ projectId: w.projectId, id: story.id }))).toBe('NOT_FOUND');
    expect(await codeOf(api.tasks.get({ projectId: w.projectId, id: kept.id }))).toBe('NOT_FOUND');
    expect((await api.tasks.list({ projectId: w.projectId, storyId: story.id })).items).toHaveLength(0);
    const all = await api.tasks.list({ projectId: w.projectId, storyId: story.id, includeDeleted: true });
    const stamps = new Set(all.items.filter((task) => task.id !== earlier.id).map((task) => task.deletedAt?.getTime()));
    expect(stamps).toEqual(new Set([deleted.deletedAt!.getTime()]));
    // Editing or moving a deleted item is NOT_FOUND.
    expect(await codeOf(api.stories.update({ projectId: w.projectId, id: story.id, version: deleted.version, title: 'x' }))).toBe('NOT_FOUND');
    expect(await codeOf(api.stories.delete({ projectId: w.projectId, id: story.id }))).toBe('NOT_FOUND');
    // A task cannot come back while its story is deleted.
    expect(await codeOf(api.tasks.restore({ projectId: w.projectId, id: kept.id }))).toBe('PRECONDITION_FAILED');

    const restored = await api.stories.restore({ projectId: w.projectId, id: story.id });
    expect(restored).toMatchObject({ deletedAt: null, position: story.position });
    const back = (await api.tasks.list({ projectId: w.projectId, storyId: story.id })).items.map((task) => task.title).sort();
    expect(back).toEqual(['Kept', 'Sub']);
    expect(await codeOf(api.tasks.get({ projectId: w.projectId, id: sub.id }))).toBe('OK');
    expect(await codeOf(api.tasks.get({ projectId: w.projectId, id: earlier.id }))).toBe('NOT_FOUND');
    // Restoring a live item is NOT_FOUND (there is no deleted item with that id).
    expect(await codeOf(api.stories.restore({ projectId: w.projectId, id: story.id }))).toBe('NOT_FOUND');
  });

  it('deleting a parent task takes its subtasks along', async () => {
    const api = w.as(w.member);
    const parent = await api.tasks.create({ projectId: w.projectId, title: 'Parent task' });
    const child = await api.tasks.create({ projectId: w.projectId, title: 'Child task', parentTaskId: parent.id });
    await api.tasks.delete({ projectId: w.projectId, id: parent.id });
    expect(await codeOf(api.tasks.get({ projectId: w.projectId, id: child.id }))).toBe('NOT_FOUND');
    expect(await codeOf(api.tasks.restore({ projectId: w.projectId, id: child.id }))).toBe('PRECONDITION_FAILED');
    await api.tasks.restore({ projectId: w.projectId, id: parent.id });
    expect(await codeOf(api.tasks.get({ projectId: w.projectId, id: child.id }))).toBe('OK');
  });

  it('deleting an epic keeps its stories, shown without the epic until it is restored', async () => {
    const api = w.as(w.member);
    const epic = await api.epics.create({ projectId: w.projectId, title: 'Doomed epic' });
    const story = await api.stories.create({ projectId: w.projectId, title: 'Survivor', epicId: epic.id });
    await api.epics.delete({ projectId: w.projectId, id: epic.id });
    expect((await api.stories.get({ projectId: w.projectId, id: story.id })).epicId).toBe(epic.id);
    const board = await api.board.get({ projectId: w.projectId });
    expect(board.columns[0]!.stories.find((s) => s.id === story.id)?.epicId).toBe(epic.id);
    expect(board.epics.find((e) => e.id === epic.id)).toBeUndefined();
    // No new stories go into a deleted epic.
    expect(await codeOf(api.stories.create({ projectId: w.projectId, title: 'x', epicId: epic.id }))).toBe('NOT_FOUND');
    await api.epics.restore({ projectId: w.projectId, id: epic.id });
    const again = await api.board.get({ projectId: w.projectId });
    expect(again.epics.find((e) => e.id === epic.id)).toMatchObject({ title: 'Doomed epic' });
  });

  it('checks the version when one is given, and moves a restored item whose slot was taken to the end', async () => {
    const api = w.as(w.member);
    const story = await api.stories.create({ projectId: w.projectId, title: 'Slot', status: 'review' });
    expect(await codeOf(api.stories.delete({ projectId: w.projectId, id: story.id, version: 7 }))).toBe('CONFLICT');
    await api.stories.delete({ projectId: w.projectId, id: story.id });
    const taker = await api.stories.create({ projectId: w.projectId, title: 'Taker', status: 'review' });
    expect(taker.position).toBe(story.position);
    const restored = await api.stories.restore({ projectId: w.projectId, id: story.id });
    expect(restored.position > taker.position).toBe(true);
  });

  it('records deleted and restored events with the cascaded children', async () => {
    const api = w.as(w.member);
    const story = await api.stories.create({ projectId: w.projectId, title: 'Evented delete' });
    const task = await api.tasks.create({ projectId: w.projectId, title: 'Evented task', storyId: story.id });
    const received: { action: string; diff: Record<string, unknown> }[] = [];
    const unsubscribe = await w.services.bus.subscribe(`project:${w.projectId}`, (event) => void received.push(event as never));
    await api.stories.delete({ projectId: w.projectId, id: story.id });
    await api.stories.restore({ projectId: w.projectId, id: story.id });
    await unsubscribe();
    expect(received.map((event) => event.action)).toEqual(['deleted', 'restored']);
    expect(received[0]!.diff.cascaded).toEqual([task.id]);
    expect(received[1]!.diff.restored).toEqual([task.id]);
  });
});
