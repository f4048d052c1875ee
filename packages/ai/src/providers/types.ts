import type { z } from 'zod';

/**
 * The one embedding dimension of the whole product. Every stored vector (pgvector `vector(384)`)
 * has it: the offline hashing embedder produces it natively, OpenAI's `text-embedding-3-*` models
 * are asked for it through `dimensions`, and a remote model that answers with another size is
 * refused with `AiEmbeddingDimensionError` rather than stored. Changing it means a migration and
 * re-embedding everything.
 */
export const EMBEDDING_DIMENSION = 384;

/** The contract every language model provider implements (OpenAI, OpenAI-compatible, offline). */
export interface LlmProvider {
  /** `openai`, `openai-compatible` or `offline`. */
  readonly name: string;
  readonly model: string;
  /** True for the built-in offline provider: nothing leaves the process, nothing is billed. */
  readonly offline: boolean;
  complete(request: CompletionRequest): Promise<Completion>;
  /** Text deltas; the last chunk carries `usage`. */
  stream(request: CompletionRequest): AsyncIterable<CompletionChunk>;
  structured<T>(request: StructuredRequest<T>): Promise<StructuredCompletion<T>>;
}

/** The contract every embedding provider implements; one dimension for the whole product. */
export interface EmbeddingProvider {
  readonly name: string;
  readonly model: string;
  readonly offline: boolean;
  /** Always `EMBEDDING_DIMENSION` for providers the product uses. */
  readonly dimension: number;
  /** One vector per text, in order, each of length `dimension`. */
  embed(texts: string[], options?: { signal?: AbortSignal }): Promise<EmbeddingBatch>;
}

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface CompletionRequest {
  messages: ChatMessage[];
  maxTokens?: number;
  temperature?: number;
  signal?: AbortSignal;
  /**
   * A deterministic answer (plain code, no model) the offline provider gives instead of its
   * generic extractive one, e.g. chat's templated answer that cites items. Never sent to a remote
   * provider; also what an offline fallback answers.
   */
  offlineAnswer?: () => string;
}

/**
 * Structured output: the answer is JSON validated by `schema`. `fallback` is an optional
 * deterministic answer (plain code, no model) that the offline provider returns instead of
 * failing; without it the offline provider throws `AiOfflineUnsupportedError`.
 */
export interface StructuredRequest<T> extends CompletionRequest {
  schema: z.ZodType<T>;
  /** Name of the JSON schema sent to the model (letters, digits, `_` and `-`). */
  schemaName: string;
  fallback?: () => T;
}

export interface TokenUsage {
  promptTokens: number;
  completionTokens: number;
}

export interface Completion {
  text: string;
  usage: TokenUsage;
  provider: string;
  model: string;
  /** True when the built-in offline provider produced this answer. */
  offline: boolean;
}

export interface CompletionChunk {
  delta: string;
  /** Set on the last chunk of a stream. */
  usage?: TokenUsage;
}

export interface StructuredCompletion<T> extends Omit<Completion, 'text'> {
  data: T;
}

export interface EmbeddingBatch {
  vectors: number[][];
  /** Input tokens billed (counted locally when the server does not say). */
  promptTokens: number;
  provider: string;
  model: string;
  offline: boolean;
}
