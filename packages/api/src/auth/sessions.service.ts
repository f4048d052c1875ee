import { and, eq, ne, sessions, type Database } from '@devmentor/db';
import type { MembershipHint } from '../trpc/context';
import type { DbOrTx } from '../events/project-events';
import type { SessionCache } from './session-cache';
import { lookUpSession, type SessionLookupRow } from './session-lookup';
import { hashSecret, parseToken, randomToken, secretMatches } from './session-token';

/** Inactivity timeout: a session unused this long ends (ASVS 7.3.1). */
export const SESSION_IDLE_TIMEOUT_MS = 7 * 24 * 3600 * 1000;
/** Absolute lifetime, whatever the activity (ASVS 7.3.2). */
export const SESSION_ABSOLUTE_LIFETIME_MS = 30 * 24 * 3600 * 1000;
/** `lastActiveAt` is written at most this often, so reads stay reads. */
const ACTIVITY_REFRESH_MS = 5 * 60 * 1000;

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  avatarUrl: string | null;
  emailVerifiedAt: Date | null;
}

export interface ValidSession {
  sessionId: string;
  user: SessionUser;
  expiresAt: Date;
  /** The user's standing in the project asked about with `projectId`, read by the same statement. */
  membership?: MembershipHint;
}

export interface CreatedSession {
  /** Shown to the client once (cookie or response); never stored. */
  token: string;
  sessionId: string;
  expiresAt: Date;
}

/** A new session with a fresh token: 120 bits of id and 160 bits of secret from the CSPRNG. */
export async function createSession(
  db: DbOrTx,
  input: { userId: string; userAgent?: string | null; ipAddress?: string | null; now?: Date },
): Promise<CreatedSession> {
  const now = input.now ?? new Date();
  const id = randomToken(15);
  const secret = randomToken(20);
  const expiresAt = new Date(now.getTime() + SESSION_ABSOLUTE_LIFETIME_MS);
  await db.insert(sessions).values({
    id,
    userId: input.userId,
    secretHash: hashSecret(secret),
    userAgent: input.userAgent?.slice(0, 512) ?? null,
    ipAddress: input.ipAddress ?? null,
    createdAt: now,
    lastActiveAt: now,
    expiresAt,
  });
  return { token: `${id}.${secret}`, sessionId: id, expiresAt };
}

/**
 * The session and user a token belongs to, or null if it is malformed, unknown, tampered or expired.
 * With `projectId`, the same statement also reads the user's membership in that project, so a
 * project procedure authenticates and authorizes in one round trip.
 */
export async function validateSessionToken(db: Database, token: string, now = new Date(), projectId?: string, cache?: SessionCache): Promise<ValidSession | null> {
  const parsed = parseToken(token);
  if (!parsed) return null;
  // A remembered row answers only when it needs no write; expiry and activity go by the database's row.
  const remembered = cache?.lookUp(parsed.id, projectId);
  const row = remembered && needsNoWrite(remembered.session, now) ? remembered : await lookUpSession(db, parsed.id, projectId, cache);
  if (!row || !secretMatches(parsed.secret, row.session.secretHash)) return null;

  if (hasEnded(row.session, now)) {
    await db.delete(sessions).where(eq(sessions.id, row.session.id));
    return null;
  }
  if (dueForActivityRefresh(row.session, now)) {
    await db.update(sessions).set({ lastActiveAt: now }).where(eq(sessions.id, row.session.id));
  }
  const membership = projectId ? { projectId, role: row.role, archived: row.archivedAt !== null } : undefined;
  return { sessionId: row.session.id, user: row.user, expiresAt: row.session.expiresAt, membership };
}

type SessionRow = SessionLookupRow['session'];

function hasEnded(session: SessionRow, now: Date): boolean {
  const idleDeadline = session.lastActiveAt.getTime() + SESSION_IDLE_TIMEOUT_MS;
  return now.getTime() >= session.expiresAt.getTime() || now.getTime() >= idleDeadline;
}

function dueForActivityRefresh(session: SessionRow, now: Date): boolean {
  return now.getTime() - session.lastActiveAt.getTime() >= ACTIVITY_REFRESH_MS;
}

function needsNoWrite(session: SessionRow, now: Date): boolean {
  return !hasEnded(session, now) && !dueForActivityRefresh(session, now);
}

/** Ends one session; returns the ids actually deleted (empty when it was already gone). */
export async function invalidateSession(db: DbOrTx, sessionId: string, userId?: string): Promise<string[]> {
  const rows = await db
    .delete(sessions)
    .where(userId ? and(eq(sessions.id, sessionId), eq(sessions.userId, userId)) : eq(sessions.id, sessionId))
    .returning({ id: sessions.id });
  return rows.map((row) => row.id);
}

/** Ends every session of a user, optionally keeping one (the caller's, after a password change). */
export async function invalidateUserSessions(db: DbOrTx, userId: string, keepSessionId?: string | null): Promise<string[]> {
  const mine = eq(sessions.userId, userId);
  const rows = await db
    .delete(sessions)
    .where(keepSessionId ? and(mine, ne(sessions.id, keepSessionId)) : mine)
    .returning({ id: sessions.id });
  return rows.map((row) => row.id);
}
