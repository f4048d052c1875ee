import { createSession, type AppRouter } from '@devmentor/api';
import { loadTestEnv } from '@devmentor/config';
import { users } from '@devmentor/db';
import { createTRPCClient, createWSClient, httpBatchLink, TRPCClientError, wsLink } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startTestServer, type TestServer } from './testing/test-server';

const mode = loadTestEnv().TEST_DATABASE_URL ? 'postgres' : 'pglite';

function httpClient(server: TestServer, token: string) {
  return createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: `${server.url}/trpc`, headers: { authorization: `Bearer ${token}` } })] });
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'OK';
  } catch (error) {
    return error instanceof TRPCClientError ? String((error.data as { code?: string } | undefined)?.code) : `UNEXPECTED ${String(error)}`;
  }
}

describe(`API keys through the server (${mode})`, () => {
  let server: TestServer;
  let sessionToken: string;
  beforeAll(async () => {
    server = await startTestServer();
    const [user] = await server.running.services.db.insert(users).values({ email: 'keys@example.test', name: 'Key Holder', emailVerifiedAt: new Date() }).returning();
    sessionToken = (await createSession(server.running.services.db, { userId: user!.id })).token;
  });
  afterAll(async () => {
    await server?.close();
  });

  it('a key works as Authorization: Bearer over HTTP, with its scopes enforced', async () => {
    const session = httpClient(server, sessionToken);
    const project = await session.projects.create.mutate({ name: 'Scripted' });
    const writer = await session.apiKeys.create.mutate({ name: 'script', scopes: ['read', 'write'] });
    const reader = await session.apiKeys.create.mutate({ name: 'reader', scopes: ['read'], projectId: project.id });

    const asWriter = httpClient(server, writer.token);
    expect((await asWriter.projects.list.query()).items.map((p) => p.id)).toEqual([project.id]);
    expect(await codeOf(asWriter.projects.create.mutate({ name: 'By key' }))).toBe('OK');
    expect(await codeOf(asWriter.apiKeys.create.mutate({ name: 'child', scopes: ['read'] }))).toBe('FORBIDDEN');

    const asReader = httpClient(server, reader.token);
    expect((await asReader.projects.get.query({ id: project.id })).name).toBe('Scripted');
    expect(await codeOf(asReader.projects.update.mutate({ id: project.id, version: 1, name: 'x' }))).toBe('FORBIDDEN');

    await session.apiKeys.revoke.mutate({ id: writer.apiKey.id });
    expect(await codeOf(asWriter.projects.list.query())).toBe('UNAUTHORIZED');
  });

  it('a key is accepted as WebSocket connectionParams.token', async () => {
    const session = httpClient(server, sessionToken);
    const key = await session.apiKeys.create.mutate({ name: 'ws', scopes: ['read'] });
    const wsClient = createWSClient({
      url: server.wsUrl,
      WebSocket: WebSocket as unknown as typeof globalThis.WebSocket,
      connectionParams: { token: key.token },
      retryDelayMs: () => 100,
    });
    try {
      const client = createTRPCClient<AppRouter>({ links: [wsLink({ client: wsClient })] });
      const listed = await client.projects.list.query();
      expect(listed.items.map((p) => p.name)).toContain('Scripted');
      expect(await codeOf(client.projects.create.mutate({ name: 'nope' }))).toBe('FORBIDDEN');
    } finally {
      await wsClient.close();
    }
  });
});
