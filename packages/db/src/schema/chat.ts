import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { users } from './auth';
import { createdAt, id } from './columns';
import { projects } from './projects';
import { aiProposals } from './proposals';

export const chatRole = pgEnum('chat_role', ['user', 'assistant']);
export const chatMessageStatus = pgEnum('chat_message_status', ['complete', 'failed']);

/** Largest stored message: a question is capped at 4,000 characters by the API, an answer here. */
export const CHAT_MESSAGE_MAX_CHARS = 32_000;

/** A project chat conversation. Private to its creator: nobody else in the project can read it. */
export const chatThreads = pgTable(
  'chat_threads',
  {
    id: id(),
    projectId: uuid()
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    createdById: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    title: text().notNull(),
    createdAt: createdAt(),
    lastMessageAt: timestamp({ withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (table) => [
    index('chat_threads_owner_idx').on(table.projectId, table.createdById, table.lastMessageAt.desc(), table.id.desc()),
    check('chat_threads_title_length', sql`char_length(${table.title}) between 1 and 200`),
  ],
);

/** What a stored answer cites: `{ type: 'item', id, key, title, itemType }` or `{ type: 'memory', id, title, sourceType }`. */
export type ChatCitationRow =
  | { type: 'item'; id: string; key: string; title: string; itemType: string }
  | { type: 'memory'; id: string; title: string; sourceType: string };

/** Proposals besides `proposalId` and the suggested actions that were dropped, with why. */
export interface ChatActionNotes {
  proposalIds: string[];
  dropped: { action: string; reason: string }[];
}

export const chatMessages = pgTable(
  'chat_messages',
  {
    id: id(),
    threadId: uuid()
      .notNull()
      .references(() => chatThreads.id, { onDelete: 'cascade' }),
    role: chatRole().notNull(),
    content: text().notNull(),
    /**
     * On a question: the client's id for the ask, so an ask re-sent after a reconnect replays the
     * stored answer instead of asking again. Unique, which settles two concurrent asks with one id.
     */
    requestId: uuid(),
    /** On an answer (complete or failed): the question it answers. At most one answer per question. */
    questionId: uuid().references((): AnyPgColumn => chatMessages.id, { onDelete: 'cascade' }),
    citations: jsonb().$type<ChatCitationRow[]>().notNull().default([]),
    /** The proposal this answer's suggested actions became (never a direct change). */
    proposalId: uuid().references(() => aiProposals.id, { onDelete: 'set null' }),
    actions: jsonb().$type<ChatActionNotes>().notNull().default({ proposalIds: [], dropped: [] }),
    provider: text(),
    model: text(),
    offline: boolean().notNull().default(false),
    status: chatMessageStatus().notNull().default('complete'),
    errorCode: text(),
    promptTokens: integer().notNull().default(0),
    completionTokens: integer().notNull().default(0),
    createdAt: createdAt(),
  },
  (table) => [
    index('chat_messages_thread_idx').on(table.threadId, table.createdAt, table.id),
    uniqueIndex('chat_messages_request_id_idx').on(table.requestId).where(sql`${table.requestId} is not null`),
    uniqueIndex('chat_messages_question_id_idx').on(table.questionId).where(sql`${table.questionId} is not null`),
    check('chat_messages_content_length', sql`char_length(${table.content}) <= ${sql.raw(String(CHAT_MESSAGE_MAX_CHARS))}`),
  ],
);
