import { bigserial, boolean, index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { users } from './auth';
import { createdAt } from './columns';
import { projects } from './projects';

/**
 * The event log: one row per change, written in the same transaction as the change. The serial id
 * orders a project's stream and is what subscribers resume from after a reconnect.
 */
export const events = pgTable(
  'events',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    projectId: uuid().references(() => projects.id, { onDelete: 'cascade' }),
    actorId: uuid().references(() => users.id, { onDelete: 'set null' }),
    entityType: text().notNull(),
    entityId: text().notNull(),
    action: text().notNull(),
    /** Changed fields as `{ field: { from, to } }`, or the created/deleted row. */
    diff: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    aiTriggered: boolean().notNull().default(false),
    proposalId: uuid(),
    createdAt: createdAt(),
  },
  (table) => [
    index('events_project_idx').on(table.projectId, table.id),
    index('events_entity_idx').on(table.entityType, table.entityId, table.id),
  ],
);
