import { describe, expect, it } from 'vitest';
import { describeEvent } from './describe-event';

describe('describeEvent', () => {
  const names = new Map([['0088fee3-ff84-4649-9447-ea734e30d9d8', 'Ada Lovelace']]);
  it('describes a move with readable statuses', () => {
    expect(describeEvent({ entityType: 'story', action: 'moved', itemKey: 'DM-4', diff: { status: { from: 'review', to: 'done' }, position: { from: 'a0', to: 'a1' } } })).toEqual({
      verb: 'moved',
      subject: 'DM-4',
      changes: ['status: In review → Done'],
    });
  });
  it('names people instead of showing their ids', () => {
    const text = describeEvent({ entityType: 'story', action: 'updated', itemKey: 'DM-3', diff: { assigneeId: { from: null, to: '0088fee3-ff84-4649-9447-ea734e30d9d8' } } }, names);
    expect(text.changes).toEqual(['assignee: — → Ada Lovelace']);
  });
  it('uses the created row’s title or an article for other entities', () => {
    expect(describeEvent({ entityType: 'epic', action: 'created', diff: { title: 'Reporting' } }).subject).toBe('epic “Reporting”');
    expect(describeEvent({ entityType: 'invitation', action: 'created', diff: {} }).subject).toBe('an invitation');
  });
});
