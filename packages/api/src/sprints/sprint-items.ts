import { and, eq, inArray, isNull, ne, sprintItems, sprints, stories, sql } from '@devmentor/db';
import { ConflictError, NotFoundError } from '../errors';
import { publishEvents, recordEvent, type DbOrTx, type ProjectEvent } from '../events/project-events';
import type { AddSprintItemsInput, RemoveSprintItemInput } from './sprints.schemas';
import { loadSprint, type Sprint } from './sprints.queries';
import type { ServiceContext } from './service-context';

function assertOpen(sprint: Sprint): void {
  if (sprint.status === 'completed') throw new ConflictError('A completed sprint cannot change', { current: sprint });
}

/**
 * Plans stories into the sprint: records each one's estimate as the original estimate and sets
 * `stories.sprintId`. A story planned in another open sprint moves here (its old sprint item is
 * marked removed). Stories already in this sprint are left alone. Stories must belong to the project.
 */
export async function addSprintItems({ ctx, input }: { ctx: ServiceContext; input: AddSprintItemsInput & { projectId: string } }) {
  const storyIds = [...new Set(input.storyIds)];
  const { added, events } = await ctx.db.transaction(async (tx) => {
    const sprint = await loadSprint(tx, input.projectId, input.id, { lock: true });
    assertOpen(sprint);
    const found = await tx
      .select({ id: stories.id, sprintId: stories.sprintId, estimate: stories.estimate })
      .from(stories)
      .where(and(eq(stories.projectId, input.projectId), inArray(stories.id, storyIds), isNull(stories.deletedAt)))
      .for('update');
    const missing = storyIds.filter((id) => !found.some((story) => story.id === id));
    if (missing.length > 0) throw new NotFoundError('Story', { ids: missing });

    const toAdd = found.filter((story) => story.sprintId !== sprint.id);
    const events: ProjectEvent[] = [];
    if (toAdd.length === 0) return { added: [], events };
    await markRemovedFromOtherSprints(tx, sprint.id, toAdd);
    await tx
      .insert(sprintItems)
      .values(toAdd.map((story) => ({ sprintId: sprint.id, storyId: story.id, originalEstimate: story.estimate })))
      .onConflictDoUpdate({
        target: [sprintItems.sprintId, sprintItems.storyId],
        set: { originalEstimate: sql`excluded.original_estimate`, addedAt: sql`now()`, removedAt: null, finalEstimate: null, completedAt: null },
      });
    await tx
      .update(stories)
      .set({ sprintId: sprint.id, version: sql`${stories.version} + 1` })
      .where(inArray(stories.id, toAdd.map((story) => story.id)));
    for (const story of toAdd) {
      events.push(await storySprintEvent(tx, ctx, input.projectId, story.id, story.sprintId, sprint.id));
    }
    events.push(
      await recordEvent(tx, {
        projectId: input.projectId,
        actorId: ctx.auth.user.id,
        entityType: 'sprint',
        entityId: sprint.id,
        action: 'added',
        diff: { storyIds: toAdd.map((story) => story.id) },
      }),
    );
    return { added: toAdd.map((story) => story.id), events };
  });
  await publishEvents(ctx.bus, events);
  return { added };
}

/** Takes a story out of the sprint, back to the backlog; its sprint item is kept, marked removed. */
export async function removeSprintItem({ ctx, input }: { ctx: ServiceContext; input: RemoveSprintItemInput & { projectId: string } }) {
  const events = await ctx.db.transaction(async (tx) => {
    const sprint = await loadSprint(tx, input.projectId, input.id, { lock: true });
    assertOpen(sprint);
    const [story] = await tx
      .update(stories)
      .set({ sprintId: null, version: sql`${stories.version} + 1` })
      .where(and(eq(stories.id, input.storyId), eq(stories.projectId, input.projectId), eq(stories.sprintId, sprint.id)))
      .returning({ id: stories.id });
    if (!story) throw new NotFoundError('Story in this sprint', { storyId: input.storyId });
    await tx
      .update(sprintItems)
      .set({ removedAt: new Date() })
      .where(and(eq(sprintItems.sprintId, sprint.id), eq(sprintItems.storyId, story.id)));
    return [
      await storySprintEvent(tx, ctx, input.projectId, story.id, sprint.id, null),
      await recordEvent(tx, {
        projectId: input.projectId,
        actorId: ctx.auth.user.id,
        entityType: 'sprint',
        entityId: sprint.id,
        action: 'removed',
        diff: { storyIds: [story.id] },
      }),
    ];
  });
  await publishEvents(ctx.bus, events);
  return { removed: input.storyId };
}

/** Stories leaving an open sprint for another: their old sprint item is marked removed. */
export async function markRemovedFromOtherSprints(tx: DbOrTx, sprintId: string, moving: { id: string; sprintId: string | null }[]): Promise<void> {
  const leaving = moving.filter((story) => story.sprintId !== null && story.sprintId !== sprintId).map((story) => story.id);
  if (leaving.length === 0) return;
  const openSprints = tx.select({ id: sprints.id }).from(sprints).where(ne(sprints.status, 'completed'));
  await tx
    .update(sprintItems)
    .set({ removedAt: new Date() })
    .where(and(inArray(sprintItems.storyId, leaving), ne(sprintItems.sprintId, sprintId), isNull(sprintItems.removedAt), inArray(sprintItems.sprintId, openSprints)));
}

/** The story's own history entry: `story/updated` with the sprint change. */
export function storySprintEvent(tx: DbOrTx, ctx: ServiceContext, projectId: string, storyId: string, from: string | null, to: string | null) {
  return recordEvent(tx, {
    projectId,
    actorId: ctx.auth.user.id,
    entityType: 'story',
    entityId: storyId,
    action: 'updated',
    diff: { sprintId: { from, to } },
  });
}
