import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { performance } from 'node:perf_hooks';
import { createSession, type ProjectEvent } from '@devmentor/api';
import { loadBenchEnv } from '@devmentor/config';
import { projectMembers, projects, tasks, users } from '@devmentor/db';
import { freePort, liveClient, startServerProcess, type ServerProcess } from '@devmentor/server/testing';
import { openBenchDatabase, summarize, type BenchRow, type DatabaseMode, type ScenarioOptions } from '../lib';

export const name = 'live';
export const description = 'N WebSocket subscribers of one project; one client moves a task; time from the move response to each receipt, and server memory';

const STEPS = [100, 500, 1000];
const TARGET = { subscribers: 500, p99: 50 };

/** Resident memory of a process in MB (Linux `/proc`); null elsewhere. */
function rssMb(process: ServerProcess): number | null {
  try {
    const status = readFileSync(`/proc/${process.child.pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
    return Number.isFinite(kb) ? Math.round(kb / 102.4) / 10 : null;
  } catch {
    return null;
  }
}

function redisReachable(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname, port: Number(port || 6379), timeout: 1500 }, () => socket.write('PING\r\n'));
    socket.once('data', (data) => {
      resolve(String(data).startsWith('+PONG'));
      socket.destroy();
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      resolve(false);
      socket.destroy();
    });
  });
}

interface Seeded {
  projectId: string;
  taskId: string;
  ownerToken: string;
  memberTokens: string[];
}

/** One project, one task to shuttle, and a member (own user and session) per subscriber. */
async function seed(db: Awaited<ReturnType<typeof openBenchDatabase>>['handle']['db'], members: number): Promise<Seeded> {
  const stamp = Date.now();
  const [owner] = await db.insert(users).values({ email: `live-owner-${stamp}@bench.test`, name: 'Live Owner' }).returning();
  const [project] = await db.insert(projects).values({ ownerId: owner!.id, name: 'Live bench', slug: `live-${stamp}`, keyPrefix: 'LB', itemSequence: 1 }).returning();
  const [task] = await db.insert(tasks).values({ projectId: project!.id, number: 1, title: 'Shuttled task', position: 'a0' }).returning();
  const people = await db
    .insert(users)
    .values(Array.from({ length: members }, (_, i) => ({ email: `live-${stamp}-${i}@bench.test`, name: `Viewer ${i}` })))
    .returning({ id: users.id });
  await db.insert(projectMembers).values([{ projectId: project!.id, userId: owner!.id, role: 'owner' as const }, ...people.map((p) => ({ projectId: project!.id, userId: p.id, role: 'viewer' as const }))]);
  const memberTokens: string[] = [];
  for (const person of people) memberTokens.push((await createSession(db, { userId: person.id })).token);
  return { projectId: project!.id, taskId: task!.id, ownerToken: (await createSession(db, { userId: owner!.id })).token, memberTokens };
}

type Subscriber = { close: () => void; received: Map<number, number> };

/** Moves are made one at a time; a receipt is attributed to the move in flight. */
const currentMove = { index: -1 };

function subscribe(server: ServerProcess, token: string, projectId: string, onReceipt: () => void): Promise<Subscriber> {
  const { client, close } = liveClient(server, token);
  const received = new Map<number, number>();
  return new Promise((resolve, reject) => {
    client.projects.onEvent.subscribe(
      { projectId },
      {
        onStarted: () => resolve({ close, received }),
        onData: (envelope) => {
          const event = envelope.data as ProjectEvent;
          if (event.action !== 'moved') return;
          received.set(currentMove.index, performance.now());
          onReceipt();
        },
        onError: reject,
      },
    );
  });
}

export async function run(options: ScenarioOptions): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const { BENCH_REDIS_URL } = loadBenchEnv();
  const redis = await redisReachable(BENCH_REDIS_URL);
  if (!redis) options.log(`Redis is not reachable at ${new URL(BENCH_REDIS_URL).host}: the two-instance runs are skipped`);
  for (const mode of options.modes) {
    rows.push(...(await runMode(mode, 1, options)));
    if (mode === 'postgres' && redis) rows.push(...(await runMode(mode, 2, options, BENCH_REDIS_URL)));
  }
  return rows;
}

async function runMode(mode: DatabaseMode, instances: 1 | 2, options: ScenarioOptions, redisUrl?: string): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const database = await openBenchDatabase(mode, options.postgresUrl);
  const servers: ServerProcess[] = [];
  const subscribers: Subscriber[] = [];
  let mover: ReturnType<typeof liveClient> | undefined;
  try {
    const seeded = await seed(database.handle.db, STEPS.at(-1)!);
    await database.release();
    const env = { NODE_ENV: 'production', LOG_LEVEL: 'warn', SEED_DEMO: 'false', RATE_LIMIT_PER_MINUTE: '100000000', ...database.serverEnv, ...(redisUrl ? { REDIS_URL: redisUrl } : {}) };
    for (let i = 0; i < instances; i++) servers.push(await startServerProcess(await freePort(), env));
    const idle = servers.map(rssMb);
    mover = liveClient(servers[0]!, seeded.ownerToken);
    const state = { version: 1, status: 'todo' as 'todo' | 'in_progress' };
    let receipts = 0;
    let wake: (() => void) | null = null;
    const onReceipt = () => {
      receipts += 1;
      if (receipts >= subscribers.length) wake?.();
    };
    for (const step of STEPS) {
      options.log(`live: ${mode}, ${instances} instance(s), connecting ${step} subscribers`);
      while (subscribers.length < step) {
        const batch = [];
        for (let i = subscribers.length; i < Math.min(step, subscribers.length + 50); i++) {
          batch.push(subscribe(servers[i % instances]!, seeded.memberTokens[i]!, seeded.projectId, onReceipt));
        }
        subscribers.push(...(await Promise.all(batch)));
      }
      const moves = Math.max(10, Math.min(options.iterations, 40));
      const latencies: number[] = [];
      const endToEnd: number[] = [];
      let early = 0;
      let lost = 0;
      const started = performance.now();
      for (let i = 0; i < 3 + moves; i++) {
        const status = state.status === 'todo' ? 'in_progress' : 'todo';
        receipts = 0;
        currentMove.index += 1;
        const move = currentMove.index;
        const everyone = new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, 10_000).unref();
        });
        const sent = performance.now();
        const moved = await mover.client.tasks.move.mutate({ projectId: seeded.projectId, id: seeded.taskId, version: state.version, status });
        const answered = performance.now();
        state.version = moved.version;
        state.status = status;
        if (receipts < subscribers.length) await everyone;
        wake = null;
        if (i < 3) continue;
        for (const subscriber of subscribers) {
          const at = subscriber.received.get(move);
          if (at === undefined) lost += 1;
          else {
            if (at < answered) early += 1;
            latencies.push(Math.max(0, at - answered));
            endToEnd.push(at - sent);
          }
        }
      }
      const seconds = (performance.now() - started) / 1000;
      const memory = servers.map(rssMb);
      const targeted = instances === 1 && step === TARGET.subscribers;
      const where = instances === 1 ? '1 instance' : '2 instances via Redis';
      const note = `server RSS ${memory.map((mb) => `${mb} MB`).join(' + ')} (idle ${idle.map((mb) => `${mb} MB`).join(' + ')}); ${moves} moves${lost ? `; ${lost} not received within 10 s` : ''}`;
      const row = (operation: string, values: number[], extra: string): BenchRow => {
        const summary = summarize(values);
        return {
          scenario: name,
          mode,
          operation: `${operation}, ${step} subscribers, ${where}`,
          via: 'ws',
          samples: summary.samples,
          p50: summary.p50,
          p95: summary.p95,
          p99: summary.p99,
          mean: summary.mean,
          max: summary.max,
          rps: Math.round(summary.samples / seconds),
          ...(targeted ? { target: `p99 < ${TARGET.p99} ms`, met: summary.p99 < TARGET.p99 } : {}),
          note: `${note}${extra}`,
        };
      };
      // The event is published before the HTTP response is written, so most receipts precede the
      // response: "response -> receipt" counts those as 0; "request -> receipt" is the full path.
      rows.push(row('move response -> receipt', latencies, `; ${early} of ${latencies.length} receipts came before the response (counted 0)`));
      rows.push(row('move request -> receipt', endToEnd, ''));
    }
  } finally {
    subscribers.forEach((subscriber) => subscriber.close());
    mover?.close();
    await Promise.all(servers.map((server) => server.stop()));
    await database.drop();
  }
  return rows;
}
