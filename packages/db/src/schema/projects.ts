import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './auth';
import { createdAt, id, updatedAt, version } from './columns';

export const projectRole = pgEnum('project_role', ['owner', 'admin', 'member', 'viewer']);

export const projects = pgTable(
  'projects',
  {
    id: id(),
    ownerId: uuid()
      .notNull()
      .references(() => users.id),
    name: text().notNull(),
    slug: text().notNull(),
    description: text().notNull().default(''),
    /** Prefix of item keys, e.g. `DM` in `DM-42`. */
    keyPrefix: text().notNull(),
    settings: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    /** Last item number handed out; epics, stories and tasks share one sequence. */
    itemSequence: integer().notNull().default(0),
    version: version(),
    archivedAt: timestamp({ withTimezone: true, mode: 'date' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    uniqueIndex('projects_owner_slug_idx').on(table.ownerId, table.slug),
    index('projects_active_idx').on(table.ownerId).where(sql`${table.archivedAt} is null`),
  ],
);

export const projectMembers = pgTable(
  'project_members',
  {
    projectId: uuid()
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: projectRole().notNull(),
    createdAt: createdAt(),
  },
  (table) => [primaryKey({ columns: [table.projectId, table.userId] }), index('project_members_user_idx').on(table.userId)],
);
