import { eq, projects, sql } from '@devmentor/db';
import { announceAuthChange } from '../auth/auth-changes';
import { ValidationError } from '../errors';
import { projectChannel, publishEvents, recordEvent } from '../events/project-events';
import type { ProjectContext } from './service-context';
import { loadProjectRow, loadProjectView, publicProject, type ProjectView } from './project-view';

async function setArchived(ctx: ProjectContext, archived: boolean): Promise<ProjectView> {
  const projectId = ctx.project.id;
  const event = await ctx.db.transaction(async (tx) => {
    const before = await loadProjectRow(tx, projectId);
    if ((before.archivedAt !== null) === archived) return null;
    const archivedAt = archived ? new Date() : null;
    await tx
      .update(projects)
      .set({ archivedAt, version: sql`${projects.version} + 1` })
      .where(eq(projects.id, projectId));
    return recordEvent(tx, {
      projectId,
      actorId: ctx.auth.user.id,
      entityType: 'project',
      entityId: projectId,
      action: archived ? 'archived' : 'restored',
      diff: { archivedAt: { from: before.archivedAt, to: archivedAt } },
    });
  });
  if (event) {
    await publishEvents(ctx.bus, [event]);
    await announceAuthChange(ctx, { projectId });
  }
  return loadProjectView(ctx.db, projectId, ctx.auth.user.id);
}

/** Makes the project read-only (the procedure builders refuse writes) and hides it from the default list. */
export function archiveProject({ ctx }: { ctx: ProjectContext }): Promise<ProjectView> {
  return setArchived(ctx, true);
}

/** Undoes an archive; restoring an active project changes nothing. */
export function restoreProject({ ctx }: { ctx: ProjectContext }): Promise<ProjectView> {
  return setArchived(ctx, false);
}

/**
 * Deletes the project and everything in it (foreign keys cascade). The caller retypes the name.
 * The deletion event is kept with no project (the project's own events go with it) and is still
 * published on the project's channel so open streams learn of it.
 */
export async function deleteProject({ ctx, input }: { ctx: ProjectContext; input: { confirmName: string } }): Promise<{ id: string }> {
  const projectId = ctx.project.id;
  const event = await ctx.db.transaction(async (tx) => {
    const before = await loadProjectRow(tx, projectId);
    if (input.confirmName !== before.name) {
      throw new ValidationError('Type the project name exactly to delete it', { field: 'confirmName' });
    }
    await tx.delete(projects).where(eq(projects.id, projectId));
    return recordEvent(tx, {
      projectId: null,
      actorId: ctx.auth.user.id,
      entityType: 'project',
      entityId: projectId,
      action: 'deleted',
      diff: { ...publicProject(before) },
    });
  });
  await ctx.bus.publish(projectChannel(projectId), { ...event, projectId });
  await announceAuthChange(ctx, { projectId });
  return { id: projectId };
}
