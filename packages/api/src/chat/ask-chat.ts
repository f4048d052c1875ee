import { ActionsBlockFilter, AiError, buildChatPrompt, describeAction, extractCitations, offlineChatAnswer, parseActionBlocks, parseUserActions, type AiCallMeta } from '@devmentor/ai';
import { CHAT_MESSAGE_MAX_CHARS, chatThreads, eq, projects, type ChatCitationRow } from '@devmentor/db';
import { TRPCError } from '@trpc/server';
import { projectAiCallOptions } from '../ai-usage/call-options';
import { AppError, toTRPCError } from '../errors';
import { assertStillAllowed } from '../live/access-check';
import { guardStream, type StreamGuard } from '../live/stream-guard';
import type { Auth, Context } from '../trpc/context';
import { roleAtLeast, type ProjectAccess } from '../trpc/procedures';
import type { AskInput, ChatAskEvent } from './chat.schemas';
import { resolveChatActions, type ResolvedActions } from './chat-actions';
import { assembleChatContext } from './chat-context';
import { after, insertMessage, recentTurns, toMessageViews } from './chat-messages';
import { findEarlierAsk, isRequestIdTaken, replayAsk } from './ask-replay';
import { proposeChatActions } from './chat-proposals';
import { loadOwnThread, titleFromQuestion } from './chat-threads';

type AskContext = Context & { auth: Auth; project: ProjectAccess };

/** Questions per user per minute (all projects, all instances: the shared rate limiter). */
export const CHAT_ASKS_PER_MINUTE = 20;
const HISTORY_TURNS = 20;
const ANSWER_MAX_TOKENS = 1000;

function failureCode(error: unknown): string {
  if (error instanceof AiError) return error.code;
  if (error instanceof TRPCError || error instanceof AppError) return error.code;
  return 'INTERNAL';
}

/** Why this caller's suggested actions do not become proposals, or null when they do. */
function proposalsRefused(ctx: AskContext): string | null {
  if (!roleAtLeast(ctx.project.role, 'member')) return 'viewers can ask, but only members can turn suggestions into proposals';
  if (ctx.project.archived) return 'the project is archived';
  if (ctx.auth.apiKey && !ctx.auth.apiKey.scopes.includes('write')) return 'this API key is read-only';
  return null;
}

/** Stores the question (and a new thread); when another ask stored its `requestId` first, returns that ask. */
async function startAsk(ctx: AskContext, input: AskInput & { projectId: string }) {
  const { count, resetInMs } = await ctx.rateLimiter.hit(`chat:ask:${ctx.auth.user.id}`, 60_000);
  if (count > CHAT_ASKS_PER_MINUTE) throw new AppError('TOO_MANY_REQUESTS', 'Too many questions; try again in a minute', { retryAfterSeconds: Math.ceil(resetInMs / 1000), reason: 'chat_rate' });
  const existing = input.threadId ? await loadOwnThread(ctx.db, { projectId: input.projectId, threadId: input.threadId, userId: ctx.auth.user.id }) : null;
  const history = existing ? await recentTurns(ctx.db, existing.id, HISTORY_TURNS) : [];
  const createdAt = existing ? after(existing.lastMessageAt) : new Date();
  try {
    // A new thread and its first question are stored together or not at all.
    return await ctx.db.transaction(async (tx) => {
      const thread =
        existing ??
        (await tx.insert(chatThreads).values({ projectId: input.projectId, createdById: ctx.auth.user.id, title: titleFromQuestion(input.message), createdAt, lastMessageAt: createdAt }).returning())[0]!;
      const question = await insertMessage(tx, { threadId: thread.id, role: 'user', content: input.message, requestId: input.requestId ?? null, createdAt });
      return { thread, history, question };
    });
  } catch (error) {
    // Two asks with one id at once: the unique index lets one store it; the other replays that one.
    if (!input.requestId || !isRequestIdTaken(error)) throw error;
    const earlier = await findEarlierAsk(ctx.db, { ...input, requestId: input.requestId, userId: ctx.auth.user.id });
    if (!earlier) throw new AppError('CONFLICT', 'This question is being asked at the same time; try again', { reason: 'answer_in_progress' });
    return { earlier };
  }
}

/**
 * `chat.ask`: stores the question, assembles the project context under a token budget, streams
 * the answer (any `<actions>` block withheld), then stores it with its citations and turns the
 * suggested actions into proposals (members only). Offline, actions come from the user's own
 * message; with a model, from its actions block. A failed or abandoned stream is stored as
 * `failed` with what was produced. Ends early on member removal or session revocation. An ask
 * whose `requestId` is already stored replays that ask (`replayAsk`) and asks nothing.
 */
export async function* askChat({ ctx, input, signal }: { ctx: AskContext; input: AskInput & { projectId: string }; signal?: AbortSignal | undefined }): AsyncGenerator<ChatAskEvent> {
  if (input.requestId) {
    try {
      const earlier = await findEarlierAsk(ctx.db, { ...input, requestId: input.requestId, userId: ctx.auth.user.id });
      if (earlier) return yield* replayAsk(ctx.db, input.projectId, earlier);
    } catch (error) {
      throw toTRPCError(error);
    }
  }
  const user = ctx.auth.user;
  const counter = ctx.live.chatAsks;
  if (counter.count(user.id) >= counter.maxPerUser) {
    throw toTRPCError(new AppError('TOO_MANY_REQUESTS', `At most ${counter.maxPerUser} answers at a time`, { reason: 'chat_busy', limit: counter.maxPerUser }));
  }
  const release = counter.acquire(user.id);
  let guard: StreamGuard | undefined;
  let stored: { threadId: string; questionId: string; at: Date } | null = null;
  let answered = false;
  let visible = '';
  let meta: AiCallMeta | null = null;
  try {
    guard = await guardStream({ bus: ctx.bus, userId: user.id, sessionId: ctx.auth.sessionId, apiKeyId: ctx.auth.apiKey?.id ?? null, projectId: input.projectId, signal });
    await assertStillAllowed(ctx, { userId: user.id, sessionId: ctx.auth.sessionId, apiKeyId: ctx.auth.apiKey?.id ?? null, projectId: input.projectId });
    const started = await startAsk(ctx, input);
    if ('earlier' in started) return yield* replayAsk(ctx.db, input.projectId, started.earlier);
    const { thread, history, question } = started;
    stored = { threadId: thread.id, questionId: question.id, at: question.createdAt };
    yield { type: 'started', threadId: thread.id, userMessageId: question.id };

    const context = await assembleChatContext(ctx, { projectId: input.projectId, question: input.message });
    const [project] = await ctx.db.select({ name: projects.name }).from(projects).where(eq(projects.id, input.projectId));
    const prompt = buildChatPrompt({ projectName: project?.name ?? 'project', question: input.message, history, context });
    const refused = proposalsRefused(ctx);
    const userActions = parseUserActions(input.message);
    const fromUser = await resolveChatActions(ctx.db, { projectId: input.projectId, callerId: user.id, actions: userActions });
    const offlineAnswer = () => offlineChatAnswer({ question: input.message, context: prompt.context, actions: fromUser.accepted, actionsRefused: refused, dropped: fromUser.dropped });
    const options = { ...(await projectAiCallOptions({ ctx, projectId: input.projectId, purpose: 'chat.ask' })), signal: guard.signal };

    const filter = new ActionsBlockFilter();
    for await (const chunk of ctx.ai.stream({ messages: prompt.messages, maxTokens: ANSWER_MAX_TOKENS, offlineAnswer }, options)) {
      if (guard.signal.aborted) break;
      if (chunk.type === 'done') meta = chunk;
      else {
        const text = filter.push(chunk.delta);
        if (text) {
          visible += text;
          yield { type: 'delta', text };
        }
      }
    }
    if (guard.signal.aborted || !meta) throw guard.reason() ?? new AppError('BAD_REQUEST', 'The answer was abandoned', { reason: 'aborted' });
    const tail = filter.finish();
    if (tail) {
      visible += tail;
      yield { type: 'delta', text: tail };
    }

    // Offline (or an offline fallback) there is no model to suggest actions: the user's own words are the source.
    let resolved: ResolvedActions = fromUser;
    if (!meta.offline) {
      const parsed = parseActionBlocks(filter.blocks);
      resolved = await resolveChatActions(ctx.db, { projectId: input.projectId, callerId: user.id, actions: parsed.actions });
      resolved.dropped.unshift(...parsed.dropped);
    }
    const cited = extractCitations(visible, prompt.context);
    const citations: ChatCitationRow[] = cited.flatMap((piece): ChatCitationRow[] => {
      if (!piece.ref) return [];
      if (piece.kind === 'item') return [{ type: 'item', id: piece.ref.id, key: piece.handle, title: piece.title, itemType: piece.ref.itemType ?? 'story' }];
      if (piece.kind === 'memory' || piece.kind === 'document') return [{ type: 'memory', id: piece.ref.id, title: piece.title, sourceType: piece.ref.sourceType ?? piece.kind }];
      return [];
    });
    const memoryIds = citations.flatMap((citation) => (citation.type === 'memory' && citation.sourceType === 'memory' ? [citation.id] : []));
    const proposals =
      resolved.accepted.length > 0 && !refused
        ? await proposeChatActions(ctx, { projectId: input.projectId, question: input.message, resolved, ai: meta, memoryIds })
        : { proposalId: null, proposalIds: [], dropped: [...resolved.dropped, ...resolved.accepted.map((action) => ({ action: describeAction(action), reason: refused ?? '' }))] };

    const row = await insertMessage(ctx.db, {
      threadId: thread.id,
      questionId: question.id,
      role: 'assistant',
      content: visible.trim().slice(0, CHAT_MESSAGE_MAX_CHARS),
      citations,
      proposalId: proposals.proposalId,
      actions: { proposalIds: proposals.proposalIds, dropped: proposals.dropped },
      provider: meta.provider,
      model: meta.model,
      offline: meta.offline,
      promptTokens: meta.usage.promptTokens,
      completionTokens: meta.usage.completionTokens,
      createdAt: after(question.createdAt),
    });
    answered = true;
    const [message] = await toMessageViews(ctx.db, input.projectId, [row]);
    yield { type: 'done', message: message! };
  } catch (error) {
    if (stored && !answered) {
      answered = true;
      const left = guard?.signal.aborted && !guard.reason();
      await storeFailure(ctx, stored, visible, meta, left ? 'ABORTED' : failureCode(error));
    }
    throw guard?.reason() ?? toTRPCError(error);
  } finally {
    // The client left mid-answer (the generator was returned): keep what it was shown.
    if (stored && !answered) await storeFailure(ctx, stored, visible, meta, 'ABORTED').catch((err: unknown) => ctx.log.error({ err }, 'chat: storing an abandoned answer failed'));
    await guard?.close();
    release();
  }
}

async function storeFailure(ctx: AskContext, stored: { threadId: string; questionId: string; at: Date }, visible: string, meta: AiCallMeta | null, errorCode: string) {
  await insertMessage(ctx.db, {
    threadId: stored.threadId,
    questionId: stored.questionId,
    role: 'assistant',
    content: visible.trim().slice(0, CHAT_MESSAGE_MAX_CHARS),
    status: 'failed',
    errorCode,
    provider: meta?.provider ?? null,
    model: meta?.model ?? null,
    offline: meta?.offline ?? false,
    createdAt: after(stored.at),
  });
}
