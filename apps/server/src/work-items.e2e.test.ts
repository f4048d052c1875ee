import { createSession } from '@devmentor/api';
import { createTestProject } from '@devmentor/api/testing';
import { loadTestEnv } from '@devmentor/config';
import { users } from '@devmentor/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './testing/test-server';

const mode = loadTestEnv().TEST_DATABASE_URL ? 'postgres' : 'pglite';

describe(`work items over HTTP (${mode})`, () => {
  let server: TestServer;
  let token: string;
  let projectId: string;
  beforeAll(async () => {
    server = await startTestServer();
    const services = server.running.services;
    const [user] = await services.db.insert(users).values({ email: 'items@example.test', name: 'Item Writer', emailVerifiedAt: new Date() }).returning();
    token = (await createSession(services.db, { userId: user!.id })).token;
    projectId = (await createTestProject(services, { ...user!, avatarUrl: null }, [], { keyPrefix: 'DM' })).id;
  });
  afterAll(async () => {
    await server?.close();
  });

  const post = (path: string, body: unknown, key?: string) =>
    fetch(`${server.url}/trpc/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...(key ? { 'idempotency-key': key } : {}) },
      body: JSON.stringify(body),
    });

  it('replays a mutation sent again with the same Idempotency-Key header', async () => {
    const first = await post('stories.create', { projectId, title: 'Over HTTP' }, 'http-key-1');
    const replay = await post('stories.create', { projectId, title: 'Over HTTP' }, 'http-key-1');
    expect(first.status).toBe(200);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    const [a, b] = [(await first.json()) as { result: { data: { id: string; key: string } } }, (await replay.json()) as { result: { data: unknown } }];
    expect(b.result.data).toEqual(a.result.data);
    expect(a.result.data.key).toMatch(/^DM-\d+$/);
    const reused = await post('stories.create', { projectId, title: 'Something else' }, 'http-key-1');
    expect(reused.status).toBe(409);
  });

  it('keeps one entry per call of a batch sent under one key', async () => {
    const body = { 0: { projectId, title: 'Batch one' }, 1: { projectId, title: 'Batch two' } };
    const first = await post('tasks.create,tasks.create?batch=1', body, 'batch-key');
    const replay = await post('tasks.create,tasks.create?batch=1', body, 'batch-key');
    const [a, b] = [(await first.json()) as { result: { data: { title: string } } }[], (await replay.json()) as unknown[]];
    expect(a.map((entry) => entry.result.data.title)).toEqual(['Batch one', 'Batch two']);
    expect(b).toEqual(a);
  });

  it('serves the board in one request', async () => {
    const response = await fetch(`${server.url}/trpc/board.get?input=${encodeURIComponent(JSON.stringify({ projectId }))}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const board = ((await response.json()) as { result: { data: { columns: { status: string; count: number }[] } } }).result.data;
    expect(board.columns.map((column) => column.status)).toEqual(['backlog', 'ready', 'in_progress', 'review', 'done']);
    expect(board.columns[0]!.count).toBe(1);
  });
});
