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

  it('filters by no assignee and no epic, and finds a card by its key', async () => {
    const api = w.as(w.viewer);
    const titles = async (filter: Record<string, string | null>) =>
      (await api.board.get({ projectId: w.projectId, ...filter })).columns.flatMap((column) => column.stories.map((story) => story.title));
    expect(await titles({ assigneeId: null, q: 'Re' })).toEqual(['Refunds']);
    expect((await titles({ epicId: null })).sort()).toEqual(['Receipts', 'Refunds', 'Shipped']);
    expect(await titles({ q: 'dm-2' })).toEqual(['Card form']);
    expect(await titles({ q: 'XX-2' })).toEqual([]);
  });

  it('is NOT_FOUND for outsiders', async () => {
    expect(await codeOf(w.as(w.outsider).board.get({ projectId: w.projectId }))).toBe('NOT_FOUND');
    expect(await codeOf(w.as(w.outsider).board.column({ projectId: w.projectId, status: 'backlog' }))).toBe('NOT_FOUND');
  });
});

describe('board pages', () => {
  let w: WorkItemsWorld;
  beforeAll(async () => {
    w = await createWorkItemsWorld();
    const api = w.as(w.member);
    for (let index = 0; index < 7; index += 1) {
      await api.stories.create({ projectId: w.projectId, title: `Ready ${index}`, status: 'ready', estimate: 1, assigneeId: index === 6 ? w.owner.id : null });
    }
    await api.stories.create({ projectId: w.projectId, title: 'Started', status: 'in_progress', estimate: 5 });
  });
  afterAll(async () => {
    await w.handle.close();
  });

  const readyTitles = (n: number) => Array.from({ length: n }, (_, index) => `Ready ${index}`);

  it('sends the first cards of each column with the whole column’s totals and a cursor for the rest', async () => {
    const board = await w.as(w.viewer).board.get({ projectId: w.projectId, perColumn: 3 });
    const ready = board.columns.find((column) => column.status === 'ready')!;
    expect(ready.stories.map((story) => story.title)).toEqual(readyTitles(3));
    expect({ count: ready.count, points: ready.points }).toEqual({ count: 7, points: 7 });
    expect(ready.nextCursor).toEqual(expect.any(String));
    const started = board.columns.find((column) => column.status === 'in_progress')!;
    expect(started).toMatchObject({ count: 1, points: 5, nextCursor: null });
    expect(board.totals).toEqual({ count: 8, points: 12 });
    // Only the assignees of the cards sent.
    expect(board.assignees).toEqual([]);
    const expanded = await w.as(w.viewer).board.get({ projectId: w.projectId, perColumn: 3, columnLimits: { ready: 5 } });
    const longer = expanded.columns.find((column) => column.status === 'ready')!;
    expect(longer.stories.map((story) => story.title)).toEqual(readyTitles(5));
    expect(longer.nextCursor).toEqual(expect.any(String));
    const all = await w.as(w.viewer).board.get({ projectId: w.projectId, perColumn: 3, columnLimits: { ready: 7 } });
    expect(all.columns.find((column) => column.status === 'ready')).toMatchObject({ count: 7, nextCursor: null });
  });

  it('pages through a column with board.column until it ends, with the same filters', async () => {
    const api = w.as(w.viewer);
    const board = await api.board.get({ projectId: w.projectId, perColumn: 3 });
    const first = board.columns.find((column) => column.status === 'ready')!;
    const second = await api.board.column({ projectId: w.projectId, status: 'ready', after: first.nextCursor!, limit: 3 });
    expect(second.cards.map((card) => card.title)).toEqual(['Ready 3', 'Ready 4', 'Ready 5']);
    const third = await api.board.column({ projectId: w.projectId, status: 'ready', after: second.nextCursor!, limit: 3 });
    expect(third.cards.map((card) => card.title)).toEqual(['Ready 6']);
    expect(third.assignees.map((person) => person.id)).toEqual([w.owner.id]);
    expect(third.nextCursor).toBeNull();
    const unassigned = await api.board.column({ projectId: w.projectId, status: 'ready', assigneeId: null, after: second.nextCursor!, limit: 3 });
    expect(unassigned.cards).toEqual([]);
  });

  it('neither repeats nor skips a card when one before the cursor moves away', async () => {
    const api = w.as(w.member);
    const first = (await api.board.get({ projectId: w.projectId, perColumn: 3 })).columns.find((column) => column.status === 'ready')!;
    const moved = first.stories[0]!;
    await api.stories.move({ projectId: w.projectId, id: moved.id, version: moved.version, status: 'in_progress' });
    const rest = await api.board.column({ projectId: w.projectId, status: 'ready', after: first.nextCursor!, limit: 10 });
    expect(rest.cards.map((card) => card.title)).toEqual(['Ready 3', 'Ready 4', 'Ready 5', 'Ready 6']);
    const restored = await api.stories.get({ projectId: w.projectId, id: moved.id });
    await api.stories.move({ projectId: w.projectId, id: moved.id, version: restored.version, status: 'ready', beforeId: first.stories[1]!.id });
  });

  it('refuses a forged cursor and a page size over the cap', async () => {
    const api = w.as(w.viewer);
    expect(await codeOf(api.board.column({ projectId: w.projectId, status: 'ready', after: 'not-a-cursor' }))).toBe('BAD_REQUEST');
    expect(await codeOf(api.board.get({ projectId: w.projectId, perColumn: 1000 }))).toBe('BAD_REQUEST');
  });
});
