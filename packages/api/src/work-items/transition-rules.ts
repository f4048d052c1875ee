import { and, eq, isNull, ne } from '@devmentor/db';
import { findOpenBlockers } from '../dependencies/open-blockers';
import type { ItemRef } from '../dependencies/work-item-refs';
import { AppError } from '../errors';
import type { DbOrTx } from '../events/project-events';
import { asStatus, type ItemRow, type KindConfig } from './kinds';

/**
 * A status change the workflow forbids. Code `PRECONDITION_FAILED`; `details.reason` says which
 * rule (`blocked` with the blocking items, or `open_children` with the unfinished children).
 */
export class InvalidTransitionError extends AppError {
  constructor(message: string, details: { reason: 'blocked' | 'open_children'; from: string; to: string; itemIds: string[]; blockers?: ItemRef[] }) {
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
    const blockers = await findOpenBlockers(db, { projectId: item.projectId, itemId: item.id });
    if (blockers.length > 0) {
      throw new InvalidTransitionError(`${cfg.name} is blocked by ${blockers.map((blocker) => blocker.key).join(', ')}`, {
        reason: 'blocked',
        from: item.status,
        to,
        itemIds: blockers.map((blocker) => blocker.id),
        blockers,
      });
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
