import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './auth';
import { createdAt } from './columns';
import { projects } from './projects';

export type ApiKeyScope = 'read' | 'write';

/**
 * Personal API keys. The key is `dm_key_<id>.<secret>`; like sessions, only the SHA-256 of the
 * secret is stored. A key acts as its user with the same project roles, narrowed by its scopes and
 * its optional project.
 */
export const apiKeys = pgTable(
  'api_keys',
  {
    id: text().primaryKey(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text().notNull(),
    secretHash: text().notNull(),
    scopes: text().array().$type<ApiKeyScope[]>().notNull(),
    /** When set, the key reaches only this project. */
    projectId: uuid().references(() => projects.id, { onDelete: 'cascade' }),
    expiresAt: timestamp({ withTimezone: true, mode: 'date' }),
    /** Written at most every few minutes. */
    lastUsedAt: timestamp({ withTimezone: true, mode: 'date' }),
    revokedAt: timestamp({ withTimezone: true, mode: 'date' }),
    createdAt: createdAt(),
  },
  (table) => [index('api_keys_user_idx').on(table.userId)],
);
