import { describe, expect, it } from 'vitest';
import { hitLabel, hitSnippet } from './hit-label';

describe('hitLabel', () => {
  it('names a memory by its type and tags', () => {
    expect(hitLabel({ sourceType: 'memory', sourceId: 'm1', metadata: { type: 'decision', tags: ['auth', 'security'] } })).toEqual({ kind: 'Decision', title: null, detail: '#auth #security', item: null });
  });

  it('names a work item by key and title, and lets it be opened', () => {
    const label = hitLabel({ sourceType: 'item', sourceId: 'i1', metadata: { itemType: 'story', key: 'DM-42', title: 'Pay by card', status: 'in_progress' } });
    expect(label).toEqual({ kind: 'Story', title: 'DM-42 Pay by card', detail: 'in progress', item: { id: 'i1', key: 'DM-42', type: 'story' } });
  });

  it('names a document by its file name, and copes with metadata it does not know', () => {
    expect(hitLabel({ sourceType: 'document', sourceId: 'd1', metadata: { documentName: 'spec.md' } }).title).toBe('spec.md');
    expect(hitLabel({ sourceType: 'item', sourceId: 'i2', metadata: { title: 42 } })).toEqual({ kind: 'Item', title: 'Work item', detail: null, item: null });
  });

  it("drops the key and title an item's passage starts with, since the title shows them", () => {
    const hit = { sourceType: 'item' as const, sourceId: 'i1', metadata: { itemType: 'story', key: 'DM-6', title: 'Pay by card' }, content: 'DM-6 Pay by card\n\nAcceptance criteria:\n- Card is charged once' };
    expect(hitSnippet(hit, hitLabel(hit))).toBe('Acceptance criteria:\n- Card is charged once');
    const memory = { sourceType: 'memory' as const, sourceId: 'm1', metadata: { type: 'fact' }, content: 'DM-6 Pay by card is risky' };
    expect(hitSnippet(memory, hitLabel(memory))).toBe('DM-6 Pay by card is risky');
  });
});
