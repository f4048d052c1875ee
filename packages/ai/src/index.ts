export type {
  ChatMessage,
  Completion,
  CompletionChunk,
  CompletionRequest,
  EmbeddingProvider,
  LlmProvider,
  StructuredCompletion,
  TokenUsage,
} from './providers/types';
