import { and, desc, eq, gt, sessions } from '@devmentor/db';
import { NotFoundError } from '../errors';
import type { Context } from '../trpc/context';
import { announceRevoked, clearSessionCookie, type AuthedContext } from './service-context';
import { invalidateSession, invalidateUserSessions } from './sessions.service';

/**
 * Ends the caller's session and clears the cookie. Works signed out too (clears a stale cookie);
 * an API-key caller has no session to end.
 */
export async function logout({ ctx }: { ctx: Context }) {
  const revoked = ctx.auth?.sessionId ? await invalidateSession(ctx.db, ctx.auth.sessionId) : [];
  clearSessionCookie(ctx);
  if (ctx.auth) await announceRevoked(ctx, ctx.auth.user.id, revoked);
  return { revoked: revoked.length };
}

/** Ends every session of the caller, this one included. */
export async function logoutEverywhere({ ctx }: { ctx: AuthedContext }) {
  const revoked = await invalidateUserSessions(ctx.db, ctx.auth.user.id);
  clearSessionCookie(ctx);
  await announceRevoked(ctx, ctx.auth.user.id, revoked);
  return { revoked: revoked.length };
}

/** The caller's live sessions, most recently active first; `current` marks the one making this call. */
export async function listSessions({ ctx }: { ctx: AuthedContext }) {
  const rows = await ctx.db
    .select()
    .from(sessions)
    .where(and(eq(sessions.userId, ctx.auth.user.id), gt(sessions.expiresAt, new Date())))
    .orderBy(desc(sessions.lastActiveAt))
    .limit(100);
  return {
    items: rows.map((row) => ({
      id: row.id,
      current: row.id === ctx.auth.sessionId,
      userAgent: row.userAgent,
      ipAddress: row.ipAddress,
      createdAt: row.createdAt.toISOString(),
      lastActiveAt: row.lastActiveAt.toISOString(),
      expiresAt: row.expiresAt.toISOString(),
    })),
  };
}

/** Ends one of the caller's sessions; another user's session id is NOT_FOUND. */
export async function revokeSession({ ctx, input }: { ctx: AuthedContext; input: { id: string } }) {
  const revoked = await invalidateSession(ctx.db, input.id, ctx.auth.user.id);
  if (revoked.length === 0) throw new NotFoundError('Session');
  if (input.id === ctx.auth.sessionId) clearSessionCookie(ctx);
  await announceRevoked(ctx, ctx.auth.user.id, revoked);
  return { revoked: revoked.length, current: input.id === ctx.auth.sessionId };
}
