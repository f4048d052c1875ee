import { createItem, createMemoryBus, getBoard, listItems, moveItem } from '@devmentor/api';
import { seedWorkItems, type SeededProject } from '../fixtures/work-items-seed';
import { benchClient, measure, openBenchDatabase, ServerTimings, startBenchServer, summarize, type BenchRow, type DatabaseMode, type Measurement, type ScenarioOptions } from '../lib';

export const name = 'work-items';
export const description = 'a 2,000-item project: board, filtered list page, move and create over tRPC HTTP next to the Drizzle floor';

type Client = ReturnType<typeof benchClient>;
type FloorContext = Parameters<typeof moveItem>[1]['ctx'];

/** Latency targets (issue 4) apply to PostgreSQL; the overhead target to both modes. */
const TARGETS: Record<string, { p95?: number; overhead?: number }> = {
  'board load (project, 50 per column)': { p95: 25, overhead: 2 },
  'board load (active sprint)': { p95: 25, overhead: 2 },
  'filtered list page': { overhead: 2 },
  move: { p95: 15, overhead: 2 },
  create: { overhead: 2 },
};

/**
 * Stories shuttled between `in_progress` and `review` (a started story may move freely), each
 * placed after an anchor story of the target column that never moves, so concurrent moves of
 * different stories stay valid. Versions are tracked from each answer.
 */
class MovePlan {
  private readonly pool: string[];
  private readonly anchors: Record<string, string[]>;
  private readonly status = new Map<string, string>();
  private readonly version = new Map<string, number>();

  constructor(columns: SeededProject['columns'], blocked: Set<string>) {
    const progress = (columns.in_progress ?? []).filter((story) => !blocked.has(story.id));
    const review = (columns.review ?? []).filter((story) => !blocked.has(story.id));
    this.anchors = { in_progress: progress.slice(0, 20).map((s) => s.id), review: review.slice(0, 20).map((s) => s.id) };
    this.pool = [...progress.slice(20), ...review.slice(20)].map((s) => s.id);
    for (const [status, stories] of Object.entries(columns)) {
      for (const story of stories) {
        this.status.set(story.id, status);
        this.version.set(story.id, story.version);
      }
    }
  }

  next(i: number) {
    const id = this.pool[i % this.pool.length]!;
    const status = this.status.get(id) === 'in_progress' ? 'review' : 'in_progress';
    const anchors = this.anchors[status]!;
    return { id, version: this.version.get(id)!, status: status as 'in_progress' | 'review', afterId: anchors[i % anchors.length]! };
  }

  moved(id: string, status: string, version: number) {
    this.status.set(id, status);
    this.version.set(id, version);
  }
}

interface Operation {
  name: string;
  floor(i: number, ctx: FloorContext): Promise<unknown>;
  trpc(i: number, client: Client): Promise<unknown>;
}

function operations(seed: SeededProject, mode: DatabaseMode): Operation[] {
  const { projectId } = seed;
  const plan = new MovePlan(seed.columns, seed.blockedIds);
  const listInput = { projectId, status: ['ready', 'in_progress'] as ('ready' | 'in_progress')[], label: 'backend', limit: 50 };
  const createInput = (i: number, via: string) => ({
    projectId,
    title: `Bench ${via} ${mode} story ${i}`,
    status: 'backlog' as const,
    epicId: seed.epicIds[i % seed.epicIds.length]!,
    estimate: 3,
    labels: ['bench'],
  });
  return [
    {
      name: 'board load (project, 50 per column)',
      floor: (_i, ctx) => getBoard({ ctx, input: { projectId } }),
      trpc: (_i, client) => client.board.get.query({ projectId }),
    },
    {
      name: 'board load (active sprint)',
      floor: (_i, ctx) => getBoard({ ctx, input: { projectId, sprintId: seed.sprintId } }),
      trpc: (_i, client) => client.board.get.query({ projectId, sprintId: seed.sprintId }),
    },
    {
      name: 'filtered list page',
      floor: (_i, ctx) => listItems('story', { ctx, input: listInput }),
      trpc: (_i, client) => client.stories.list.query(listInput),
    },
    {
      name: 'move',
      floor: async (i, ctx) => {
        const move = plan.next(i);
        const item = await moveItem('story', { ctx, input: { projectId, ...move } });
        plan.moved(move.id, move.status, item.version);
      },
      trpc: async (i, client) => {
        const move = plan.next(i);
        const item = await client.stories.move.mutate({ projectId, ...move });
        plan.moved(move.id, move.status, item.version);
      },
    },
    {
      name: 'create',
      floor: (i, ctx) => createItem('story', { ctx, input: createInput(i, 'floor') }),
      trpc: (i, client) => client.stories.create.mutate(createInput(i, 'trpc')),
    },
  ];
}

/**
 * Latency one call at a time, then throughput with `concurrency` calls in flight. With `timings`,
 * the server-side durations of the measured latency calls are collected.
 */
async function measureBoth(fn: (i: number) => Promise<unknown>, options: ScenarioOptions, offset: number, timings?: ServerTimings) {
  const recorded = (i: number) => {
    if (timings) timings.recording = i >= options.warmup;
    return fn(offset + i);
  };
  const latency = await measure(recorded, { iterations: options.iterations, warmup: options.warmup });
  if (timings) timings.recording = false;
  const throughput = await measure((i) => fn(offset + options.warmup + options.iterations + i), { iterations: options.iterations, concurrency: options.concurrency });
  return { ...latency, rps: throughput.rps };
}

function row(mode: DatabaseMode, operation: string, via: string, m: Measurement, extra: Partial<BenchRow> = {}): BenchRow {
  return { scenario: name, mode, operation, via, samples: m.samples, p50: m.p50, p95: m.p95, p99: m.p99, mean: m.mean, max: m.max, rps: m.rps, ...extra };
}

/**
 * The tRPC row judged against its targets: p95 (PostgreSQL only) and the p50 ratio to the floor.
 * The note adds the server's own p50 (from `Server-Timing`), which leaves out transport and client.
 */
function judged(mode: DatabaseMode, operation: string, trpc: Measurement, floor: Measurement, serverP50: number): BenchRow {
  const target = TARGETS[operation] ?? {};
  const ratio = Math.round((trpc.p50 / floor.p50) * 100) / 100;
  const checks: [string, boolean][] = [];
  if (target.p95 !== undefined && mode === 'postgres') checks.push([`p95 < ${target.p95} ms`, trpc.p95 < target.p95]);
  if (target.overhead !== undefined) checks.push([`< ${target.overhead}x floor`, ratio < target.overhead]);
  return row(mode, operation, 'trpc', trpc, {
    target: checks.map(([text]) => text).join(', ') || undefined,
    met: checks.length ? checks.every(([, ok]) => ok) : null,
    note: `${ratio}x floor p50; server p50 ${serverP50} ms`,
  });
}

async function runMode(mode: DatabaseMode, options: ScenarioOptions): Promise<BenchRow[]> {
  const database = await openBenchDatabase(mode, options.postgresUrl);
  try {
    const seed = await seedWorkItems(database.handle.db);
    options.log(`[${mode}] seeded ${JSON.stringify(seed.counts)}`);
    const ops = operations(seed, mode);
    const ctx: FloorContext = { db: database.handle.db, bus: createMemoryBus(), auth: { user: { id: seed.leadId } } };
    const board = await getBoard({ ctx, input: { projectId: seed.projectId } });
    if (board.totals.count !== seed.counts.stories) throw new Error(`board shows ${board.totals.count} stories, seeded ${seed.counts.stories}`);

    const floors = new Map<string, Measurement>();
    for (const op of ops) {
      floors.set(op.name, await measureBoth((i) => op.floor(i, ctx), options, 0));
      options.log(`[${mode}] drizzle ${op.name}: p95 ${floors.get(op.name)?.p95} ms`);
    }
    // PGlite is single-process: the server process opens the data directory after we let go.
    await database.release();
    const server = await startBenchServer(database);
    const rows: BenchRow[] = [];
    try {
      const timings = new ServerTimings();
      const client = benchClient(server.url, seed.token, timings);
      const viaHttp = await client.board.get.query({ projectId: seed.projectId, sprintId: seed.sprintId });
      if (viaHttp.totals.count !== seed.counts.sprintStories) throw new Error(`sprint board shows ${viaHttp.totals.count} stories, seeded ${seed.counts.sprintStories}`);
      // tRPC calls continue the floor's numbering so moves and creates never reuse an input.
      const offset = 2 * (options.warmup + options.iterations) + options.iterations;
      for (const op of ops) {
        await server.waitUntilIdle();
        timings.values.length = 0;
        const trpc = await measureBoth((i) => op.trpc(i, client), options, offset, timings);
        const floor = floors.get(op.name)!;
        rows.push(row(mode, op.name, 'drizzle', floor), judged(mode, op.name, trpc, floor, summarize(timings.values).p50));
        options.log(`[${mode}] trpc ${op.name}: p95 ${trpc.p95} ms`);
      }
    } finally {
      await server.stop();
    }
    return rows;
  } finally {
    await database.drop();
  }
}

export async function run(options: ScenarioOptions): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const mode of options.modes) rows.push(...(await runMode(mode, options)));
  return rows;
}
