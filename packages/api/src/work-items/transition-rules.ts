import { and, eq, isNull, ne, rowsOf, sql } from '@devmentor/db';
import { AppError } from '../errors';
import type { DbOrTx } from '../events/project-events';
import { asStatus, type ItemRow, type KindConfig } from './kinds';

/**
 * A status change the workflow forbids. Code `PRECONDITION_FAILED`; `details.reason` says which
 * rule (`blocked` with the blocking item ids, or `open_children` with the unfinished children).
 */
export class InvalidTransitionError extends AppError {
  constructor(message: string, details: { reason: 'blocked' | 'open_children'; from: string; to: string; itemIds: string[] }) {
    super('PRECONDITION_FAILED', message, details);
  }
}

/**
 * The workflow rules, checked on every status change made by a move (creating an item with an
 * initial status skips them: a new item has no blockers and no children):
 *
 * 1. Blocked work does not start. An item cannot leave its not-started statuses (epic `open`,
 *    story `backlog`/`ready`, task `todo`) while an unfinished item blocks it: a dependency
 *    `X blocks item` or `item requires X` where X is live and not `done`. Deleted blockers and
 *    finished ones no longer block. Moving between not-started statuses, or back to one, is free.
 * 2. Nothing is done before its parts. An epic cannot become `done` while it has live stories that
 *    are not done; a story while it has live tasks that are not done; a task while it has live
 *    subtasks that are not done.
 * 3. Any other change is allowed, including reopening a done item (its `completedAt` is cleared).
 */
export async function assertTransitionAllowed(db: DbOrTx, cfg: KindConfig, item: ItemRow, to: string): Promise<void> {
  if (to === item.status) return;
  if (!cfg.notStarted.includes(to)) {
    const blockers = await unfinishedBlockers(db, item);
    if (blockers.length > 0) {
      throw new InvalidTransitionError(`${cfg.name} is blocked by unfinished items`, { reason: 'blocked', from: item.status, to, itemIds: blockers });
    }
  }
  if (to === 'done' && cfg.children) {
    const { table, column } = cfg.children;
    const open = await db
      .select({ id: table.id })
      .from(table)
      .where(and(eq(column, item.id), isNull(table.deletedAt), ne(table.status, asStatus('done'))))
      .limit(50);
    if (open.length > 0) {
      throw new InvalidTransitionError(`${cfg.name} has unfinished children`, { reason: 'open_children', from: item.status, to, itemIds: open.map((row) => row.id) });
    }
  }
}

/** Ids of live, unfinished items that block `item` (in either direction of the dependency). */
async function unfinishedBlockers(db: DbOrTx, item: ItemRow): Promise<string[]> {
  const result = await db.execute<{ id: string }>(sql`
    with blockers as (
      select source_id as id from dependencies
        where project_id = ${item.projectId} and type = 'blocks' and target_id = ${item.id}
      union
      select target_id as id from dependencies
        where project_id = ${item.projectId} and type = 'requires' and source_id = ${item.id}
    )
    select b.id from blockers b
    where exists (select 1 from stories s where s.id = b.id and s.deleted_at is null and s.status <> 'done')
       or exists (select 1 from tasks t where t.id = b.id and t.deleted_at is null and t.status <> 'done')
       or exists (select 1 from epics e where e.id = b.id and e.deleted_at is null and e.status <> 'done')
  `);
  return rowsOf<{ id: string }>(result).map((row) => String(row.id));
}
