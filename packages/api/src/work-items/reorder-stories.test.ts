import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, createWorkItemsWorld, detailsOf, type WorkItemsWorld } from './test-setup';

describe('stories.reorder', () => {
  let w: WorkItemsWorld;
  beforeAll(async () => {
    w = await createWorkItemsWorld();
  });
  afterAll(async () => {
    await w.handle.close();
  });

  it('rewrites one column’s order in one transaction, and refuses a stale or partial view', async () => {
    const api = w.as(w.member);
    const made = [];
    for (const title of ['A', 'B', 'C', 'D']) made.push(await api.stories.create({ projectId: w.projectId, title, status: 'ready' }));
    const [a, b, c, d] = made as [(typeof made)[0], (typeof made)[0], (typeof made)[0], (typeof made)[0]];
    const order = [d, b, a, c];
    const result = await api.stories.reorder({ projectId: w.projectId, status: 'ready', items: order.map(({ id, version }) => ({ id, version })) });
    expect(result.map((story) => story.title)).toEqual(['D', 'B', 'A', 'C']);
    const listed = await api.stories.list({ projectId: w.projectId, status: ['ready'], sort: 'position:asc' });
    expect(listed.items.map((story) => story.title)).toEqual(['D', 'B', 'A', 'C']);

    // Stale versions: CONFLICT with the column as it is, nothing written.
    const stale = api.stories.reorder({ projectId: w.projectId, status: 'ready', items: [a, b, c, d].map(({ id }) => ({ id, version: 1 })) });
    const details = await detailsOf(stale);
    expect((details.current as unknown[]).length).toBe(4);
    const current = listed.items.map(({ id, version }) => ({ id, version }));
    expect(await codeOf(api.stories.reorder({ projectId: w.projectId, status: 'ready', items: current.slice(0, 3) }))).toBe('CONFLICT');
    expect(await codeOf(api.stories.reorder({ projectId: w.projectId, status: 'ready', items: [current[0]!, current[0]!, current[1]!, current[2]!] }))).toBe('BAD_REQUEST');
    expect(await codeOf(w.as(w.viewer).stories.reorder({ projectId: w.projectId, status: 'ready', items: current }))).toBe('FORBIDDEN');
    const after = await api.stories.list({ projectId: w.projectId, status: ['ready'], sort: 'position:asc' });
    expect(after.items.map((story) => story.title)).toEqual(['D', 'B', 'A', 'C']);
  });

  it('cannot reach another project’s stories', async () => {
    const theirs = await w.as(w.outsider).stories.create({ projectId: w.otherProjectId, title: 'Theirs', status: 'review' });
    expect(await codeOf(w.as(w.member).stories.reorder({ projectId: w.projectId, status: 'review', items: [{ id: theirs.id, version: 1 }] }))).toBe('CONFLICT');
    expect((await w.as(w.outsider).stories.get({ projectId: w.otherProjectId, id: theirs.id })).version).toBe(1);
  });
});
