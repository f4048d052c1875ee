import { describe, expect, it } from 'vitest';
import { boardFilterInput, hasFilters, NO_VALUE, parseFilters, writeFilters } from './filters';

describe('board filters in the URL', () => {
  it('parses known keys and ignores blanks', () => {
    const filters = parseFilters(new URLSearchParams('assignee=u1&epic=&label=ui&q=login&item=x'));
    expect(filters).toEqual({ assignee: 'u1', epic: null, label: 'ui', q: 'login' });
    expect(hasFilters(filters)).toBe(true);
    expect(hasFilters(parseFilters(new URLSearchParams('')))).toBe(false);
  });
  it('writes filters, drops cleared ones and keeps other parameters', () => {
    const next = writeFilters(new URLSearchParams('item=abc&label=ui'), { label: null, q: 'pay', assignee: 'u2' });
    expect(next.toString()).toBe('item=abc&q=pay&assignee=u2');
  });
  it('round-trips', () => {
    const filters = { assignee: NO_VALUE, epic: 'e1', label: 'api', q: 'a b' };
    expect(parseFilters(writeFilters(new URLSearchParams(), filters))).toEqual(filters);
  });
});

describe('boardFilterInput', () => {
  const none = { assignee: null, epic: null, label: null, q: '' };
  const id = '0b9d6a52-3f1e-4d7a-9c2b-5e8f1a2b3c4d';
  it('passes ids, turns "none" into null and leaves out what is not set', () => {
    expect(boardFilterInput(none)).toEqual({ assigneeId: undefined, epicId: undefined, label: undefined, q: undefined });
    expect(boardFilterInput({ assignee: id, epic: NO_VALUE, label: 'ui', q: '  login ' })).toEqual({ assigneeId: id, epicId: null, label: 'ui', q: 'login' });
  });
  it('ignores an assignee or epic that is not an id', () => {
    expect(boardFilterInput({ ...none, assignee: 'u1', epic: 'x' })).toMatchObject({ assigneeId: undefined, epicId: undefined });
  });
});
