import { createSession } from '@devmentor/api';
import { createTestProject, type TestUser } from '@devmentor/api/testing';
import { loadTestEnv } from '@devmentor/config';
import { users } from '@devmentor/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/test-server';
import { collectEvents, liveClient } from './live-client';

const mode = loadTestEnv().TEST_DATABASE_URL ? 'postgres' : 'pglite';

describe(`live project stream over WebSocket (${mode})`, () => {
  let server: TestServer;
  let owner: { user: TestUser; token: string };
  let outsider: { user: TestUser; token: string };
  let projectId: string;
  const clients: { close: () => void }[] = [];

  async function signedIn(name: string) {
    const services = server.running.services;
    const [row] = await services.db.insert(users).values({ email: `${name}-${Date.now()}@example.test`, name, emailVerifiedAt: new Date() }).returning();
    const user = { id: row!.id, email: row!.email, name: row!.name, avatarUrl: null, emailVerifiedAt: row!.emailVerifiedAt };
    return { user, token: (await createSession(services.db, { userId: user.id })).token };
  }
  const open = (token: string | null) => {
    const client = liveClient(server, token);
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    server = await startTestServer();
    owner = await signedIn('owner');
    outsider = await signedIn('outsider');
    projectId = (await createTestProject(server.running.services, owner.user, [], { keyPrefix: 'LV' })).id;
  });
  afterAll(async () => {
    clients.forEach((client) => client.close());
    await server?.close();
  });

  it('streams every change in order, and after a dropped socket resumes from the last event id without loss or duplicates', async () => {
    const { client } = open(owner.token);
    const stream = collectEvents(client, { projectId });
    await stream.ready;
    const created = [];
    for (const title of ['one', 'two', 'three']) created.push(await client.tasks.create.mutate({ projectId, title }));
    await stream.until(() => stream.events.length >= 3);

    // Kill the connection from the server side, as a network drop would, and keep writing.
    server.app.websocketServer.clients.forEach((socket) => socket.terminate());
    const moved = await client.tasks.move.mutate({ projectId, id: created[0]!.id, version: created[0]!.version, status: 'in_progress' });
    for (const title of ['four', 'five']) created.push(await client.tasks.create.mutate({ projectId, title }));
    await stream.until(() => stream.events.length >= 6);
    stream.unsubscribe();

    const ids = stream.events.map((event) => event.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
    expect(stream.events.map((event) => `${event.entityType}:${event.action}`)).toEqual([
      'task:created', 'task:created', 'task:created', 'task:moved', 'task:created', 'task:created',
    ]);
    expect(stream.events[3]!.entityId).toBe(moved.id);
    expect(stream.errors).toEqual([]);
  });

  it('replays from an explicit lastEventId before live events', async () => {
    const { client } = open(owner.token);
    const first = await client.tasks.create.mutate({ projectId, title: 'baseline' });
    const probe = collectEvents(client, { projectId });
    await probe.ready;
    const second = await client.tasks.create.mutate({ projectId, title: 'after baseline' });
    await probe.until(() => probe.events.some((event) => event.entityId === second.id));
    probe.unsubscribe();
    const baseline = probe.events.find((event) => event.entityId === second.id)!.id - 1;

    const resumed = collectEvents(client, { projectId, lastEventId: String(baseline) });
    await resumed.until(() => resumed.events.length >= 1);
    const third = await client.tasks.create.mutate({ projectId, title: 'live after replay' });
    await resumed.until(() => resumed.events.some((event) => event.entityId === third.id));
    resumed.unsubscribe();
    expect(resumed.events.map((event) => event.entityId)).toEqual([second.id, third.id]);
    expect(first.id).not.toBe(second.id);
  });

  it('refuses a subscription to outsiders (NOT_FOUND) and anonymous sockets (UNAUTHORIZED)', async () => {
    const outsiderStream = collectEvents(open(outsider.token).client, { projectId });
    const anonymousStream = collectEvents(open(null).client, { projectId });
    await outsiderStream.until(() => outsiderStream.errors.length > 0);
    await anonymousStream.until(() => anonymousStream.errors.length > 0);
    expect(outsiderStream.errors[0]!.data?.code).toBe('NOT_FOUND');
    expect(anonymousStream.errors[0]!.data?.code).toBe('UNAUTHORIZED');
  });

  it('ends the stream with session_revoked when the session signs out, over the wire', async () => {
    const session = await signedIn('leaver');
    await server.running.services.db.insert((await import('@devmentor/db')).projectMembers).values({ projectId, userId: session.user.id, role: 'viewer' });
    const { client } = open(session.token);
    const stream = collectEvents(client, { projectId });
    await stream.ready;
    await client.auth.logout.mutate();
    await stream.until(() => stream.errors.length > 0);
    expect(stream.errors[0]!.data?.code).toBe('UNAUTHORIZED');
    expect((stream.errors[0]!.data as { details?: { reason?: string } }).details?.reason).toBe('session_revoked');
  });
});
