import { createAppAi, gatewayEmbedder, type SearchEmbedder } from '@devmentor/api';
import { loadBenchEnv, parseEnv } from '@devmentor/config';
import { hasVectorExtension, type Database } from '@devmentor/db';
import { corpusCache, openBenchDatabase, type BenchDatabase, type DatabaseMode, type ScenarioOptions } from '../lib';
import { corpusKeyParts, loadCorpus, type LoadedCorpus } from './load-corpus';

export function benchEmbedder(db: Database): SearchEmbedder {
  return gatewayEmbedder(createAppAi({ env: parseEnv({ NODE_ENV: 'production', LOG_LEVEL: 'silent' }), db }));
}

/** A fresh corpus, or with `BENCH_SEARCH_CORPUS_DIR` (PGlite) a copy of the stored one, built and stored first when missing. */
export async function openCorpus(mode: DatabaseMode, size: number, options: ScenarioOptions): Promise<{ database: BenchDatabase; corpus: LoadedCorpus; reused: boolean }> {
  const root = loadBenchEnv().BENCH_SEARCH_CORPUS_DIR;
  const cache = root && mode === 'pglite' ? corpusCache<LoadedCorpus>(root, `search-${size}`, corpusKeyParts(size)) : null;
  const stored = await cache?.open();
  if (stored) {
    options.log(`  reusing the stored corpus ${cache!.key} (built ${stored.meta.builtAt})`);
    return { database: stored.database, corpus: stored.meta, reused: true };
  }
  const database = await openBenchDatabase(mode, options.postgresUrl);
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
