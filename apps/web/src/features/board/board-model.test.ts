import { describe, expect, it } from 'vitest';
import { anchorDrop, applyMove, applyPendingMoves, neighbours, resolveDrop, shownColumnInfo, type BoardCard, type BoardColumn } from './board-model';

const card = (id: string, status: string): BoardCard => ({ id, key: `DM-${id}`, title: id, status, version: 1, estimate: null, assigneeId: null, epicId: null, labels: [] });
const board = (): BoardColumn[] => [
  { status: 'todo', items: [card('a', 'todo'), card('b', 'todo'), card('c', 'todo')] },
  { status: 'doing', items: [card('d', 'doing')] },
  { status: 'done', items: [] },
];
const ids = (columns: BoardColumn[]) => columns.map((column) => column.items.map((item) => item.id).join(''));

describe('applyMove', () => {
  it('moves a card to another column at an index and sets its status', () => {
    const next = applyMove(board(), { id: 'b', toStatus: 'doing', toIndex: 0 });
    expect(ids(next)).toEqual(['ac', 'bd', '']);
    expect(next[1]?.items[0]?.status).toBe('doing');
  });
  it('reorders within a column', () => {
    expect(ids(applyMove(board(), { id: 'a', toStatus: 'todo', toIndex: 2 }))).toEqual(['bca', 'd', '']);
  });
  it('clamps the index and ignores unknown cards', () => {
    expect(ids(applyMove(board(), { id: 'a', toStatus: 'done', toIndex: 99 }))).toEqual(['bc', 'd', 'a']);
    expect(ids(applyMove(board(), { id: 'zz', toStatus: 'done', toIndex: 0 }))).toEqual(['abc', 'd', '']);
  });
  it('does not mutate its input (so a rollback is just dropping the pending move)', () => {
    const original = board();
    applyMove(original, { id: 'a', toStatus: 'done', toIndex: 0 });
    expect(ids(original)).toEqual(['abc', 'd', '']);
  });
  it('applies pending moves in order', () => {
    const next = applyPendingMoves(board(), [
      { id: 'a', toStatus: 'done', beforeId: null },
      { id: 'd', toStatus: 'done', beforeId: 'a' },
    ]);
    expect(ids(next)).toEqual(['bc', '', 'da']);
  });
  it('anchors a drop made on a filtered view so it lands in the same place on the full board', () => {
    const full = board();
    const visible = full.map((column) => ({ ...column, items: column.items.filter((item) => item.id !== 'b') }));
    const move = anchorDrop(visible, { id: 'd', toStatus: 'todo', toIndex: 1 });
    expect(move).toEqual({ id: 'd', toStatus: 'todo', beforeId: 'c', afterId: 'a' });
    expect(ids(applyPendingMoves(full, [move]))).toEqual(['abdc', '', '']);
  });
});

describe('resolveDrop', () => {
  it('dropping on a column appends to it', () => {
    expect(resolveDrop(board(), 'a', 'column:done')).toEqual({ id: 'a', toStatus: 'done', toIndex: 0 });
  });
  it('dropping on its own column or itself is no move', () => {
    expect(resolveDrop(board(), 'a', 'column:todo')).toBeNull();
    expect(resolveDrop(board(), 'a', 'a')).toBeNull();
  });
  it('dropping on a card takes its slot', () => {
    expect(resolveDrop(board(), 'a', 'c')).toEqual({ id: 'a', toStatus: 'todo', toIndex: 2 });
    expect(resolveDrop(board(), 'c', 'd')).toEqual({ id: 'c', toStatus: 'doing', toIndex: 0 });
  });
});

describe('neighbours', () => {
  it('names the cards on each side after the move', () => {
    const moved = applyMove(board(), { id: 'd', toStatus: 'todo', toIndex: 1 });
    expect(neighbours(moved, 'd')).toEqual({ afterId: 'a', beforeId: 'b' });
    expect(neighbours(moved, 'a')).toEqual({ afterId: null, beforeId: 'd' });
  });
});

describe('shownColumnInfo', () => {
  it('moves the whole-column figures by the unconfirmed moves', () => {
    const sent = board().map((column) => ({ ...column, items: column.items.map((item) => ({ ...item, estimate: 2 })) }));
    const info = new Map([
      ['todo', { count: 70, points: 140, hasMore: true }],
      ['doing', { count: 1, points: 2, hasMore: false }],
      ['done', { count: 0, points: 0, hasMore: false }],
    ]);
    const shown = applyMove(sent, { id: 'a', toStatus: 'done', toIndex: 0 });
    const result = shownColumnInfo(shown, sent, info);
    expect(result.get('todo')).toEqual({ count: 69, points: 138, hasMore: true });
    expect(result.get('done')).toEqual({ count: 1, points: 2, hasMore: false });
    expect(result.get('doing')).toEqual({ count: 1, points: 2, hasMore: false });
  });
});
