import type { Database } from '@devmentor/db';
import type { EmbedScope, SearchEmbedder } from './embedder';
import { fusedSearch } from './fused-search';
import { reciprocalRankFusion } from './rrf';
import { fulltextCandidates } from './search-candidates';
import type { SearchOptions, SearchResult } from './search-types';

export { HNSW_INDEX_OPTIONS, hnswEfSearch, vectorSearchSettings } from './hnsw-settings';
export { fusedSearch, fusedSearchQuery } from './fused-search';
export { reciprocalRankFusion, RRF_K } from './rrf';
export { fulltextCandidates, fulltextQuery, vectorCandidates, vectorQuery } from './search-candidates';
export type { CandidateRow, SearchHit, SearchMode, SearchOptions, SearchResult } from './search-types';

/** Candidates each retriever contributes to the fusion, for `limit` results. */
export function candidateCount(limit: number): number {
  return Math.max(20, limit * 4);
}

/**
 * Hybrid search over one project's chunks: full-text and vector candidates fused by RRF. Without
 * an embedder (no pgvector, or no AI configured) it runs full-text only and says so in `mode`.
 */
export async function hybridSearch(
  deps: { db: Database; embedder: SearchEmbedder | null; onEmbedError?: (error: unknown) => void },
  options: SearchOptions,
): Promise<SearchResult> {
  const query = options.query.trim();
  if (query.length === 0) return { mode: deps.embedder ? 'hybrid' : 'fulltext', hits: [] };
  const scope: EmbedScope = { projectId: options.projectId, userId: options.userId, purpose: 'memory.search' };
  // No embedder, or the query cannot be embedded (provider down, budget spent): full-text only, and said so.
  const embedding = deps.embedder
    ? await deps.embedder.embed([query], scope).then(
        (vectors) => vectors[0] ?? null,
        (error: unknown) => {
          deps.onEmbedError?.(error);
          return null;
        },
      )
    : null;
  if (!embedding) {
    // One list fused alone keeps its order: its first `limit` rows are the answer.
    const rows = await fulltextCandidates(deps.db, { ...options, query }, options.limit);
    return { mode: 'fulltext', hits: reciprocalRankFusion([{ name: 'fulltext', rows }], options.limit) };
  }
  return { mode: 'hybrid', hits: await fusedSearch(deps.db, { ...options, query }, embedding, candidateCount(options.limit)) };
}
