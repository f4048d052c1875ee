import { boolean, index, integer, numeric, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './auth';
import { id } from './columns';
import { projects } from './projects';

/**
 * One row per AI call that went through the gateway: who it was for, which provider and model
 * answered, tokens and cost. Offline and fallback answers are recorded too (cost 0), so the usage
 * report shows how often the product ran without its remote model. Budgets sum the remote rows
 * of the current month.
 */
export const aiUsage = pgTable(
  'ai_usage',
  {
    id: id(),
    /** Null for calls outside any project. */
    projectId: uuid().references(() => projects.id, { onDelete: 'cascade' }),
    userId: uuid().references(() => users.id, { onDelete: 'set null' }),
    /** complete | stream | structured | embed */
    operation: text().notNull(),
    /** What the call was for, e.g. `memory.search`. */
    purpose: text(),
    provider: text().notNull(),
    model: text().notNull(),
    promptTokens: integer().notNull().default(0),
    completionTokens: integer().notNull().default(0),
    /** USD; single calls cost fractions of a cent, hence 10 decimals. */
    costUsd: numeric({ precision: 18, scale: 10, mode: 'number' }).notNull().default(0),
    offline: boolean().notNull().default(false),
    fallback: boolean().notNull().default(false),
    at: timestamp({ withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (table) => [index('ai_usage_project_at_idx').on(table.projectId, table.at), index('ai_usage_user_at_idx').on(table.userId, table.at)],
);
