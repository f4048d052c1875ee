import OpenAI from 'openai';
import { zodResponseFormat } from 'openai/helpers/zod';
import type { ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions';
import { z } from 'zod';
import { AiEmbeddingDimensionError, AiInvalidOutputError, AiProviderError } from '../errors';
import { countTokens } from '../text/tokens';
import {
  EMBEDDING_DIMENSION,
  type ChatMessage,
  type Completion,
  type CompletionChunk,
  type CompletionRequest,
  type EmbeddingBatch,
  type EmbeddingProvider,
  type LlmProvider,
  type StructuredCompletion,
  type StructuredRequest,
} from './types';

export interface OpenAiClientOptions {
  /** Not needed by most local servers (Ollama, vLLM); a placeholder is sent then. */
  apiKey?: string;
  /** e.g. `http://127.0.0.1:11434/v1` for Ollama. Unset: api.openai.com. */
  baseURL?: string;
}

/**
 * An `openai` client for the gateway: the client's own retries are off (the gateway retries,
 * with the breaker in the loop) and its timeout is a long backstop (the gateway times attempts).
 */
export function createOpenAiClient(options: OpenAiClientOptions): OpenAI {
  return new OpenAI({ apiKey: options.apiKey ?? 'not-needed', baseURL: options.baseURL ?? null, maxRetries: 0, timeout: 10 * 60_000 });
}

function providerName(options: OpenAiClientOptions): string {
  return options.baseURL && !/^https:\/\/api\.openai\.com/.test(options.baseURL) ? 'openai-compatible' : 'openai';
}

function retryAfterMs(headers: Headers | undefined): number | null {
  const ms = headers?.get('retry-after-ms');
  if (ms && Number.isFinite(Number(ms))) return Math.max(0, Number(ms));
  const value = headers?.get('retry-after');
  if (!value) return null;
  if (Number.isFinite(Number(value))) return Math.max(0, Number(value) * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - Date.now());
}

/** Maps the `openai` package's errors to the gateway's; aborts pass through untouched. */
export function toProviderError(error: unknown): unknown {
  if (error instanceof OpenAI.APIUserAbortError) return error;
  if (error instanceof OpenAI.APIConnectionError) return new AiProviderError(`AI provider unreachable: ${error.message}`, null, true, null, { cause: error });
  if (error instanceof OpenAI.APIError) {
    const status = error.status ?? null;
    const retryable = status === 429 || status === 408 || (status !== null && status >= 500);
    return new AiProviderError(`AI provider answered ${status ?? 'an error'}: ${error.message}`, status, retryable, retryAfterMs(error.headers), { cause: error });
  }
  return error;
}

async function call<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw toProviderError(error);
  }
}

function messages(list: ChatMessage[]) {
  return list.map((message) => ({ role: message.role, content: message.content }));
}

function responseFormat<T>(request: StructuredRequest<T>): ChatCompletionCreateParamsNonStreaming['response_format'] {
  try {
    return zodResponseFormat(request.schema, request.schemaName);
  } catch {
    // Schemas outside OpenAI's strict subset (optional fields, records...) go as plain JSON schema.
    return { type: 'json_schema', json_schema: { name: request.schemaName, schema: z.toJSONSchema(request.schema) as Record<string, unknown>, strict: false } };
  }
}

export function createOpenAiLlm(options: OpenAiClientOptions & { model: string; client?: OpenAI }): LlmProvider {
  const client = options.client ?? createOpenAiClient(options);
  const name = providerName(options);
  const model = options.model;
  const meta = { provider: name, model, offline: false } as const;
  // OpenAI deprecated `max_tokens` (its reasoning models reject it); compatible servers know it best.
  const maxTokensParam = (value: number) => (name === 'openai' ? { max_completion_tokens: value } : { max_tokens: value });

  async function create(request: CompletionRequest, extra: Partial<ChatCompletionCreateParamsNonStreaming> = {}) {
    const body: ChatCompletionCreateParamsNonStreaming = { model, messages: messages(request.messages), ...extra };
    if (request.maxTokens !== undefined) Object.assign(body, maxTokensParam(request.maxTokens));
    if (request.temperature !== undefined) body.temperature = request.temperature;
    const response = await call(() => client.chat.completions.create(body, { signal: request.signal }));
    const text = response.choices[0]?.message.content ?? '';
    const usage = {
      promptTokens: response.usage?.prompt_tokens ?? request.messages.reduce((sum, m) => sum + countTokens(m.content), 0),
      completionTokens: response.usage?.completion_tokens ?? countTokens(text),
    };
    return { text, usage };
  }

  return {
    name,
    model,
    offline: false,
    async complete(request: CompletionRequest): Promise<Completion> {
      return { ...(await create(request)), ...meta };
    },
    async *stream(request: CompletionRequest): AsyncIterable<CompletionChunk> {
      const stream = await call(() =>
        client.chat.completions.create(
          {
            model,
            messages: messages(request.messages),
            stream: true,
            stream_options: { include_usage: true },
            ...(request.maxTokens !== undefined ? maxTokensParam(request.maxTokens) : {}),
            ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
          },
          { signal: request.signal },
        ),
      );
      let text = '';
      let usage: CompletionChunk['usage'];
      try {
        for await (const chunk of stream) {
          if (chunk.usage) usage = { promptTokens: chunk.usage.prompt_tokens, completionTokens: chunk.usage.completion_tokens };
          const delta = chunk.choices[0]?.delta.content ?? '';
          if (delta) {
            text += delta;
            yield { delta };
          }
        }
      } catch (error) {
        throw toProviderError(error);
      }
      // Servers that ignore `include_usage` (some local ones) get a local count.
      yield { delta: '', usage: usage ?? { promptTokens: request.messages.reduce((sum, m) => sum + countTokens(m.content), 0), completionTokens: countTokens(text) } };
    },
    async structured<T>(request: StructuredRequest<T>): Promise<StructuredCompletion<T>> {
      const { text, usage } = await create(request, { response_format: responseFormat(request) });
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch (error) {
        throw new AiInvalidOutputError(request.schemaName, 'the answer is not JSON', { cause: error });
      }
      const parsed = request.schema.safeParse(json);
      if (!parsed.success) throw new AiInvalidOutputError(request.schemaName, parsed.error.message);
      return { data: parsed.data, usage, ...meta };
    },
  };
}

export function createOpenAiEmbedder(options: OpenAiClientOptions & { model: string; client?: OpenAI; batchSize?: number; sendDimensions?: boolean }): EmbeddingProvider {
  const client = options.client ?? createOpenAiClient(options);
  const name = providerName(options);
  const batchSize = options.batchSize ?? 96;
  return {
    name,
    model: options.model,
    offline: false,
    dimension: EMBEDDING_DIMENSION,
    async embed(texts: string[], callOptions: { signal?: AbortSignal } = {}): Promise<EmbeddingBatch> {
      const vectors: number[][] = [];
      let promptTokens = 0;
      for (let at = 0; at < texts.length; at += batchSize) {
        const batch = texts.slice(at, at + batchSize);
        const response = await call(() =>
          client.embeddings.create(
            {
              model: options.model,
              input: batch,
              encoding_format: 'float',
              ...(options.sendDimensions === false ? {} : { dimensions: EMBEDDING_DIMENSION }),
            },
            { signal: callOptions.signal },
          ),
        );
        const ordered = [...response.data].sort((a, b) => a.index - b.index);
        if (ordered.length !== batch.length) throw new AiProviderError(`Embedding server returned ${ordered.length} vectors for ${batch.length} texts`, null, false);
        for (const item of ordered) {
          if (item.embedding.length !== EMBEDDING_DIMENSION) throw new AiEmbeddingDimensionError(options.model, EMBEDDING_DIMENSION, item.embedding.length);
          vectors.push(item.embedding);
        }
        promptTokens += response.usage?.prompt_tokens ?? batch.reduce((sum, text) => sum + countTokens(text), 0);
      }
      return { vectors, promptTokens, provider: name, model: options.model, offline: false };
    },
  };
}
