import { and, asc, count, eq, gt, inArray, isNull, or, projectMembers, projects, type SQL } from '@devmentor/db';
import { ValidationError } from '../errors';
import type { AuthedContext, ProjectContext } from './service-context';
import type { ListProjectsInput } from './projects.schemas';
import { loadProjectView, projectColumns, type ProjectView } from './project-view';

interface NameCursor {
  name: string;
  id: string;
}

export function encodeCursor(cursor: NameCursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

function decodeCursor(raw: string): NameCursor {
  try {
    const parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Partial<NameCursor>;
    if (typeof parsed.name === 'string' && typeof parsed.id === 'string' && /^[0-9a-f-]{36}$/.test(parsed.id)) {
      return { name: parsed.name, id: parsed.id };
    }
  } catch {
    // fall through
  }
  throw new ValidationError('Invalid cursor');
}

/**
 * The projects the caller belongs to, by name, with their role and member count. An API key
 * restricted to one project lists only that one.
 */
export async function listProjects({ ctx, input }: { ctx: AuthedContext; input: ListProjectsInput }): Promise<{ items: ProjectView[]; nextCursor: string | null }> {
  const limit = input?.limit ?? 50;
  const conditions: (SQL | undefined)[] = [eq(projectMembers.userId, ctx.auth.user.id)];
  if (!input?.includeArchived) conditions.push(isNull(projects.archivedAt));
  const restrictedTo = ctx.auth.apiKey?.projectId;
  if (restrictedTo) conditions.push(eq(projects.id, restrictedTo));
  if (input?.cursor) {
    const after = decodeCursor(input.cursor);
    conditions.push(or(gt(projects.name, after.name), and(eq(projects.name, after.name), gt(projects.id, after.id))));
  }
  const rows = await ctx.db
    .select({ ...projectColumns, role: projectMembers.role })
    .from(projects)
    .innerJoin(projectMembers, eq(projectMembers.projectId, projects.id))
    .where(and(...conditions))
    .orderBy(asc(projects.name), asc(projects.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const counted = page.length
    ? await ctx.db
        .select({ projectId: projectMembers.projectId, n: count() })
        .from(projectMembers)
        .where(inArray(projectMembers.projectId, page.map((row) => row.id)))
        .groupBy(projectMembers.projectId)
    : [];
  const counts = new Map(counted.map((row) => [row.projectId, row.n]));
  const last = page[page.length - 1];
  return {
    items: page.map((row) => ({ ...row, memberCount: counts.get(row.id) ?? 0 })),
    nextCursor: rows.length > limit && last ? encodeCursor({ name: last.name, id: last.id }) : null,
  };
}

export function getProject({ ctx }: { ctx: ProjectContext }): Promise<ProjectView> {
  return loadProjectView(ctx.db, ctx.project.id, ctx.auth.user.id);
}
