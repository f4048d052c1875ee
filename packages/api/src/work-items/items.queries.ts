import { and, desc, eq, isNotNull, isNull, projects, sql } from '@devmentor/db';
import { ConflictError, NotFoundError } from '../errors';
import type { DbOrTx } from '../events/project-events';
import { asStatus, itemKey, type ItemKind, type ItemRow, type KindConfig, type WorkItem } from './kinds';

export function toWorkItem<K extends ItemKind>(cfg: KindConfig<K>, row: ItemRow, keyPrefix: string): WorkItem<K> {
  return { ...(row as ItemRow<K>), kind: cfg.kind, key: itemKey(keyPrefix, row.number) } as WorkItem<K>;
}

/**
 * One item of the project with its project's key prefix. Another project's id, an unknown id and
 * (by default) a deleted item are all NOT_FOUND: callers never learn which.
 */
export async function loadItem(
  db: DbOrTx,
  cfg: KindConfig,
  projectId: string,
  id: string,
  state: 'live' | 'deleted' | 'any' = 'live',
): Promise<{ row: ItemRow; keyPrefix: string }> {
  const table = cfg.table;
  const [found] = await db
    .select({ row: table, keyPrefix: projects.keyPrefix })
    .from(table)
    .innerJoin(projects, eq(projects.id, table.projectId))
    .where(
      and(
        eq(table.id, id),
        eq(table.projectId, projectId),
        state === 'live' ? isNull(table.deletedAt) : state === 'deleted' ? isNotNull(table.deletedAt) : undefined,
      ),
    );
  if (!found) throw new NotFoundError(cfg.name, { id });
  return { row: found.row as ItemRow, keyPrefix: found.keyPrefix };
}

/** Optimistic concurrency: the caller must have read the current version. */
export function assertVersion(cfg: KindConfig, row: ItemRow, keyPrefix: string, version: number): void {
  if (row.version !== version) {
    throw new ConflictError(`${cfg.name} was changed by someone else`, { current: toWorkItem(cfg, row, keyPrefix) });
  }
}

/**
 * Writes `changes` only if the row still has the version read (compare-and-set); a concurrent
 * writer that committed first makes this a CONFLICT carrying the row it wrote.
 */
export async function updateIfVersion(
  tx: DbOrTx,
  cfg: KindConfig,
  current: { row: ItemRow; keyPrefix: string },
  changes: Record<string, unknown>,
): Promise<ItemRow> {
  const table = cfg.table;
  const [updated] = await tx
    .update(table)
    .set({ ...changes, version: sql`${table.version} + 1`, updatedAt: new Date() })
    .where(and(eq(table.id, current.row.id), eq(table.version, current.row.version), isNull(table.deletedAt)))
    .returning();
  if (updated) return updated as ItemRow;
  const latest = await loadItem(tx, cfg, current.row.projectId, current.row.id, 'any');
  throw new ConflictError(`${cfg.name} was changed by someone else`, { current: toWorkItem(cfg, latest.row, latest.keyPrefix) });
}

/** The last position of a status column among live items, or null for an empty column. */
export async function lastPosition(db: DbOrTx, cfg: KindConfig, projectId: string, status: string): Promise<string | null> {
  const table = cfg.table;
  const [last] = await db
    .select({ position: table.position })
    .from(table)
    .where(and(eq(table.projectId, projectId), eq(table.status, asStatus(status)), isNull(table.deletedAt)))
    .orderBy(desc(table.position))
    .limit(1);
  return last?.position ?? null;
}
