import { describe, expect, it } from 'vitest';
import { resolveBacklogDrop } from './backlog-order';

const groups = () =>
  new Map([
    ['e1', [{ id: 'a', status: 'backlog' }, { id: 'b', status: 'backlog' }, { id: 'c', status: 'ready' }]],
    ['none', [{ id: 'd', status: 'backlog' }]],
  ]);

describe('resolveBacklogDrop', () => {
  it('moving down within a group lands after the row it is over', () => {
    expect(resolveBacklogDrop(groups(), 'a', 'b')).toEqual({ groupId: 'e1', afterId: 'b', beforeId: undefined });
  });
  it('moving up lands before the row it is over', () => {
    expect(resolveBacklogDrop(groups(), 'b', 'a')).toEqual({ groupId: 'e1', afterId: undefined, beforeId: 'a' });
  });
  it('moving to another group appends, or takes the slot of the row it is over', () => {
    expect(resolveBacklogDrop(groups(), 'a', 'group:none')).toEqual({ groupId: 'none', afterId: 'd', beforeId: undefined });
    expect(resolveBacklogDrop(groups(), 'd', 'b')).toEqual({ groupId: 'e1', afterId: 'a', beforeId: 'b' });
  });
  it('leaves out neighbours of another status and ignores no-op drops', () => {
    expect(resolveBacklogDrop(groups(), 'd', 'c')).toEqual({ groupId: 'e1', afterId: 'b', beforeId: undefined });
    expect(resolveBacklogDrop(groups(), 'a', 'a')).toBeNull();
    expect(resolveBacklogDrop(groups(), 'a', 'group:e1')).toBeNull();
  });
});
