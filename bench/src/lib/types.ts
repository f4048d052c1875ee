export type DatabaseMode = 'pglite' | 'postgres';

/** What the runner hands every scenario. */
export interface ScenarioOptions {
  /** Database modes to run in: `pglite` always, `postgres` when BENCH_DATABASE_URL answers. */
  modes: DatabaseMode[];
  /** Measured calls per operation (after the warm-up). */
  iterations: number;
  /** Unmeasured calls per operation first (JIT, caches, connection pool). */
  warmup: number;
  /** Calls in flight at once, for the requests/s figure. */
  concurrency: number;
  /** PostgreSQL server the `postgres` mode creates its databases on. */
  postgresUrl: string;
  log(line: string): void;
}

/** One measured operation in one mode; the runner prints these and writes them as JSON. */
export interface BenchRow {
  scenario: string;
  mode: DatabaseMode;
  /** What was measured, e.g. `board load`. */
  operation: string;
  /** How: `trpc` (the real HTTP endpoint), `drizzle` (the floor: same service call, no transport). */
  via: string;
  samples: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  max: number;
  /** Requests per second at the run's concurrency. */
  rps: number;
  /** Human-readable target, e.g. `p95 < 25 ms`, and whether this row met it (null: no target). */
  target?: string;
  met?: boolean | null;
  note?: string;
}

/**
 * A scenario module in `src/scenarios/<file>.ts` exports `name` and `run`. `run` sets up whatever
 * it needs (use `openBenchDatabase`, `startBenchServer`), measures with `measure`, cleans up, and
 * returns rows; the runner does the printing and the JSON.
 */
export interface Scenario {
  name: string;
  description?: string;
  run(options: ScenarioOptions): Promise<BenchRow[]>;
}
