import type { AiGateway, PiiPolicy } from '@devmentor/ai';
import type { AppServices } from '../trpc/context';

/** Who an embedding call is made for (the gateway accounts tokens and cost per project and user), and why. */
export interface EmbedScope {
  projectId: string;
  userId: string | null;
  purpose?: string;
  /** The project's PII policy for text leaving for a remote provider. */
  pii?: PiiPolicy | false;
}

/**
 * What search and indexing need from the AI gateway: vectors of the product's one dimension
 * (`EMBEDDING_DIMENSION` in packages/ai, `vector(384)` in the chunks table).
 */
export interface SearchEmbedder {
  readonly dimension: number;
  embed(texts: string[], scope: EmbedScope): Promise<number[][]>;
}

/** Embeddings through the gateway (budget, retries, breaker, accounting, PII masking). */
export function gatewayEmbedder(ai: AiGateway): SearchEmbedder {
  return {
    dimension: ai.embeddingDimension,
    async embed(texts, scope) {
      const result = await ai.embed(texts, { projectId: scope.projectId, userId: scope.userId, purpose: scope.purpose ?? 'memory', ...(scope.pii !== undefined ? { pii: scope.pii } : {}) });
      return result.vectors;
    },
  };
}

/** The embedder to use, or null when the database has no pgvector (search is then full-text only). */
export function embedderFor(services: Pick<AppServices, 'capabilities' | 'ai'>): SearchEmbedder | null {
  return services.capabilities.vector ? gatewayEmbedder(services.ai) : null;
}
