import { and, asc, eq, isNull, projects, stories } from '@devmentor/db';
import { generateNKeysBetween } from 'fractional-indexing';
import { ConflictError, ValidationError } from '../errors';
import { publishEvents, recordEvent, type ProjectEvent } from '../events/project-events';
import { KINDS, type WorkItem } from './kinds';
import { toWorkItem, updateIfVersion } from './items.queries';
import type { ItemContext } from './service-context';
import type { StoryReorder } from './work-items.schemas';

/**
 * Bulk reorder: `items` is the complete new order of one status column (what a "sort this column"
 * action or a list-view drag sends). One transaction: every story must be live, in that column, at
 * the version the caller read, and the list must name every story of the column, otherwise
 * CONFLICT with the column as it is now. Only stories whose key changes are written, one
 * `moved` event each.
 */
export async function reorderStories({ ctx, input }: { ctx: ItemContext; input: StoryReorder & { projectId: string } }): Promise<WorkItem<'story'>[]> {
  const cfg = KINDS.story;
  const ids = input.items.map((item) => item.id);
  if (new Set(ids).size !== ids.length) throw new ValidationError('Each story may appear once', { field: 'items' });
  const { items, events } = await ctx.db.transaction(async (tx) => {
    const column = await tx
      .select({ row: stories, keyPrefix: projects.keyPrefix })
      .from(stories)
      .innerJoin(projects, eq(projects.id, stories.projectId))
      .where(and(eq(stories.projectId, input.projectId), eq(stories.status, input.status), isNull(stories.deletedAt)))
      .orderBy(asc(stories.position), asc(stories.id));
    const byId = new Map(column.map((entry) => [entry.row.id, entry]));
    const stale = input.items.some((item) => byId.get(item.id)?.row.version !== item.version);
    if (stale || column.length !== input.items.length) {
      throw new ConflictError('The column changed since it was read', { current: column.map(({ row, keyPrefix }) => toWorkItem(cfg, row, keyPrefix)) });
    }
    const keys = generateNKeysBetween(null, null, input.items.length);
    const events: ProjectEvent[] = [];
    const items: WorkItem<'story'>[] = [];
    for (const [index, { id }] of input.items.entries()) {
      const current = byId.get(id)!;
      const position = keys[index]!;
      if (current.row.position === position) {
        items.push(toWorkItem(cfg, current.row, current.keyPrefix));
        continue;
      }
      const updated = await updateIfVersion(tx, cfg, current, { position });
      items.push(toWorkItem(cfg, updated, current.keyPrefix));
      events.push(
        await recordEvent(tx, {
          projectId: input.projectId,
          actorId: ctx.auth.user.id,
          entityType: 'story',
          entityId: id,
          action: 'moved',
          diff: { position: { from: current.row.position, to: position } },
        }),
      );
    }
    return { items, events };
  });
  await publishEvents(ctx.bus, events);
  return items;
}
