import { type DbHandle } from '@devmentor/db';
import { createTestDb } from '@devmentor/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordEvent } from '../events/project-events';
import { codeOf, insertStory } from '../sprints/testing/work-items';
import { callerFor, createTestProject, createTestServices, createTestUser, type TestUser } from '../testing';
import type { AppServices } from '../trpc/context';

describe('activity', () => {
  let handle: DbHandle;
  let services: AppServices;
  let owner: TestUser, viewer: TestUser, outsider: TestUser;
  let projectId: string;
  let otherProjectId: string;

  beforeAll(async () => {
    handle = await createTestDb();
    services = createTestServices(handle);
    [owner, viewer, outsider] = (await Promise.all(['Grace Owner', 'Vic Viewer', 'Oscar Outsider'].map((name) => createTestUser(services, { name })))) as [TestUser, TestUser, TestUser];
    projectId = (await createTestProject(services, owner, [{ user: viewer, role: 'viewer' }], { keyPrefix: 'AC' })).id;
    otherProjectId = (await createTestProject(services, owner)).id;
  });
  afterAll(async () => {
    await handle.close();
  });

  const api = (user: TestUser) => callerFor(services, user).activity;

  it('returns the feed newest first with actor names and item keys, and pages without gaps or repeats', async () => {
    const story = await insertStory(services, projectId, { title: 'Feed me' });
    const sprint = await callerFor(services, owner).sprints.create({ projectId, name: 'Sprint 1' });
    await callerFor(services, owner).sprints.addItems({ projectId, id: sprint.id, storyIds: [story.id] });
    await recordEvent(services.db, { projectId, actorId: null, entityType: 'story', entityId: story.id, action: 'status_changed', diff: { status: { from: 'backlog', to: 'ready' } }, aiTriggered: true });
    await recordEvent(services.db, { projectId: otherProjectId, actorId: owner.id, entityType: 'project', entityId: otherProjectId, action: 'updated' });

    const first = await api(viewer).list({ projectId, limit: 2 });
    expect(first.items.map((entry) => `${entry.entityType}/${entry.action}`)).toEqual(['story/status_changed', 'sprint/added']);
    expect(first.items[0]).toMatchObject({ actor: null, aiTriggered: true, itemKey: `AC-${story.number}` });
    expect(first.items[1]).toMatchObject({ actor: { id: owner.id, name: 'Grace Owner' }, itemKey: null });
    expect(first.nextCursor).not.toBeNull();

    // A new event arriving between pages does not shift the next page.
    await recordEvent(services.db, { projectId, actorId: owner.id, entityType: 'sprint', entityId: sprint.id, action: 'updated' });
    const second = await api(viewer).list({ projectId, limit: 2, cursor: first.nextCursor! });
    expect(second.items.map((entry) => `${entry.entityType}/${entry.action}`)).toEqual(['story/updated', 'sprint/created']);
    expect(second.nextCursor).toBeNull();
    const ids = [...first.items, ...second.items].map((entry) => entry.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
  });

  it('gives one entity’s history, filtered by type and id', async () => {
    const story = await insertStory(services, projectId);
    const sprint = await callerFor(services, owner).sprints.create({ projectId, name: 'History' });
    await callerFor(services, owner).sprints.addItems({ projectId, id: sprint.id, storyIds: [story.id] });
    await callerFor(services, owner).sprints.removeItem({ projectId, id: sprint.id, storyId: story.id });
    const history = await api(viewer).list({ projectId, entityType: 'story', entityId: story.id });
    expect(history.items.map((entry) => entry.diff)).toEqual([{ sprintId: { from: sprint.id, to: null } }, { sprintId: { from: null, to: sprint.id } }]);
    expect(history.items.every((entry) => entry.itemKey === `AC-${story.number}`)).toBe(true);
    const sprintHistory = await api(viewer).list({ projectId, entityId: sprint.id });
    expect(sprintHistory.items.map((entry) => entry.action)).toEqual(['removed', 'added', 'created']);
    expect((await api(viewer).list({ projectId, entityType: 'task', entityId: story.id })).items).toEqual([]);
  });

  it('keeps an agent run’s start and outcome in the feed, not its progress steps', async () => {
    const runId = '00000000-0000-4000-8000-0000000000a1';
    for (const action of ['started', 'progress', 'progress', 'completed']) {
      await recordEvent(services.db, { projectId, actorId: owner.id, entityType: 'agent', entityId: runId, action, aiTriggered: true, diff: { agent: 'analyst' } });
    }
    const run = await api(viewer).list({ projectId, entityType: 'agent', entityId: runId });
    expect(run.items.map((entry) => entry.action)).toEqual(['completed', 'started']);
  });

  it('hides other projects: their entity ids yield nothing here, outsiders get NOT_FOUND', async () => {
    const feed = await api(owner).list({ projectId, entityId: otherProjectId });
    expect(feed.items).toEqual([]);
    expect(await codeOf(api(outsider).list({ projectId }))).toBe('NOT_FOUND');
    expect(await codeOf(api(viewer).list({ projectId: otherProjectId }))).toBe('NOT_FOUND');
    expect(await codeOf(api(viewer).list({ projectId, cursor: 'abc' }))).toBe('BAD_REQUEST');
  });
});
