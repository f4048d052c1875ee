import { eq, githubAccounts, sql, users } from '@devmentor/db';
import type { DbOrTx } from '../events/project-events';
import { Preferences } from './auth.schemas';

export async function findUserByEmail(db: DbOrTx, email: string) {
  const [user] = await db.select().from(users).where(sql`lower(${users.email}) = ${email.trim().toLowerCase()}`);
  return user ?? null;
}

export async function findUserById(db: DbOrTx, id: string) {
  const [user] = await db.select().from(users).where(eq(users.id, id));
  return user ?? null;
}

/** The signed-in user's own view of the account (never the password hash). */
export async function accountView(db: DbOrTx, userId: string) {
  const [row] = await db
    .select({ user: users, githubLogin: githubAccounts.login })
    .from(users)
    .leftJoin(githubAccounts, eq(githubAccounts.userId, users.id))
    .where(eq(users.id, userId));
  if (!row) return null;
  const { user } = row;
  const preferences = Preferences.safeParse(user.preferences);
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    avatarUrl: user.avatarUrl,
    emailVerified: user.emailVerifiedAt !== null,
    emailVerifiedAt: user.emailVerifiedAt?.toISOString() ?? null,
    hasPassword: user.passwordHash !== null,
    githubLogin: row.githubLogin,
    preferences: preferences.success ? preferences.data : {},
    createdAt: user.createdAt.toISOString(),
  };
}

export type AccountView = NonNullable<Awaited<ReturnType<typeof accountView>>>;
