import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, createWorkItemsWorld, type WorkItemsWorld } from './test-setup';

describe('listing work items', () => {
  let w: WorkItemsWorld;
  let epicId: string;
  beforeAll(async () => {
    w = await createWorkItemsWorld();
    const api = w.as(w.member);
    epicId = (await api.epics.create({ projectId: w.projectId, title: 'Billing' })).id;
    await api.stories.create({ projectId: w.projectId, title: 'Invoice 100% export', labels: ['finance'], epicId, assigneeId: w.member.id, priority: 'high' });
    await api.stories.create({ projectId: w.projectId, title: 'Invoice email', status: 'ready', labels: ['finance', 'mail'], priority: 'low' });
    await api.stories.create({ projectId: w.projectId, title: 'Login page', status: 'in_progress', assigneeId: w.owner.id, priority: 'critical' });
    const deleted = await api.stories.create({ projectId: w.projectId, title: 'Invoice old' });
    await api.stories.delete({ projectId: w.projectId, id: deleted.id });
    await w.as(w.outsider).stories.create({ projectId: w.otherProjectId, title: 'Invoice of another team' });
  });
  afterAll(async () => {
    await w.handle.close();
  });

  const titles = async (input: Record<string, unknown>) =>
    (await w.as(w.viewer).stories.list({ projectId: w.projectId, ...input })).items.map((item) => item.title);

  it('filters by status, assignee, epic, label, title text and deletion', async () => {
    expect(await titles({ status: ['ready', 'in_progress'], sort: 'title:asc' })).toEqual(['Invoice email', 'Login page']);
    expect(await titles({ assigneeId: w.member.id })).toEqual(['Invoice 100% export']);
    expect(await titles({ epicId })).toEqual(['Invoice 100% export']);
    expect(await titles({ label: 'mail' })).toEqual(['Invoice email']);
    expect(await titles({ q: 'invoice', sort: 'number:asc' })).toEqual(['Invoice 100% export', 'Invoice email']);
    expect(await titles({ q: '100%' })).toEqual(['Invoice 100% export']);
    expect(await titles({ q: '%' })).toEqual(['Invoice 100% export']);
    expect(await titles({ q: 'invoice', includeDeleted: true, sort: 'number:asc' })).toEqual(['Invoice 100% export', 'Invoice email', 'Invoice old']);
  });

  it('sorts over a whitelist of fields in both directions', async () => {
    expect(await titles({ sort: 'priority:desc' })).toEqual(['Login page', 'Invoice 100% export', 'Invoice email']);
    expect(await titles({ sort: 'number:desc' })).toEqual(['Login page', 'Invoice email', 'Invoice 100% export']);
    expect(await titles({ sort: 'createdAt:asc' })).toEqual(['Invoice 100% export', 'Invoice email', 'Login page']);
    expect(await codeOf(w.as(w.viewer).stories.list({ projectId: w.projectId, sort: 'description:asc' }))).toBe('BAD_REQUEST');
    expect(await codeOf(w.as(w.viewer).stories.list({ projectId: w.projectId, sort: 'title:sideways' }))).toBe('BAD_REQUEST');
    expect(await codeOf(w.as(w.viewer).epics.list({ projectId: w.projectId, sort: 'priority:asc' }))).toBe('BAD_REQUEST');
  });

  it('caps the page size and rejects foreign cursors', async () => {
    expect(await codeOf(w.as(w.viewer).stories.list({ projectId: w.projectId, limit: 101 }))).toBe('BAD_REQUEST');
    expect(await codeOf(w.as(w.viewer).stories.list({ projectId: w.projectId, cursor: 'garbage' }))).toBe('BAD_REQUEST');
    const page = await w.as(w.viewer).stories.list({ projectId: w.projectId, limit: 1, sort: 'number:asc' });
    expect(await codeOf(w.as(w.viewer).stories.list({ projectId: w.projectId, limit: 1, sort: 'title:asc', cursor: page.nextCursor! }))).toBe('BAD_REQUEST');
  });

  it('lists tasks by story and sprint-less filters, epics by status', async () => {
    const api = w.as(w.member);
    const s = await api.stories.create({ projectId: w.projectId, title: 'Has tasks' });
    await api.tasks.create({ projectId: w.projectId, title: 'T1', storyId: s.id, assigneeId: w.owner.id });
    await api.tasks.create({ projectId: w.projectId, title: 'T2', storyId: s.id, status: 'done' });
    await api.tasks.create({ projectId: w.projectId, title: 'Loose' });
    expect((await api.tasks.list({ projectId: w.projectId, storyId: s.id })).items.map((t) => t.title)).toEqual(['T1', 'T2']);
    expect((await api.tasks.list({ projectId: w.projectId, status: ['done'] })).items.map((t) => t.title)).toEqual(['T2']);
    expect((await api.tasks.list({ projectId: w.projectId, assigneeId: w.owner.id })).items.map((t) => t.key)).toHaveLength(1);
    expect((await api.epics.list({ projectId: w.projectId, status: ['open'] })).items.map((e) => e.title)).toEqual(['Billing']);
  });

  describe.each(['position:asc', 'updatedAt:desc', 'createdAt:asc', 'title:asc', 'number:desc'])('keyset pagination sorted by %s', (sort) => {
    it('pages through everything once, even while other items move between pages', async () => {
      const api = w.as(w.member);
      const { projectId } = await (async () => {
        const { createTestProject } = await import('../testing');
        const project = await createTestProject(w.services, w.owner, [{ user: w.member, role: 'member' }], { keyPrefix: 'PG' });
        return { projectId: project.id };
      })();
      const created = [];
      for (let index = 0; index < 23; index += 1) {
        created.push(await api.tasks.create({ projectId, title: `Item ${String(index).padStart(2, '0')}` }));
      }
      const movers = new Map(created.filter((_, index) => index % 4 === 1).map((task) => [task.id, task]));
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await api.tasks.list({ projectId, limit: 5, sort, ...(cursor ? { cursor } : {}) });
        seen.push(...page.items.map((item) => item.id));
        cursor = page.nextCursor ?? undefined;
        pages += 1;
        // Between pages, move one of the movers: to the top, to the bottom, or retitle it.
        const mover = [...movers.values()][pages - 1];
        if (mover) {
          const latest = await api.tasks.get({ projectId, id: mover.id });
          if (pages % 2 === 0) {
            await api.tasks.move({ projectId, id: mover.id, version: latest.version, beforeId: created[0]!.id === mover.id ? created[2]!.id : created[0]!.id });
          } else {
            await api.tasks.update({ projectId, id: mover.id, version: latest.version, title: `${pages % 3 === 0 ? 'A' : 'Z'} moved ${mover.title}` });
          }
        }
      } while (cursor && pages < 20);

      const untouched = created.filter((task) => !movers.has(task.id)).map((task) => task.id);
      const counts = new Map<string, number>();
      for (const id of seen) counts.set(id, (counts.get(id) ?? 0) + 1);
      for (const id of untouched) expect(counts.get(id)).toBe(1);
    });
  });
});
