import { and, count, eq, projectMembers, projects } from '@devmentor/db';
import type { DbOrTx } from '../events/project-events';
import { NotFoundError } from '../errors';
import type { ProjectRole } from '../trpc/procedures';

/** The columns of a project clients see (the item sequence stays internal). */
export const projectColumns = {
  id: projects.id,
  ownerId: projects.ownerId,
  name: projects.name,
  slug: projects.slug,
  description: projects.description,
  keyPrefix: projects.keyPrefix,
  settings: projects.settings,
  version: projects.version,
  archivedAt: projects.archivedAt,
  createdAt: projects.createdAt,
  updatedAt: projects.updatedAt,
};

export type ProjectRow = {
  id: string;
  ownerId: string;
  name: string;
  slug: string;
  description: string;
  keyPrefix: string;
  settings: Record<string, unknown>;
  version: number;
  archivedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
};

export type ProjectView = ProjectRow & { role: ProjectRole; memberCount: number };

export function publicProject(row: ProjectRow & Record<string, unknown>): ProjectRow {
  const { id, ownerId, name, slug, description, keyPrefix, settings, version, archivedAt, createdAt, updatedAt } = row;
  return { id, ownerId, name, slug, description, keyPrefix, settings, version, archivedAt, createdAt, updatedAt };
}

export async function loadProjectRow(tx: DbOrTx, projectId: string): Promise<ProjectRow> {
  const [row] = await tx.select(projectColumns).from(projects).where(eq(projects.id, projectId));
  if (!row) throw new NotFoundError('Project');
  return row;
}

/** The project as its member `userId` sees it: with their role and the member count. */
export async function loadProjectView(tx: DbOrTx, projectId: string, userId: string): Promise<ProjectView> {
  const row = await loadProjectRow(tx, projectId);
  const [mine] = await tx
    .select({ role: projectMembers.role })
    .from(projectMembers)
    .where(and(eq(projectMembers.projectId, projectId), eq(projectMembers.userId, userId)));
  if (!mine) throw new NotFoundError('Project');
  const [counted] = await tx.select({ n: count() }).from(projectMembers).where(eq(projectMembers.projectId, projectId));
  return { ...row, role: mine.role, memberCount: counted?.n ?? 0 };
}
