import type { ProposalChange } from '@devmentor/ai';
import { aiProposals, and, eq, events, projects, sprints, sql, stories, type DbHandle } from '@devmentor/db';
import { createTestDb } from '@devmentor/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectChannel, type ProjectEvent } from '../events/project-events';
import { codeOf, errorOf, insertStory } from '../sprints/testing/work-items';
import { callerFor, createTestProject, createTestServices, createTestUser, type TestUser } from '../testing';
import type { AppServices } from '../trpc/context';
import type { AppError } from '../errors';
import { createProposal } from './create-proposal';
import { registerAgentJobs } from '../agents/agent-jobs';
import { EXPIRE_PROPOSALS_JOB } from './review-proposals';

describe('proposals', () => {
  let handle: DbHandle;
  let services: AppServices;
  let owner: TestUser, member: TestUser, viewer: TestUser, outsider: TestUser;

  beforeAll(async () => {
    handle = await createTestDb();
    services = createTestServices(handle);
    registerAgentJobs(services);
    [owner, member, viewer, outsider] = (await Promise.all(['Owner', 'Member', 'Viewer', 'Outsider'].map((name) => createTestUser(services, { name })))) as [TestUser, TestUser, TestUser, TestUser];
  });
  afterAll(async () => {
    await handle.close();
  });

  const newProject = async () => (await createTestProject(services, owner, [{ user: member, role: 'member' }, { user: viewer, role: 'viewer' }], { keyPrefix: 'PR' })).id;
  const api = (user: TestUser) => callerFor(services, user).proposals;
  const propose = (projectId: string, changes: ProposalChange[]) =>
    createProposal(services, {
      projectId,
      agent: 'backlog',
      title: 'Checkout backlog',
      payload: { changes },
      explanation: 'From the spec',
      evidence: { entities: [], memoryIds: [] },
      ai: { provider: 'offline', model: 'offline', offline: true },
      createdById: member.id,
    });
  const newSprint = async (projectId: string, status: 'planning' | 'completed' = 'planning') =>
    (await services.db.insert(sprints).values({ projectId, name: `Sprint ${status}`, status }).returning())[0]!;
  const detailsOf = async (promise: Promise<unknown>) => {
    const error = await errorOf(promise);
    return { code: error.code, details: (error.cause as AppError | undefined)?.details };
  };
  const backlog = (epicTitle = 'Checkout'): ProposalChange[] => [
    { changeId: 'c1', kind: 'create_epic', ref: 'e1', title: epicTitle },
    { changeId: 'c2', kind: 'create_story', ref: 's1', title: 'Pay by card', epic: { ref: 'e1' }, priority: 'high', estimate: 3, confidence: 60, acceptanceCriteria: ['Card is charged'] },
    { changeId: 'c3', kind: 'create_story', ref: 's2', title: 'Receipt mail', epic: { ref: 'e1' }, estimate: 2 },
    { changeId: 'c4', kind: 'create_dependency', source: { ref: 's1' }, target: { ref: 's2' }, type: 'blocks' },
  ];

  it('previews without changing anything, then applies everything live, every event AI-triggered with the proposal id', async () => {
    const projectId = await newProject();
    const existing = await insertStory(services, projectId, { title: 'Old title', estimate: 1 });
    const sprint = await newSprint(projectId);
    const proposal = await propose(projectId, [
      ...backlog(),
      { changeId: 'c5', kind: 'update_item', itemType: 'story', itemId: existing.id, fields: { title: 'New title', estimate: 5 } },
      { changeId: 'c6', kind: 'add_to_sprint', sprintId: sprint.id, story: { ref: 's1' } },
    ]);
    const [before] = await services.db.select({ seq: projects.itemSequence }).from(projects).where(eq(projects.id, projectId));

    const preview = await api(viewer).preview({ projectId, id: proposal.id });
    expect(preview.conflicts).toEqual([]);
    expect(preview.changes.find((change) => change.changeId === 'c5')).toMatchObject({ effect: 'update', current: { title: 'Old title', estimate: 1 }, proposed: { title: 'New title', estimate: 5 } });
    expect(preview.changes.find((change) => change.changeId === 'c4')).toMatchObject({ effect: 'link', proposed: { source: { ref: 's1', title: 'Pay by card' }, type: 'blocks' } });
    const [after] = await services.db.select({ seq: projects.itemSequence }).from(projects).where(eq(projects.id, projectId));
    expect(after).toEqual(before);

    const live: ProjectEvent[] = [];
    const unsubscribe = await services.bus.subscribe(projectChannel(projectId), (event) => live.push(event as ProjectEvent));
    const result = await api(member).applyChanges({ projectId, id: proposal.id });
    await unsubscribe();
    expect(result.proposal).toMatchObject({ status: 'applied', reviewedById: member.id });
    const created = await services.db.select().from(stories).where(eq(stories.projectId, projectId));
    const card = created.find((story) => story.title === 'Pay by card')!;
    expect(card).toMatchObject({ priority: 'high', estimate: 3, confidence: 60, sprintId: sprint.id, acceptanceCriteria: [{ text: 'Card is charged', done: false }] });
    expect(created.find((story) => story.id === existing.id)).toMatchObject({ title: 'New title', estimate: 5 });

    const logged = await services.db.select().from(events).where(and(eq(events.projectId, projectId), eq(events.proposalId, proposal.id)));
    const changeEvents = logged.filter((event) => event.entityType !== 'proposal');
    expect(changeEvents.length).toBeGreaterThanOrEqual(6);
    expect(changeEvents.every((event) => event.aiTriggered && event.actorId === member.id)).toBe(true);
    expect(live.filter((event) => event.entityType !== 'proposal').map((event) => event.id)).toEqual(changeEvents.map((event) => event.id).sort((a, b) => a - b));
    expect(live.every((event) => event.aiTriggered && event.proposalId === proposal.id)).toBe(true);

    expect(await codeOf(api(member).applyChanges({ projectId, id: proposal.id }))).toBe('CONFLICT');
  });

  it('a failure half-way rolls everything back and publishes nothing', async () => {
    const projectId = await newProject();
    const closed = await newSprint(projectId, 'completed');
    const proposal = await propose(projectId, [...backlog(), { changeId: 'c5', kind: 'add_to_sprint', sprintId: closed.id, story: { ref: 's2' } }]);
    const [before] = await services.db.select({ seq: projects.itemSequence }).from(projects).where(eq(projects.id, projectId));
    const eventsBefore = await services.db.select().from(events).where(eq(events.projectId, projectId));
    const live: unknown[] = [];
    const unsubscribe = await services.bus.subscribe(projectChannel(projectId), (event) => live.push(event));

    expect(await codeOf(api(member).applyChanges({ projectId, id: proposal.id }))).toBe('CONFLICT');
    await unsubscribe();
    expect(await services.db.select().from(stories).where(eq(stories.projectId, projectId))).toEqual([]);
    expect(await services.db.select({ seq: projects.itemSequence }).from(projects).where(eq(projects.id, projectId))).toEqual([before]);
    expect(await services.db.select().from(events).where(eq(events.projectId, projectId))).toHaveLength(eventsBefore.length);
    expect(live).toEqual([]);
    expect((await api(viewer).get({ projectId, id: proposal.id })).status).toBe('pending');
  });

  it('applies a chosen subset, refuses a subset missing what it needs, then the rest', async () => {
    const projectId = await newProject();
    const proposal = await propose(projectId, backlog());
    expect(await detailsOf(api(member).applyChanges({ projectId, id: proposal.id, changeIds: ['c2'] }))).toEqual({
      code: 'BAD_REQUEST',
      details: { missing: [{ changeId: 'c2', needs: 'c1', ref: 'e1' }] },
    });
    expect(await codeOf(api(member).applyChanges({ projectId, id: proposal.id, changeIds: ['nope'] }))).toBe('BAD_REQUEST');

    const first = await api(member).applyChanges({ projectId, id: proposal.id, changeIds: ['c1', 'c2'] });
    expect(first.proposal.status).toBe('partially_applied');
    expect(await services.db.select().from(stories).where(eq(stories.projectId, projectId))).toHaveLength(1);
    expect(await codeOf(api(member).applyChanges({ projectId, id: proposal.id, changeIds: ['c1'] }))).toBe('BAD_REQUEST');
    const preview = await api(viewer).preview({ projectId, id: proposal.id });
    expect(preview.changes.map((change) => change.applied)).toEqual([true, true, false, false]);

    const rest = await api(member).applyChanges({ projectId, id: proposal.id });
    expect(rest.proposal.status).toBe('applied');
    expect(rest.appliedChangeIds).toEqual(['c3', 'c4']);
    const all = await services.db.select().from(stories).where(eq(stories.projectId, projectId));
    expect(all).toHaveLength(2);
    expect(new Set(all.map((story) => story.epicId)).size).toBe(1);
  });

  it('after a partial apply, an edit to an item it created blocks only the changes that build on that item', async () => {
    const projectId = await newProject();
    const proposal = await propose(projectId, [
      ...backlog(),
      { changeId: 'c5', kind: 'create_story', ref: 's3', title: 'Gift cards' },
    ]);
    await api(member).applyChanges({ projectId, id: proposal.id, changeIds: ['c1', 'c2', 'c3'] });
    const [card] = await services.db.select().from(stories).where(and(eq(stories.projectId, projectId), eq(stories.title, 'Pay by card')));
    await callerFor(services, owner).stories.update({ projectId, id: card!.id, version: card!.version, estimate: 5 });

    // c4 links the edited story: CONFLICT naming the edit. c5 does not use it: it applies.
    const { code, details } = await detailsOf(api(member).applyChanges({ projectId, id: proposal.id, changeIds: ['c4'] }));
    expect(code).toBe('CONFLICT');
    expect(details).toMatchObject({ changed: [{ entityId: card!.id, action: 'updated', actorId: owner.id }] });
    const unrelated = await api(member).applyChanges({ projectId, id: proposal.id, changeIds: ['c5'] });
    expect(unrelated.appliedChangeIds).toEqual(['c5']);
  });

  it('refuses with CONFLICT naming what changed when a touched item changed after the proposal', async () => {
    const projectId = await newProject();
    const story = await insertStory(services, projectId, { title: 'Login', estimate: 2 });
    const untouched = await insertStory(services, projectId, { title: 'Other' });
    const proposal = await propose(projectId, [{ changeId: 'u1', kind: 'update_item', itemType: 'story', itemId: story.id, fields: { estimate: 8 } }]);
    // A change elsewhere on the board does not matter.
    await callerFor(services, member).stories.update({ projectId, id: untouched.id, version: untouched.version, title: 'Other 2' });
    expect((await api(viewer).preview({ projectId, id: proposal.id })).conflicts).toEqual([]);
    await callerFor(services, member).stories.update({ projectId, id: story.id, version: story.version, estimate: 3 });

    const { code, details } = await detailsOf(api(member).applyChanges({ projectId, id: proposal.id }));
    expect(code).toBe('CONFLICT');
    expect(details).toMatchObject({ changed: [{ entityType: 'story', entityId: story.id, action: 'updated', actorId: member.id }] });
    expect((await api(viewer).preview({ projectId, id: proposal.id })).conflicts).toHaveLength(1);
    const [row] = await services.db.select().from(stories).where(eq(stories.id, story.id));
    expect(row?.estimate).toBe(3);
  });

  it('move_item: previews the status change, applies it through the move rules, conflicts when the item moved meanwhile', async () => {
    const projectId = await newProject();
    const story = await insertStory(services, projectId, { title: 'Login', status: 'in_progress' });
    const other = await insertStory(services, projectId, { title: 'Other', status: 'backlog' });
    const proposal = await propose(projectId, [{ changeId: 'm1', kind: 'move_item', itemType: 'story', itemId: story.id, status: 'done' }]);
    expect((await api(viewer).preview({ projectId, id: proposal.id })).changes).toEqual([
      expect.objectContaining({ changeId: 'm1', effect: 'move', target: expect.objectContaining({ id: story.id, key: expect.stringMatching(/^PR-/) }), current: { status: 'in_progress' }, proposed: { status: 'done' } }),
    ]);
    const result = await api(member).applyChanges({ projectId, id: proposal.id });
    expect(result.proposal.status).toBe('applied');
    const [moved] = await services.db.select().from(stories).where(eq(stories.id, story.id));
    expect(moved).toMatchObject({ status: 'done', version: story.version + 1 });
    expect(moved?.completedAt).not.toBeNull();
    const [event] = await services.db.select().from(events).where(and(eq(events.entityId, story.id), eq(events.proposalId, proposal.id)));
    expect(event).toMatchObject({ action: 'moved', aiTriggered: true, actorId: member.id, diff: { status: { from: 'in_progress', to: 'done' } } });

    const stale = await propose(projectId, [{ changeId: 'm1', kind: 'move_item', itemType: 'story', itemId: other.id, status: 'ready' }]);
    await callerFor(services, member).stories.move({ projectId, id: other.id, version: other.version, status: 'in_progress' });
    const { code, details } = await detailsOf(api(member).applyChanges({ projectId, id: stale.id }));
    expect(code).toBe('CONFLICT');
    expect(details).toMatchObject({ changed: [{ entityType: 'story', entityId: other.id, action: 'moved' }] });
    const [unchanged] = await services.db.select({ status: stories.status }).from(stories).where(eq(stories.id, other.id));
    expect(unchanged?.status).toBe('in_progress');
  });

  it('move_item refuses a status the item type does not have', async () => {
    const projectId = await newProject();
    const story = await insertStory(services, projectId);
    await expect(propose(projectId, [{ changeId: 'm1', kind: 'move_item', itemType: 'story', itemId: story.id, status: 'todo' }])).rejects.toThrow();
    await expect(propose(projectId, [{ changeId: 'm1', kind: 'move_item', itemType: 'task', itemId: story.id, status: 'todo' }])).resolves.toMatchObject({ status: 'pending' });
  });

  it('rejects and expires; closed proposals cannot be applied', async () => {
    const projectId = await newProject();
    const rejected = await propose(projectId, backlog());
    expect(await codeOf(api(viewer).reject({ projectId, id: rejected.id }))).toBe('FORBIDDEN');
    expect(await api(member).reject({ projectId, id: rejected.id })).toMatchObject({ status: 'rejected', reviewedById: member.id });
    expect(await codeOf(api(member).applyChanges({ projectId, id: rejected.id }))).toBe('CONFLICT');

    const stale = await propose(projectId, backlog());
    await services.db.update(aiProposals).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(aiProposals.id, stale.id));
    expect(await codeOf(api(member).applyChanges({ projectId, id: stale.id }))).toBe('CONFLICT');
    // The expiry job, as the server registers it.
    await services.jobs.enqueue(EXPIRE_PROPOSALS_JOB, {});
    await services.jobs.whenIdle();
    expect((await api(viewer).get({ projectId, id: stale.id })).status).toBe('expired');
    expect((await api(viewer).list({ projectId, status: 'expired' })).items.map((item) => item.id)).toEqual([stale.id]);
    expect(await services.db.select().from(stories).where(eq(stories.projectId, projectId))).toEqual([]);
  });

  it('pages newest first through more than one page without duplicates or gaps, also within one millisecond', async () => {
    const projectId = await newProject();
    const made = [];
    for (let i = 0; i < 5; i += 1) made.push(await propose(projectId, backlog(`Epic ${i}`)));
    // Three proposals made within the same millisecond: the cursor must keep the microseconds.
    const sameMs = ['2026-03-01T10:00:00.000100Z', '2026-03-01T10:00:00.000200Z', '2026-03-01T10:00:00.000300Z'];
    for (const at of sameMs) {
      const row = await propose(projectId, backlog(at));
      await services.db.update(aiProposals).set({ createdAt: sql`${at}::timestamptz` }).where(eq(aiProposals.id, row.id));
      made.push(row);
    }
    const all = (await api(viewer).list({ projectId, limit: 100 })).items.map((item) => item.id);
    expect(all.sort()).toEqual(made.map((row) => row.id).sort());

    const paged: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await api(viewer).list({ projectId, limit: 2, cursor });
      paged.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor ?? undefined;
      pages += 1;
    } while (cursor && pages < 10);
    expect(pages).toBe(4);
    expect(paged).toEqual((await api(viewer).list({ projectId, limit: 100 })).items.map((item) => item.id));
    // The oldest three are the same-millisecond ones, newest of them first.
    expect(paged.slice(-3)).toEqual(made.slice(-3).map((row) => row.id).reverse());

    const filtered = await api(viewer).list({ projectId, status: 'pending', limit: 7 });
    expect(filtered.items).toHaveLength(7);
    expect((await api(viewer).list({ projectId, status: 'pending', limit: 7, cursor: filtered.nextCursor! })).items).toHaveLength(1);
    expect(await codeOf(api(viewer).list({ projectId, cursor: 'not-a-cursor' }))).toBe('BAD_REQUEST');
  });

  it('outsiders get NOT_FOUND; another project\'s proposal id is NOT_FOUND and stays untouched', async () => {
    const projectId = await newProject();
    const otherProjectId = await newProject();
    const proposal = await propose(projectId, backlog());
    const calls = [
      () => api(outsider).list({ projectId }),
      () => api(outsider).get({ projectId, id: proposal.id }),
      () => api(outsider).preview({ projectId, id: proposal.id }),
      () => api(outsider).applyChanges({ projectId, id: proposal.id }),
      () => api(outsider).reject({ projectId, id: proposal.id }),
      () => api(member).applyChanges({ projectId: otherProjectId, id: proposal.id }),
      () => api(member).get({ projectId: otherProjectId, id: proposal.id }),
    ];
    for (const call of calls) expect(await codeOf(call())).toBe('NOT_FOUND');
    expect((await api(viewer).get({ projectId, id: proposal.id })).status).toBe('pending');
  });
});
