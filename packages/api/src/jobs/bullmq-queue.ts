import { Queue, Worker, type Job } from 'bullmq';
import { DEFAULT_ATTEMPTS, DEFAULT_BACKOFF_MS, UnknownJobError, type JobFailureHook, type JobHandler, type JobQueue } from './job-queue';

export interface BullmqQueueOptions {
  url: string;
  /** BullMQ queue name; instances sharing a name share the work. Default `devmentor`. */
  queueName?: string;
  /** Redis key prefix; default `bull`. Tests use a unique one. */
  prefix?: string;
  concurrency?: number;
  onFailed?: JobFailureHook;
  onError?: (error: Error) => void;
}

const IDLE_POLL_MS = 25;

/**
 * BullMQ on Redis: jobs survive restarts and any number of server instances share the work.
 * One queue carries every job name; the worker dispatches on `job.name`.
 */
export async function createBullmqQueue(options: BullmqQueueOptions): Promise<JobQueue> {
  // BullMQ's blocking worker connection requires `maxRetriesPerRequest: null`.
  const connection = { url: options.url, maxRetriesPerRequest: null };
  const queueName = options.queueName ?? 'devmentor';
  const prefix = options.prefix ?? 'bull';
  const handlers = new Map<string, JobHandler<unknown>>();
  const queue = new Queue(queueName, { connection, prefix });
  queue.on('error', (error) => options.onError?.(error));
  await queue.waitUntilReady();

  const infoOf = (job: Job) => {
    const attempts = job.opts.attempts ?? 1;
    return { id: job.id ?? '', name: job.name, attempt: job.attemptsMade + 1, lastAttempt: job.attemptsMade + 1 >= attempts };
  };

  let worker: Worker | undefined;
  const startWorker = () => {
    worker = new Worker(
      queueName,
      async (job: Job) => {
        const handler = handlers.get(job.name);
        if (!handler) throw new UnknownJobError(job.name);
        await handler(job.data, infoOf(job));
      },
      { connection, prefix, concurrency: options.concurrency ?? 2 },
    );
    worker.on('error', (error) => options.onError?.(error));
    worker.on('failed', (job, error) => {
      if (!job) return;
      // `attemptsMade` already counts the failed try here.
      const attempts = job.opts.attempts ?? 1;
      const info = { id: job.id ?? '', name: job.name, attempt: job.attemptsMade, lastAttempt: job.attemptsMade >= attempts };
      options.onFailed?.(error, { ...info, final: info.lastAttempt || error instanceof UnknownJobError });
    });
  };

  return {
    kind: 'bullmq',
    register(name, handler) {
      handlers.set(name, handler as JobHandler<unknown>);
      // The worker starts with the first handler; the rest register in the same tick, before it fetches.
      if (!worker) startWorker();
    },
    async enqueue(name, payload, enqueue = {}) {
      const job = await queue.add(name, JSON.parse(JSON.stringify(payload ?? null)), {
        attempts: Math.max(1, enqueue.attempts ?? DEFAULT_ATTEMPTS),
        backoff: { type: 'exponential', delay: enqueue.backoffMs ?? DEFAULT_BACKOFF_MS },
        ...(enqueue.delayMs ? { delay: enqueue.delayMs } : {}),
        removeOnComplete: 1000,
        removeOnFail: 5000,
      });
      return job.id ?? '';
    },
    async schedule(scheduleId, name, payload, { everyMs }) {
      await queue.upsertJobScheduler(scheduleId, { every: everyMs }, { name, data: payload, opts: { attempts: 1, removeOnComplete: 100, removeOnFail: 100 } });
    },
    async whenIdle() {
      for (;;) {
        // One atomic read; each job scheduler always keeps its next run delayed, so those do not count.
        const [counts, schedulers] = await Promise.all([
          queue.getJobCounts('waiting', 'active', 'prioritized', 'waiting-children', 'delayed'),
          queue.getJobSchedulersCount(),
        ]);
        const { delayed = 0, ...rest } = counts;
        if (delayed <= schedulers && Object.values(rest).every((count) => count === 0)) return;
        await new Promise((resolve) => setTimeout(resolve, IDLE_POLL_MS));
      }
    },
    async close() {
      await worker?.close();
      await queue.close();
    },
  };
}
