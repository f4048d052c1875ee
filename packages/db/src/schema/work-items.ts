import { sql } from 'drizzle-orm';
import { customType, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { users } from './auth';
import { createdAt, id, updatedAt, version } from './columns';
import { projects } from './projects';
import { sprints } from './sprints';

export const epicStatus = pgEnum('epic_status', ['open', 'in_progress', 'done']);
export const storyStatus = pgEnum('story_status', ['backlog', 'ready', 'in_progress', 'review', 'done']);
export const taskStatus = pgEnum('task_status', ['todo', 'in_progress', 'done']);
export const priority = pgEnum('priority', ['low', 'medium', 'high', 'critical']);

export interface AcceptanceCriterion {
  text: string;
  done: boolean;
}

/**
 * Fractional-index keys compare byte by byte (`a0 < aZ < a_ < az`); a linguistic collation
 * (`en_US`) would order them differently, so the column is pinned to the C collation.
 */
const orderKey = customType<{ data: string }>({ dataType: () => 'text COLLATE "C"' });

/** Columns every work item shares: identity, per-project number, ordering and soft delete. */
const itemColumns = () => ({
  id: id(),
  projectId: uuid()
    .notNull()
    .references(() => projects.id, { onDelete: 'cascade' }),
  /** Per-project number shown as `KEY-number`; shared sequence across epics, stories, tasks. */
  number: integer().notNull(),
  title: text().notNull(),
  description: text().notNull().default(''),
  /** Fractional index (base-62 string) so a move rewrites one row. */
  position: orderKey().notNull(),
  labels: text().array().notNull().default(sql`'{}'::text[]`),
  createdById: uuid().references(() => users.id, { onDelete: 'set null' }),
  version: version(),
  deletedAt: timestamp({ withTimezone: true, mode: 'date' }),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const epics = pgTable(
  'epics',
  {
    ...itemColumns(),
    status: epicStatus().notNull().default('open'),
    color: text().notNull().default('#6366f1'),
    completedAt: timestamp({ withTimezone: true, mode: 'date' }),
  },
  (table) => [
    uniqueIndex('epics_project_number_idx').on(table.projectId, table.number),
    index('epics_project_position_idx').on(table.projectId, table.position).where(sql`${table.deletedAt} is null`),
    index('epics_board_idx').on(table.projectId, table.status, table.position).where(sql`${table.deletedAt} is null`),
  ],
);

export const stories = pgTable(
  'stories',
  {
    ...itemColumns(),
    epicId: uuid().references(() => epics.id, { onDelete: 'set null' }),
    /** The sprint the story is planned in now; history lives in sprint_items. */
    sprintId: uuid().references(() => sprints.id, { onDelete: 'set null' }),
    status: storyStatus().notNull().default('backlog'),
    priority: priority().notNull().default('medium'),
    /** Story points. */
    estimate: integer(),
    /** How sure the estimate is, 0-100. */
    confidence: integer(),
    acceptanceCriteria: jsonb().$type<AcceptanceCriterion[]>().notNull().default([]),
    assigneeId: uuid().references(() => users.id, { onDelete: 'set null' }),
    completedAt: timestamp({ withTimezone: true, mode: 'date' }),
  },
  (table) => [
    uniqueIndex('stories_project_number_idx').on(table.projectId, table.number),
    index('stories_board_idx').on(table.projectId, table.status, table.position).where(sql`${table.deletedAt} is null`),
    index('stories_epic_idx').on(table.epicId),
    index('stories_sprint_idx').on(table.sprintId),
    index('stories_assignee_idx').on(table.projectId, table.assigneeId),
    index('stories_labels_idx').using('gin', table.labels),
    index('stories_project_updated_idx').on(table.projectId, table.updatedAt, table.id),
  ],
);

export const tasks = pgTable(
  'tasks',
  {
    ...itemColumns(),
    storyId: uuid().references(() => stories.id, { onDelete: 'set null' }),
    /** Set for subtasks. */
    parentTaskId: uuid().references((): AnyPgColumn => tasks.id, { onDelete: 'cascade' }),
    status: taskStatus().notNull().default('todo'),
    estimate: integer(),
    assigneeId: uuid().references(() => users.id, { onDelete: 'set null' }),
    completedAt: timestamp({ withTimezone: true, mode: 'date' }),
  },
  (table) => [
    uniqueIndex('tasks_project_number_idx').on(table.projectId, table.number),
    index('tasks_board_idx').on(table.projectId, table.status, table.position).where(sql`${table.deletedAt} is null`),
    index('tasks_story_idx').on(table.storyId),
    index('tasks_assignee_idx').on(table.projectId, table.assigneeId),
    index('tasks_parent_idx').on(table.parentTaskId),
  ],
);
