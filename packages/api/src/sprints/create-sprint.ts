import { sprints } from '@devmentor/db';
import { publishEvents, recordEvent } from '../events/project-events';
import type { CreateSprintInput } from './sprints.schemas';
import { assertCapacityMembers, assertDateOrder, type Sprint } from './sprints.queries';
import type { ServiceContext } from './service-context';

/** A new sprint in `planning`. Capacity may only name members of the project. */
export async function createSprint({ ctx, input }: { ctx: ServiceContext; input: CreateSprintInput & { projectId: string } }): Promise<Sprint> {
  assertDateOrder(input.startDate, input.endDate);
  const { sprint, event } = await ctx.db.transaction(async (tx) => {
    await assertCapacityMembers(tx, input.projectId, input.capacity);
    const [sprint] = await tx
      .insert(sprints)
      .values({
        projectId: input.projectId,
        name: input.name,
        goal: input.goal ?? '',
        startDate: input.startDate ?? null,
        endDate: input.endDate ?? null,
        capacity: input.capacity ?? {},
      })
      .returning();
    if (!sprint) throw new Error('sprint insert returned nothing');
    const event = await recordEvent(tx, {
      projectId: input.projectId,
      actorId: ctx.auth.user.id,
      entityType: 'sprint',
      entityId: sprint.id,
      action: 'created',
      diff: { ...sprint },
    });
    return { sprint, event };
  });
  await publishEvents(ctx.bus, [event]);
  return sprint;
}
