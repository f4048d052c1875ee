import { eq, projects, sql } from '@devmentor/db';
import { generateKeyBetween } from 'fractional-indexing';
import { NotFoundError } from '../errors';
import { publishEvents, recordEvent } from '../events/project-events';
import { KINDS, type ItemKind, type ItemRow, type ItemTable, type WorkItem } from './kinds';
import { lastPosition, toWorkItem } from './items.queries';
import { checkReferences, type ItemReferences } from './references';
import type { ItemContext } from './service-context';
import type { CreateItemInput } from './work-items.schemas';

/**
 * Creates an epic, story or task. The item number comes from `projects.itemSequence`, incremented
 * in the same transaction: that update also locks the project row, so concurrent creates in one
 * project take numbers and end-of-column positions one after the other.
 */
export async function createItem<K extends ItemKind>(kind: K, { ctx, input }: { ctx: ItemContext; input: CreateItemInput }): Promise<WorkItem<K>> {
  const cfg = KINDS[kind];
  const { projectId, status = cfg.defaultStatus, ...fields } = input;
  const { item, event } = await ctx.db.transaction(async (tx) => {
    const [project] = await tx
      .update(projects)
      .set({ itemSequence: sql`${projects.itemSequence} + 1` })
      .where(eq(projects.id, projectId))
      .returning({ number: projects.itemSequence, keyPrefix: projects.keyPrefix });
    if (!project) throw new NotFoundError('Project');
    const { parentStoryId } = await checkReferences(tx, projectId, fields as ItemReferences);
    // A subtask belongs to its parent's story.
    if (parentStoryId !== undefined) fields.storyId = parentStoryId;
    const position = generateKeyBetween(await lastPosition(tx, cfg, projectId, status), null);
    const values = {
      ...fields,
      projectId,
      status,
      number: project.number,
      position,
      createdById: ctx.auth.user.id,
      completedAt: status === 'done' ? new Date() : null,
    } as ItemTable['$inferInsert'];
    const [row] = await tx.insert(cfg.table).values(values).returning();
    const created = toWorkItem(cfg, row as ItemRow, project.keyPrefix);
    const event = await recordEvent(tx, {
      projectId,
      actorId: ctx.auth.user.id,
      entityType: kind,
      entityId: created.id,
      action: 'created',
      diff: JSON.parse(JSON.stringify(created)) as Record<string, unknown>,
    });
    return { item: created, event };
  });
  await publishEvents(ctx.bus, [event]);
  return item;
}
