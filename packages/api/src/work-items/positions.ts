import { and, asc, desc, eq, gt, inArray, isNull, lt, ne } from '@devmentor/db';
import { generateKeyBetween } from 'fractional-indexing';
import { NotFoundError, ValidationError } from '../errors';
import type { DbOrTx } from '../events/project-events';
import { asStatus, type ItemRow, type KindConfig } from './kinds';
import { lastPosition } from './items.queries';

/**
 * The position a moved item takes in the column of `toStatus`, or `undefined` to keep its own.
 * Only the moved row is written: the key is generated between its new neighbours. When the
 * client names one neighbour, the other is read from the database; when the two named ones are
 * no longer in order (a stale view, or two items that landed on one key), the item goes right
 * after `afterId`.
 */
export async function positionForMove(
  db: DbOrTx,
  cfg: KindConfig,
  item: ItemRow,
  toStatus: string,
  neighbours: { afterId?: string | undefined; beforeId?: string | undefined },
): Promise<string | undefined> {
  const { afterId, beforeId } = neighbours;
  if (!afterId && !beforeId) {
    return toStatus === item.status ? undefined : generateKeyBetween(await lastPosition(db, cfg, item.projectId, toStatus), null);
  }
  if (afterId === item.id || beforeId === item.id) throw new ValidationError('An item cannot be placed next to itself');
  const table = cfg.table;
  const ids = [afterId, beforeId].filter((id): id is string => Boolean(id));
  const found = await db
    .select({ id: table.id, position: table.position, status: table.status })
    .from(table)
    .where(and(eq(table.projectId, item.projectId), inArray(table.id, ids), isNull(table.deletedAt)));
  const after = afterId ? found.find((row) => row.id === afterId) : undefined;
  const before = beforeId ? found.find((row) => row.id === beforeId) : undefined;
  if ((afterId && !after) || (beforeId && !before)) throw new NotFoundError(cfg.name, { ids });
  if ([after, before].some((row) => row && row.status !== toStatus)) {
    throw new ValidationError('The neighbours must be in the target status column', { field: afterId ? 'afterId' : 'beforeId' });
  }

  const column = and(eq(table.projectId, item.projectId), eq(table.status, asStatus(toStatus)), isNull(table.deletedAt), ne(table.id, item.id));
  let lower = after?.position ?? null;
  let upper = before?.position ?? null;
  if (after && (!before || after.position >= before.position)) {
    const [next] = await db.select({ position: table.position }).from(table).where(and(column, gt(table.position, after.position))).orderBy(asc(table.position)).limit(1);
    upper = next?.position ?? null;
  } else if (before && !after) {
    const [previous] = await db.select({ position: table.position }).from(table).where(and(column, lt(table.position, before.position))).orderBy(desc(table.position)).limit(1);
    lower = previous?.position ?? null;
  }
  return generateKeyBetween(lower, upper);
}
