import { describe, expect, it } from 'vitest';
import { linksOf, toggleChange } from './change-selection';

const all = [
  linksOf({ changeId: 'c1', kind: 'create_epic', ref: 'e1' }),
  linksOf({ changeId: 'c2', kind: 'create_story', ref: 's1', epic: { ref: 'e1' } }),
  linksOf({ changeId: 'c3', kind: 'create_story', ref: 's2', epic: { ref: 'e1' } }),
  linksOf({ changeId: 'c4', kind: 'create_dependency', source: { ref: 's1' }, target: { ref: 's2' } }),
  linksOf({ changeId: 'c5', kind: 'add_to_sprint', story: { id: '00000000-0000-4000-8000-000000000000' } }),
];
const none = new Set<string>();

describe('choosing which proposed changes to apply', () => {
  it('unchecking an epic unchecks its stories and what links them', () => {
    const selected = toggleChange(all, new Set(['c1', 'c2', 'c3', 'c4', 'c5']), none, 'c1');
    expect([...selected].sort()).toEqual(['c5']);
  });

  it('unchecking one story unchecks only the link that needs it', () => {
    expect([...toggleChange(all, new Set(['c1', 'c2', 'c3', 'c4', 'c5']), none, 'c3')].sort()).toEqual(['c1', 'c2', 'c5']);
  });

  it('checking a link checks both stories and their epic, unless already applied', () => {
    expect([...toggleChange(all, new Set(), none, 'c4')].sort()).toEqual(['c1', 'c2', 'c3', 'c4']);
    expect([...toggleChange(all, new Set(), new Set(['c1']), 'c2')].sort()).toEqual(['c2']);
  });
});
