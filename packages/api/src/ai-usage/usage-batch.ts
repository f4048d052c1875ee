import { aiUsage, type Database } from '@devmentor/db';

export type UsageRow = typeof aiUsage.$inferInsert;

export interface UsageBatchOptions {
  /** Longest a row waits before it is written. */
  delayMs: number;
  /** Rows that trigger a write at once. */
  maxRows: number;
  /** A write that failed when nobody was waiting for it (a timer's). */
  onError?: ((error: unknown) => void) | undefined;
}

export interface UsageBatch {
  add(row: UsageRow): void;
  /** Writes every row added so far; resolves once they are stored. */
  flush(): Promise<void>;
}

/**
 * `ai_usage` rows written together: one insert within `delayMs` instead of one per call. When the
 * batch insert fails (a project or user deleted in between breaks its foreign key), the rows are
 * written one by one, so one stale row does not take the others with it.
 */
export function createUsageBatch(db: Database, options: UsageBatchOptions): UsageBatch {
  let pending: UsageRow[] = [];
  let timer: NodeJS.Timeout | null = null;
  let writing: Promise<void> = Promise.resolve();

  const write = async (rows: UsageRow[]) => {
    if (rows.length === 0) return;
    try {
      await db.insert(aiUsage).values(rows);
    } catch (batchError) {
      if (rows.length === 1) throw batchError;
      const failures: unknown[] = [];
      for (const row of rows) await db.insert(aiUsage).values(row).catch((error: unknown) => failures.push(error));
      if (failures.length > 0) throw failures[0];
    }
  };

  const flush = (): Promise<void> => {
    if (timer) clearTimeout(timer);
    timer = null;
    const rows = pending;
    pending = [];
    // Writes follow each other, so a flush resolves only after every row added before it is stored.
    writing = writing.catch(() => undefined).then(() => write(rows));
    return writing;
  };
  const flushInBackground = () => {
    flush().catch((error: unknown) => options.onError?.(error));
  };

  return {
    add(row) {
      pending.push(row);
      if (pending.length >= options.maxRows) flushInBackground();
      else timer ??= setTimeout(flushInBackground, options.delayMs).unref();
    },
    flush,
  };
}
