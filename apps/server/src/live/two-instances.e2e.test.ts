import { createSession, SESSION_CACHE_TTL_MS, type NotificationView } from '@devmentor/api';
import { createTestProject, type TestUser } from '@devmentor/api/testing';
import { loadTestEnv } from '@devmentor/config';
import { createDb, notifications, eq, projectMembers, users, type DbHandle } from '@devmentor/db';
import { createTestDatabaseUrl } from '@devmentor/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startServerProcess, type ServerProcess } from '../testing/server-process';
import { collectEvents, liveClient } from './live-client';

const { TEST_DATABASE_URL, TEST_REDIS_URL } = loadTestEnv();

/** Two real server processes on one PostgreSQL and one Redis, as behind a load balancer. */
describe.runIf(TEST_DATABASE_URL && TEST_REDIS_URL)('two server instances (PostgreSQL + Redis)', () => {
  let database: { url: string; drop: () => Promise<void> };
  let db: DbHandle;
  let a: ServerProcess;
  let b: ServerProcess;
  let owner: { user: TestUser; token: string };
  let member: { user: TestUser; token: string };
  let projectId: string;
  const clients: { close: () => void }[] = [];

  async function signedIn(name: string) {
    const [row] = await db.db.insert(users).values({ email: `${name}@example.test`, name, emailVerifiedAt: new Date() }).returning();
    const user = { id: row!.id, email: row!.email, name: row!.name, avatarUrl: null, emailVerifiedAt: row!.emailVerifiedAt };
    return { user, token: (await createSession(db.db, { userId: user.id })).token };
  }

  beforeAll(async () => {
    database = (await createTestDatabaseUrl())!;
    const env = { DATABASE_URL: database.url, REDIS_URL: TEST_REDIS_URL!, NODE_ENV: 'test' };
    // One after the other: the first applies the migrations.
    a = await startServerProcess(await freePort(), env);
    b = await startServerProcess(await freePort(), env);
    db = await createDb({ databaseUrl: database.url, maxConnections: 2 });
    owner = await signedIn('Owner');
    member = await signedIn('Mia');
    projectId = (await createTestProject({ db: db.db } as never, owner.user, [{ user: member.user, role: 'member' }], { keyPrefix: 'TI' })).id;
  }, 120_000);
  afterAll(async () => {
    clients.forEach((client) => client.close());
    await Promise.all([a?.stop(), b?.stop()]);
    await db?.close();
    await database?.drop();
  });

  it('delivers a task moved through instance A to a subscriber of instance B', async () => {
    const onA = liveClient(a, owner.token);
    const onB = liveClient(b, member.token);
    clients.push(onA, onB);
    const stream = collectEvents(onB.client, { projectId });
    await stream.ready;
    const task = await onA.client.tasks.create.mutate({ projectId, title: 'Cross-instance' });
    const moved = await onA.client.tasks.move.mutate({ projectId, id: task.id, version: task.version, status: 'done' });
    await stream.until(() => stream.events.some((event) => event.action === 'moved'));
    stream.unsubscribe();
    const mine = stream.events.filter((event) => event.entityId === task.id);
    expect(mine.map((event) => event.action)).toEqual(['created', 'moved']);
    expect(mine[1]!.diff).toMatchObject({ status: { from: 'todo', to: 'done' } });
    expect(moved.status).toBe('done');
  });

  it('notifies an assignee connected to B exactly once though both instances consume the events', async () => {
    const onA = liveClient(a, owner.token);
    const onB = liveClient(b, member.token);
    clients.push(onA, onB);
    const received: NotificationView[] = [];
    let started!: () => void;
    const ready = new Promise<void>((resolve) => (started = resolve));
    const subscription = onB.client.notifications.onNew.subscribe(undefined, { onStarted: () => started(), onData: (envelope) => received.push(envelope.data as NotificationView) });
    await ready;
    const task = await onA.client.tasks.create.mutate({ projectId, title: 'For Mia', assigneeId: member.user.id });
    while (!received.some((notification) => notification.entityId === task.id)) await new Promise((resolve) => setTimeout(resolve, 20));
    subscription.unsubscribe();
    expect(received.filter((notification) => notification.entityId === task.id)).toHaveLength(1);
    expect(await db.db.select().from(notifications).where(eq(notifications.entityId, task.id))).toHaveLength(1);
  });

  /** Milliseconds until `call` rejects with `code`, polling; fails past half the session cache's TTL. */
  async function untilRejected(call: () => Promise<unknown>, code: string): Promise<number> {
    const start = Date.now();
    for (;;) {
      const outcome = await call().then(
        () => 'accepted',
        (error: { data?: { code?: string } }) => error.data?.code,
      );
      if (outcome === code) return Date.now() - start;
      if (outcome !== 'accepted') throw new Error(`expected ${code}, got ${outcome}`);
      if (Date.now() - start > SESSION_CACHE_TTL_MS / 2) throw new Error(`still accepted after ${Date.now() - start} ms`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  it("ends B's remembered session and membership when A signs out or removes the member, through the bus", async () => {
    const rex = await signedIn('Rex');
    await db.db.insert(projectMembers).values({ projectId, userId: rex.user.id, role: 'member' });
    const second = (await createSession(db.db, { userId: rex.user.id })).token;
    const rexOnB = liveClient(b, rex.token);
    const secondOnB = liveClient(b, second);
    const ownerOnA = liveClient(a, owner.token);
    const secondOnA = liveClient(a, second);
    clients.push(rexOnB, secondOnB, ownerOnA, secondOnA);
    // B reads both sessions and the membership, and remembers them.
    await rexOnB.client.members.list.query({ projectId });
    await secondOnB.client.auth.me.query();

    await ownerOnA.client.members.remove.mutate({ projectId, userId: rex.user.id });
    await untilRejected(() => rexOnB.client.members.list.query({ projectId }), 'NOT_FOUND');
    await secondOnA.client.auth.logout.mutate();
    await untilRejected(() => secondOnB.client.auth.me.query(), 'UNAUTHORIZED');
  });
});
