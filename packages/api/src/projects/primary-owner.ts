import { and, asc, eq, projectMembers, projects } from '@devmentor/db';
import type { DbOrTx } from '../events/project-events';
import { slugify, uniqueSlug } from './project-names';

/**
 * `projects.ownerId` names the owner whose namespace holds the slug. After a membership change, if
 * that user is no longer an owner, the longest-standing remaining owner takes it (slug re-made
 * unique in their namespace). Returns the change, or null when nothing moved.
 */
export async function syncPrimaryOwner(tx: DbOrTx, projectId: string): Promise<{ from: string; to: string } | null> {
  const [project] = await tx.select({ ownerId: projects.ownerId, name: projects.name }).from(projects).where(eq(projects.id, projectId));
  if (!project) return null;
  const owners = await tx
    .select({ userId: projectMembers.userId })
    .from(projectMembers)
    .where(and(eq(projectMembers.projectId, projectId), eq(projectMembers.role, 'owner')))
    .orderBy(asc(projectMembers.createdAt), asc(projectMembers.userId));
  if (owners.some((owner) => owner.userId === project.ownerId)) return null;
  const next = owners[0];
  if (!next) return null;
  await setPrimaryOwner(tx, projectId, project.name, next.userId);
  return { from: project.ownerId, to: next.userId };
}

export async function setPrimaryOwner(tx: DbOrTx, projectId: string, name: string, userId: string): Promise<void> {
  const slug = await uniqueSlug(tx, userId, slugify(name));
  await tx.update(projects).set({ ownerId: userId, slug }).where(eq(projects.id, projectId));
}
