import type { z } from 'zod';

/** The contract every language model provider implements (OpenAI, OpenAI-compatible, offline). */
export interface LlmProvider {
  /** `openai`, `openai-compatible` or `offline`. */
  readonly name: string;
  readonly model: string;
  complete(request: CompletionRequest): Promise<Completion>;
  stream(request: CompletionRequest): AsyncIterable<CompletionChunk>;
  structured<T>(request: CompletionRequest & { schema: z.ZodType<T>; schemaName: string }): Promise<StructuredCompletion<T>>;
}

/** The contract every embedding provider implements; one dimension for the whole product. */
export interface EmbeddingProvider {
  readonly name: string;
  readonly model: string;
  readonly dimension: number;
  embed(texts: string[]): Promise<number[][]>;
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
  usage?: TokenUsage;
}

export interface StructuredCompletion<T> extends Omit<Completion, 'text'> {
  data: T;
}
