import { eq, sessions, type DbHandle } from '@devmentor/db';
import { createTestDb } from '@devmentor/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryBus, type EventBus } from '../bus';
import { createCaller } from '../root';
import { contextFor, createTestProject, createTestServices, createTestUser, type TestUser } from '../testing';
import type { AppServices } from '../trpc/context';
import { resolveAuth } from './resolve-auth';
import { createSession, SESSION_IDLE_TIMEOUT_MS, validateSessionToken } from './sessions.service';

/**
 * An in-process bus that holds what is published until `deliver()`, as Redis may deliver after
 * the publishing request has answered: what an instance does at once is told apart from what the
 * bus brings.
 */
function heldBus(): EventBus & { deliver(): Promise<void> } {
  const inner = createMemoryBus();
  const held: [string, unknown][] = [];
  return {
    kind: 'memory',
    publish: async (channel, payload) => void held.push([channel, payload]),
    subscribe: (channel, handler) => inner.subscribe(channel, handler),
    ping: () => inner.ping(),
    close: () => inner.close(),
    async deliver() {
      for (const [channel, payload] of held.splice(0)) await inner.publish(channel, payload);
      await new Promise((resolve) => setImmediate(resolve));
    },
  };
}

/**
 * Two instances (service sets with their own session caches) on one database and one bus, called
 * with a bearer token as over HTTP, so every call authenticates through the cache.
 */
describe('session cache across instances', () => {
  let handle: DbHandle;
  let a: AppServices;
  let b: AppServices;
  const bus = heldBus();
  const delivered = () => bus.deliver();
  beforeAll(async () => {
    handle = await createTestDb();
    a = createTestServices(handle, { bus });
    b = createTestServices(handle, { bus });
    await delivered();
  });
  afterAll(async () => {
    await handle.close();
  });

  const as = (services: AppServices, token: string) => createCaller(contextFor(services, null, { credential: { token, via: 'bearer' } }));

  async function signedIn(services: AppServices): Promise<{ user: TestUser; token: string }> {
    const user = await createTestUser(services);
    return { user, token: (await createSession(services.db, { userId: user.id })).token };
  }

  it('answers from memory: a session deleted behind its back still signs in until the change is announced', async () => {
    const { user, token } = await signedIn(a);
    const [sessionId] = token.split('.');
    expect((await as(b, token).auth.me()).id).toBe(user.id);
    await b.db.delete(sessions).where(eq(sessions.id, sessionId!));
    expect((await as(b, token).auth.me()).id).toBe(user.id);
    b.sessionCache.forget({ userId: user.id });
    await expect(as(b, token).auth.me()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('ends a session signed out on one instance at once there, and on the other once the bus delivers', async () => {
    const { token } = await signedIn(a);
    await as(a, token).auth.me();
    await as(b, token).auth.me();
    await as(a, token).auth.logout();
    await expect(as(a, token).auth.me()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await delivered();
    await expect(as(b, token).auth.me()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('takes a removed member out of the project on every instance (not found, as for any non-member)', async () => {
    const owner = await signedIn(a);
    const member = await signedIn(a);
    const project = await createTestProject(a, owner.user, [{ user: member.user, role: 'member' }]);
    await as(b, member.token).members.list({ projectId: project.id });
    await as(a, owner.token).members.remove({ projectId: project.id, userId: member.user.id });
    await expect(as(a, member.token).members.list({ projectId: project.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await delivered();
    await expect(as(b, member.token).members.list({ projectId: project.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('applies a role change and an archive on the other instance', async () => {
    const owner = await signedIn(a);
    const member = await signedIn(a);
    const project = await createTestProject(a, owner.user, [{ user: member.user, role: 'member' }]);
    const story = { projectId: project.id, title: 'Written on B' };
    await as(b, member.token).stories.create(story);
    await as(b, owner.token).stories.create(story);

    await as(a, owner.token).members.changeRole({ projectId: project.id, userId: member.user.id, role: 'viewer' });
    await delivered();
    await expect(as(b, member.token).stories.create(story)).rejects.toMatchObject({ code: 'FORBIDDEN' });

    await as(a, owner.token).projects.archive({ id: project.id });
    await delivered();
    await expect(as(b, owner.token).stories.create(story)).rejects.toMatchObject({ code: 'PRECONDITION_FAILED' });
  });

  it('shows a changed name on the other instance', async () => {
    const { token } = await signedIn(a);
    await resolveAuth(b.db, token, 'bearer', b.sessionCache);
    await as(a, token).auth.updateProfile({ name: 'Renamed On A' });
    await delivered();
    expect((await resolveAuth(b.db, token, 'bearer', b.sessionCache))?.user.name).toBe('Renamed On A');
  });

  it('still ends an idle session that the instance remembers', async () => {
    const { user } = await signedIn(a);
    const start = new Date();
    const session = await createSession(a.db, { userId: user.id, now: start });
    expect(await validateSessionToken(a.db, session.token, start, undefined, a.sessionCache)).not.toBeNull();
    expect(a.sessionCache.lookUp(session.sessionId, undefined)).toBeDefined();

    const idle = new Date(start.getTime() + SESSION_IDLE_TIMEOUT_MS);
    expect(await validateSessionToken(a.db, session.token, idle, undefined, a.sessionCache)).toBeNull();
    expect(await a.db.select().from(sessions).where(eq(sessions.id, session.sessionId))).toHaveLength(0);
  });

  it('does not end a session for inactivity when another instance has kept it active', async () => {
    const { user } = await signedIn(a);
    const start = new Date(Date.now() - SESSION_IDLE_TIMEOUT_MS);
    const session = await createSession(a.db, { userId: user.id, now: start });
    expect(await validateSessionToken(b.db, session.token, start, undefined, b.sessionCache)).not.toBeNull();
    // Used through A a day before the idle deadline B's remembered row would give.
    const used = new Date(start.getTime() + SESSION_IDLE_TIMEOUT_MS - 24 * 3600 * 1000);
    expect(await validateSessionToken(a.db, session.token, used, undefined, a.sessionCache)).not.toBeNull();
    const past = new Date(start.getTime() + SESSION_IDLE_TIMEOUT_MS + 60 * 1000);
    expect(await validateSessionToken(b.db, session.token, past, undefined, b.sessionCache)).not.toBeNull();
    expect(await b.db.select().from(sessions).where(eq(sessions.id, session.sessionId))).toHaveLength(1);
  });
});
