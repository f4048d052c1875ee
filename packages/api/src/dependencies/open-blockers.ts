import { and, dependencies, eq, or } from '@devmentor/db';
import type { DbOrTx } from '../events/project-events';
import { asBlockingEdge } from './dependency-graph';
import { resolveItems, type ItemRef } from './work-item-refs';

/**
 * What unfinished items block `itemId`: those linked as `X blocks item` or `item requires X`, not
 * done and not deleted. For work-item rules such as "a blocked story cannot start"; pass the
 * caller's transaction so the answer is consistent with the write it guards.
 */
export async function findOpenBlockers(db: DbOrTx, input: { projectId: string; itemId: string }): Promise<ItemRef[]> {
  const links = await db
    .select({ sourceId: dependencies.sourceId, targetId: dependencies.targetId, type: dependencies.type })
    .from(dependencies)
    .where(
      and(
        eq(dependencies.projectId, input.projectId),
        or(
          and(eq(dependencies.targetId, input.itemId), eq(dependencies.type, 'blocks')),
          and(eq(dependencies.sourceId, input.itemId), eq(dependencies.type, 'requires')),
        ),
      ),
    );
  const blockerIds = links.map((link) => asBlockingEdge(link).blocker);
  const items = await resolveItems(db, input.projectId, blockerIds);
  return [...items.values()].filter((item) => !item.done).sort((a, b) => a.key.localeCompare(b.key, undefined, { numeric: true }));
}
