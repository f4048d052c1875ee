import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppRouter } from '@devmentor/api';
import { loadTestEnv } from '@devmentor/config';
import { createTestDatabaseUrl } from '@devmentor/db/testing';
import { createTRPCClient, createWSClient, wsLink } from '@trpc/client';
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { freePort, spawnServer, startServerProcess, waitForExit, type ServerProcess } from './testing/server-process';

const { TEST_REDIS_URL } = loadTestEnv();
const dataDirs: string[] = [];
function tempDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'devmentor-test-'));
  dataDirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
});

function collectOutput(child: ReturnType<typeof spawnServer>): () => string {
  let output = '';
  child.stdout?.on('data', (chunk) => (output += String(chunk)));
  child.stderr?.on('data', (chunk) => (output += String(chunk)));
  return () => output;
}

describe('server process', () => {
  it.each([
    ['PORT', 'abc'],
    ['DATABASE_URL', 'not-a-url'],
    ['REDIS_URL', 'http://localhost'],
  ])('refuses to start when %s=%s, with one line naming it', async (name, value) => {
    const child = spawnServer({ [name]: value, DATA_DIR: tempDataDir() });
    const output = collectOutput(child);
    expect(await waitForExit(child)).toBe(1);
    const lines = output().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^Invalid environment: ${name}: `));
  });

  it('seeds the demo workspace on first start only, printing the login once', async () => {
    const dataDir = tempDataDir();
    const first = await startServerProcess(await freePort(), { DATA_DIR: dataDir, SEED_DEMO: 'true', LOG_LEVEL: 'info' });
    expect(await first.stop()).toBe(0);
    expect(first.output()).toMatch(/Demo login: demo@devmentor\.local \/ \S{8,}/);

    const second = await startServerProcess(await freePort(), { DATA_DIR: dataDir, SEED_DEMO: 'true', LOG_LEVEL: 'info' });
    expect(await second.stop()).toBe(0);
    expect(second.output()).not.toMatch(/Demo login/);
    // Two cold starts, each migrating (and the first seeding) an embedded database: slow on 2 busy cores.
  }, 120_000);

  it('closes open WebSockets and exits 0 on SIGTERM', async () => {
    const server = await startServerProcess(await freePort(), { DATA_DIR: tempDataDir() });
    const socket = new WebSocket(`${server.url.replace('http', 'ws')}/trpc`);
    await new Promise((resolve) => socket.once('open', resolve));
    const closed = new Promise<number>((resolve) => socket.once('close', resolve));
    expect(await server.stop()).toBe(0);
    expect(await closed).toBe(1012);
  });
});

describe.runIf(TEST_REDIS_URL)('two server instances on one Redis', () => {
  const servers: ServerProcess[] = [];
  let dropDatabase: (() => Promise<void>) | undefined;
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop()));
    await dropDatabase?.();
  });

  it("delivers each instance's events to the other's subscribers", async () => {
    // With TEST_DATABASE_URL both share one PostgreSQL; embedded, each has its own PGlite.
    const shared = await createTestDatabaseUrl();
    dropDatabase = shared?.drop;
    const database = (): Record<string, string> => (shared ? { DATABASE_URL: shared.url } : { DATA_DIR: tempDataDir() });
    const a = await startServerProcess(await freePort(), { REDIS_URL: TEST_REDIS_URL!, ...database() });
    servers.push(a);
    const b = await startServerProcess(await freePort(), { REDIS_URL: TEST_REDIS_URL!, ...database() });
    servers.push(b);

    const instanceA = ((await (await fetch(`${a.url}/health`)).json()) as { instanceId: string }).instanceId;
    const wsClient = createWSClient({
      url: `${b.url.replace('http', 'ws')}/trpc`,
      WebSocket: WebSocket as unknown as typeof globalThis.WebSocket,
    });
    const client = createTRPCClient<AppRouter>({ links: [wsLink({ client: wsClient })] });
    try {
      const tickFromA = await new Promise<{ instanceId: string }>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no tick from instance A reached instance B')), 10_000);
        const subscription = client.system.clock.subscribe(undefined, {
          onData: (tick) => {
            if (tick.instanceId !== instanceA) return;
            clearTimeout(timer);
            subscription.unsubscribe();
            resolve(tick);
          },
          onError: reject,
        });
      });
      expect(tickFromA.instanceId).toBe(instanceA);
    } finally {
      wsClient.close();
    }
  });
});
