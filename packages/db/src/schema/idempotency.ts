import { index, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './auth';
import { createdAt } from './columns';

/**
 * Results of mutations sent with an `Idempotency-Key` header, per user and key. A row without a
 * `completedAt` is a request still in flight. Rows past `expiresAt` are reclaimed by the next
 * request with the same key and purged in bulk by `expires_at`.
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    key: text().notNull(),
    /** The procedure path, e.g. `stories.create`. */
    path: text().notNull(),
    /** sha256 of the canonical JSON input. */
    requestHash: text().notNull(),
    response: jsonb().$type<unknown>(),
    completedAt: timestamp({ withTimezone: true, mode: 'date' }),
    createdAt: createdAt(),
    expiresAt: timestamp({ withTimezone: true, mode: 'date' }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.userId, table.key] }), index('idempotency_keys_expires_idx').on(table.expiresAt)],
);
