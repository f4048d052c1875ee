import { and, eq, ne, sprints, sql } from '@devmentor/db';
import { ConflictError } from '../errors';
import { publishEvents, recordEvent } from '../events/project-events';
import type { StartSprintInput } from './sprints.schemas';
import { loadSprint, type Sprint } from './sprints.queries';
import type { ServiceContext } from './service-context';

/** Postgres unique violation: the partial index allowing one active sprint per project. */
function isUniqueViolation(error: unknown): boolean {
  for (let cause: unknown = error; cause; cause = (cause as { cause?: unknown }).cause) {
    if ((cause as { code?: unknown }).code === '23505') return true;
  }
  return false;
}

/**
 * Starts a planning sprint. Only one sprint per project may be active: the service checks and
 * answers CONFLICT naming the active one; the partial unique index catches a concurrent start.
 */
export async function startSprint({ ctx, input }: { ctx: ServiceContext; input: StartSprintInput & { projectId: string } }): Promise<Sprint> {
  let result;
  try {
    result = await ctx.db.transaction(async (tx) => {
      const current = await loadSprint(tx, input.projectId, input.id, { lock: true });
      if (current.version !== input.version) throw new ConflictError('The sprint changed since you read it', { current });
      if (current.status !== 'planning') throw new ConflictError(`The sprint is ${current.status}`, { current });
      const [active] = await tx
        .select({ id: sprints.id, name: sprints.name })
        .from(sprints)
        .where(and(eq(sprints.projectId, input.projectId), eq(sprints.status, 'active'), ne(sprints.id, current.id)));
      if (active) throw new ConflictError('Another sprint is already active', { activeSprint: active });
      const now = new Date();
      const [sprint] = await tx
        .update(sprints)
        .set({
          status: 'active',
          startedAt: now,
          startDate: current.startDate ?? now.toISOString().slice(0, 10),
          version: sql`${sprints.version} + 1`,
        })
        .where(eq(sprints.id, current.id))
        .returning();
      if (!sprint) throw new Error('sprint update returned nothing');
      const event = await recordEvent(tx, {
        projectId: input.projectId,
        actorId: ctx.auth.user.id,
        entityType: 'sprint',
        entityId: sprint.id,
        action: 'started',
        diff: { status: { from: current.status, to: 'active' }, startedAt: { from: null, to: now.toISOString() } },
      });
      return { sprint, event };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError('Another sprint is already active');
    throw error;
  }
  await publishEvents(ctx.bus, [result.event]);
  return result.sprint;
}
