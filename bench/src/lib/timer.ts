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

/**
 * Like `measure` for several functions at once, alternating them call by call (in a rotating order),
 * so a change in the machine's load hits all of them alike: their ratio holds on a shared machine.
 */
export async function measureInterleaved<Name extends string>(fns: Record<Name, (i: number) => Promise<unknown>>, options: Omit<MeasureOptions, 'concurrency'>): Promise<Record<Name, Measurement>> {
  const names = Object.keys(fns) as Name[];
  const durations = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<Name, number[]>;
  const warmup = options.warmup ?? 0;
  for (let i = 0; i < warmup + options.iterations; i++) {
    for (let j = 0; j < names.length; j++) {
      const name = names[(i + j) % names.length]!;
      const ms = await time(() => fns[name](i));
      if (i >= warmup) durations[name].push(ms);
    }
  }
  return Object.fromEntries(
    names.map((name) => {
      const total = durations[name].reduce((sum, ms) => sum + ms, 0);
      return [name, { ...summarize(durations[name]), wallMs: total, rps: Math.round((durations[name].length / total) * 1000 * 10) / 10 }];
    }),
  ) as Record<Name, Measurement>;
}
