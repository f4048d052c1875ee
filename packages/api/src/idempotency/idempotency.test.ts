import { and, eq, idempotencyKeys, sql, stories } from '@devmentor/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, createWorkItemsWorld, detailsOf, type WorkItemsWorld } from '../work-items/test-setup';
import { createMemoryQueue } from '../jobs';
import { scheduleIdempotencyPurge } from './idempotency-jobs';
import { purgeExpiredIdempotencyKeys } from './idempotency.middleware';

describe('idempotency keys on mutations', () => {
  let w: WorkItemsWorld;
  beforeAll(async () => {
    w = await createWorkItemsWorld();
  });
  afterAll(async () => {
    await w.handle.close();
  });

  const storyCount = async () => (await w.services.db.select({ id: stories.id }).from(stories).where(eq(stories.projectId, w.projectId))).length;

  it('replays the first result for the same key and input without running the mutation again', async () => {
    const headers: Record<string, string> = {};
    const api = w.as(w.member, { idempotencyKey: 'create-1', setResponseHeader: (name, value) => void (headers[name] = value) });
    const before = await storyCount();
    const first = await api.stories.create({ projectId: w.projectId, title: 'Once' });
    expect(headers['Idempotent-Replayed']).toBeUndefined();
    const replay = await api.stories.create({ projectId: w.projectId, title: 'Once' });
    expect(JSON.parse(JSON.stringify(replay))).toEqual(JSON.parse(JSON.stringify(first)));
    expect(headers['Idempotent-Replayed']).toBe('true');
    expect(await storyCount()).toBe(before + 1);
  });

  it('treats the same key with another input or procedure as a CONFLICT', async () => {
    const api = w.as(w.member, { idempotencyKey: 'create-2' });
    await api.stories.create({ projectId: w.projectId, title: 'First' });
    expect(await codeOf(api.stories.create({ projectId: w.projectId, title: 'Second' }))).toBe('CONFLICT');
    expect((await detailsOf(api.stories.create({ projectId: w.projectId, title: 'Second' }))).reason).toBe('idempotency_key_reused');
    expect(await codeOf(api.tasks.create({ projectId: w.projectId, title: 'First' }))).toBe('CONFLICT');
  });

  it('runs concurrent duplicates once: the other is a replay or an in-progress CONFLICT', async () => {
    const api = w.as(w.member, { idempotencyKey: 'race-1' });
    const before = await storyCount();
    const results = await Promise.allSettled([1, 2, 3].map(() => api.stories.create({ projectId: w.projectId, title: 'Race' })));
    expect(await storyCount()).toBe(before + 1);
    const fulfilled = results.filter((result) => result.status === 'fulfilled');
    expect(fulfilled.length).toBeGreaterThanOrEqual(1);
    for (const result of results) {
      if (result.status === 'rejected') expect(await codeOf(Promise.reject(result.reason))).toBe('CONFLICT');
    }
  });

  it('keys are per user', async () => {
    const before = await storyCount();
    await w.as(w.member, { idempotencyKey: 'shared' }).stories.create({ projectId: w.projectId, title: 'Mine' });
    await w.as(w.owner, { idempotencyKey: 'shared' }).stories.create({ projectId: w.projectId, title: 'Mine' });
    expect(await storyCount()).toBe(before + 2);
  });

  it('replays a move: the second call does not hit the stale version', async () => {
    const story = await w.as(w.member).stories.create({ projectId: w.projectId, title: 'Mover' });
    const api = w.as(w.member, { idempotencyKey: 'move-1' });
    const moved = await api.stories.move({ projectId: w.projectId, id: story.id, version: story.version, status: 'ready' });
    const replay = await api.stories.move({ projectId: w.projectId, id: story.id, version: story.version, status: 'ready' });
    expect(replay).toMatchObject({ id: story.id, status: 'ready', version: moved.version });
  });

  it('releases the key when the mutation fails, so the client can retry', async () => {
    const story = await w.as(w.member).stories.create({ projectId: w.projectId, title: 'Retry' });
    const api = w.as(w.member, { idempotencyKey: 'retry-1' });
    expect(await codeOf(api.stories.update({ projectId: w.projectId, id: story.id, version: 99, title: 'x' }))).toBe('CONFLICT');
    const rows = await w.services.db.select().from(idempotencyKeys).where(eq(idempotencyKeys.key, 'retry-1'));
    expect(rows).toHaveLength(0);
  });

  it('ignores queries and keys older than 24 hours', async () => {
    const api = w.as(w.member, { idempotencyKey: 'old' });
    await api.epics.create({ projectId: w.projectId, title: 'Old' });
    await w.services.db
      .update(idempotencyKeys)
      .set({ expiresAt: sql`now() - interval '1 second'` })
      .where(and(eq(idempotencyKeys.userId, w.member.id), eq(idempotencyKeys.key, 'old')));
    const again = await api.epics.create({ projectId: w.projectId, title: 'Old' });
    expect(again.number).toBeGreaterThan(0);
    const list = await api.epics.list({ projectId: w.projectId, q: 'Old' });
    expect(list.items).toHaveLength(2);
    expect(await w.as(w.member, { idempotencyKey: 'old' }).epics.list({ projectId: w.projectId })).toBeTruthy();
  });

  it('purges expired entries', async () => {
    await w.as(w.member, { idempotencyKey: 'purge-me' }).epics.create({ projectId: w.projectId, title: 'P' });
    const removed = await purgeExpiredIdempotencyKeys(w.services.db, new Date(Date.now() + 25 * 60 * 60 * 1000));
    expect(removed).toBeGreaterThan(0);
    expect(await w.services.db.select().from(idempotencyKeys)).toHaveLength(0);
  });

  it('schedules the purge as a repeating job', async () => {
    await w.services.db.insert(idempotencyKeys).values({ userId: w.member.id, key: 'stale', path: 'epics.create', requestHash: 'x', expiresAt: new Date(Date.now() - 60_000) });
    const jobs = createMemoryQueue();
    try {
      await scheduleIdempotencyPurge({ db: w.services.db, jobs }, { everyMs: 20 });
      await expect.poll(async () => (await w.services.db.select().from(idempotencyKeys).where(eq(idempotencyKeys.key, 'stale'))).length, { timeout: 10_000 }).toBe(0);
    } finally {
      await jobs.close();
    }
  });
});
