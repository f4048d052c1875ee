import { sprints, stories, eq } from '@devmentor/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, createWorkItemsWorld, type WorkItemsWorld } from '../work-items/test-setup';
import { getBoard } from './get-board';
import { countingDb } from '../testing';

describe('board.get', () => {
  let w: WorkItemsWorld;
  let epicId: string;
  beforeAll(async () => {
    w = await createWorkItemsWorld();
    const api = w.as(w.member);
    epicId = (await api.epics.create({ projectId: w.projectId, title: 'Payments', color: '#00aa00' })).id;
    const a = await api.stories.create({ projectId: w.projectId, title: 'Card form', estimate: 3, epicId, assigneeId: w.member.id, labels: ['ui'] });
    await api.stories.create({ projectId: w.projectId, title: 'Refunds', estimate: 5, acceptanceCriteria: [{ text: 'partial', done: true }, { text: 'full', done: false }] });
    await api.stories.create({ projectId: w.projectId, title: 'Receipts', status: 'in_progress', estimate: 2, assigneeId: w.owner.id });
    await api.stories.create({ projectId: w.projectId, title: 'Shipped', status: 'done' });
    const gone = await api.stories.create({ projectId: w.projectId, title: 'Gone', estimate: 100 });
    await api.stories.delete({ projectId: w.projectId, id: gone.id });
    await api.tasks.create({ projectId: w.projectId, title: 't1', storyId: a.id });
    await api.tasks.create({ projectId: w.projectId, title: 't2', storyId: a.id, status: 'done' });
    const deletedTask = await api.tasks.create({ projectId: w.projectId, title: 't3', storyId: a.id });
    await api.tasks.delete({ projectId: w.projectId, id: deletedTask.id });
    await w.as(w.outsider).stories.create({ projectId: w.otherProjectId, title: 'Not ours', estimate: 8 });
  });
  afterAll(async () => {
    await w.handle.close();
  });

  it('returns every story column in order with cards, assignees, epics, task counts and totals', async () => {
    const board = await w.as(w.viewer).board.get({ projectId: w.projectId });
    expect(board.columns.map((column) => column.status)).toEqual(['backlog', 'ready', 'in_progress', 'review', 'done']);
    expect(board.columns.map((column) => column.count)).toEqual([2, 0, 1, 0, 1]);
    expect(board.columns.map((column) => column.points)).toEqual([8, 0, 2, 0, 0]);
    expect(board.totals).toEqual({ count: 4, points: 10 });
    const [card, refunds] = board.columns[0]!.stories;
    expect(card).toMatchObject({ title: 'Card form', key: 'DM-2', assigneeId: w.member.id, epicId, tasks: { total: 2, done: 1 }, criteria: { total: 0, done: 0 } });
    expect(refunds).toMatchObject({ title: 'Refunds', assigneeId: null, epicId: null, tasks: { total: 0, done: 0 }, criteria: { total: 2, done: 1 } });
    expect(board.columns[2]!.stories[0]!.assigneeId).toBe(w.owner.id);
    // Each assignee and epic once, however many cards name them.
    expect(board.assignees.sort((a, b) => a.name.localeCompare(b.name))).toEqual([
      { id: w.member.id, name: 'Member', avatarUrl: null },
      { id: w.owner.id, name: 'Owner', avatarUrl: null },
    ]);
    expect(board.epics).toEqual([{ id: epicId, title: 'Payments', color: '#00aa00' }]);
  });

  it('filters by assignee, epic, label, text and sprint', async () => {
    const api = w.as(w.viewer);
    const titles = async (filter: Record<string, string>) =>
      (await api.board.get({ projectId: w.projectId, ...filter })).columns.flatMap((column) => column.stories.map((story) => story.title));
    expect(await titles({ assigneeId: w.owner.id })).toEqual(['Receipts']);
    expect(await titles({ epicId })).toEqual(['Card form']);
    expect(await titles({ label: 'ui' })).toEqual(['Card form']);
    expect(await titles({ q: 'REF' })).toEqual(['Refunds']);
    const [sprint] = await w.services.db.insert(sprints).values({ projectId: w.projectId, name: 'Sprint 1' }).returning();
    await w.services.db.update(stories).set({ sprintId: sprint!.id }).where(eq(stories.title, 'Receipts'));
    expect(await titles({ sprintId: sprint!.id })).toEqual(['Receipts']);
    const inSprint = await w.as(w.viewer).stories.list({ projectId: w.projectId, sprintId: sprint!.id });
    expect(inSprint.items.map((story) => story.title)).toEqual(['Receipts']);
  });

  it('runs a fixed number of queries whatever the number of stories (no N+1)', async () => {
    const { db, counter } = countingDb(w.services.db);
    await getBoard({ ctx: { db }, input: { projectId: w.projectId } });
    const small = counter.statements;
    const api = w.as(w.member);
    for (let index = 0; index < 15; index += 1) {
      const story = await api.stories.create({ projectId: w.projectId, title: `Bulk ${index}`, epicId, assigneeId: w.member.id });
      await api.tasks.create({ projectId: w.projectId, title: `Bulk task ${index}`, storyId: story.id });
    }
    counter.statements = 0;
    const board = await getBoard({ ctx: { db }, input: { projectId: w.projectId } });
    expect(board.totals.count).toBe(19);
    expect(counter.statements).toBe(small);
    expect(small).toBeLessThanOrEqual(3);
  });

  it('is NOT_FOUND for outsiders', async () => {
    expect(await codeOf(w.as(w.outsider).board.get({ projectId: w.projectId }))).toBe('NOT_FOUND');
  });
});
