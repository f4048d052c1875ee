import type { Env } from '@devmentor/config';
import type { AiAccounting } from './gateway/accounting';
import type { AiClock } from './gateway/clock';
import { AiGateway } from './gateway/gateway';
import { DEFAULT_PRICES, type ModelPrice } from './gateway/pricing';
import { createOfflineEmbedder } from './providers/offline-embedder';
import { createOfflineLlm } from './providers/offline-llm';
import { createOpenAiClient, createOpenAiEmbedder, createOpenAiLlm } from './providers/openai-provider';

/** The AI part of the configuration, resolved: which provider answers chat and embeddings. */
export interface AiConfig {
  chat: { provider: 'openai' | 'offline'; model: string };
  embeddings: { provider: 'openai' | 'offline'; model: string; sendDimensions: boolean };
  openai: { apiKey?: string; baseURL?: string };
  timeoutMs: number;
  maxRetries: number;
  breaker: { failureThreshold: number; cooldownMs: number };
  fallback: boolean;
  prices: Record<string, ModelPrice>;
}

type AiEnv = Pick<
  Env,
  | 'OPENAI_API_KEY'
  | 'OPENAI_BASE_URL'
  | 'AI_PROVIDER'
  | 'AI_EMBEDDING_PROVIDER'
  | 'AI_CHAT_MODEL'
  | 'AI_EMBEDDING_MODEL'
  | 'AI_EMBEDDING_SEND_DIMENSIONS'
  | 'AI_TIMEOUT_MS'
  | 'AI_MAX_RETRIES'
  | 'AI_BREAKER_THRESHOLD'
  | 'AI_BREAKER_COOLDOWN_MS'
  | 'AI_FALLBACK'
  | 'AI_PRICE_PROMPT_PER_MTOK'
  | 'AI_PRICE_COMPLETION_PER_MTOK'
  | 'AI_PRICE_EMBEDDING_PER_MTOK'
>;

/** `auto` means remote as soon as a key or a base URL is configured. */
export function aiConfigFromEnv(env: AiEnv): AiConfig {
  const remoteConfigured = Boolean(env.OPENAI_API_KEY || env.OPENAI_BASE_URL);
  const pick = (choice: 'auto' | 'openai' | 'offline') => (choice === 'auto' ? (remoteConfigured ? 'openai' : 'offline') : choice);
  const prices = { ...DEFAULT_PRICES };
  const chatPrice = prices[env.AI_CHAT_MODEL] ?? { prompt: 0, completion: 0 };
  prices[env.AI_CHAT_MODEL] = {
    prompt: env.AI_PRICE_PROMPT_PER_MTOK ?? chatPrice.prompt,
    completion: env.AI_PRICE_COMPLETION_PER_MTOK ?? chatPrice.completion,
  };
  if (env.AI_PRICE_EMBEDDING_PER_MTOK !== undefined) prices[env.AI_EMBEDDING_MODEL] = { prompt: env.AI_PRICE_EMBEDDING_PER_MTOK, completion: 0 };
  return {
    chat: { provider: pick(env.AI_PROVIDER), model: env.AI_CHAT_MODEL },
    embeddings: { provider: pick(env.AI_EMBEDDING_PROVIDER), model: env.AI_EMBEDDING_MODEL, sendDimensions: env.AI_EMBEDDING_SEND_DIMENSIONS },
    openai: { apiKey: env.OPENAI_API_KEY, baseURL: env.OPENAI_BASE_URL },
    timeoutMs: env.AI_TIMEOUT_MS,
    maxRetries: env.AI_MAX_RETRIES,
    breaker: { failureThreshold: env.AI_BREAKER_THRESHOLD, cooldownMs: env.AI_BREAKER_COOLDOWN_MS },
    fallback: env.AI_FALLBACK,
    prices,
  };
}

export interface CreateAiGatewayDeps {
  accounting?: AiAccounting;
  clock?: AiClock;
  random?: () => number;
  onAccountingError?: (error: unknown) => void;
}

/** Builds the gateway the composition root hands to every service (one per process). */
export function createAiGateway(config: AiConfig, deps: CreateAiGatewayDeps = {}): AiGateway {
  const needsClient = config.chat.provider === 'openai' || config.embeddings.provider === 'openai';
  const client = needsClient ? createOpenAiClient(config.openai) : undefined;
  const llm = config.chat.provider === 'openai' ? createOpenAiLlm({ ...config.openai, model: config.chat.model, client }) : createOfflineLlm();
  const embedder =
    config.embeddings.provider === 'openai'
      ? createOpenAiEmbedder({ ...config.openai, model: config.embeddings.model, client, sendDimensions: config.embeddings.sendDimensions })
      : createOfflineEmbedder();
  return new AiGateway({
    llm,
    embedder,
    accounting: deps.accounting,
    clock: deps.clock,
    random: deps.random,
    onAccountingError: deps.onAccountingError,
    timeoutMs: config.timeoutMs,
    retry: { maxRetries: config.maxRetries },
    breaker: config.breaker,
    fallback: config.fallback,
    prices: config.prices,
  });
}
