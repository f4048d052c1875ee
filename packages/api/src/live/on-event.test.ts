import { createTestDb } from '@devmentor/db/testing';
import { and, eq, projectMembers, type DbHandle } from '@devmentor/db';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession } from '../auth/sessions.service';
import { AppError } from '../errors';
import { publishEvents, recordEvent, type ProjectEvent } from '../events/project-events';
import { createCaller } from '../root';
import { callerFor, contextFor, createTestProject, createTestServices, createTestUser, type TestUser } from '../testing';
import type { AppServices } from '../trpc/context';
import { createLiveServices } from './live-services';
import { userChannel } from './user-channel';

type Tracked = [string, ProjectEvent, symbol];

/** What a client learns from a failed stream: the tRPC code and `details.reason`. */
function failureOf(error: unknown): { code: string; reason: unknown } {
  if (!(error instanceof TRPCError)) return { code: 'UNEXPECTED', reason: String(error) };
  return { code: error.code, reason: error.cause instanceof AppError ? error.cause.details?.reason : undefined };
}

async function failure(promise: Promise<unknown>) {
  try {
    await promise;
    return { code: 'OK', reason: undefined };
  } catch (error) {
    return failureOf(error);
  }
}

describe('projects.onEvent', () => {
  let handle: DbHandle;
  let services: AppServices;
  let owner: TestUser;
  let viewer: TestUser;
  let outsider: TestUser;
  let projectId: string;

  beforeAll(async () => {
    handle = await createTestDb();
    services = createTestServices(handle, {});
    services = { ...services, live: createLiveServices({ bus: services.bus, instanceId: services.instanceId, limits: { maxSubscriptionsPerUser: 3, maxBufferedEvents: 5 } }) };
    [owner, viewer, outsider] = await Promise.all([createTestUser(services), createTestUser(services), createTestUser(services)]);
    projectId = (await createTestProject(services, owner, [{ user: viewer, role: 'viewer' }])).id;
  });
  afterAll(async () => {
    await handle.close();
  });

  async function write(entityId: string, action = 'updated', target = projectId): Promise<ProjectEvent> {
    const event = await services.db.transaction((tx) => recordEvent(tx, { projectId: target, actorId: owner.id, entityType: 'task', entityId, action }));
    await publishEvents(services.bus, [event]);
    return event;
  }

  async function open(user: TestUser, input: { lastEventId?: string | number }, extra: Parameters<typeof callerFor>[2] = {}) {
    const controller = new AbortController();
    const caller = createCaller(contextFor(services, user, extra), { signal: controller.signal });
    const iterable = (await caller.projects.onEvent({ projectId, ...input })) as AsyncIterable<Tracked>;
    const iterator = iterable[Symbol.asyncIterator]();
    return {
      iterator,
      next: async () => (await iterator.next()).value as Tracked,
      /** What the WebSocket adapter does when the client unsubscribes: abort, then return(). */
      close: async () => {
        controller.abort();
        await iterator.return?.();
      },
    };
  }

  /** The stream is live once the generator awaits the bus; a first event proves it. */
  async function openLive(user: TestUser, extra: Parameters<typeof callerFor>[2] = {}) {
    const marker = await write('before-open');
    const stream = await open(user, { lastEventId: String(marker.id - 1) }, extra);
    expect((await stream.next())[1].id).toBe(marker.id);
    return stream;
  }

  it('replays what was missed after lastEventId, then live events, in order, without duplicates', async () => {
    const first = await write('a');
    const missed = [await write('b'), await write('c')];
    const stream = await open(viewer, { lastEventId: String(first.id) });
    const received = [await stream.next(), await stream.next()];
    const live = await write('d');
    await publishEvents(services.bus, [missed[1]!]); // a duplicate delivery on the bus is dropped
    const late = await write('e');
    received.push(await stream.next(), await stream.next());
    await stream.close();
    expect(received.map(([, event]) => event.entityId)).toEqual(['b', 'c', 'd', 'e']);
    expect(received.map(([id]) => id)).toEqual([missed[0]!.id, missed[1]!.id, live.id, late.id].map(String));
  });

  it('streams only live events without lastEventId and ends when the client leaves', async () => {
    await write('old');
    const stream = await open(viewer, {});
    const pending = stream.next();
    const event = await write('new');
    expect((await pending)[1].id).toBe(event.id);
    await stream.close();
    expect((await stream.iterator.next()).done).toBe(true);
  });

  it('does not stream another project and refuses outsiders and anonymous callers', async () => {
    const other = await createTestProject(services, outsider);
    expect(await failure(callerFor(services, outsider).projects.onEvent({ projectId }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await failure(callerFor(services, null).projects.onEvent({ projectId }))).toMatchObject({ code: 'UNAUTHORIZED' });
    const stream = await openLive(viewer);
    const pending = stream.next();
    await write('elsewhere', 'updated', other.id);
    const mine = await write('mine');
    expect((await pending)[1].id).toBe(mine.id);
    await stream.close();
  });

  it('ends with member_removed when the member is removed mid-stream', async () => {
    const member = await createTestUser(services);
    await services.db.insert(projectMembers).values({ projectId, userId: member.id, role: 'member' });
    const stream = await openLive(member);
    const removal = await services.db.transaction(async (tx) => {
      await tx.delete(projectMembers).where(and(eq(projectMembers.projectId, projectId), eq(projectMembers.userId, member.id)));
      return recordEvent(tx, { projectId, actorId: owner.id, entityType: 'member', entityId: member.id, action: 'removed' });
    });
    await publishEvents(services.bus, [removal]);
    expect(await failure(stream.next())).toEqual({ code: 'FORBIDDEN', reason: 'member_removed' });
  });

  it('ends with session_revoked when its session is revoked, not when another one is', async () => {
    const session = await createSession(services.db, { userId: viewer.id });
    const other = await createSession(services.db, { userId: viewer.id });
    const auth = { user: viewer, sessionId: session.sessionId, via: 'connection' as const };
    const stream = await openLive(viewer, { auth });
    const pending = stream.next();
    await services.bus.publish(userChannel(viewer.id), { kind: 'session_revoked', sessionId: other.sessionId });
    const still = await write('still-open');
    expect((await pending)[1].id).toBe(still.id);
    await services.bus.publish(userChannel(viewer.id), { kind: 'session_revoked', sessionId: session.sessionId });
    expect(await failure(stream.next())).toEqual({ code: 'UNAUTHORIZED', reason: 'session_revoked' });
  });

  it('ends with api_key_revoked when the API key that opened it is revoked, not when another one is', async () => {
    const session = await createSession(services.db, { userId: viewer.id });
    const keys = createCaller(contextFor(services, viewer, { auth: { user: viewer, sessionId: session.sessionId, via: 'bearer' } })).apiKeys;
    const { apiKey } = await keys.create({ name: 'stream reader', scopes: ['read'] });
    const { apiKey: other } = await keys.create({ name: 'other', scopes: ['read'] });
    const auth = { user: viewer, sessionId: null, via: 'connection' as const, apiKey: { id: apiKey.id, scopes: ['read' as const], projectId: null, expiresAt: null } };
    const stream = await openLive(viewer, { auth });
    const pending = stream.next();
    await keys.revoke({ id: other.id });
    const still = await write('still-open-for-key');
    expect((await pending)[1].id).toBe(still.id);
    await keys.revoke({ id: apiKey.id });
    expect(await failure(stream.next())).toEqual({ code: 'UNAUTHORIZED', reason: 'api_key_revoked' });
    // The revoked key cannot open another stream.
    await expect(open(viewer, {}, { auth })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('cuts a slow consumer off with resync instead of buffering without bound; the replay fills the gap', async () => {
    const stream = await openLive(viewer);
    const written: ProjectEvent[] = [];
    for (let n = 0; n < 8; n++) written.push(await write(`burst-${n}`));
    await new Promise((resolve) => setTimeout(resolve, 20));
    const ended = await failure(stream.next());
    expect(ended).toEqual({ code: 'CONFLICT', reason: 'resync' });
    const resumed = await open(viewer, { lastEventId: String(written[0]!.id - 1) });
    const replayed: string[] = [];
    for (let n = 0; n < 8; n++) replayed.push((await resumed.next())[1].entityId);
    await resumed.close();
    expect(replayed).toEqual(written.map((event) => event.entityId));
  });

  it('ends with resync when the WebSocket has too much queued', async () => {
    let queued = 0;
    const stream = await openLive(viewer, { socketBufferedBytes: () => queued });
    queued = 10 * 1024 * 1024;
    await write('one-more');
    expect(await failure(stream.next())).toMatchObject({ code: 'CONFLICT', reason: 'resync' });
  });

  it('caps open subscriptions per user with TOO_MANY_REQUESTS and frees the slot on close', async () => {
    const streams = [await openLive(owner), await openLive(owner), await openLive(owner)];
    const extra = await open(owner, {});
    expect(await failure(extra.next())).toEqual({ code: 'TOO_MANY_REQUESTS', reason: 'subscription_limit' });
    await streams[0]!.close();
    const again = await openLive(owner);
    for (const stream of [again, ...streams]) await stream.close();
  });
});
