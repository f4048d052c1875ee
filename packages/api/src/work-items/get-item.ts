import { KINDS, type ItemKind, type WorkItem } from './kinds';
import { loadItem, toWorkItem } from './items.queries';
import type { ItemContext } from './service-context';

/** One live item of the project; deleted items, other projects' items and unknown ids are NOT_FOUND. */
export async function getItem<K extends ItemKind>(kind: K, { ctx, input }: { ctx: Pick<ItemContext, 'db'>; input: { projectId: string; id: string } }): Promise<WorkItem<K>> {
  const cfg = KINDS[kind];
  const { row, keyPrefix } = await loadItem(ctx.db, cfg, input.projectId, input.id);
  return toWorkItem(cfg, row, keyPrefix);
}
