import { rowsOf, sql, type Database } from '@devmentor/db';
import { vectorLiteral, type ChunkSourceType } from './chunks';
import type { EmbedScope, SearchEmbedder } from './embedder';

/** Reciprocal rank fusion constant (Cormack et al. 2009): dampens the weight of top ranks. */
export const RRF_K = 60;

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

interface ChunkRow {
  id: string;
  source_type: ChunkSourceType;
  source_id: string;
  chunk_index: number;
  content: string;
  metadata: Record<string, unknown>;
}

const columns = sql`id, source_type, source_id, chunk_index, content, metadata`;

function sourceFilter(types: ChunkSourceType[] | undefined) {
  if (!types || types.length === 0) return sql``;
  return sql` and source_type in (${sql.join(
    types.map((type) => sql`${type}::chunk_source`),
    sql`, `,
  )})`;
}

/** Chunks ranked by `ts_rank_cd` over `websearch_to_tsquery` (or its OR form), one project only. */
export async function fulltextCandidates(db: Database, options: SearchOptions, k: number): Promise<ChunkRow[]> {
  const parsed = sql`websearch_to_tsquery('english', ${options.query})`;
  const query = options.match === 'any' ? sql`replace(${parsed}::text, ' & ', ' | ')::tsquery` : parsed;
  const result = await db.execute(sql`
    select ${columns}, ts_rank_cd(tsv, search.q) as rank
    from chunks, (select ${query} as q) as search
    where project_id = ${options.projectId} and tsv @@ search.q${sourceFilter(options.sourceTypes)}
    order by rank desc, id
    limit ${k}`);
  return rowsOf<ChunkRow>(result);
}

/**
 * HNSW build parameters of `chunks_embedding_hnsw_idx` (migration 0011, which must say the same; the
 * bench builds its index with them). Measured on the 10k bench corpus with the hashing embedder:
 * ef_construction 200 instead of the default 64 lifts recall@10 at a given ef_search by 3-5 points.
 */
export const HNSW_INDEX_OPTIONS = 'm = 16, ef_construction = 200';

/**
 * `hnsw.ef_search` for k candidates: 200 at least (recall@10 about 0.96 on the bench corpus, against
 * 0.80 at pgvector's default 40 and 0.88 at the former max(40, 2k)), 2k for larger k, at most 1000.
 */
export function hnswEfSearch(k: number): number {
  return Math.max(200, Math.min(1000, k * 2));
}

/**
 * Session settings of a vector search, applied with `set local` inside its transaction. Without
 * `enable_seqscan = off` the planner, whose HNSW cost grows with ef_search, prefers an exact
 * sequential scan of a 10k-row project at ef_search 200 (exact but 70+ ms on PGlite); index paths
 * stay open, so a small project can still be read through the project index and sorted exactly.
 */
export function vectorSearchSettings(k: number) {
  return [
    sql`set local hnsw.iterative_scan = relaxed_order`,
    sql.raw(`set local hnsw.ef_search = ${hnswEfSearch(k)}`),
    sql`set local enable_seqscan = off`,
  ];
}

/**
 * Nearest chunks by cosine distance through the HNSW index. pgvector filters by project after the
 * index scan, so a small project would lose its recall: `hnsw.iterative_scan` keeps scanning until
 * enough rows pass the filter. `relaxed_order` may return rows slightly out of order, hence the sort.
 */
export async function vectorCandidates(db: Database, options: SearchOptions, embedding: number[], k: number): Promise<ChunkRow[]> {
  return db.transaction(async (tx) => {
    for (const setting of vectorSearchSettings(k)) await tx.execute(setting);
    const result = await tx.execute(sql`
      select ${columns}, embedding <=> ${vectorLiteral(embedding)}::vector as distance
      from chunks
      where project_id = ${options.projectId} and embedding is not null${sourceFilter(options.sourceTypes)}
      order by embedding <=> ${vectorLiteral(embedding)}::vector
      limit ${k}`);
    return rowsOf<ChunkRow & { distance: number }>(result).sort((a, b) => Number(a.distance) - Number(b.distance));
  });
}

/** Fuses ranked lists: each chunk scores the sum of 1 / (RRF_K + rank) over the lists that hold it. */
export function reciprocalRankFusion(lists: { name: 'fulltext' | 'vector'; rows: ChunkRow[] }[], limit: number): SearchHit[] {
  const hits = new Map<string, SearchHit>();
  for (const { name, rows } of lists) {
    rows.forEach((row, index) => {
      const rank = index + 1;
      const hit = hits.get(row.id) ?? {
        chunkId: row.id,
        sourceType: row.source_type,
        sourceId: row.source_id,
        chunkIndex: Number(row.chunk_index),
        content: row.content,
        metadata: row.metadata ?? {},
        score: 0,
        fulltextRank: null,
        vectorRank: null,
      };
      hit.score += 1 / (RRF_K + rank);
      if (name === 'fulltext') hit.fulltextRank = rank;
      else hit.vectorRank = rank;
      hits.set(row.id, hit);
    });
  }
  return [...hits.values()].sort((a, b) => b.score - a.score || a.chunkId.localeCompare(b.chunkId)).slice(0, limit);
}

/**
 * Hybrid search over one project's chunks: full-text and vector candidates fused by RRF. Without
 * an embedder (no pgvector, or no AI configured) it runs full-text only and says so in `mode`.
 */
export async function hybridSearch(
  deps: { db: Database; embedder: SearchEmbedder | null; onEmbedError?: (error: unknown) => void },
  options: SearchOptions,
): Promise<SearchResult> {
  const k = Math.max(20, options.limit * 4);
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
    const rows = await fulltextCandidates(deps.db, { ...options, query }, k);
    return { mode: 'fulltext', hits: reciprocalRankFusion([{ name: 'fulltext', rows }], options.limit) };
  }
  const fulltext = await fulltextCandidates(deps.db, { ...options, query }, k);
  const vector = await vectorCandidates(deps.db, { ...options, query }, embedding, k);
  return {
    mode: 'hybrid',
    hits: reciprocalRankFusion(
      [
        { name: 'fulltext', rows: fulltext },
        { name: 'vector', rows: vector },
      ],
      options.limit,
    ),
  };
}
