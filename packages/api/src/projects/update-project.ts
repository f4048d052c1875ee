import { and, eq, projects, sql } from '@devmentor/db';
import { ConflictError } from '../errors';
import { diffFields, publishEvents, recordEvent } from '../events/project-events';
import type { ProjectContext } from './service-context';
import type { UpdateProjectInput } from './projects.schemas';
import { loadProjectRow, loadProjectView, projectColumns, type ProjectView } from './project-view';

/** Name, description, settings or key prefix; the caller names the version it read (stale -> CONFLICT with the current row). */
export async function updateProject({ ctx, input }: { ctx: ProjectContext; input: UpdateProjectInput }): Promise<ProjectView> {
  const { version, ...changes } = input;
  const projectId = ctx.project.id;
  const event = await ctx.db.transaction(async (tx) => {
    const before = await loadProjectRow(tx, projectId);
    if (before.version !== version) throw new ConflictError('The project changed since you read it', { current: before });
    const diff = diffFields(before as unknown as Record<string, unknown>, changes);
    const [after] = await tx
      .update(projects)
      .set({ ...changes, version: sql`${projects.version} + 1` })
      .where(and(eq(projects.id, projectId), eq(projects.version, version)))
      .returning(projectColumns);
    if (!after) throw new ConflictError('The project changed since you read it', { current: await loadProjectRow(tx, projectId) });
    return recordEvent(tx, { projectId, actorId: ctx.auth.user.id, entityType: 'project', entityId: projectId, action: 'updated', diff });
  });
  await publishEvents(ctx.bus, [event]);
  return loadProjectView(ctx.db, projectId, ctx.auth.user.id);
}
