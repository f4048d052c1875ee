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
  it('shows dates and moments readably, and field names in words', () => {
    const text = describeEvent({
      entityType: 'sprint',
      action: 'updated',
      diff: { status: { from: 'planning', to: 'active' }, startedAt: { from: null, to: '2026-11-24T18:15:26.764Z' }, endDate: { from: null, to: '2026-12-08' }, acceptanceCriteria: { from: [], to: ['a'] } },
    });
    const started = new Date('2026-11-24T18:15:26.764Z').toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
    // A calendar date stays the day it names in any time zone (local midnight, not UTC's).
    const endDate = new Date(2026, 11, 8).toLocaleDateString(undefined, { month: 'short', day: 'numeric', year: 'numeric' });
    expect(text.changes).toEqual(['status: Planning → Active', `started: — → ${started}`, `end date: — → ${endDate}`, 'acceptance criteria: 0 items → 1 item']);
  });
  it('names the sprint and counts the stories added to or removed from it', () => {
    const sprints = new Map([['5b0c6f7e-7d8a-4c1e-9a55-0f0b7c1d2e3f', 'Sprint 1']]);
    const added = describeEvent({ entityType: 'sprint', entityId: '5b0c6f7e-7d8a-4c1e-9a55-0f0b7c1d2e3f', action: 'added', diff: { storyIds: ['a', 'b'] } }, sprints);
    expect(`${added.verb} ${added.subject}`).toBe('added 2 stories to sprint “Sprint 1”');
    const removed = describeEvent({ entityType: 'sprint', entityId: '5b0c6f7e-7d8a-4c1e-9a55-0f0b7c1d2e3f', action: 'removed', diff: { storyIds: ['a'] } }, sprints);
    expect(`${removed.verb} ${removed.subject}`).toBe('removed 1 story from sprint “Sprint 1”');
    expect(describeEvent({ entityType: 'sprint', entityId: 'unknown', action: 'started', diff: {} }, sprints).subject).toBe('a sprint');
  });
});
