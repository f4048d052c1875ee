import { AiInvalidOutputError, AiOfflineUnsupportedError } from '../errors';
import { countTokens, truncateToTokens } from '../text/tokens';
import type { ChatMessage, Completion, CompletionChunk, CompletionRequest, LlmProvider, StructuredCompletion, StructuredRequest, TokenUsage } from './types';

export const OFFLINE_CHAT_MODEL = 'offline-template-v1';

/** Starts every offline answer, so nobody mistakes it for a language model's. */
export const OFFLINE_NOTICE = '[Offline mode: no language model is configured; this answer is assembled from the given text by fixed rules.]';

const MAX_POINTS = 3;
const MAX_QUOTE_CHARS = 240;

function oneLine(text: string, max = MAX_QUOTE_CHARS): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}

function terms(text: string): Set<string> {
  return new Set((text.toLowerCase().match(/[\p{L}\p{N}]{3,}/gu) ?? []));
}

function sentences(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+|\n+/)
    .map((sentence) => sentence.trim())
    .filter((sentence) => sentence.length > 0);
}

/** The context sentences sharing the most words with the question, in their original order. */
function keyPoints(context: string, question: string): string[] {
  const wanted = terms(question);
  const scored = sentences(context).map((sentence, index) => {
    let score = 0;
    for (const term of terms(sentence)) if (wanted.has(term)) score += 1;
    return { sentence, index, score };
  });
  return scored
    .filter((entry) => entry.score > 0)
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .slice(0, MAX_POINTS)
    .sort((a, b) => a.index - b.index)
    .map((entry) => oneLine(entry.sentence));
}

/** The deterministic offline answer to a conversation. */
export function offlineAnswer(messages: ChatMessage[]): string {
  const lastUser = [...messages].reverse().find((message) => message.role === 'user');
  const question = lastUser?.content ?? '';
  const context = messages
    .filter((message) => message !== lastUser)
    .map((message) => message.content)
    .join('\n');
  const lines = [OFFLINE_NOTICE];
  if (question.trim()) lines.push(`You asked: "${oneLine(question)}".`);
  const points = keyPoints(context, question);
  if (points.length > 0) {
    lines.push('What the provided context says about it:', ...points.map((point) => `- ${point}`));
  } else {
    lines.push('Nothing in the provided context matches it; with a language model configured, this would be a written answer.');
  }
  return lines.join('\n');
}

function promptTokens(messages: ChatMessage[]): number {
  return messages.reduce((sum, message) => sum + countTokens(message.content), 0);
}

/** The built-in language provider: deterministic, honest about what it is, free. */
export function createOfflineLlm(): LlmProvider {
  const meta = { provider: 'offline', model: OFFLINE_CHAT_MODEL, offline: true } as const;

  async function complete(request: CompletionRequest): Promise<Completion> {
    const full = request.offlineAnswer ? request.offlineAnswer() : offlineAnswer(request.messages);
    const text = request.maxTokens ? truncateToTokens(full, request.maxTokens) : full;
    return { text, usage: { promptTokens: promptTokens(request.messages), completionTokens: countTokens(text) }, ...meta };
  }

  return {
    name: 'offline',
    model: OFFLINE_CHAT_MODEL,
    offline: true,
    complete,
    async *stream(request: CompletionRequest): AsyncIterable<CompletionChunk> {
      const { text, usage } = await complete(request);
      const pieces = text.match(/\S+\s*|\s+/g) ?? [];
      for (let i = 0; i < pieces.length; i += 1) {
        const last = i === pieces.length - 1;
        yield last ? { delta: pieces[i] ?? '', usage } : { delta: pieces[i] ?? '' };
      }
      if (pieces.length === 0) yield { delta: '', usage };
    },
    async structured<T>(request: StructuredRequest<T>): Promise<StructuredCompletion<T>> {
      if (!request.fallback) throw new AiOfflineUnsupportedError(`structured output (${request.schemaName})`);
      const parsed = request.schema.safeParse(request.fallback());
      if (!parsed.success) throw new AiInvalidOutputError(request.schemaName, parsed.error.message);
      const usage: TokenUsage = { promptTokens: promptTokens(request.messages), completionTokens: countTokens(JSON.stringify(parsed.data)) };
      return { data: parsed.data, usage, ...meta };
    },
  };
}
