import { describe, expect, it } from 'vitest';
import { hasFilters, matchesFilters, NO_VALUE, parseFilters, writeFilters } from './filters';

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

describe('matchesFilters', () => {
  const item = { title: 'Login page', key: 'DM-7', assigneeId: 'u1', epicId: null, labels: ['ui'] };
  const none = { assignee: null, epic: null, label: null, q: '' };
  it('matches on each filter', () => {
    expect(matchesFilters(item, none)).toBe(true);
    expect(matchesFilters(item, { ...none, assignee: 'u1' })).toBe(true);
    expect(matchesFilters(item, { ...none, assignee: 'u2' })).toBe(false);
    expect(matchesFilters(item, { ...none, assignee: NO_VALUE })).toBe(false);
    expect(matchesFilters(item, { ...none, epic: NO_VALUE })).toBe(true);
    expect(matchesFilters(item, { ...none, label: 'ui' })).toBe(true);
    expect(matchesFilters(item, { ...none, label: 'api' })).toBe(false);
  });
  it('searches title and key, case-insensitively', () => {
    expect(matchesFilters(item, { ...none, q: 'LOGIN' })).toBe(true);
    expect(matchesFilters(item, { ...none, q: 'dm-7' })).toBe(true);
    expect(matchesFilters(item, { ...none, q: 'billing' })).toBe(false);
  });
});
