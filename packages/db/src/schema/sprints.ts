import { sql } from 'drizzle-orm';
import { date, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, updatedAt, version } from './columns';
import { projects } from './projects';
import { stories } from './work-items';

export const sprintStatus = pgEnum('sprint_status', ['planning', 'active', 'completed']);

export const sprints = pgTable(
  'sprints',
  {
    id: id(),
    projectId: uuid()
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    name: text().notNull(),
    goal: text().notNull().default(''),
    startDate: date({ mode: 'string' }),
    endDate: date({ mode: 'string' }),
    status: sprintStatus().notNull().default('planning'),
    /** Story points each member can take on, keyed by user id. */
    capacity: jsonb().$type<Record<string, number>>().notNull().default({}),
    version: version(),
    startedAt: timestamp({ withTimezone: true, mode: 'date' }),
    completedAt: timestamp({ withTimezone: true, mode: 'date' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    index('sprints_project_idx').on(table.projectId, table.status),
    // At most one active sprint per project, enforced by the database as well as the service.
    uniqueIndex('sprints_one_active_idx').on(table.projectId).where(sql`${table.status} = 'active'`),
  ],
);

export const sprintItems = pgTable(
  'sprint_items',
  {
    sprintId: uuid()
      .notNull()
      .references(() => sprints.id, { onDelete: 'cascade' }),
    storyId: uuid()
      .notNull()
      .references(() => stories.id, { onDelete: 'cascade' }),
    originalEstimate: integer(),
    finalEstimate: integer(),
    addedAt: createdAt(),
    removedAt: timestamp({ withTimezone: true, mode: 'date' }),
    completedAt: timestamp({ withTimezone: true, mode: 'date' }),
  },
  (table) => [primaryKey({ columns: [table.sprintId, table.storyId] }), index('sprint_items_story_idx').on(table.storyId)],
);
