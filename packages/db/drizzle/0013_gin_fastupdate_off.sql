DROP INDEX "chunks_tsv_idx";--> statement-breakpoint
CREATE INDEX "chunks_tsv_idx" ON "chunks" USING gin ("tsv") WITH (fastupdate=false);