import { performance } from 'node:perf_hooks';
import { summarize, type Summary } from './stats';

export interface MeasureOptions {
  iterations: number;
  warmup?: number;
  /** Calls in flight at once (default 1). Latencies are per call; `rps` is calls over wall time. */
  concurrency?: number;
}

export interface Measurement extends Summary {
  wallMs: number;
  rps: number;
}

/** Milliseconds `fn` takes. */
export async function time(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

/**
 * Calls `fn(i)` `warmup` times unmeasured, then `iterations` times measured, `concurrency` at a
 * time. `i` counts from 0 across warm-up and measured calls, so each call can pick its own data
 * (e.g. a different item to move).
 */
export async function measure(fn: (i: number) => Promise<unknown>, options: MeasureOptions): Promise<Measurement> {
  const concurrency = Math.max(1, options.concurrency ?? 1);
  let next = 0;
  const warmup = options.warmup ?? 0;
  for (; next < warmup; next++) await fn(next);
  const durations: number[] = [];
  const end = warmup + options.iterations;
  const worker = async () => {
    while (next < end) {
      const i = next++;
      durations.push(await time(() => fn(i)));
    }
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const wallMs = performance.now() - start;
  return { ...summarize(durations), wallMs, rps: Math.round((durations.length / wallMs) * 1000 * 10) / 10 };
}
