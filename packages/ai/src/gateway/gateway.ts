import { AiBudgetExceededError, AiEmbeddingDimensionError, AiError, AiOfflineUnsupportedError } from '../errors';
import { createOfflineEmbedder } from '../providers/offline-embedder';
import { createOfflineLlm } from '../providers/offline-llm';
import type { ChatMessage, CompletionRequest, EmbeddingProvider, LlmProvider, StructuredRequest, TokenUsage } from '../providers/types';
import { maskPii, type PiiPolicy } from '../text/pii';
import { noAccounting, type AiAccounting, type AiCaller, type AiOperation } from './accounting';
import { CircuitBreaker, type BreakerOptions, type BreakerState } from './circuit-breaker';
import { systemClock, type AiClock } from './clock';
import { DEFAULT_PRICES, costUsd, type ModelPrice } from './pricing';
import { callResiliently, type ResilienceOptions } from './resilience';
import { DEFAULT_RETRY, type RetryOptions } from './retry';
import { streamThroughGateway, type AiStreamChunk } from './stream';

export interface AiGatewayOptions {
  llm: LlmProvider;
  embedder: EmbeddingProvider;
  /** Defaults to the built-in offline providers. */
  offlineLlm?: LlmProvider;
  offlineEmbedder?: EmbeddingProvider;
  accounting?: AiAccounting;
  clock?: AiClock;
  /** Jitter source in [0, 1). */
  random?: () => number;
  /** Per attempt (per chunk for streams). Default 30 s. */
  timeoutMs?: number;
  retry?: Partial<RetryOptions>;
  breaker?: Partial<BreakerOptions>;
  /** Answer with the offline provider (marked `fallback`) when the remote one is down. Default true. */
  fallback?: boolean;
  /**
   * Same for embeddings; default false, because vectors from two models are not comparable: a
   * hashing vector stored next to OpenAI ones would poison search. Callers retry later instead.
   */
  embeddingFallback?: boolean;
  /** Texts per remote embedding call (each call has its own timeout and retries). Default 96. */
  embeddingBatchSize?: number;
  prices?: Record<string, ModelPrice>;
  /** Masking applied to text sent to a remote provider when the caller gives no policy. Default: all categories. */
  defaultPii?: PiiPolicy | false;
  /** Recording usage failed after the call succeeded. Default: the call fails with that error. */
  onAccountingError?: (error: unknown) => void;
}

/** Per call: who it is for, what for, and how to treat personal data. */
export interface AiCallOptions extends AiCaller {
  purpose?: string;
  /** Categories to mask before text leaves for a remote provider; `false` sends it as is. */
  pii?: PiiPolicy | false;
  signal?: AbortSignal;
}

/** What every gateway answer says about itself. */
export interface AiCallMeta {
  provider: string;
  model: string;
  offline: boolean;
  /** The remote provider was down and the offline one answered. */
  fallback: boolean;
  /** Error code that caused the fallback. */
  fallbackReason: string | null;
  usage: TokenUsage;
  costUsd: number;
}

export interface AiStatus {
  chat: { provider: string; model: string; offline: boolean; breaker: BreakerState };
  embeddings: { provider: string; model: string; offline: boolean; dimension: number; breaker: BreakerState };
  fallback: boolean;
  embeddingFallback: boolean;
}

export type AiCompletion = AiCallMeta & { text: string };
export type AiStructured<T> = AiCallMeta & { data: T };
export type AiEmbeddings = AiCallMeta & { vectors: number[][]; dimension: number };
export type { AiStreamChunk };

/** Remote failures after which the offline provider may answer; configuration errors stay loud. */
function fallbackApplies(error: unknown): error is AiError {
  return (
    error instanceof AiError &&
    !(error instanceof AiBudgetExceededError) &&
    !(error instanceof AiOfflineUnsupportedError) &&
    !(error instanceof AiEmbeddingDimensionError)
  );
}

/**
 * The one door to language models and embeddings: budget check, PII masking of outgoing text,
 * timeout, retries with backoff, circuit breaker, offline fallback, usage and cost accounting.
 */
export class AiGateway {
  readonly llm: LlmProvider;
  readonly embedder: EmbeddingProvider;
  private readonly offlineLlm: LlmProvider;
  private readonly offlineEmbedder: EmbeddingProvider;
  private readonly accounting: AiAccounting;
  private readonly clock: AiClock;
  private readonly resilience: ResilienceOptions;
  private readonly chatBreaker: CircuitBreaker;
  private readonly embeddingBreaker: CircuitBreaker;
  private readonly prices: Record<string, ModelPrice>;

  constructor(private readonly options: AiGatewayOptions) {
    this.llm = options.llm;
    this.embedder = options.embedder;
    this.offlineLlm = options.offlineLlm ?? createOfflineLlm();
    this.offlineEmbedder = options.offlineEmbedder ?? createOfflineEmbedder();
    if (this.embedder.dimension !== this.offlineEmbedder.dimension) throw new RangeError('Embedding providers must share one dimension');
    this.accounting = options.accounting ?? noAccounting;
    this.clock = options.clock ?? systemClock;
    this.resilience = {
      clock: this.clock,
      random: options.random ?? Math.random,
      retry: { ...DEFAULT_RETRY, ...options.retry },
      timeoutMs: options.timeoutMs ?? 30_000,
    };
    const breaker = { failureThreshold: 5, cooldownMs: 30_000, ...options.breaker };
    this.chatBreaker = new CircuitBreaker(breaker, this.clock);
    this.embeddingBreaker = new CircuitBreaker(breaker, this.clock);
    this.prices = options.prices ?? DEFAULT_PRICES;
  }

  /** Stores usage the accounting still holds back (`AiAccounting.flush`): before reading usage, at shutdown. */
  async flushUsage(): Promise<void> {
    await this.accounting.flush?.();
  }

  /** The product's embedding dimension (`EMBEDDING_DIMENSION`). */
  get embeddingDimension(): number {
    return this.embedder.dimension;
  }

  status(): AiStatus {
    return {
      chat: { provider: this.llm.name, model: this.llm.model, offline: this.llm.offline, breaker: this.chatBreaker.snapshot().state },
      embeddings: {
        provider: this.embedder.name,
        model: this.embedder.model,
        offline: this.embedder.offline,
        dimension: this.embedder.dimension,
        breaker: this.embeddingBreaker.snapshot().state,
      },
      fallback: this.options.fallback ?? true,
      embeddingFallback: this.options.embeddingFallback ?? false,
    };
  }

  async complete(request: CompletionRequest, options: AiCallOptions): Promise<AiCompletion> {
    const { result, fallback } = await this.invoke(this.llm, this.chatBreaker, this.options.fallback ?? true, options, {
      remote: (signal) => this.llm.complete({ ...request, ...this.maskMessages(request, options), signal }),
      offline: () => this.offlineLlm.complete(request),
    });
    return { text: result.text, ...(await this.finish('complete', options, result, result.usage, fallback)) };
  }

  async structured<T>(request: StructuredRequest<T>, options: AiCallOptions): Promise<AiStructured<T>> {
    // Without a deterministic fallback there is nothing honest to answer offline: the remote error stands.
    const canFallBack = (this.options.fallback ?? true) && request.fallback !== undefined;
    const { result, fallback } = await this.invoke(this.llm, this.chatBreaker, canFallBack, options, {
      remote: (signal) => this.llm.structured({ ...request, ...this.maskMessages(request, options), signal }),
      offline: () => this.offlineLlm.structured(request),
    });
    return { data: result.data, ...(await this.finish('structured', options, result, result.usage, fallback)) };
  }

  stream(request: CompletionRequest, options: AiCallOptions): AsyncIterable<AiStreamChunk> {
    return streamThroughGateway({
      llm: this.llm,
      offlineLlm: this.offlineLlm,
      breaker: this.chatBreaker,
      resilience: this.resilience,
      fallback: this.options.fallback ?? true,
      fallbackApplies,
      request,
      masked: this.maskMessages(request, options),
      signal: options.signal,
      checkBudget: () => this.checkBudget(options),
      finish: (source, usage, fallback) => this.finish('stream', options, { provider: source.name, model: source.model, offline: source.offline }, usage, fallback),
    });
  }

  /** One vector per text, each of the product's dimension. */
  async embed(texts: string[], options: AiCallOptions): Promise<AiEmbeddings> {
    if (texts.length === 0) {
      const provider = this.embedder;
      return { vectors: [], dimension: this.embeddingDimension, provider: provider.name, model: provider.model, offline: provider.offline, fallback: false, fallbackReason: null, usage: { promptTokens: 0, completionTokens: 0 }, costUsd: 0 };
    }
    const batchSize = this.options.embeddingBatchSize ?? 96;
    const policy = this.policy(options);
    const outgoing = this.embedder.offline || policy === false ? texts : texts.map((text) => maskPii(text, policy).text);
    const { result, fallback } = await this.invoke(this.embedder, this.embeddingBreaker, this.options.embeddingFallback ?? false, options, {
      remote: async () => {
        const vectors: number[][] = [];
        let promptTokens = 0;
        for (let at = 0; at < outgoing.length; at += batchSize) {
          const batch = await callResiliently(this.resilience, this.embeddingBreaker, this.embedder.name, options.signal, (signal) =>
            this.embedder.embed(outgoing.slice(at, at + batchSize), { signal }),
          );
          vectors.push(...batch.vectors);
          promptTokens += batch.promptTokens;
        }
        return { vectors, promptTokens, provider: this.embedder.name, model: this.embedder.model, offline: false };
      },
      offline: () => this.offlineEmbedder.embed(texts),
      resilientInside: true,
    });
    const usage = { promptTokens: result.promptTokens, completionTokens: 0 };
    return { vectors: result.vectors, dimension: this.embeddingDimension, ...(await this.finish('embed', options, result, usage, fallback)) };
  }

  private async invoke<R>(
    primary: { offline: boolean; name: string },
    breaker: CircuitBreaker,
    allowFallback: boolean,
    options: AiCallOptions,
    run: { remote: (signal: AbortSignal) => Promise<R>; offline: () => Promise<R>; resilientInside?: boolean },
  ): Promise<{ result: R; fallback: string | null }> {
    if (primary.offline) return { result: await run.offline(), fallback: null };
    await this.checkBudget(options);
    try {
      const result = run.resilientInside
        ? await run.remote(options.signal ?? new AbortController().signal)
        : await callResiliently(this.resilience, breaker, primary.name, options.signal, run.remote);
      return { result, fallback: null };
    } catch (error) {
      if (!allowFallback || !fallbackApplies(error) || options.signal?.aborted) throw error;
      return { result: await run.offline(), fallback: error.code };
    }
  }

  private async checkBudget(options: AiCallOptions): Promise<void> {
    if (!options.projectId) return;
    const decision = await this.accounting.checkBudget({ projectId: options.projectId, userId: options.userId });
    if (decision.allowed) return;
    throw new AiBudgetExceededError({
      projectId: options.projectId,
      limit: decision.limit === 'tokens' ? `${decision.max} tokens` : `$${decision.max}`,
      used: decision.used,
      max: decision.max,
      resetsAt: decision.resetsAt.toISOString(),
    });
  }

  private policy(options: AiCallOptions): PiiPolicy | false {
    return options.pii ?? this.options.defaultPii ?? {};
  }

  private maskMessages(request: CompletionRequest, options: AiCallOptions): { messages: ChatMessage[] } {
    const policy = this.policy(options);
    if (this.llm.offline || policy === false) return { messages: request.messages };
    return { messages: request.messages.map((message) => ({ ...message, content: maskPii(message.content, policy).text })) };
  }

  private async finish(
    operation: AiOperation,
    options: AiCallOptions,
    source: { provider: string; model: string; offline: boolean },
    usage: TokenUsage,
    fallbackReason: string | null,
  ): Promise<AiCallMeta> {
    const cost = source.offline ? 0 : costUsd(this.prices, source.model, usage.promptTokens, usage.completionTokens);
    const meta: AiCallMeta = { provider: source.provider, model: source.model, offline: source.offline, fallback: fallbackReason !== null, fallbackReason, usage, costUsd: cost };
    try {
      await this.accounting.record({
        projectId: options.projectId,
        userId: options.userId,
        operation,
        purpose: options.purpose ?? null,
        provider: meta.provider,
        model: meta.model,
        promptTokens: usage.promptTokens,
        completionTokens: usage.completionTokens,
        costUsd: cost,
        offline: meta.offline,
        fallback: meta.fallback,
        at: new Date(this.clock.now()),
      });
    } catch (error) {
      if (!this.options.onAccountingError) throw error;
      this.options.onAccountingError(error);
    }
    return meta;
  }
}
