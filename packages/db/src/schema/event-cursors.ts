import { bigint, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Where each durable event consumer (`packages/api/src/events/event-consumer.ts`) has got to in the
 * `events` log. The row is locked while a batch is processed, so several server instances never
 * process the same events twice; it advances in the transaction that holds the handler's writes.
 */
export const eventCursors = pgTable('event_cursors', {
  name: text().primaryKey(),
  lastEventId: bigint({ mode: 'number' }).notNull().default(0),
  updatedAt: timestamp({ withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});
