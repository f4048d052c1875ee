import { createSession } from '@devmentor/api';
import { createTestProject, type TestUser } from '@devmentor/api/testing';
import { loadTestEnv } from '@devmentor/config';
import { stories, users } from '@devmentor/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/test-server';
import { liveClient } from './live-client';

const mode = loadTestEnv().TEST_DATABASE_URL ? 'postgres' : 'pglite';

type AskEvent = { type: 'started'; threadId: string } | { type: 'delta'; text: string } | { type: 'done'; message: { content: string; citations: { key?: string }[] } };

describe(`chat.ask over WebSocket (${mode})`, () => {
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
  function open(token: string) {
    const client = liveClient(server, token);
    clients.push(client);
    return client.client;
  }
  /** Every event of one ask, or the error that ended it. */
  function ask(client: ReturnType<typeof open>, input: { projectId: string; message: string }) {
    return new Promise<{ events: AskEvent[]; error: { data?: { code?: string } } | null }>((resolve) => {
      const events: AskEvent[] = [];
      const subscription = client.chat.ask.subscribe(input, {
        onData: (event) => {
          events.push(event as AskEvent);
          if ((event as AskEvent).type === 'done') {
            subscription.unsubscribe();
            resolve({ events, error: null });
          }
        },
        onError: (error) => resolve({ events, error: error as { data?: { code?: string } } }),
      });
    });
  }

  beforeAll(async () => {
    server = await startTestServer();
    owner = await signedIn('owner');
    outsider = await signedIn('outsider');
    projectId = (await createTestProject(server.running.services, owner.user, [], { keyPrefix: 'CH' })).id;
    await server.running.services.db.insert(stories).values({ projectId, number: 1, title: 'Login with GitHub', description: 'OAuth app sign-in.', position: 'a0' });
  });
  afterAll(async () => {
    clients.forEach((client) => client.close());
    await server?.close();
  });

  it('streams started, several deltas and done; the thread is then readable over HTTP', async () => {
    const client = open(owner.token);
    const { events, error } = await ask(client, { projectId, message: 'What is CH-1 about?' });
    expect(error).toBeNull();
    expect(events[0]).toMatchObject({ type: 'started' });
    expect(events.filter((event) => event.type === 'delta').length).toBeGreaterThan(3);
    const done = events.at(-1) as Extract<AskEvent, { type: 'done' }>;
    expect(done.message.citations[0]).toMatchObject({ key: 'CH-1' });
    const threadId = (events[0] as Extract<AskEvent, { type: 'started' }>).threadId;
    const history = await client.chat.history.query({ projectId, threadId });
    expect(history.items.map((item) => item.role)).toEqual(['user', 'assistant']);
    expect(history.items[1]!.content).toBe(done.message.content);
  });

  it('an outsider’s ask ends with NOT_FOUND', async () => {
    const { events, error } = await ask(open(outsider.token), { projectId, message: 'What is CH-1 about?' });
    expect(events).toEqual([]);
    expect(error?.data?.code).toBe('NOT_FOUND');
  });
});
