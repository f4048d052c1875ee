-- Rebuilds the chunk embeddings' HNSW index with ef_construction = 400 (was 200, migration 0011):
-- the better-connected graph reaches recall@10 0.95 on the 100k bench corpus at ef_search 450
-- instead of 797, so each vector search reads fewer pages (hnsw-settings.ts, memory/README.md).
-- Only where pgvector and the column exist (see 0007); EXECUTE keeps the `vector` operator class
-- out of the parse elsewhere. Keep the WITH clause equal to HNSW_INDEX_OPTIONS in
-- packages/api/src/memory/hnsw-settings.ts (the bench builds with it; a test compares them).
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'vector')
     AND EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'chunks' AND column_name = 'embedding') THEN
    EXECUTE 'DROP INDEX IF EXISTS "chunks_embedding_hnsw_idx"';
    EXECUTE 'CREATE INDEX "chunks_embedding_hnsw_idx" ON "chunks" USING hnsw ("embedding" vector_cosine_ops) WITH (m = 16, ef_construction = 400)';
  END IF;
END
$$;
