import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { HNSW_INDEX_OPTIONS, insertChunks, type ChunkRow, type SearchEmbedder } from '@devmentor/api';
import { projects, sql, users, type Database } from '@devmentor/db';
import { chunkText, prng } from '../fixtures/search-corpus';
import { summarize, type Summary } from '../lib/stats';

export const BATCH = 500;

/** What loading a corpus measured, kept with a stored corpus so a reuse can still report it. */
export interface LoadedCorpus {
  projectId: string;
  size: number;
  /** Per-batch embed + insert times, and the whole load in seconds. */
  batches: Summary;
  loadSeconds: number;
  /** null without pgvector. */
  hnswBuildMs: number | null;
  builtAt: string;
  /** 1, 5 and 15 minute load averages when the load finished: the machine is shared. */
  loadAverage: number[];
}

/**
 * Everything that shapes a stored corpus: a change to any of these builds a new one. Migrations are
 * not part of it: opening a copy applies the ones added since (a migration that rebuilds the HNSW
 * index would then rebuild it on every open: change HNSW_INDEX_OPTIONS with it, which is keyed).
 */
export function corpusKeyParts(size: number): string[] {
  const fixture = readFileSync(new URL('../fixtures/search-corpus.ts', import.meta.url), 'utf8');
  return [`size=${size}`, `batch=${BATCH}`, `hnsw=${HNSW_INDEX_OPTIONS}`, fixture];
}

async function seedProject(db: Database): Promise<string> {
  const [user] = await db.insert(users).values({ email: `bench-${randomUUID()}@example.test`, name: 'Bench' }).returning({ id: users.id });
  const [project] = await db
    .insert(projects)
    .values({ ownerId: user!.id, name: 'Search bench', slug: `search-${randomUUID().slice(0, 8)}`, keyPrefix: 'SB' })
    .returning({ id: projects.id });
  return project!.id;
}

/**
 * One project of `size` chunks of the fixture text (seeded by size: the same corpus every run),
 * bulk loaded with the HNSW index dropped, then indexed with the product's parameters (2.6-3.6x
 * faster than inserting into the index) and analyzed.
 */
export async function loadCorpus(db: Database, size: number, embedder: SearchEmbedder | null, log: (line: string) => void): Promise<LoadedCorpus> {
  const projectId = await seedProject(db);
  const random = prng(size);
  if (embedder) await db.execute(sql`drop index if exists chunks_embedding_hnsw_idx`);
  const batchTimes: number[] = [];
  const loadStart = performance.now();
  for (let start = 0; start < size; start += BATCH) {
    const texts = Array.from({ length: Math.min(BATCH, size - start) }, () => chunkText(random));
    const began = performance.now();
    const vectors = embedder ? await embedder.embed(texts.map((t) => t.text), { projectId, userId: null, purpose: 'bench' }) : null;
    const batch: ChunkRow[] = texts.map((t, i) => ({
      projectId,
      sourceType: 'document',
      sourceId: `doc-${Math.floor((start + i) / 20)}`,
      ownerId: null,
      chunkIndex: (start + i) % 20,
      content: t.text,
      metadata: { topic: t.topic },
      embedding: vectors?.[i] ?? null,
    }));
    await db.transaction((tx) => insertChunks(tx, batch));
    batchTimes.push(performance.now() - began);
    if ((start / BATCH) % 40 === 0) log(`  ${size} chunks: ${start + batch.length} loaded`);
  }
  const loadSeconds = (performance.now() - loadStart) / 1000;
  let hnswBuildMs: number | null = null;
  if (embedder) {
    log(`  ${size} chunks: building the HNSW index (${HNSW_INDEX_OPTIONS})`);
    // pgvector builds in memory while the graph fits in maintenance_work_mem (64 MB by default, a
    // 100k graph is 195 MB); past it, the build goes on through the buffer cache, much slower.
    await db.execute(sql`set maintenance_work_mem = '1GB'`);
    const began = performance.now();
    // The same build parameters as the product's index (migration 0011).
    await db.execute(sql.raw(`create index chunks_embedding_hnsw_idx on chunks using hnsw (embedding vector_cosine_ops) with (${HNSW_INDEX_OPTIONS})`));
    hnswBuildMs = performance.now() - began;
  }
  await db.execute(sql`analyze chunks`);
  return { projectId, size, batches: summarize(batchTimes), loadSeconds, hnswBuildMs, builtAt: new Date().toISOString(), loadAverage: loadavg() };
}


