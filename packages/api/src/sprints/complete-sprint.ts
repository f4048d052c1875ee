import { and, eq, inArray, isNull, sprintItems, sprints, stories, sql } from '@devmentor/db';
import { ConflictError, ValidationError } from '../errors';
import { publishEvents, recordEvent, type DbOrTx, type ProjectEvent } from '../events/project-events';
import type { CompleteSprintInput } from './sprints.schemas';
import { loadSprint, nextSprintName, type Sprint } from './sprints.queries';
import { storySprintEvent } from './sprint-items';
import type { ServiceContext } from './service-context';

type Input = CompleteSprintInput & { projectId: string };

/** The planning sprint unfinished stories move into: the one named, or a new one after `sprint`. */
async function resolveNextSprint(tx: DbOrTx, ctx: ServiceContext, sprint: Sprint, input: Input, events: ProjectEvent[]): Promise<Sprint> {
  if (input.nextSprintId) {
    const next = await loadSprint(tx, input.projectId, input.nextSprintId, { lock: true });
    if (next.id === sprint.id || next.status !== 'planning') {
      throw new ConflictError('Unfinished stories can only move into a sprint in planning', { nextSprint: next });
    }
    return next;
  }
  const [created] = await tx
    .insert(sprints)
    .values({ projectId: input.projectId, name: input.nextSprintName ?? nextSprintName(sprint.name), capacity: sprint.capacity })
    .returning();
  if (!created) throw new Error('sprint insert returned nothing');
  events.push(
    await recordEvent(tx, { projectId: input.projectId, actorId: ctx.auth.user.id, entityType: 'sprint', entityId: created.id, action: 'created', diff: { ...created } }),
  );
  return created;
}

/**
 * Completes the active sprint in one transaction: every story it holds gets its final estimate
 * recorded (and `completedAt` when done); stories not done go back to the backlog (`sprintId`
 * cleared, status kept) or into the next sprint (the one named, or a new planning sprint that
 * inherits the capacity), where their current estimate becomes the original estimate.
 */
export async function completeSprint({ ctx, input }: { ctx: ServiceContext; input: Input }) {
  if (input.unfinished === 'backlog' && (input.nextSprintId || input.nextSprintName)) {
    throw new ValidationError('A next sprint only applies when unfinished stories go to the next sprint');
  }
  const { result, events } = await ctx.db.transaction(async (tx) => {
    const events: ProjectEvent[] = [];
    const current = await loadSprint(tx, input.projectId, input.id, { lock: true });
    if (current.version !== input.version) throw new ConflictError('The sprint changed since you read it', { current });
    if (current.status !== 'active') throw new ConflictError(`Only an active sprint can be completed; this one is ${current.status}`, { current });
    const next = input.unfinished === 'next_sprint' ? await resolveNextSprint(tx, ctx, current, input, events) : null;

    const held = await tx
      .select({ id: stories.id, status: stories.status, estimate: stories.estimate, completedAt: stories.completedAt })
      .from(stories)
      .where(and(eq(stories.projectId, input.projectId), eq(stories.sprintId, current.id), isNull(stories.deletedAt)))
      .for('update');
    const now = new Date();
    const done = held.filter((story) => story.status === 'done');
    const unfinished = held.filter((story) => story.status !== 'done');

    if (held.length > 0) {
      await tx
        .insert(sprintItems)
        .values(
          held.map((story) => ({
            sprintId: current.id,
            storyId: story.id,
            originalEstimate: story.estimate,
            finalEstimate: story.estimate,
            completedAt: story.status === 'done' ? (story.completedAt ?? now) : null,
          })),
        )
        .onConflictDoUpdate({
          target: [sprintItems.sprintId, sprintItems.storyId],
          set: { finalEstimate: sql`excluded.final_estimate`, completedAt: sql`excluded.completed_at`, removedAt: null },
        });
    }
    if (unfinished.length > 0) {
      const ids = unfinished.map((story) => story.id);
      await tx
        .update(stories)
        .set({ sprintId: next?.id ?? null, version: sql`${stories.version} + 1` })
        .where(inArray(stories.id, ids));
      if (next) {
        await tx
          .insert(sprintItems)
          .values(unfinished.map((story) => ({ sprintId: next.id, storyId: story.id, originalEstimate: story.estimate })))
          .onConflictDoUpdate({
            target: [sprintItems.sprintId, sprintItems.storyId],
            set: { originalEstimate: sql`excluded.original_estimate`, addedAt: now, removedAt: null, finalEstimate: null, completedAt: null },
          });
      }
      for (const story of unfinished) events.push(await storySprintEvent(tx, ctx, input.projectId, story.id, current.id, next?.id ?? null));
    }

    const [sprint] = await tx
      .update(sprints)
      .set({ status: 'completed', completedAt: now, version: sql`${sprints.version} + 1` })
      .where(eq(sprints.id, current.id))
      .returning();
    if (!sprint) throw new Error('sprint update returned nothing');
    const completedPoints = done.reduce((sum, story) => sum + (story.estimate ?? 0), 0);
    events.push(
      await recordEvent(tx, {
        projectId: input.projectId,
        actorId: ctx.auth.user.id,
        entityType: 'sprint',
        entityId: sprint.id,
        action: 'completed',
        diff: {
          status: { from: 'active', to: 'completed' },
          completedStoryIds: done.map((story) => story.id),
          unfinishedStoryIds: unfinished.map((story) => story.id),
          completedPoints,
          unfinished: input.unfinished,
          nextSprintId: next?.id ?? null,
        },
      }),
    );
    return {
      events,
      result: { sprint, nextSprint: next, completedStoryIds: done.map((story) => story.id), carriedOverStoryIds: unfinished.map((story) => story.id), completedPoints },
    };
  });
  await publishEvents(ctx.bus, events);
  return result;
}
