import { and, eq, inArray, projectMembers, projects, sprints, type InferSelectModel } from '@devmentor/db';
import { NotFoundError, ValidationError } from '../errors';
import type { DbOrTx } from '../events/project-events';

export type Sprint = InferSelectModel<typeof sprints>;

/** The project's sprint, or NOT_FOUND (also for another project's sprint). `lock` takes a row lock. */
export async function loadSprint(tx: DbOrTx, projectId: string, id: string, options: { lock?: boolean } = {}): Promise<Sprint> {
  const query = tx
    .select()
    .from(sprints)
    .where(and(eq(sprints.id, id), eq(sprints.projectId, projectId)));
  const [sprint] = options.lock ? await query.for('update') : await query;
  if (!sprint) throw new NotFoundError('Sprint', { id });
  return sprint;
}

export async function keyPrefixOf(tx: DbOrTx, projectId: string): Promise<string> {
  const [project] = await tx.select({ keyPrefix: projects.keyPrefix }).from(projects).where(eq(projects.id, projectId));
  if (!project) throw new NotFoundError('Project', { id: projectId });
  return project.keyPrefix;
}

/** Capacity keys must be members of the project (viewers included: capacity is about people). */
export async function assertCapacityMembers(tx: DbOrTx, projectId: string, capacity: Record<string, number> | undefined): Promise<void> {
  const userIds = Object.keys(capacity ?? {});
  if (userIds.length === 0) return;
  const rows = await tx
    .select({ userId: projectMembers.userId })
    .from(projectMembers)
    .where(and(eq(projectMembers.projectId, projectId), inArray(projectMembers.userId, userIds)));
  const known = new Set(rows.map((row) => row.userId));
  const unknown = userIds.filter((userId) => !known.has(userId));
  if (unknown.length > 0) throw new ValidationError('Capacity names users who are not members of the project', { userIds: unknown });
}

export function assertDateOrder(startDate: string | null | undefined, endDate: string | null | undefined): void {
  if (startDate && endDate && startDate > endDate) {
    throw new ValidationError('The sprint ends before it starts', { startDate, endDate });
  }
}

/** Next sprint's default name: `Sprint 7` becomes `Sprint 8`; anything else gets ` (next)`. */
export function nextSprintName(name: string): string {
  const match = /^(.*?)(\d+)$/.exec(name);
  return match ? `${match[1]}${Number(match[2]) + 1}` : `${name} (next)`;
}
