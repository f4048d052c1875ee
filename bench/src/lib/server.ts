import type { AppRouter } from '@devmentor/api';
import { loadBenchEnv } from '@devmentor/config';
import { freePort, spawnServer, waitForExit } from '@devmentor/server/testing';
import { createTRPCClient, httpLink, type TRPCClient } from '@trpc/client';
import type { BenchDatabase } from './database';

export interface BenchServer {
  url: string;
  stop(): Promise<void>;
}

/** How long a server may take to answer `/ready`: generous, a loaded 2-core machine starts slowly. */
const READY_TIMEOUT_MS = 240_000;

/**
 * The real server (`apps/server/src/main.ts`) as its own process on a free loopback port, on the
 * bench database: production mode, no demo seed, the general rate limit lifted so it does not
 * throttle the load. Release an in-process PGlite handle before calling this.
 */
export async function startBenchServer(database: BenchDatabase, env: Record<string, string> = {}): Promise<BenchServer> {
  const port = await freePort();
  const nodeOptions = loadBenchEnv().BENCH_SERVER_NODE_OPTIONS;
  const child = spawnServer({
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    SEED_DEMO: 'false',
    RATE_LIMIT_PER_MINUTE: '100000000',
    ...database.serverEnv,
    ...(nodeOptions ? { NODE_OPTIONS: nodeOptions } : {}),
    ...env,
    PORT: String(port),
    HOST: '127.0.0.1',
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += String(chunk)));
  child.stderr?.on('data', (chunk) => (output += String(chunk)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}: ${output.slice(-2000)}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server was not ready within ${READY_TIMEOUT_MS / 1000} s: ${output.slice(-2000)}`);
    }
    const ready = await fetch(`${url}/ready`).then((response) => response.status === 200, () => false);
    if (ready) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    url,
    stop: async () => {
      child.kill('SIGTERM');
      const code = await waitForExit(child);
      if (code !== 0) throw new Error(`server exited with ${code}: ${output.slice(-2000)}`);
    },
  };
}

/** The typed tRPC client over plain HTTP, one request per call (no batching), as a script would. */
export function benchClient(url: string, token: string): TRPCClient<AppRouter> {
  return createTRPCClient<AppRouter>({
    links: [httpLink({ url: `${url}/trpc`, headers: { authorization: `Bearer ${token}` } })],
  });
}
