import { and, eq, isNull, sql, stories, tasks } from '@devmentor/db';
import { generateKeyBetween } from 'fractional-indexing';
import { AppError } from '../errors';
import { publishEvents, recordEvent, type DbOrTx } from '../events/project-events';
import { asStatus, KINDS, type ItemKind, type ItemRow, type WorkItem } from './kinds';
import { lastPosition, loadItem, toWorkItem } from './items.queries';
import type { ItemContext } from './service-context';

/**
 * Undoes `delete`: the item comes back with exactly the children its deletion took (same
 * `deletedAt`). A task whose story or parent task is still deleted cannot come back on its own
 * (PRECONDITION_FAILED: restore the parent first). If another item took the same position in
 * the meantime, the restored one goes to the end of its column.
 */
export async function restoreItem<K extends ItemKind>(kind: K, { ctx, input }: { ctx: ItemContext; input: { projectId: string; id: string } }): Promise<WorkItem<K>> {
  const cfg = KINDS[kind];
  const { item, events } = await ctx.db.transaction(async (tx) => {
    const { row, keyPrefix } = await loadItem(tx, cfg, input.projectId, input.id, 'deleted');
    if (kind === 'task') await assertParentsLive(tx, row as ItemRow<'task'>);
    const table = cfg.table;
    const [taken] = await tx
      .select({ id: table.id })
      .from(table)
      .where(and(eq(table.projectId, row.projectId), eq(table.status, asStatus(row.status)), eq(table.position, row.position), isNull(table.deletedAt)))
      .limit(1);
    const position = taken ? generateKeyBetween(await lastPosition(tx, cfg, row.projectId, row.status), null) : row.position;
    const [restored] = await tx
      .update(table)
      .set({ deletedAt: null, position, version: sql`${table.version} + 1`, updatedAt: new Date() })
      .where(and(eq(table.id, row.id), eq(table.version, row.version)))
      .returning();
    if (!restored) throw new AppError('CONFLICT', `${cfg.name} was changed by someone else`);
    const children: string[] = [];
    if (cfg.cascade && row.deletedAt) {
      const { table: childTable, column } = cfg.cascade;
      const back = await tx
        .update(childTable)
        .set({ deletedAt: null, version: sql`${childTable.version} + 1` })
        .where(and(eq(column, row.id), eq(childTable.deletedAt, row.deletedAt)))
        .returning({ id: childTable.id });
      children.push(...back.map((child) => child.id));
    }
    const event = await recordEvent(tx, {
      projectId: input.projectId,
      actorId: ctx.auth.user.id,
      entityType: kind,
      entityId: row.id,
      action: 'restored',
      diff: { restored: children, ...(position !== row.position ? { position: { from: row.position, to: position } } : {}) },
    });
    return { item: toWorkItem<K>(cfg, restored as ItemRow, keyPrefix), events: [event] };
  });
  await publishEvents(ctx.bus, events);
  return item;
}

async function assertParentsLive(tx: DbOrTx, task: ItemRow<'task'>): Promise<void> {
  if (task.storyId) {
    const [story] = await tx.select({ id: stories.id }).from(stories).where(and(eq(stories.id, task.storyId), isNull(stories.deletedAt)));
    if (!story) throw new AppError('PRECONDITION_FAILED', 'Restore the task’s story first', { reason: 'parent_deleted', parentId: task.storyId });
  }
  if (task.parentTaskId) {
    const [parent] = await tx.select({ id: tasks.id }).from(tasks).where(and(eq(tasks.id, task.parentTaskId), isNull(tasks.deletedAt)));
    if (!parent) throw new AppError('PRECONDITION_FAILED', 'Restore the parent task first', { reason: 'parent_deleted', parentId: task.parentTaskId });
  }
}
