import { describe, expect, it } from 'vitest';
import { splitItemKeys } from './item-keys';

describe('item keys in chat answers', () => {
  it('finds the project keys and keeps the text around them', () => {
    expect(splitItemKeys('DM-42 blocks DM-7, see (DM-100).', 'DM')).toEqual([{ key: 'DM-42' }, { text: ' blocks ' }, { key: 'DM-7' }, { text: ', see (' }, { key: 'DM-100' }, { text: ').' }]);
  });

  it('ignores other prefixes, longer words and keys glued to other text', () => {
    expect(splitItemKeys('UTF-8, ADM-4, DM-4x and XDM-5', 'DM')).toEqual([{ text: 'UTF-8, ADM-4, DM-4x and XDM-5' }]);
    expect(splitItemKeys('no prefix DM-1', null)).toEqual([{ text: 'no prefix DM-1' }]);
  });
});
