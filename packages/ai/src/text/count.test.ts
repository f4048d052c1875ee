import { describe, expect, it } from 'vitest';
import { countOf } from './count';

describe('countOf', () => {
  it('agrees the noun with the number', () => {
    expect(countOf(1, 'story', 'stories')).toBe('1 story');
    expect(countOf(0, 'story', 'stories')).toBe('0 stories');
    expect(countOf(5, 'point')).toBe('5 points');
  });
});
