import { AiProviderError, AiTimeoutError, type AiError } from '../errors';
import type { ChatMessage, CompletionChunk, CompletionRequest, LlmProvider, TokenUsage } from '../providers/types';
import { countTokens } from '../text/tokens';
import type { CircuitBreaker } from './circuit-breaker';
import type { AiCallMeta } from './gateway';
import { callResiliently, type ResilienceOptions } from './resilience';

/** Text deltas, then one `done` chunk with the provider, fallback flag, usage and cost. */
export type AiStreamChunk = { type: 'delta'; delta: string } | ({ type: 'done' } & AiCallMeta);

export interface StreamDeps {
  llm: LlmProvider;
  offlineLlm: LlmProvider;
  breaker: CircuitBreaker;
  resilience: ResilienceOptions;
  fallback: boolean;
  fallbackApplies: (error: unknown) => error is AiError;
  request: CompletionRequest;
  masked: { messages: ChatMessage[] };
  signal: AbortSignal | undefined;
  checkBudget: () => Promise<void>;
  finish: (source: LlmProvider, usage: TokenUsage, fallbackReason: string | null) => Promise<AiCallMeta>;
}

/** Waits for the next chunk at most `ms`; on timeout the stream's request is aborted. */
async function nextWithin<T>(promise: Promise<T>, ms: number, controller: AbortController): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort(new AiTimeoutError(ms));
      reject(new AiTimeoutError(ms));
    }, ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function estimate(request: CompletionRequest, text: string): TokenUsage {
  return { promptTokens: request.messages.reduce((sum, message) => sum + countTokens(message.content), 0), completionTokens: countTokens(text) };
}

/**
 * Streaming through the gateway. Retries and the offline fallback apply until the first chunk
 * arrives; after that the caller has shown text to someone, so a failure ends the stream with
 * the error instead of switching provider. Each later chunk must come within the timeout.
 */
export async function* streamThroughGateway(deps: StreamDeps): AsyncGenerator<AiStreamChunk> {
  const controller = new AbortController();
  const linked = deps.signal ? AbortSignal.any([deps.signal, controller.signal]) : controller.signal;
  let source = deps.llm;
  let fallbackReason: string | null = null;
  let opened: { iterator: AsyncIterator<CompletionChunk>; first: IteratorResult<CompletionChunk> };

  const openOffline = async () => {
    const iterator = deps.offlineLlm.stream(deps.request)[Symbol.asyncIterator]();
    return { iterator, first: await iterator.next() };
  };

  if (deps.llm.offline) {
    opened = await openOffline();
  } else {
    await deps.checkBudget();
    try {
      opened = await callResiliently(deps.resilience, deps.breaker, deps.llm.name, deps.signal, async (attemptSignal) => {
        const iterator = deps.llm.stream({ ...deps.request, ...deps.masked, signal: AbortSignal.any([linked, attemptSignal]) })[Symbol.asyncIterator]();
        return { iterator, first: await iterator.next() };
      });
    } catch (error) {
      if (!deps.fallback || !deps.fallbackApplies(error) || deps.signal?.aborted) throw error;
      fallbackReason = error.code;
      source = deps.offlineLlm;
      opened = await openOffline();
    }
  }

  const { iterator } = opened;
  let next = opened.first;
  let text = '';
  let usage: TokenUsage | undefined;
  let state: 'streaming' | 'done' | 'failed' = 'streaming';
  try {
    while (!next.done) {
      if (next.value.usage) usage = next.value.usage;
      if (next.value.delta) {
        text += next.value.delta;
        yield { type: 'delta', delta: next.value.delta };
      }
      next = source.offline ? await iterator.next() : await nextWithin(iterator.next(), deps.resilience.timeoutMs, controller);
    }
    state = 'done';
  } catch (error) {
    state = 'failed';
    if (error instanceof AiProviderError && error.retryable) deps.breaker.onFailure();
    throw error;
  } finally {
    if (state !== 'done') {
      controller.abort();
      await iterator.return?.().catch(() => undefined);
    }
    // The consumer stopped early: the tokens were still spent, so they are still counted.
    if (state === 'streaming') await deps.finish(source, estimate(deps.request, text), fallbackReason);
  }
  const meta = await deps.finish(source, usage ?? estimate(deps.request, text), fallbackReason);
  yield { type: 'done', ...meta };
}
