import type { AddressInfo } from 'node:net';
import type { AppRouter, GitHubOAuth } from '@devmentor/api';
import { parseEnv } from '@devmentor/config';
import { createTestDb } from '@devmentor/db/testing';
import { createTRPCClient, createWSClient, httpBatchLink, splitLink, wsLink } from '@trpc/client';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import WebSocket from 'ws';
import { createServer } from '../create-server';
import { createServices, type RunningServices } from '../services';

export interface TestServer {
  app: FastifyInstance;
  running: RunningServices;
  url: string;
  wsUrl: string;
  close(): Promise<void>;
}

/** A real server on a random loopback port, on a fresh test database (PGlite or TEST_DATABASE_URL). */
export async function startTestServer(
  options: { env?: Record<string, string>; webRoot?: string; github?: GitHubOAuth | null } = {},
): Promise<TestServer> {
  const env = parseEnv({ NODE_ENV: 'test', LOG_LEVEL: 'silent', PORT: '0', SEED_DEMO: 'false', ...options.env });
  const logger = pino({ level: env.LOG_LEVEL });
  const running = await createServices({ env, logger, dbHandle: await createTestDb(), github: options.github });
  const app = await createServer({ running, logger, webRoot: options.webRoot });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  return {
    app,
    running,
    url: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}/trpc`,
    async close() {
      await app.close();
      await running.close();
    },
  };
}

/** The typed client the web app uses, over Node's `ws` (Node 20 has no global WebSocket). */
export function createTestClient(server: Pick<TestServer, 'url' | 'wsUrl'>) {
  const wsClient = createWSClient({
    url: server.wsUrl,
    WebSocket: WebSocket as unknown as typeof globalThis.WebSocket,
    retryDelayMs: () => 100,
  });
  const client = createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === 'subscription',
        true: wsLink({ client: wsClient }),
        false: httpBatchLink({ url: `${server.url}/trpc` }),
      }),
    ],
  });
  return { client, wsClient, close: () => wsClient.close() };
}
