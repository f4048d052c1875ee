import { sql } from 'drizzle-orm';
import { bigint, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './auth';
import { createdAt, id } from './columns';
import { projects } from './projects';

/**
 * Per-user notifications produced from project events by a durable consumer, so nothing depends on
 * being online. `(source_event_id, user_id)` is unique: an event notifies a user at most once, even
 * when several server instances race.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: id(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    projectId: uuid().references(() => projects.id, { onDelete: 'cascade' }),
    /** `assigned`, `mentioned`, `invitation`, `proposal_ready`. */
    kind: text().notNull(),
    title: text().notNull(),
    body: text().notNull().default(''),
    entityType: text().notNull(),
    entityId: text().notNull(),
    actorId: uuid().references(() => users.id, { onDelete: 'set null' }),
    /** The event that caused it; also the list order (event ids grow with time). */
    sourceEventId: bigint({ mode: 'number' }).notNull(),
    readAt: timestamp({ withTimezone: true, mode: 'date' }),
    createdAt: createdAt(),
  },
  (table) => [
    uniqueIndex('notifications_source_user_idx').on(table.sourceEventId, table.userId),
    index('notifications_user_event_idx').on(table.userId, table.sourceEventId, table.id),
    index('notifications_user_unread_idx').on(table.userId).where(sql`${table.readAt} is null`),
  ],
);
