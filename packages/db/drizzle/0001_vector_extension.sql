-- pgvector is optional: embedded PGlite always has it, a PostgreSQL server may not.
-- Where it is missing the product falls back to full-text search and /ready says so.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'vector') THEN
    CREATE EXTENSION IF NOT EXISTS vector;
  END IF;
END
$$;
