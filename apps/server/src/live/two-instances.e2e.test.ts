import { createSession, type NotificationView } from '@devmentor/api';
import { createTestProject, type TestUser } from '@devmentor/api/testing';
import { loadTestEnv } from '@devmentor/config';
import { createDb, notifications, eq, users, type DbHandle } from '@devmentor/db';
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
});
