import { and, eq, isNull, sql, tasks } from '@devmentor/db';
import { ValidationError } from '../errors';
import { diffFields, publishEvents, recordEvent } from '../events/project-events';
import { KINDS, type ItemKind, type ItemRow, type WorkItem } from './kinds';
import { assertVersion, loadItem, toWorkItem, updateIfVersion } from './items.queries';
import { positionForMove } from './positions';
import { checkReferences } from './references';
import type { ItemContext } from './service-context';
import { assertTransitionAllowed } from './transition-rules';
import type { MoveItemInput } from './work-items.schemas';

/**
 * Changes status and/or parent (a story's epic, a task's story) and/or position in one call and
 * one row: the workflow rules of `transition-rules.ts` apply to the status change, `completedAt`
 * is set on entering `done` and cleared on leaving it, and the version is compared-and-set, so of
 * two moves made from the same version exactly one wins and the other is a CONFLICT.
 * A parent task taking another story takes its subtasks along (they always share the story);
 * a subtask cannot change story on its own.
 */
export async function moveItem<K extends ItemKind>(kind: K, { ctx, input }: { ctx: ItemContext; input: MoveItemInput }): Promise<WorkItem<K>> {
  const cfg = KINDS[kind];
  const { item, events } = await ctx.db.transaction(async (tx) => {
    const current = await loadItem(tx, cfg, input.projectId, input.id);
    assertVersion(cfg, current.row, current.keyPrefix, input.version);
    const row = current.row as ItemRow & { epicId?: string | null; storyId?: string | null; parentTaskId?: string | null };
    const toStatus = input.status ?? row.status;
    const changes: Record<string, unknown> = {};

    const parentField = cfg.parent?.field;
    const parentValue = parentField ? input[parentField] : undefined;
    if (parentField && parentValue !== undefined && parentValue !== row[parentField]) {
      if (kind === 'task' && row.parentTaskId) throw new ValidationError('A subtask moves with its parent task', { field: 'storyId' });
      await checkReferences(tx, input.projectId, { [parentField]: parentValue });
      changes[parentField] = parentValue;
    }
    if (toStatus !== row.status) {
      await assertTransitionAllowed(tx, cfg, row, toStatus);
      changes.status = toStatus;
      changes.completedAt = toStatus === 'done' ? new Date() : null;
    }
    const position = await positionForMove(tx, cfg, row, toStatus, input);
    if (position !== undefined && position !== row.position) changes.position = position;
    if (Object.keys(changes).length === 0) return { item: toWorkItem<K>(cfg, row, current.keyPrefix), events: [] };

    const updated = await updateIfVersion(tx, cfg, current, changes);
    if (kind === 'task' && 'storyId' in changes) {
      await tx
        .update(tasks)
        .set({ storyId: changes.storyId as string | null, version: sql`${tasks.version} + 1`, updatedAt: new Date() })
        .where(and(eq(tasks.parentTaskId, row.id), isNull(tasks.deletedAt)));
    }
    const { completedAt: _completedAt, ...visible } = changes;
    const event = await recordEvent(tx, {
      projectId: input.projectId,
      actorId: ctx.auth.user.id,
      entityType: kind,
      entityId: row.id,
      action: 'moved',
      diff: diffFields(row as unknown as Record<string, unknown>, visible),
    });
    return { item: toWorkItem<K>(cfg, updated, current.keyPrefix), events: [event] };
  });
  await publishEvents(ctx.bus, events);
  return item;
}
