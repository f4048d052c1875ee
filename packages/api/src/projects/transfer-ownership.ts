import { and, eq, projectMembers, projects, sql } from '@devmentor/db';
import { announceAuthChange } from '../auth/auth-changes';
import { NotFoundError, ValidationError } from '../errors';
import { publishEvents, recordEvent, type ProjectEvent } from '../events/project-events';
import type { ProjectContext } from './service-context';
import { setPrimaryOwner } from './primary-owner';
import { loadProjectRow, loadProjectView, type ProjectView } from './project-view';

/**
 * Hands the project to another member: they become its owner (and primary owner), the caller stays
 * on as admin. Any other owners keep their role.
 */
export async function transferOwnership({ ctx, input }: { ctx: ProjectContext; input: { userId: string } }): Promise<ProjectView> {
  const projectId = ctx.project.id;
  const me = ctx.auth.user.id;
  if (input.userId === me) throw new ValidationError('You already own this project', { field: 'userId' });
  const events = await ctx.db.transaction(async (tx) => {
    const before = await loadProjectRow(tx, projectId);
    const [target] = await tx
      .select({ role: projectMembers.role })
      .from(projectMembers)
      .where(and(eq(projectMembers.projectId, projectId), eq(projectMembers.userId, input.userId)))
      .for('update');
    if (!target) throw new NotFoundError('Member');
    const recorded: ProjectEvent[] = [];
    const changeRole = async (userId: string, from: string, to: 'owner' | 'admin') => {
      if (from === to) return;
      await tx.update(projectMembers).set({ role: to }).where(and(eq(projectMembers.projectId, projectId), eq(projectMembers.userId, userId)));
      recorded.push(
        await recordEvent(tx, { projectId, actorId: me, entityType: 'member', entityId: userId, action: 'role_changed', diff: { role: { from, to } } }),
      );
    };
    await changeRole(input.userId, target.role, 'owner');
    await changeRole(me, 'owner', 'admin');
    await setPrimaryOwner(tx, projectId, before.name, input.userId);
    await tx.update(projects).set({ version: sql`${projects.version} + 1` }).where(eq(projects.id, projectId));
    recorded.push(
      await recordEvent(tx, {
        projectId,
        actorId: me,
        entityType: 'project',
        entityId: projectId,
        action: 'updated',
        diff: { ownerId: { from: before.ownerId, to: input.userId } },
      }),
    );
    return recorded;
  });
  await publishEvents(ctx.bus, events);
  await announceAuthChange(ctx, { projectId });
  return loadProjectView(ctx.db, projectId, me);
}
