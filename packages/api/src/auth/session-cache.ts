import type { SessionLookupRow } from './session-lookup';

/** What changed about who may do what: a user's sessions or profile, or a project's members or state. */
export type AuthChange = { userId: string } | { projectId: string };

interface CachedMembership {
  role: NonNullable<SessionLookupRow['role']>;
  archivedAt: Date | null;
  readAt: number;
}

interface CachedSession {
  session: SessionLookupRow['session'];
  user: SessionLookupRow['user'];
  readAt: number;
  memberships: Map<string, CachedMembership>;
}

export interface SessionCacheOptions {
  /** How long a row read from the database answers for it, whatever the bus says. */
  ttlMs?: number;
  maxSessions?: number;
  clock?: () => number;
}

/** Short enough that a missed bus message (a Redis reconnect) is harmless, long enough to spare most reads. */
export const SESSION_CACHE_TTL_MS = 5_000;
const MAX_SESSIONS = 10_000;

/**
 * This instance's memory of recent session lookups (session row, user, memberships), so a burst
 * of calls authenticates with one statement instead of one each. Rows are answered for at most
 * `ttlMs`; every change to sessions, users, memberships or project state is announced
 * (`announceAuthChange`), forgotten here at once and on every other instance over the bus.
 *
 * Safety rules: it stores nothing until it follows the bus; a read that started before a change
 * was forgotten is not stored (it may hold the old row); non-memberships are never stored, so
 * adding a member needs no announcement.
 */
export class SessionCache {
  private readonly sessions = new Map<string, CachedSession>();
  private readonly ttlMs: number;
  private readonly maxSessions: number;
  private readonly clock: () => number;
  /** Counts forgets, so a read can tell whether one happened while it ran. */
  private generation = 0;
  private following = false;

  constructor(options: SessionCacheOptions = {}) {
    this.ttlMs = options.ttlMs ?? SESSION_CACHE_TTL_MS;
    this.maxSessions = options.maxSessions ?? MAX_SESSIONS;
    this.clock = options.clock ?? Date.now;
  }

  /** Called once the bus subscription for changes is live (and when it ends). */
  setFollowing(following: boolean): void {
    this.following = following;
    if (!following) this.clear();
  }

  /** The row `lookUpSession` would read, when read recently enough; undefined sends the caller to the database. */
  lookUp(sessionId: string, projectId: string | undefined): SessionLookupRow | undefined {
    const cached = this.sessions.get(sessionId);
    const now = this.clock();
    if (!cached || now - cached.readAt >= this.ttlMs) return undefined;
    if (projectId === undefined) return { session: cached.session, user: cached.user, role: null, archivedAt: null };
    const membership = cached.memberships.get(projectId);
    if (!membership || now - membership.readAt >= this.ttlMs) return undefined;
    return { session: cached.session, user: cached.user, role: membership.role, archivedAt: membership.archivedAt };
  }

  /** Marks the start of a database read; pass the mark to `remember`. */
  readStarted(): number {
    return this.generation;
  }

  remember(readMark: number, row: SessionLookupRow, projectId: string | undefined): void {
    if (!this.following || readMark !== this.generation) return;
    const now = this.clock();
    const known = this.sessions.get(row.session.id);
    const memberships = known && known.user.id === row.user.id ? known.memberships : new Map<string, CachedMembership>();
    if (projectId !== undefined) {
      if (row.role) memberships.set(projectId, { role: row.role, archivedAt: row.archivedAt, readAt: now });
      else memberships.delete(projectId);
    }
    this.sessions.delete(row.session.id);
    this.sessions.set(row.session.id, { session: row.session, user: row.user, readAt: now, memberships });
    // Maps keep insertion order: the first key is the least recently read session.
    if (this.sessions.size > this.maxSessions) this.sessions.delete(this.sessions.keys().next().value!);
  }

  forget(change: AuthChange): void {
    this.generation += 1;
    if ('userId' in change) {
      for (const [sessionId, cached] of this.sessions) if (cached.user.id === change.userId) this.sessions.delete(sessionId);
    } else {
      for (const cached of this.sessions.values()) cached.memberships.delete(change.projectId);
    }
  }

  clear(): void {
    this.generation += 1;
    this.sessions.clear();
  }

  get size(): number {
    return this.sessions.size;
  }
}
