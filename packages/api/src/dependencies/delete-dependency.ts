import { and, dependencies, eq } from '@devmentor/db';
import { NotFoundError } from '../errors';
import { publishEvents, recordEvent } from '../events/project-events';
import type { ServiceContext } from '../sprints/service-context';

/** Removes a link (hard delete: the event keeps the row). Another project's link is NOT_FOUND. */
export async function deleteDependency({ ctx, input }: { ctx: ServiceContext; input: { projectId: string; id: string } }) {
  const event = await ctx.db.transaction(async (tx) => {
    const [removed] = await tx
      .delete(dependencies)
      .where(and(eq(dependencies.id, input.id), eq(dependencies.projectId, input.projectId)))
      .returning();
    if (!removed) throw new NotFoundError('Dependency', { id: input.id });
    return recordEvent(tx, {
      projectId: input.projectId,
      actorId: ctx.auth.user.id,
      entityType: 'dependency',
      entityId: removed.id,
      action: 'deleted',
      diff: { ...removed },
    });
  });
  await publishEvents(ctx.bus, [event]);
  return { id: input.id };
}
