import { and, eq, sprints, sql } from '@devmentor/db';
import { ConflictError } from '../errors';
import { diffFields, publishEvents, recordEvent } from '../events/project-events';
import type { UpdateSprintInput } from './sprints.schemas';
import { assertCapacityMembers, assertDateOrder, loadSprint, type Sprint } from './sprints.queries';
import type { ServiceContext } from './service-context';

/**
 * Changes name, goal, dates or capacity. A stale `version` is a CONFLICT carrying the current row;
 * a completed sprint is history and cannot change (CONFLICT).
 */
export async function updateSprint({ ctx, input }: { ctx: ServiceContext; input: UpdateSprintInput & { projectId: string } }): Promise<Sprint> {
  const { sprint, event } = await ctx.db.transaction(async (tx) => {
    const current = await loadSprint(tx, input.projectId, input.id, { lock: true });
    if (current.version !== input.version) throw new ConflictError('The sprint changed since you read it', { current });
    if (current.status === 'completed') throw new ConflictError('A completed sprint cannot change', { current });
    const changes = {
      name: input.name,
      goal: input.goal,
      startDate: input.startDate,
      endDate: input.endDate,
      capacity: input.capacity,
    };
    assertDateOrder(changes.startDate === undefined ? current.startDate : changes.startDate, changes.endDate === undefined ? current.endDate : changes.endDate);
    await assertCapacityMembers(tx, input.projectId, input.capacity);
    const diff = diffFields(current, changes);
    if (Object.keys(diff).length === 0) return { sprint: current, event: null };
    const [sprint] = await tx
      .update(sprints)
      .set({ ...changes, version: sql`${sprints.version} + 1` })
      .where(and(eq(sprints.id, current.id), eq(sprints.version, current.version)))
      .returning();
    if (!sprint) throw new ConflictError('The sprint changed since you read it', { current });
    const event = await recordEvent(tx, {
      projectId: input.projectId,
      actorId: ctx.auth.user.id,
      entityType: 'sprint',
      entityId: sprint.id,
      action: 'updated',
      diff,
    });
    return { sprint, event };
  });
  if (event) await publishEvents(ctx.bus, [event]);
  return sprint;
}
