-- HNSW build parameters for chunk embeddings (m = 16, ef_construction = 200 instead of pgvector's
-- default 64): with `hnsw.ef_search = 200` (hybrid-search.ts) recall@10 against exact search on the
-- 10k bench corpus goes from 0.80-0.88 to about 0.96. Only where pgvector and the column exist
-- (see 0007); EXECUTE keeps the `vector` operator class out of the parse elsewhere. Keep the WITH
-- clause equal to HNSW_INDEX_OPTIONS in packages/api/src/memory/hybrid-search.ts (the bench uses it).
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'vector')
     AND EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'chunks' AND column_name = 'embedding') THEN
    EXECUTE 'DROP INDEX IF EXISTS "chunks_embedding_hnsw_idx"';
    EXECUTE 'CREATE INDEX "chunks_embedding_hnsw_idx" ON "chunks" USING hnsw ("embedding" vector_cosine_ops) WITH (m = 16, ef_construction = 200)';
  END IF;
END
$$;
