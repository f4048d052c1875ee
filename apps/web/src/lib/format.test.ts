import { describe, expect, it } from 'vitest';
import { count } from './format';

describe('count', () => {
  it('agrees the noun with the number', () => {
    expect(count(1, 'story', 'stories')).toBe('1 story');
    expect(count(2, 'story', 'stories')).toBe('2 stories');
    expect(count(0, 'passage')).toBe('0 passages');
    expect(count(1200, 'call')).toBe('1,200 calls');
  });
});
