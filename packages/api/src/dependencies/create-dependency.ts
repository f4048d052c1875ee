import { dependencies, sql } from '@devmentor/db';
import { ConflictError, NotFoundError, ValidationError } from '../errors';
import { publishEvents, recordEvent } from '../events/project-events';
import type { ServiceContext } from '../sprints/service-context';
import { asBlockingEdge, findPath, loadBlockingGraph } from './dependency-graph';
import type { CreateDependencyInput } from './dependencies.schemas';
import { resolveItems } from './work-item-refs';

/**
 * Links two items of the project. Rejects self-links (BAD_REQUEST), items that are unknown, deleted
 * or in another project (NOT_FOUND), a link that already exists in either spelling (`A requires B`
 * equals `B blocks A`) and a link that would close a cycle (CONFLICT, `details.cycle` lists the path).
 * Dependency writes of one project are serialized by an advisory lock, so two concurrent links
 * cannot close a cycle together.
 */
export async function createDependency({ ctx, input }: { ctx: ServiceContext; input: CreateDependencyInput & { projectId: string } }) {
  if (input.sourceId === input.targetId) throw new ValidationError('An item cannot depend on itself');
  const { dependency, event } = await ctx.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`dependencies:${input.projectId}`}, 0))`);
    const items = await resolveItems(tx, input.projectId, [input.sourceId, input.targetId]);
    const source = items.get(input.sourceId);
    const target = items.get(input.targetId);
    const missing = [input.sourceId, input.targetId].filter((id) => !items.has(id));
    if (!source || !target) throw new NotFoundError('Work item', { ids: missing });

    const edge = asBlockingEdge(input);
    const graph = await loadBlockingGraph(tx, input.projectId);
    if (graph.get(edge.blocker)?.includes(edge.blocked)) throw new ConflictError('These items are already linked', { reason: 'duplicate' });
    const back = findPath(graph, edge.blocked, edge.blocker);
    if (back) throw new ConflictError('This link would create a dependency cycle', { reason: 'cycle', cycle: [edge.blocker, ...back] });

    const [dependency] = await tx
      .insert(dependencies)
      .values({
        projectId: input.projectId,
        sourceType: source.type,
        sourceId: source.id,
        targetType: target.type,
        targetId: target.id,
        type: input.type,
        createdById: ctx.auth.user.id,
      })
      .returning();
    if (!dependency) throw new Error('dependency insert returned nothing');
    const event = await recordEvent(tx, {
      projectId: input.projectId,
      actorId: ctx.auth.user.id,
      entityType: 'dependency',
      entityId: dependency.id,
      action: 'created',
      diff: { ...dependency, sourceKey: source.key, targetKey: target.key },
    });
    return { dependency: { ...dependency, source, target }, event };
  });
  await publishEvents(ctx.bus, [event]);
  return dependency;
}
