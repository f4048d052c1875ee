import { and, eq, projectMembers, projects, sessions, sql, users, type Database } from '@devmentor/db';
import type { SessionCache } from './session-cache';

function prepareSessionLookup(db: Database) {
  return db
    .select({
      session: sessions,
      user: { id: users.id, email: users.email, name: users.name, avatarUrl: users.avatarUrl, emailVerifiedAt: users.emailVerifiedAt },
      role: projectMembers.role,
      archivedAt: projects.archivedAt,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    // A null `projectId` matches no membership: the session alone.
    .leftJoin(projectMembers, and(eq(projectMembers.projectId, sql.placeholder('projectId')), eq(projectMembers.userId, sessions.userId)))
    .leftJoin(projects, eq(projects.id, projectMembers.projectId))
    .where(eq(sessions.id, sql.placeholder('sessionId')))
    .prepare('session_lookup');
}

const prepared = new WeakMap<Database, ReturnType<typeof prepareSessionLookup>>();

export type SessionLookupRow = NonNullable<Awaited<ReturnType<ReturnType<typeof prepareSessionLookup>['execute']>>[number]>;

/**
 * The session row, its user, and the user's role in `projectId` (when given) in one statement.
 * Every authenticated request needs it, so it is built once per database rather than per call;
 * with `cache`, what it reads is remembered there.
 */
export async function lookUpSession(db: Database, sessionId: string, projectId: string | undefined, cache?: SessionCache): Promise<SessionLookupRow | undefined> {
  let lookup = prepared.get(db);
  if (!lookup) {
    lookup = prepareSessionLookup(db);
    prepared.set(db, lookup);
  }
  const readMark = cache?.readStarted();
  const [row] = await lookup.execute({ sessionId, projectId: projectId ?? null });
  if (row && cache) cache.remember(readMark!, row, projectId);
  return row;
}
