import type { AppServices } from '../trpc/context';

/** Who an embedding call is made for: the gateway accounts tokens and cost per project and user. */
export interface EmbedScope {
  projectId: string;
  userId: string | null;
}

/**
 * What search and indexing need from the AI gateway: vectors of the product's one dimension
 * (`EMBEDDING_DIMENSION` in packages/ai, `vector(384)` in the chunks table).
 */
export interface SearchEmbedder {
  readonly dimension: number;
  embed(texts: string[], scope: EmbedScope): Promise<number[][]>;
}

/**
 * The embedder to use, or null when vectors are off: the database has no pgvector (full-text only)
 * or no AI gateway is configured.
 */
export function embedderFor(services: Pick<AppServices, 'capabilities'> & { ai?: unknown }): SearchEmbedder | null {
  if (!services.capabilities.vector) return null;
  return gatewayEmbedder(services.ai);
}

function gatewayEmbedder(ai: unknown): SearchEmbedder | null {
  const candidate = ai as { embed?: unknown; embeddingDimension?: unknown } | undefined;
  if (!candidate || typeof candidate.embed !== 'function') return null;
  const embed = candidate.embed as (texts: string[], scope: EmbedScope) => Promise<{ vectors: number[][] } | number[][]>;
  return {
    dimension: typeof candidate.embeddingDimension === 'number' ? candidate.embeddingDimension : 384,
    async embed(texts, scope) {
      const result = await embed.call(ai, texts, scope);
      return Array.isArray(result) ? result : result.vectors;
    },
  };
}
