import { z } from 'zod';

/** Longest question a user may ask. */
export const CHAT_QUESTION_MAX_CHARS = 4000;

/** Opaque keyset cursor: `<ISO timestamp>_<uuid>` of the last row of the previous page. */
const Cursor = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z_[0-9a-f-]{36}$/i);

export const ListThreadsInput = z.object({ cursor: Cursor.optional(), limit: z.number().int().min(1).max(50).default(20) });
export type ListThreadsInput = z.infer<typeof ListThreadsInput>;

export const HistoryInput = z.object({ threadId: z.uuid(), cursor: Cursor.optional(), limit: z.number().int().min(1).max(100).default(50) });
export type HistoryInput = z.infer<typeof HistoryInput>;

export const ThreadTitle = z.string().trim().min(1).max(200);
export const RenameThreadInput = z.object({ threadId: z.uuid(), title: ThreadTitle });
export const ThreadIdInput = z.object({ threadId: z.uuid() });

export const AskInput = z.object({
  /** Omitted: a new thread, titled from the question. */
  threadId: z.uuid().optional(),
  message: z.string().trim().min(1).max(CHAT_QUESTION_MAX_CHARS),
  /**
   * The client's id for this question, made once when the user sends it. The WebSocket link re-sends
   * an open subscription after a reconnect: with the same id, the stored answer is replayed instead
   * of the question being asked (and paid for) again. Optional for scripts.
   */
  requestId: z.uuid().optional(),
});
export type AskInput = z.infer<typeof AskInput>;

export const ChatCitation = z.discriminatedUnion('type', [
  z.object({ type: z.literal('item'), id: z.string(), key: z.string(), title: z.string(), itemType: z.string() }),
  z.object({ type: z.literal('memory'), id: z.string(), title: z.string(), sourceType: z.string() }),
]);
export type ChatCitation = z.infer<typeof ChatCitation>;

const ProposalSummary = z.object({ id: z.string(), title: z.string(), status: z.string() });

export const ChatMessageView = z.object({
  id: z.string(),
  role: z.enum(['user', 'assistant']),
  content: z.string(),
  citations: z.array(ChatCitation),
  /** The proposal the answer's suggested actions became (the chat one when there are several). */
  proposal: ProposalSummary.nullable(),
  /** Every proposal made from this answer (a sprint plan is its own proposal). */
  proposals: z.array(ProposalSummary),
  /** Suggested actions that were not proposed, with why (unknown item, not a member, invalid...). */
  droppedActions: z.array(z.object({ action: z.string(), reason: z.string() })),
  provider: z.string().nullable(),
  model: z.string().nullable(),
  offline: z.boolean(),
  status: z.enum(['complete', 'failed']),
  errorCode: z.string().nullable(),
  createdAt: z.date(),
});
export type ChatMessageView = z.infer<typeof ChatMessageView>;

export const ThreadView = z.object({ id: z.string(), title: z.string(), createdAt: z.date(), lastMessageAt: z.date() });
export type ThreadView = z.infer<typeof ThreadView>;

export const ThreadsPage = z.object({ items: z.array(ThreadView), nextCursor: z.string().nullable() });
export const HistoryPage = z.object({ items: z.array(ChatMessageView), nextCursor: z.string().nullable() });

/** What `chat.ask` yields, in order: `started`, any number of `delta`, then `done`. */
export type ChatAskEvent = { type: 'started'; threadId: string; userMessageId: string } | { type: 'delta'; text: string } | { type: 'done'; message: ChatMessageView };
