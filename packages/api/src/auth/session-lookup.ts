import { and, eq, projectMembers, projects, sessions, sql, users, type Database } from '@devmentor/db';

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

/**
 * The session row, its user, and the user's role in `projectId` (when given) in one statement.
 * Every authenticated request runs it, so it is built once per database rather than per call.
 */
export async function lookUpSession(db: Database, sessionId: string, projectId: string | undefined) {
  let lookup = prepared.get(db);
  if (!lookup) {
    lookup = prepareSessionLookup(db);
    prepared.set(db, lookup);
  }
  const [row] = await lookup.execute({ sessionId, projectId: projectId ?? null });
  return row;
}
