import { sql } from '@devmentor/db';

/**
 * HNSW build parameters of `chunks_embedding_hnsw_idx` (migration 0015, which must say the same; the
 * bench builds its index with them). Measured on the bench corpora with the hashing embedder: a
 * graph built with ef_construction 400 reaches recall@10 0.95 at about half the ef_search that 200
 * needs at 100k chunks (0.959 at 450 against 0.952 at 797), so every search reads fewer pages; the
 * price is paid once per insert (README, "Search benchmark and tuning").
 */
export const HNSW_INDEX_OPTIONS = 'm = 16, ef_construction = 400';

/**
 * Bytes per indexed chunk in that index: a 384-dimension element and its m = 16 neighbour lists fill a
 * quarter of an 8 kB page (20,488,192 bytes for 10,000 chunks). The index size is always current,
 * unlike `reltuples`, which PGlite (no autovacuum) never refreshes after the migration built the
 * empty index. Deleted chunks count until a vacuum: that errs towards a larger ef_search.
 */
export const HNSW_BYTES_PER_CHUNK = 2048;

/** ef_search that gives recall@10 >= 0.95 at the base size (0.966 at 10k); it grows with the index, see below. */
const EF_MIN = 150;
const EF_BASE_CHUNKS = 10_000;
/** ef_search = EF_MIN * (chunks / 10k) ^ EF_GROWTH: the graph's path to the true neighbours lengthens. */
const EF_GROWTH = 0.48;
const EF_MAX = 1000;

/**
 * `hnsw.ef_search` for k candidates from an index of `indexedChunks` chunks: 150 up to 10k chunks
 * (recall@10 0.966 there, against 0.943 at 100), growing as a power of the index size (453 at 100k:
 * 0.959 at 450, 0.946 at 350), at least 2k, at most 1000.
 */
export function hnswEfSearch(k: number, indexedChunks: number): number {
  const grown = Math.ceil(EF_MIN * Math.max(1, indexedChunks / EF_BASE_CHUNKS) ** EF_GROWTH);
  return Math.min(EF_MAX, Math.max(EF_MIN, 2 * k, grown));
}

/** The index's current chunk count, estimated from its size (0 when it does not exist). */
const indexedChunksSql = sql`(coalesce(pg_relation_size(to_regclass('chunks_embedding_hnsw_idx')), 0) / ${HNSW_BYTES_PER_CHUNK}::float8)`;

/** `hnswEfSearch` in SQL, so the settings take one round trip; a test holds the two equal. */
export function hnswEfSearchSql(k: number, indexedChunks = indexedChunksSql) {
  return sql`least(${EF_MAX}::int, greatest(${EF_MIN}::int, ${2 * k}::int, ceil(${EF_MIN}::float8 * power(greatest(1, ${indexedChunks} / ${EF_BASE_CHUNKS}::float8), ${EF_GROWTH}::float8))::int))`;
}

/**
 * Settings of a vector search, local to its transaction, in one statement. `hnsw.iterative_scan`:
 * pgvector filters by project after the index scan, so a small project would lose its recall; a
 * relaxed-order iterative scan keeps going until enough rows pass (results need a final sort).
 * `enable_seqscan = off`: the planner, whose HNSW cost grows with ef_search, otherwise prefers an
 * exact sequential scan of a 10k-chunk project (exact but 70+ ms on PGlite); index paths stay
 * open, so a small project can still be read through the project index and sorted exactly.
 */
export function vectorSearchSettings(k: number) {
  return sql`select set_config('hnsw.iterative_scan', 'relaxed_order', true),
    set_config('enable_seqscan', 'off', true),
    set_config('hnsw.ef_search', ${hnswEfSearchSql(k)}::text, true)`;
}
