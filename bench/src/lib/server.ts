import type { AppRouter } from '@devmentor/api';
import { freePort, startServerProcess } from '@devmentor/server/testing';
import { createTRPCClient, httpLink, type TRPCClient } from '@trpc/client';
import type { BenchDatabase } from './database';

export interface BenchServer {
  url: string;
  stop(): Promise<void>;
}

/**
 * The real server (`apps/server/src/main.ts`) as its own process on a free loopback port, on the
 * bench database: production mode, no demo seed, the general rate limit lifted so it does not
 * throttle the load. Release an in-process PGlite handle before calling this.
 */
export async function startBenchServer(database: BenchDatabase, env: Record<string, string> = {}): Promise<BenchServer> {
  const port = await freePort();
  const server = await startServerProcess(port, {
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    SEED_DEMO: 'false',
    RATE_LIMIT_PER_MINUTE: '100000000',
    ...database.serverEnv,
    ...env,
  });
  return {
    url: server.url,
    stop: async () => {
      const code = await server.stop();
      if (code !== 0) throw new Error(`server exited with ${code}: ${server.output().slice(-2000)}`);
    },
  };
}

/** The typed tRPC client over plain HTTP, one request per call (no batching), as a script would. */
export function benchClient(url: string, token: string): TRPCClient<AppRouter> {
  return createTRPCClient<AppRouter>({
    links: [httpLink({ url: `${url}/trpc`, headers: { authorization: `Bearer ${token}` } })],
  });
}
