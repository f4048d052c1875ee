export {
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
  type TokenUsage,
} from './providers/types';
export * from './errors';
export { createOfflineEmbedder, fnv1a32, hashingEmbedding, OFFLINE_EMBEDDING_MODEL } from './providers/offline-embedder';
export { createOfflineLlm, OFFLINE_CHAT_MODEL, OFFLINE_NOTICE, offlineAnswer } from './providers/offline-llm';
export { createOpenAiClient, createOpenAiEmbedder, createOpenAiLlm, type OpenAiClientOptions } from './providers/openai-provider';
export { noAccounting, type AiAccounting, type AiCaller, type AiOperation, type AiUsageEntry, type BudgetCheck, type BudgetDecision, type UsageRecorder } from './gateway/accounting';
export { CircuitBreaker, type BreakerOptions, type BreakerSnapshot, type BreakerState } from './gateway/circuit-breaker';
export { systemClock, type AiClock } from './gateway/clock';
export {
  AiGateway,
  type AiCallMeta,
  type AiCallOptions,
  type AiCompletion,
  type AiEmbeddings,
  type AiGatewayOptions,
  type AiStatus,
  type AiStreamChunk,
  type AiStructured,
} from './gateway/gateway';
export { costUsd, DEFAULT_PRICES, type ModelPrice } from './gateway/pricing';
export { backoffDelay, DEFAULT_RETRY, type RetryOptions } from './gateway/retry';
export { aiConfigFromEnv, createAiGateway, type AiConfig } from './create-gateway';
export { countOf } from './text/count';
export { chunkByTokens, countTokens, decodeTokens, encodeTokens, fitToTokenBudget, truncateToTokens, type ChunkOptions, type FittedContext, type TextChunk } from './text/tokens';
export { detectPii, luhnValid, maskPii, PII_CATEGORIES, type MaskResult, type PiiCategory, type PiiFinding, type PiiPolicy } from './text/pii';
export * from './agents';
