import { createAppAi, gatewayEmbedder, type SearchEmbedder } from '@devmentor/api';
import { loadBenchEnv, parseEnv } from '@devmentor/config';
import { hasVectorExtension, type Database } from '@devmentor/db';
import { corpusCache, openBenchDatabase, type BenchDatabase, type DatabaseMode, type ScenarioOptions } from '../lib';
import { corpusKeyParts, loadCorpus, type LoadedCorpus } from './load-corpus';

/**
 * The search bench's PGlite buffer cache (the product's `PGLITE_SHARED_BUFFERS_MB`): the 100k corpus
 * reads a 195 MB HNSW index, a 117 MB table and its 156 MB of out-of-line vectors. With PGlite's
 * default 128 MB, every miss is a file read from WebAssembly: 100k vector search p50 35 -> 17 ms.
 */
export const SEARCH_SHARED_BUFFERS_MB = 1024;

export function benchEmbedder(db: Database): SearchEmbedder {
  return gatewayEmbedder(createAppAi({ env: parseEnv({ NODE_ENV: 'production', LOG_LEVEL: 'silent' }), db }));
}

/** A fresh corpus, or with `BENCH_SEARCH_CORPUS_DIR` (PGlite) a copy of the stored one, built and stored first when missing. */
export async function openCorpus(mode: DatabaseMode, size: number, options: ScenarioOptions): Promise<{ database: BenchDatabase; corpus: LoadedCorpus; reused: boolean }> {
  const root = loadBenchEnv().BENCH_SEARCH_CORPUS_DIR;
  const pglite = { sharedBuffersMb: SEARCH_SHARED_BUFFERS_MB };
  const cache = root && mode === 'pglite' ? corpusCache<LoadedCorpus>(root, `search-${size}`, corpusKeyParts(size), pglite) : null;
  const stored = await cache?.open();
  if (stored) {
    options.log(`  reusing the stored corpus ${cache!.key} (built ${stored.meta.builtAt})`);
    return { database: stored.database, corpus: stored.meta, reused: true };
  }
  const database = await openBenchDatabase(mode, options.postgresUrl, pglite);
  try {
    const vector = await hasVectorExtension(database.handle);
    const corpus = await loadCorpus(database.handle.db, size, vector ? benchEmbedder(database.handle.db) : null, (line) => options.log(`  ${mode}${line}`));
    if (!cache) return { database, corpus, reused: false };
    options.log(`  storing the corpus as ${cache.key}`);
    return { database: await cache.save(database, corpus), corpus, reused: false };
  } catch (error) {
    await database.drop();
    throw error;
  }
}
