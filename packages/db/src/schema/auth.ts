import { sql } from 'drizzle-orm';
import { bigint, index, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
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

export const authTokenPurpose = pgEnum('auth_token_purpose', ['email_verification', 'password_reset']);

/**
 * Single-use, expiring tokens mailed to a user (email verification, password reset). Same scheme as
 * sessions: the token is `id.secret`, only the SHA-256 of the secret is stored.
 */
export const authTokens = pgTable(
  'auth_tokens',
  {
    id: text().primaryKey(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    purpose: authTokenPurpose().notNull(),
    secretHash: text().notNull(),
    /** The address the token was sent to: a verification only counts for the address it verified. */
    email: text().notNull(),
    createdAt: createdAt(),
    expiresAt: timestamp({ withTimezone: true, mode: 'date' }).notNull(),
    /** Set when the token is redeemed; a used token never works again. */
    usedAt: timestamp({ withTimezone: true, mode: 'date' }),
  },
  (table) => [index('auth_tokens_user_purpose_idx').on(table.userId, table.purpose)],
);

/** The dev outbox: every mail the product would send, when no SMTP server is configured. */
export const outboxEmails = pgTable(
  'outbox_emails',
  {
    id: id(),
    to: text().notNull(),
    subject: text().notNull(),
    text: text().notNull(),
    html: text(),
    kind: text().notNull(),
    createdAt: createdAt(),
  },
  (table) => [index('outbox_emails_created_idx').on(table.createdAt)],
);

/** A GitHub identity linked to a user. The OAuth token is AES-256-GCM encrypted at rest. */
export const githubAccounts = pgTable(
  'github_accounts',
  {
    /** GitHub's numeric user id: logins can be renamed, ids cannot. */
    githubId: bigint({ mode: 'number' }).primaryKey(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    login: text().notNull(),
    /** `v1.<iv>.<tag>.<ciphertext>` (base64url), see packages/api/src/auth/token-crypto.ts. */
    accessTokenEncrypted: text().notNull(),
    scopes: text().notNull().default(''),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [uniqueIndex('github_accounts_user_idx').on(table.userId)],
);
