import { and, eq, isNull, sql } from '@devmentor/db';
import { publishEvents, recordEvent } from '../events/project-events';
import { KINDS, type ItemKind, type WorkItem } from './kinds';
import { assertVersion, loadItem, toWorkItem, updateIfVersion } from './items.queries';
import type { ItemContext } from './service-context';

/**
 * Soft delete. What happens to the children (`KINDS[kind].cascade`):
 * - a story takes its live tasks (subtasks included: they share their parent's story) with it, all stamped with the story's exact
 *   `deletedAt`; `restore` brings back exactly the rows with that stamp, so a task deleted on its
 *   own earlier stays deleted;
 * - a task takes its live subtasks the same way;
 * - an epic keeps its stories: they stay on the board and in lists with their `epicId`, the epic
 *   is simply not shown while deleted, and restoring it shows it again.
 * Deleted items vanish from get, lists and the board. `version`, when given, must be current.
 */
export async function deleteItem<K extends ItemKind>(
  kind: K,
  { ctx, input }: { ctx: ItemContext; input: { projectId: string; id: string; version?: number | undefined } },
): Promise<WorkItem<K>> {
  const cfg = KINDS[kind];
  const { item, events } = await ctx.db.transaction(async (tx) => {
    const current = await loadItem(tx, cfg, input.projectId, input.id);
    if (input.version !== undefined) assertVersion(cfg, current.row, current.keyPrefix, input.version);
    const deletedAt = new Date();
    const row = await updateIfVersion(tx, cfg, current, { deletedAt });
    const cascaded: string[] = [];
    if (cfg.cascade) {
      const { table, column } = cfg.cascade;
      const children = await tx
        .update(table)
        .set({ deletedAt, version: sql`${table.version} + 1` })
        .where(and(eq(column, row.id), isNull(table.deletedAt)))
        .returning({ id: table.id });
      cascaded.push(...children.map((child) => child.id));
      // Subtasks share their parent's story, so a story's cascade already includes them.
    }
    const event = await recordEvent(tx, {
      projectId: input.projectId,
      actorId: ctx.auth.user.id,
      entityType: kind,
      entityId: row.id,
      action: 'deleted',
      diff: { deletedAt: deletedAt.toISOString(), cascaded },
    });
    return { item: toWorkItem<K>(cfg, row, current.keyPrefix), events: [event] };
  });
  await publishEvents(ctx.bus, events);
  return item;
}

