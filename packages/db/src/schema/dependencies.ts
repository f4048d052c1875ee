import { index, pgEnum, pgTable, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './auth';
import { createdAt, id } from './columns';
import { projects } from './projects';

export const itemType = pgEnum('item_type', ['epic', 'story', 'task']);
export const dependencyType = pgEnum('dependency_type', ['blocks', 'requires']);

/** `source blocks target` or `source requires target`, between any two items of one project. */
export const dependencies = pgTable(
  'dependencies',
  {
    id: id(),
    projectId: uuid()
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    sourceType: itemType().notNull(),
    sourceId: uuid().notNull(),
    targetType: itemType().notNull(),
    targetId: uuid().notNull(),
    type: dependencyType().notNull(),
    createdById: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (table) => [
    uniqueIndex('dependencies_edge_idx').on(table.sourceId, table.targetId, table.type),
    index('dependencies_project_idx').on(table.projectId),
    index('dependencies_target_idx').on(table.targetId),
  ],
);
