import { chatMessages, chatThreads, eq } from '@devmentor/db';
import { ConflictError } from '../errors';
import type { DbOrTx } from '../events/project-events';
import type { AskInput, ChatAskEvent } from './chat.schemas';
import { toMessageViews } from './chat-messages';

type MessageRow = typeof chatMessages.$inferSelect;

/** A question already stored under an ask's `requestId`, and its answer once there is one. */
export interface EarlierAsk {
  question: MessageRow;
  answer: MessageRow | null;
}

const REQUEST_ID_INDEX = 'chat_messages_request_id_idx';

/**
 * A question still without an answer after this long is taken as abandoned: answers are capped at
 * 1,000 tokens and every chunk must arrive within the gateway timeout, so no live answer takes it.
 */
export const ANSWER_ABANDONED_AFTER_MS = 5 * 60_000;

/** Postgres unique violation of the `request_id` index: another ask stored this id first. */
export function isRequestIdTaken(error: unknown): boolean {
  for (let cause: unknown = error; cause; cause = (cause as { cause?: unknown }).cause) {
    const pg = cause as { code?: unknown; constraint_name?: unknown; constraint?: unknown };
    if (pg.code === '23505') return (pg.constraint_name ?? pg.constraint) === REQUEST_ID_INDEX;
  }
  return false;
}

/**
 * The caller's earlier ask with this `requestId`, or null when the id is new. An id stored for
 * anything but this same question (another text or thread, another project, another user) is
 * CONFLICT `request_id_reused`, with the same message whoever owns it: nothing of it is revealed.
 */
export async function findEarlierAsk(db: DbOrTx, input: AskInput & { projectId: string; requestId: string; userId: string }): Promise<EarlierAsk | null> {
  const [found] = await db
    .select({ question: chatMessages, projectId: chatThreads.projectId, ownerId: chatThreads.createdById })
    .from(chatMessages)
    .innerJoin(chatThreads, eq(chatThreads.id, chatMessages.threadId))
    .where(eq(chatMessages.requestId, input.requestId));
  if (!found) return null;
  const { question } = found;
  const same =
    found.projectId === input.projectId &&
    found.ownerId === input.userId &&
    question.role === 'user' &&
    question.content === input.message &&
    (input.threadId === undefined || input.threadId === question.threadId);
  if (!same) throw new ConflictError('This requestId was already used for another question; send the question with a new one', { reason: 'request_id_reused' });
  const [answer] = await db.select().from(chatMessages).where(eq(chatMessages.questionId, question.id));
  return { question, answer: answer ?? null };
}

/**
 * Replays an earlier ask without asking again: the same `started`, then the stored answer as `done`.
 * A failed answer is not retried under the same id (the client may be re-sending after it already
 * showed the failure): CONFLICT `answer_failed` with the stored code, and a new question gets a new
 * id. No answer yet means it is still streaming here or on another instance: CONFLICT
 * `answer_in_progress`; it lands in the thread's history when done.
 */
export async function* replayAsk(db: DbOrTx, projectId: string, { question, answer }: EarlierAsk): AsyncGenerator<ChatAskEvent> {
  const ids = { threadId: question.threadId, userMessageId: question.id };
  yield { type: 'started', ...ids };
  if (!answer && Date.now() - question.createdAt.getTime() > ANSWER_ABANDONED_AFTER_MS) {
    // The instance answering it went away without storing anything: it will never be answered.
    throw new ConflictError('This question was never answered (the server answering it stopped); ask again', { reason: 'answer_failed', errorCode: 'ABANDONED', ...ids });
  }
  if (!answer) throw new ConflictError('This question is still being answered; the answer will appear in the conversation', { reason: 'answer_in_progress', ...ids });
  if (answer.status === 'failed') {
    const errorCode = answer.errorCode ?? 'INTERNAL';
    throw new ConflictError(`This question's answer failed (${errorCode}); ask again`, { reason: 'answer_failed', errorCode, ...ids });
  }
  const [message] = await toMessageViews(db, projectId, [answer]);
  yield { type: 'done', message: message! };
}
