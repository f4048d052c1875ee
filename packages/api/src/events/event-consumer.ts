import { and, asc, eq, eventCursors, events, gt, sql, type Database } from '@devmentor/db';
import type { EventBus, Unsubscribe } from '../bus';
import { EVENTS_CHANNEL, type DbOrTx, type ProjectEvent } from './project-events';

/** Runs after the batch's transaction commits (e.g. publish what the handler wrote). */
export type AfterCommit = () => Promise<void>;

export interface EventConsumerOptions {
  /** Unique and stable: the cursor row's key. Renaming a consumer restarts it from `startFrom`. */
  name: string;
  db: Database;
  /** When given, a publish on `EVENTS_CHANNEL` (done by `publishEvents`) triggers a run after `kickDelayMs`. */
  bus?: EventBus;
  /**
   * How long a bus kick waits before the run starts, so a burst of writes (a drag storm, a bulk
   * apply, a busy board) is handled in one transaction instead of one per write, and the work does
   * not compete with each request of the burst. Default 50 ms; 0 runs at once.
   */
  kickDelayMs?: number;
  /**
   * Processes events in id order, inside the transaction that advances the cursor: write with
   * `tx` only, so the writes and the cursor commit or roll back together. May return a function to
   * run after commit (never publish inside the transaction). Throwing rolls the batch back.
   */
  handle: (batch: ProjectEvent[], context: { tx: DbOrTx }) => Promise<void | AfterCommit>;
  /** Events per transaction; default 100. */
  batchSize?: number;
  /** Poll period when no bus kick arrives (another instance's writes, a missed message); default 1000 ms. */
  pollIntervalMs?: number;
  /** Where a consumer without a cursor row starts: the first event, or after the newest one. Default `beginning`. */
  startFrom?: 'beginning' | 'latest';
  /**
   * Ids are handed out at insert but become visible at commit, so a young gap in the ids may be a
   * transaction still in flight. The consumer stops before a gap whose next event is younger than
   * this (database time) and moves past it once older (the gap was a rollback). Default 3000 ms.
   */
  gapGraceMs?: number;
  /** Failed attempts before a batch is retried one event at a time, and a single event is skipped. Default 3. */
  maxAttempts?: number;
  onError?: (error: unknown, info: { consumer: string; eventIds: number[]; skipped: boolean }) => void;
}

export interface EventConsumer {
  readonly name: string;
  /**
   * Processes everything committed so far (batch after batch) and resolves with the number of
   * events handled. Concurrent calls queue behind the run in progress. Returns 0 at once when
   * another instance holds the cursor. Deterministic tests call this instead of `start()`.
   */
  runOnce(): Promise<number>;
  /** Subscribes to bus kicks and starts polling. */
  start(): Promise<void>;
  /** Stops polling and kicks and waits for the run in progress. */
  stop(): Promise<void>;
}

class BatchFailed extends Error {
  constructor(
    readonly eventIds: number[],
    override readonly cause: unknown,
  ) {
    super('event batch failed');
  }
}

/**
 * A durable, named consumer of the `events` log: at-least-once, in id order, exactly-once in effect
 * for handlers that write only through `tx` (the cursor advances in the same transaction).
 *
 * Several server instances may run the same consumer: the cursor row is read with
 * `for update skip locked`, so one instance processes a batch while the others skip. A handler that
 * keeps failing is retried `maxAttempts` times, then the batch is replayed one event at a time and
 * the single failing event is skipped (reported through `onError` with `skipped: true`), so one
 * poisoned event never blocks the log.
 */
export function createEventConsumer(options: EventConsumerOptions): EventConsumer {
  const { name, db } = options;
  const batchSize = options.batchSize ?? 100;
  const gapGraceSeconds = (options.gapGraceMs ?? 3000) / 1000;
  const maxAttempts = options.maxAttempts ?? 3;

  let cursorReady: Promise<void> | undefined;
  let failures = 0;
  /** After repeated failures, process one event at a time up to this id. */
  let isolateUntil = 0;
  let tail: Promise<unknown> = Promise.resolve();
  let queued: Promise<number> | null = null;
  let timer: NodeJS.Timeout | undefined;
  let kickTimer: NodeJS.Timeout | undefined;
  let unsubscribe: Unsubscribe | undefined;
  let stopped = false;

  const ensureCursor = () =>
    (cursorReady ??= (async () => {
      const start = options.startFrom === 'latest' ? sql`(select coalesce(max(${events.id}), 0) from ${events})` : sql`0`;
      await db.insert(eventCursors).values({ name, lastEventId: start }).onConflictDoNothing();
    })().catch((error: unknown) => {
      cursorReady = undefined;
      throw error;
    }));

  /** One transaction: lock the cursor, read, handle, advance. `more` says another batch may be waiting. */
  async function processBatch(): Promise<{ processed: number; more: boolean }> {
    const after: { run?: AfterCommit } = {};
    const result = await db.transaction(async (tx) => {
      const [cursor] = await tx.select().from(eventCursors).where(eq(eventCursors.name, name)).for('update', { skipLocked: true });
      if (!cursor) return { processed: 0, more: false };
      const limit = cursor.lastEventId < isolateUntil ? 1 : batchSize;
      const rows = await tx
        .select({ event: events, recent: sql<boolean>`${events.createdAt} > clock_timestamp() - make_interval(secs => ${gapGraceSeconds})` })
        .from(events)
        .where(gt(events.id, cursor.lastEventId))
        .orderBy(asc(events.id))
        .limit(limit);

      const batch: ProjectEvent[] = [];
      let expected = cursor.lastEventId + 1;
      let stoppedAtGap = false;
      for (const { event, recent } of rows) {
        if (event.id !== expected && recent) {
          stoppedAtGap = true;
          break;
        }
        batch.push({ ...event, createdAt: event.createdAt.toISOString() });
        expected = event.id + 1;
      }
      if (batch.length === 0) return { processed: 0, more: false };
      try {
        after.run = (await options.handle(batch, { tx })) ?? undefined;
      } catch (error) {
        throw new BatchFailed(
          batch.map((event) => event.id),
          error,
        );
      }
      const lastId = batch[batch.length - 1]!.id;
      await tx.update(eventCursors).set({ lastEventId: lastId, updatedAt: new Date() }).where(eq(eventCursors.name, name));
      return { processed: batch.length, more: !stoppedAtGap && rows.length === limit };
    });
    if (after.run) {
      await after.run().catch((error: unknown) => options.onError?.(error, { consumer: name, eventIds: [], skipped: false }));
    }
    return result;
  }

  /** Moves the cursor past one event that failed `maxAttempts` times on its own. */
  async function skip(eventId: number): Promise<void> {
    await db
      .update(eventCursors)
      .set({ lastEventId: eventId, updatedAt: new Date() })
      .where(and(eq(eventCursors.name, name), sql`${eventCursors.lastEventId} < ${eventId}`));
  }

  async function drain(): Promise<number> {
    await ensureCursor();
    let total = 0;
    while (true) {
      try {
        const { processed, more } = await processBatch();
        total += processed;
        if (processed > 0) failures = 0;
        if (!more) return total;
      } catch (error) {
        if (!(error instanceof BatchFailed)) throw error;
        failures += 1;
        const single = error.eventIds.length === 1;
        if (failures >= maxAttempts && single) {
          await skip(error.eventIds[0]!);
          failures = 0;
          options.onError?.(error.cause, { consumer: name, eventIds: error.eventIds, skipped: true });
          continue;
        }
        if (failures >= maxAttempts) {
          isolateUntil = Math.max(isolateUntil, ...error.eventIds);
          failures = 0;
        }
        options.onError?.(error.cause, { consumer: name, eventIds: error.eventIds, skipped: false });
        return total;
      }
    }
  }

  function runOnce(): Promise<number> {
    if (queued) return queued;
    const run = tail.then(() => {
      queued = null;
      return drain();
    });
    queued = run;
    tail = run.catch(() => undefined);
    return run;
  }

  const trigger = () => {
    if (stopped) return;
    runOnce().catch((error: unknown) => options.onError?.(error, { consumer: name, eventIds: [], skipped: false }));
  };

  const kickDelayMs = options.kickDelayMs ?? 50;
  /** Kicks within the delay share one run. */
  const kick = () => {
    if (stopped || kickTimer) return;
    if (kickDelayMs === 0) return trigger();
    kickTimer = setTimeout(() => {
      kickTimer = undefined;
      trigger();
    }, kickDelayMs);
  };

  return {
    name,
    runOnce,
    async start() {
      stopped = false;
      if (options.bus) unsubscribe = await options.bus.subscribe(EVENTS_CHANNEL, kick);
      timer = setInterval(trigger, options.pollIntervalMs ?? 1000);
      timer.unref();
      trigger();
    },
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      clearTimeout(kickTimer);
      kickTimer = undefined;
      await unsubscribe?.();
      unsubscribe = undefined;
      await tail;
    },
  };
}
