import { sql } from 'drizzle-orm';
import { index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, updatedAt } from './columns';

export const users = pgTable(
  'users',
  {
    id: id(),
    email: text().notNull(),
    name: text().notNull(),
    /** argon2id PHC string; null for accounts that only sign in with GitHub. */
    passwordHash: text(),
    emailVerifiedAt: timestamp({ withTimezone: true, mode: 'date' }),
    avatarUrl: text(),
    preferences: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [uniqueIndex('users_email_lower_idx').on(sql`lower(${table.email})`)],
);

/**
 * Sessions the way Lucia's current guide describes: the token is `id.secret`; only the SHA-256 of
 * the secret is stored, so a database leak yields no usable token.
 */
export const sessions = pgTable(
  'sessions',
  {
    id: text().primaryKey(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    secretHash: text().notNull(),
    userAgent: text(),
    ipAddress: text(),
    createdAt: createdAt(),
    /** Refreshed at most every few minutes; inactivity expiry counts from here. */
    lastActiveAt: timestamp({ withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    /** Absolute lifetime: the session ends here whatever its activity. */
    expiresAt: timestamp({ withTimezone: true, mode: 'date' }).notNull(),
  },
  (table) => [index('sessions_user_idx').on(table.userId)],
);
