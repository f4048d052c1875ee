import { sql } from 'drizzle-orm';
import { bigint, boolean, index, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './auth';
import { createdAt, id, updatedAt } from './columns';
import { projects } from './projects';

export const proposalAgent = pgEnum('proposal_agent', ['backlog', 'sprint_planner', 'analyst', 'chat']);
export const proposalStatus = pgEnum('proposal_status', ['pending', 'applied', 'partially_applied', 'rejected', 'expired']);
export const insightSeverity = pgEnum('insight_severity', ['info', 'warning', 'critical']);

/**
 * A change an AI agent proposes and a person reviews. `payload.changes` is validated by the zod
 * schema in `@devmentor/ai` (`ProposalPayload`); nothing changes the board until someone applies it.
 */
export const aiProposals = pgTable(
  'ai_proposals',
  {
    id: id(),
    projectId: uuid()
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    agent: proposalAgent().notNull(),
    provider: text().notNull(),
    model: text().notNull(),
    offline: boolean().notNull(),
    title: text().notNull(),
    payload: jsonb().$type<Record<string, unknown>>().notNull(),
    explanation: text().notNull().default(''),
    /** `{ entities: [{ type, id }], memoryIds: [] }`. */
    evidence: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    status: proposalStatus().notNull().default('pending'),
    /** Change ids applied so far, and the ids of the items they created by client ref. */
    appliedChangeIds: text().array().notNull().default(sql`'{}'::text[]`),
    createdRefs: jsonb().$type<Record<string, string>>().notNull().default({}),
    createdById: uuid().references(() => users.id, { onDelete: 'set null' }),
    reviewedById: uuid().references(() => users.id, { onDelete: 'set null' }),
    reviewedAt: timestamp({ withTimezone: true, mode: 'date' }),
    /** The project's latest event id when the proposal was made: later events on touched items conflict. */
    basedOnEventId: bigint({ mode: 'number' }).notNull(),
    expiresAt: timestamp({ withTimezone: true, mode: 'date' }).notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    index('ai_proposals_project_idx').on(table.projectId, table.createdAt, table.id),
    index('ai_proposals_pending_idx').on(table.expiresAt).where(sql`${table.status} in ('pending', 'partially_applied')`),
  ],
);

/** A risk or trend the project analyst found; `dedupeKey` keeps a re-run from duplicating it. */
export const insights = pgTable(
  'insights',
  {
    id: id(),
    projectId: uuid()
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    type: text().notNull(),
    severity: insightSeverity().notNull(),
    title: text().notNull(),
    explanation: text().notNull().default(''),
    /** `[{ type, id, key? }]`. */
    entities: jsonb().$type<{ type: string; id: string; key?: string }[]>().notNull().default([]),
    dedupeKey: text().notNull(),
    acknowledgedById: uuid().references(() => users.id, { onDelete: 'set null' }),
    acknowledgedAt: timestamp({ withTimezone: true, mode: 'date' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [uniqueIndex('insights_dedupe_idx').on(table.projectId, table.dedupeKey), index('insights_project_idx').on(table.projectId, table.createdAt)],
);
