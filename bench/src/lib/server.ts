import { readFileSync } from 'node:fs';
import type { AppRouter } from '@devmentor/api';
import { loadBenchEnv } from '@devmentor/config';
import { freePort, spawnServer, waitForExit } from '@devmentor/server/testing';
import { createTRPCClient, httpLink, type TRPCClient } from '@trpc/client';
import type { BenchDatabase } from './database';
import { createHttpFetch, type LeanResponse } from './http-fetch';

export interface BenchServer {
  url: string;
  /**
   * Resolves once the server's own CPU use stays near zero (Linux `/proc`; elsewhere at once):
   * background work left by what came before (the event log the floor's writes filled, indexed by
   * the server's consumers) must not run inside the measured calls.
   */
  waitUntilIdle(): Promise<void>;
  stop(): Promise<void>;
}

const IDLE_SAMPLE_MS = 500;
/** CPU share of one core below which a sample counts as idle. */
const IDLE_SHARE = 0.05;
const IDLE_TIMEOUT_MS = 300_000;

/** Clock ticks of CPU the process has used (user + system), or null where `/proc` is missing. */
function cpuTicks(pid: number | undefined): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return null;
  }
}

async function waitForIdleProcess(pid: number | undefined): Promise<void> {
  const deadline = Date.now() + IDLE_TIMEOUT_MS;
  let quietSamples = 0;
  let before = cpuTicks(pid);
  while (before !== null && quietSamples < 2 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, IDLE_SAMPLE_MS));
    const after = cpuTicks(pid);
    if (after === null) return;
    // Linux counts 100 ticks a second.
    quietSamples = (after - before) / 100 < (IDLE_SAMPLE_MS / 1000) * IDLE_SHARE ? quietSamples + 1 : 0;
    before = after;
  }
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
    waitUntilIdle: () => waitForIdleProcess(child.pid),
    stop: async () => {
      child.kill('SIGTERM');
      const code = await waitForExit(child);
      if (code !== 0) throw new Error(`server exited with ${code}: ${output.slice(-2000)}`);
    },
  };
}

/** Milliseconds the server reported in `Server-Timing: app;dur=…` for each answer, while recording. */
export class ServerTimings {
  readonly values: number[] = [];
  recording = false;

  record(response: Pick<LeanResponse, 'headers'>): void {
    const match = /app;dur=([\d.]+)/.exec(response.headers.get('server-timing') ?? '');
    if (this.recording && match) this.values.push(Number(match[1]));
  }
}

export interface BenchClientOptions {
  /** Collects each answer's server-side duration. */
  timings?: ServerTimings;
  /** `node-http` (default): `createHttpFetch`, the lean instrument; `fetch`: Node's built-in fetch. */
  transport?: 'node-http' | 'fetch';
}

/** The typed tRPC client over plain HTTP, one request per call (no batching), as a script would. */
export function benchClient(url: string, token: string, options: BenchClientOptions = {}): TRPCClient<AppRouter> {
  const send: (input: string | URL | Request, init?: RequestInit) => Promise<LeanResponse> = options.transport === 'fetch' ? fetch : createHttpFetch();
  const recordingFetch = async (input: string | URL | Request, init?: RequestInit) => {
    const response = await send(input, init);
    options.timings?.record(response);
    return response;
  };
  return createTRPCClient<AppRouter>({
    links: [httpLink({ url: `${url}/trpc`, headers: { authorization: `Bearer ${token}` }, fetch: recordingFetch })],
  });
}
