import { and, eq, projectMembers, projects } from '@devmentor/db';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { publicProcedure } from './init';

export const PROJECT_ROLES = ['viewer', 'member', 'admin', 'owner'] as const;
export type ProjectRole = (typeof PROJECT_ROLES)[number];

export function roleAtLeast(role: ProjectRole, minimum: ProjectRole): boolean {
  return PROJECT_ROLES.indexOf(role) >= PROJECT_ROLES.indexOf(minimum);
}

/** Any signed-in caller; `ctx.auth` is narrowed to non-null. */
export const authedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.auth) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in to do this' });
  return next({ ctx: { ...ctx, auth: ctx.auth } });
});

/**
 * A member of the project named by `input.projectId` with at least `minRole`. Outsiders get
 * NOT_FOUND (a project's existence is not revealed); members below the role get FORBIDDEN.
 * Every project-scoped procedure is built on this, so authorization lives in one place.
 */
export function projectProcedure(minRole: ProjectRole) {
  return authedProcedure.input(z.object({ projectId: z.uuid() })).use(async ({ ctx, input, next }) => {
    const [membership] = await ctx.db
      .select({ role: projectMembers.role, archivedAt: projects.archivedAt })
      .from(projectMembers)
      .innerJoin(projects, eq(projects.id, projectMembers.projectId))
      .where(and(eq(projectMembers.projectId, input.projectId), eq(projectMembers.userId, ctx.auth.user.id)));
    if (!membership) throw new TRPCError({ code: 'NOT_FOUND', message: 'Project not found' });
    if (!roleAtLeast(membership.role, minRole)) {
      throw new TRPCError({ code: 'FORBIDDEN', message: `This needs the ${minRole} role in the project` });
    }
    return next({ ctx: { ...ctx, project: { id: input.projectId, role: membership.role, archived: membership.archivedAt !== null } } });
  });
}
