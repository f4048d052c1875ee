import { aiProposals, and, chatMessages, chatThreads, desc, eq, inArray, lt, or, type ChatActionNotes, type ChatCitationRow, type Database } from '@devmentor/db';
import type { DbOrTx } from '../events/project-events';
import type { ChatMessageView, HistoryInput } from './chat.schemas';
import { decodeCursor, encodeCursor, loadOwnThread } from './chat-threads';

type MessageRow = typeof chatMessages.$inferSelect;
type Ctx = { db: Database; auth: { user: { id: string } } };

/** Turns rows into what the API returns, with the proposals they link (one query for the page). */
export async function toMessageViews(db: DbOrTx, projectId: string, rows: MessageRow[]): Promise<ChatMessageView[]> {
  const ids = [...new Set(rows.flatMap((row) => [...(row.proposalId ? [row.proposalId] : []), ...row.actions.proposalIds]))];
  const proposals = ids.length
    ? await db
        .select({ id: aiProposals.id, title: aiProposals.title, status: aiProposals.status })
        .from(aiProposals)
        .where(and(eq(aiProposals.projectId, projectId), inArray(aiProposals.id, ids)))
    : [];
  const byId = new Map(proposals.map((proposal) => [proposal.id, proposal]));
  return rows.map((row) => {
    const linked = [...new Set([...(row.proposalId ? [row.proposalId] : []), ...row.actions.proposalIds])].flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
    return {
      id: row.id,
      role: row.role,
      content: row.content,
      citations: row.citations,
      proposal: (row.proposalId && byId.get(row.proposalId)) || linked[0] || null,
      proposals: linked,
      droppedActions: row.actions.dropped,
      provider: row.provider,
      model: row.model,
      offline: row.offline,
      status: row.status,
      errorCode: row.errorCode,
      createdAt: row.createdAt,
    };
  });
}

/**
 * A page of the thread, oldest first within the page: the newest `limit` messages, or those
 * before `cursor` (the oldest message of the previous page), so a client scrolls back in time.
 */
export async function listHistory({ ctx, input }: { ctx: Ctx; input: HistoryInput & { projectId: string } }) {
  const thread = await loadOwnThread(ctx.db, { projectId: input.projectId, threadId: input.threadId, userId: ctx.auth.user.id });
  const before = input.cursor ? decodeCursor(input.cursor) : null;
  const rows = await ctx.db
    .select()
    .from(chatMessages)
    .where(
      and(
        eq(chatMessages.threadId, thread.id),
        before ? or(lt(chatMessages.createdAt, before.at), and(eq(chatMessages.createdAt, before.at), lt(chatMessages.id, before.id))) : undefined,
      ),
    )
    .orderBy(desc(chatMessages.createdAt), desc(chatMessages.id))
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit).reverse();
  const oldest = page[0];
  return { items: await toMessageViews(ctx.db, input.projectId, page), nextCursor: rows.length > input.limit && oldest ? encodeCursor(oldest.createdAt, oldest.id) : null };
}

/** The last turns of a thread, oldest first, for the prompt (failed answers left out). */
export async function recentTurns(db: DbOrTx, threadId: string, limit: number): Promise<{ role: 'user' | 'assistant'; content: string }[]> {
  const rows = await db
    .select({ role: chatMessages.role, content: chatMessages.content, status: chatMessages.status })
    .from(chatMessages)
    .where(eq(chatMessages.threadId, threadId))
    .orderBy(desc(chatMessages.createdAt), desc(chatMessages.id))
    .limit(limit);
  return rows
    .filter((row) => row.status === 'complete' && row.content.length > 0)
    .reverse()
    .map((row) => ({ role: row.role, content: row.content }));
}

export interface NewChatMessage {
  threadId: string;
  role: 'user' | 'assistant';
  content: string;
  /** Questions only: the client's id for the ask (see `AskInput.requestId`). */
  requestId?: string | null;
  /** Answers only: the question answered. */
  questionId?: string | null;
  citations?: ChatCitationRow[];
  proposalId?: string | null;
  actions?: ChatActionNotes;
  provider?: string | null;
  model?: string | null;
  offline?: boolean;
  status?: 'complete' | 'failed';
  errorCode?: string | null;
  promptTokens?: number;
  completionTokens?: number;
  /** Millisecond timestamps set here (not by the database), so keyset cursors compare exactly. */
  createdAt: Date;
}

/** Stores one message and moves the thread's `lastMessageAt`, in one transaction. */
export async function insertMessage(db: DbOrTx, message: NewChatMessage): Promise<MessageRow> {
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(chatMessages).values(message).returning();
    await tx.update(chatThreads).set({ lastMessageAt: message.createdAt }).where(eq(chatThreads.id, message.threadId));
    return row!;
  });
}

/** A timestamp strictly after `previous`, so an answer always sorts after its question. */
export function after(previous: Date): Date {
  const now = new Date();
  return now.getTime() > previous.getTime() ? now : new Date(previous.getTime() + 1);
}
