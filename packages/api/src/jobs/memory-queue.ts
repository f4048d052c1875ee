import { randomUUID } from 'node:crypto';
import { DEFAULT_ATTEMPTS, DEFAULT_BACKOFF_MS, UnknownJobError, type EnqueueOptions, type JobFailureHook, type JobHandler, type JobQueue } from './job-queue';

export interface MemoryQueueOptions {
  /** Handlers running at once; default 2. */
  concurrency?: number;
  onFailed?: JobFailureHook;
}

interface PendingJob {
  id: string;
  name: string;
  wire: string;
  attempt: number;
  attempts: number;
  backoffMs: number;
}

/**
 * In-process scheduler for a single server instance (the default with no REDIS_URL). Jobs live
 * in memory: a crash loses queued work, which is acceptable because every job here can be
 * re-derived (indexing is re-driven from the event log, ingestion marks the document failed).
 */
export function createMemoryQueue(options: MemoryQueueOptions = {}): JobQueue {
  const concurrency = options.concurrency ?? 2;
  const handlers = new Map<string, JobHandler<unknown>>();
  const ready: PendingJob[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const intervals = new Map<string, NodeJS.Timeout>();
  let running = 0;
  let closed = false;
  let idleWaiters: (() => void)[] = [];

  const settleIdle = () => {
    if (running > 0 || ready.length > 0 || timers.size > 0) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const resolve of waiters) resolve();
  };

  const later = (ms: number, fn: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn();
      settleIdle();
    }, ms);
    timers.add(timer);
  };

  const pump = () => {
    while (!closed && running < concurrency && ready.length > 0) {
      const job = ready.shift()!;
      running += 1;
      void run(job).finally(() => {
        running -= 1;
        // The next job starts after pending I/O has had its turn: with PGlite in this thread, jobs
        // chained back to back would hold incoming requests until the whole queue drained.
        setImmediate(() => {
          pump();
          settleIdle();
        });
      });
    }
  };

  const run = async (job: PendingJob) => {
    const info = { id: job.id, name: job.name, attempt: job.attempt, lastAttempt: job.attempt >= job.attempts };
    try {
      const handler = handlers.get(job.name);
      if (!handler) throw new UnknownJobError(job.name);
      await handler(JSON.parse(job.wire), info);
    } catch (error) {
      const final = info.lastAttempt || error instanceof UnknownJobError;
      options.onFailed?.(error, { ...info, final });
      if (!final && !closed) {
        later(job.backoffMs * 2 ** (job.attempt - 1), () => {
          ready.push({ ...job, attempt: job.attempt + 1 });
          pump();
        });
      }
    }
  };

  const push = (name: string, payload: unknown, enqueue: EnqueueOptions = {}): string => {
    const job: PendingJob = {
      id: randomUUID(),
      name,
      wire: JSON.stringify(payload ?? null),
      attempt: 1,
      attempts: Math.max(1, enqueue.attempts ?? DEFAULT_ATTEMPTS),
      backoffMs: enqueue.backoffMs ?? DEFAULT_BACKOFF_MS,
    };
    if (enqueue.delayMs && enqueue.delayMs > 0) {
      later(enqueue.delayMs, () => {
        ready.push(job);
        pump();
      });
    } else {
      ready.push(job);
      // A caller never runs handler code inline, as with a remote queue.
      queueMicrotask(pump);
    }
    return job.id;
  };

  return {
    kind: 'memory',
    register(name, handler) {
      handlers.set(name, handler as JobHandler<unknown>);
    },
    async enqueue(name, payload, enqueueOptions) {
      if (closed) throw new Error('job queue is closed');
      return push(name, payload, enqueueOptions);
    },
    async schedule(scheduleId, name, payload, { everyMs }) {
      clearInterval(intervals.get(scheduleId));
      const interval = setInterval(() => {
        if (!closed) push(name, payload, { attempts: 1 });
      }, everyMs);
      interval.unref();
      intervals.set(scheduleId, interval);
    },
    whenIdle() {
      return new Promise<void>((resolve) => {
        idleWaiters.push(resolve);
        queueMicrotask(settleIdle);
      });
    },
    async close() {
      closed = true;
      for (const interval of intervals.values()) clearInterval(interval);
      intervals.clear();
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      ready.length = 0;
      await new Promise<void>((resolve) => {
        idleWaiters.push(resolve);
        settleIdle();
      });
    },
  };
}
