/**
 * Background work outside the request: indexing, document ingestion, periodic chores.
 * Payloads are JSON: both implementations hand the handler a JSON round-trip of what was
 * enqueued, so a job that works in-process works on BullMQ too.
 */
export interface JobQueue {
  readonly kind: 'memory' | 'bullmq';
  /** One handler per job name; register every handler before enqueueing. */
  register<T>(name: string, handler: JobHandler<T>): void;
  /** Resolves with the job id once the job is durably queued. */
  enqueue<T>(name: string, payload: T, options?: EnqueueOptions): Promise<string>;
  /** A repeatable job: `payload` is enqueued every `everyMs` until the queue closes (re-upserting replaces it). */
  schedule<T>(scheduleId: string, name: string, payload: T, options: { everyMs: number }): Promise<void>;
  /** Resolves when nothing is waiting, delayed or running (tests and graceful shutdown). */
  whenIdle(): Promise<void>;
  /** Stops taking work, waits for running handlers, releases connections and timers. */
  close(): Promise<void>;
}

export interface EnqueueOptions {
  /** Total tries including the first; default 3. */
  attempts?: number;
  /** Delay before the first retry; doubled each retry (exponential backoff). Default 1000 ms. */
  backoffMs?: number;
  /** Wait this long before the first try. */
  delayMs?: number;
}

export interface JobInfo {
  id: string;
  name: string;
  /** 1 on the first try. */
  attempt: number;
  /** Whether a failure of this try is final (no retry left). */
  lastAttempt: boolean;
}

export type JobHandler<T> = (payload: T, job: JobInfo) => Promise<void>;

/** Reports a failed try; `final` when no retry is left. */
export type JobFailureHook = (error: unknown, job: JobInfo & { final: boolean }) => void;

export const DEFAULT_ATTEMPTS = 3;
export const DEFAULT_BACKOFF_MS = 1000;

export class UnknownJobError extends Error {
  override name = 'UnknownJobError';
  constructor(jobName: string) {
    super(`No handler registered for job "${jobName}"`);
  }
}
