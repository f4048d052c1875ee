import type { ChunkSourceType } from './chunks';

export type SearchMode = 'hybrid' | 'fulltext';

export interface SearchOptions {
  projectId: string;
  query: string;
  limit: number;
  sourceTypes?: ChunkSourceType[];
  /** `all`: every term must match (web search semantics); `any`: ranked OR, for long contexts. */
  match?: 'all' | 'any';
  /** Caller, for the gateway's accounting of the query embedding. */
  userId: string | null;
}

export interface SearchHit {
  chunkId: string;
  sourceType: ChunkSourceType;
  sourceId: string;
  chunkIndex: number;
  content: string;
  metadata: Record<string, unknown>;
  /** Fused RRF score (higher is better). */
  score: number;
  /** 1-based rank in each retriever, null when that retriever did not return the chunk. */
  fulltextRank: number | null;
  vectorRank: number | null;
}

export interface SearchResult {
  /** `fulltext` where pgvector (or an embedder) is missing: the answer says so. */
  mode: SearchMode;
  hits: SearchHit[];
}

/** A chunk as the retrievers return it. */
export interface CandidateRow {
  id: string;
  source_type: ChunkSourceType;
  source_id: string;
  chunk_index: number;
  content: string;
  metadata: Record<string, unknown>;
}
