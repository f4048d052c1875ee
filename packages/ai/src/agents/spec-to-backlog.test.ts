import { describe, expect, it } from 'vitest';
import { draftToChanges, parseSpec } from './spec-to-backlog';

const SPEC = `# Shop
## Checkout
- Customer can pay by card
  - Card is charged once
  - Receipt shows the last four digits
  - Task: integrate the payment provider
- Customer gets a receipt mail after pay by card
## Catalogue
- Browse products by category (nice to have)
`;

describe('spec to backlog (offline)', () => {
  it('reads headings, bullets, criteria, tasks and dependencies deterministically', () => {
    const draft = parseSpec(SPEC);
    expect(draft.epics.map((epic) => epic.title)).toEqual(['Checkout', 'Catalogue']);
    const [pay, receipt] = draft.epics[0]!.stories;
    expect(pay).toMatchObject({ title: 'Customer can pay by card', acceptanceCriteria: ['Card is charged once', 'Receipt shows the last four digits'], tasks: [{ title: 'integrate the payment provider' }] });
    expect(pay!.estimate).toBeGreaterThan(0);
    expect(receipt!.dependsOn).toEqual([pay!.ref]);
    expect(draft.epics[1]!.stories[0]!.priority).toBe('low');
    expect(parseSpec(SPEC)).toEqual(draft);
  });

  it('turns a plain paragraph into stories', () => {
    const draft = parseSpec('A tool for teams. Users can create boards. Admins should be able to invite people.');
    expect(draft.epics[0]!.stories.map((story) => story.title)).toEqual(['Users can create boards', 'Admins should be able to invite people']);
  });

  it('skips near-duplicates of existing items and links to them instead', () => {
    const { changes, skipped } = draftToChanges(parseSpec(SPEC), [
      { id: '00000000-0000-4000-8000-000000000001', type: 'epic', key: 'DM-1', title: 'Checkout' },
      { id: '00000000-0000-4000-8000-000000000002', type: 'story', key: 'DM-2', title: 'Customer can pay by card!' },
    ]);
    expect(skipped.map((skip) => skip.existing.key)).toEqual(['DM-1', 'DM-2']);
    expect(changes.some((change) => change.kind === 'create_epic' && change.title === 'Checkout')).toBe(false);
    const receipt = changes.find((change) => change.kind === 'create_story' && change.title.startsWith('Customer gets'));
    expect(receipt).toMatchObject({ epic: { id: '00000000-0000-4000-8000-000000000001' } });
    expect(changes.find((change) => change.kind === 'create_dependency')).toMatchObject({ target: { id: '00000000-0000-4000-8000-000000000002' } });
    expect(changes.some((change) => change.kind === 'create_task')).toBe(false);
  });
});
