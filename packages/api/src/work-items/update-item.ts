import { diffFields, publishEvents, recordEvent } from '../events/project-events';
import { KINDS, type ItemKind, type WorkItem } from './kinds';
import { assertVersion, loadItem, toWorkItem, updateIfVersion } from './items.queries';
import { checkReferences } from './references';
import type { ItemContext } from './service-context';
import type { UpdateItemInput } from './work-items.schemas';

/**
 * Edits an item's own fields (title, description, labels, and per kind color / priority, estimate,
 * confidence, acceptance criteria, assignee). Status, parent and position change through `move`,
 * so the workflow rules live in one place. Stale `version` -> CONFLICT with the current row.
 */
export async function updateItem<K extends ItemKind>(kind: K, { ctx, input }: { ctx: ItemContext; input: UpdateItemInput }): Promise<WorkItem<K>> {
  const cfg = KINDS[kind];
  const { projectId, id, version, ...fields } = input;
  const { item, events } = await ctx.db.transaction(async (tx) => {
    const current = await loadItem(tx, cfg, projectId, id);
    assertVersion(cfg, current.row, current.keyPrefix, version);
    const changes = diffFields(current.row as unknown as Record<string, unknown>, fields);
    if (Object.keys(changes).length === 0) return { item: toWorkItem<K>(cfg, current.row, current.keyPrefix), events: [] };
    if ('assigneeId' in changes) await checkReferences(tx, projectId, { assigneeId: fields.assigneeId as string | null });
    const changed = Object.fromEntries(Object.keys(changes).map((field) => [field, fields[field]]));
    const row = await updateIfVersion(tx, cfg, current, changed);
    const event = await recordEvent(tx, { projectId, actorId: ctx.auth.user.id, entityType: kind, entityId: id, action: 'updated', diff: changes });
    return { item: toWorkItem<K>(cfg, row, current.keyPrefix), events: [event] };
  });
  await publishEvents(ctx.bus, events);
  return item;
}
