-- Embeddings only where pgvector is installed (embedded PGlite always; a PostgreSQL server may not
-- have it, and then search runs on full-text ranking alone). 384 is the product's one embedding
-- dimension (packages/ai). EXECUTE keeps the `vector` type out of the parse where it does not exist.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'vector') THEN
    EXECUTE 'ALTER TABLE "chunks" ADD COLUMN IF NOT EXISTS "embedding" vector(384)';
    EXECUTE 'CREATE INDEX IF NOT EXISTS "chunks_embedding_hnsw_idx" ON "chunks" USING hnsw ("embedding" vector_cosine_ops)';
  END IF;
END
$$;
