import { and, apiKeys, eq, projectMembers, projects } from '@devmentor/db';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import type { Auth, Context } from './context';
import { idempotency } from '../idempotency/idempotency.middleware';
import { publicProcedure } from './init';

export const PROJECT_ROLES = ['viewer', 'member', 'admin', 'owner'] as const;
export type ProjectRole = (typeof PROJECT_ROLES)[number];

export function roleAtLeast(role: ProjectRole, minimum: ProjectRole): boolean {
  return PROJECT_ROLES.indexOf(role) >= PROJECT_ROLES.indexOf(minimum);
}

/** The caller's standing in the project a procedure names; set on `ctx.project` by the project builders. */
export interface ProjectAccess {
  id: string;
  role: ProjectRole;
  archived: boolean;
}

export interface ProjectProcedureOptions {
  /**
   * Let mutations through on an archived project (restore, delete). Otherwise an archived project is
   * read-only: any mutation that needs more than the viewer role answers PRECONDITION_FAILED.
   */
  allowArchived?: boolean;
}

type ProcedureType = 'query' | 'mutation' | 'subscription';

/**
 * Any signed-in caller; `ctx.auth` is narrowed to non-null. API keys are narrowed here for every
 * procedure: a key without the `write` scope cannot call mutations, and an expired key (on a long
 * WebSocket connection) no longer counts as signed in.
 */
export const authedProcedure = publicProcedure.use(async ({ ctx, type, next }) => {
  const auth = ctx.auth;
  if (!auth) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in to do this' });
  const key = auth.apiKey;
  if (key) {
    if (key.expiresAt && key.expiresAt.getTime() <= Date.now()) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'This API key has expired' });
    // A WebSocket connection resolved its key once; a key revoked since must stop working on it too.
    if (auth.via === 'connection') {
      const [row] = await ctx.db.select({ revokedAt: apiKeys.revokedAt }).from(apiKeys).where(eq(apiKeys.id, key.id));
      if (!row || row.revokedAt) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'This API key was revoked' });
    }
    if (type === 'mutation' && !key.scopes.includes('write')) {
      throw new TRPCError({ code: 'FORBIDDEN', message: 'This API key is read-only' });
    }
  }
  return next({ ctx: { ...ctx, auth } });
}).use(idempotency); // Idempotency-Key replay for every mutation (idempotency/idempotency.middleware.ts).

/**
 * A signed-in caller acting across projects (creating a project, answering invitations): refused to
 * API keys restricted to one project, which must not reach beyond it.
 */
export const accountProcedure = authedProcedure.use(({ ctx, next }) => {
  if (ctx.auth.apiKey?.projectId) throw new TRPCError({ code: 'FORBIDDEN', message: 'This API key is restricted to one project' });
  return next();
});

/** Only a session (browser or session token), never an API key: managing API keys and sessions. */
export const sessionProcedure = authedProcedure.use(({ ctx, next }) => {
  if (ctx.auth.apiKey) throw new TRPCError({ code: 'FORBIDDEN', message: 'API keys cannot do this; sign in' });
  return next();
});

/** The caller's role in the project: read along with the session when the request named it, else now. */
async function membershipOf(ctx: Context & { auth: Auth }, projectId: string): Promise<{ role: ProjectRole; archived: boolean } | null> {
  const hint = ctx.membershipHint;
  if (hint && hint.projectId === projectId) return hint.role ? { role: hint.role, archived: hint.archived } : null;
  const [row] = await ctx.db
    .select({ role: projectMembers.role, archivedAt: projects.archivedAt })
    .from(projectMembers)
    .innerJoin(projects, eq(projects.id, projectMembers.projectId))
    .where(and(eq(projectMembers.projectId, projectId), eq(projectMembers.userId, ctx.auth.user.id)));
  return row ? { role: row.role, archived: row.archivedAt !== null } : null;
}

/** Membership check shared by every project builder: the single place project authorization lives. */
async function checkProjectAccess(
  ctx: Context & { auth: Auth },
  projectId: string,
  minRole: ProjectRole,
  type: ProcedureType,
  options: ProjectProcedureOptions,
): Promise<ProjectAccess> {
  const restrictedTo = ctx.auth.apiKey?.projectId;
  if (restrictedTo && restrictedTo !== projectId) throw new TRPCError({ code: 'NOT_FOUND', message: 'Project not found' });
  const membership = await membershipOf(ctx, projectId);
  if (!membership) throw new TRPCError({ code: 'NOT_FOUND', message: 'Project not found' });
  if (!roleAtLeast(membership.role, minRole)) {
    throw new TRPCError({ code: 'FORBIDDEN', message: `This needs the ${minRole} role in the project` });
  }
  const archived = membership.archived;
  if (archived && type === 'mutation' && minRole !== 'viewer' && !options.allowArchived) {
    throw new TRPCError({ code: 'PRECONDITION_FAILED', message: 'The project is archived and read-only; restore it first' });
  }
  return { id: projectId, role: membership.role, archived };
}

/**
 * A member of the project named by `input.projectId` with at least `minRole`. Outsiders get
 * NOT_FOUND (a project's existence is not revealed); members below the role get FORBIDDEN; an API key
 * restricted to another project gets NOT_FOUND; mutations on an archived project PRECONDITION_FAILED.
 * Every project-scoped procedure is built on this, so authorization lives in one place.
 */
export function projectProcedure(minRole: ProjectRole, options: ProjectProcedureOptions = {}) {
  return authedProcedure.input(z.object({ projectId: z.uuid() })).use(async ({ ctx, input, type, next }) => {
    const project = await checkProjectAccess(ctx, input.projectId, minRole, type, options);
    return next({ ctx: { ...ctx, project } });
  });
}

/** The same checks as `projectProcedure`, for the `projects.*` procedures that name the project as `input.id`. */
export function projectByIdProcedure(minRole: ProjectRole, options: ProjectProcedureOptions = {}) {
  return authedProcedure.input(z.object({ id: z.uuid() })).use(async ({ ctx, input, type, next }) => {
    const project = await checkProjectAccess(ctx, input.id, minRole, type, options);
    return next({ ctx: { ...ctx, project } });
  });
}
