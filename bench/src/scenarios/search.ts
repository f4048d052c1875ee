import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { createAppAi, fulltextCandidates, gatewayEmbedder, HNSW_INDEX_OPTIONS, hnswEfSearch, hybridSearch, insertChunks, vectorCandidates, vectorSearchSettings, type SearchEmbedder } from '@devmentor/api';
import { loadBenchEnv, parseEnv } from '@devmentor/config';
import { hasVectorExtension, rowsOf, sql, type Database } from '@devmentor/db';
import { chunkText, prng, queryText } from '../fixtures/search-corpus';
import { corpusCache, measure, openBenchDatabase, summarize, type BenchDatabase, type BenchRow, type DatabaseMode, type Measurement, type ScenarioOptions } from '../lib';
import { BATCH, corpusKeyParts, loadCorpus, type LoadedCorpus } from '../search/load-corpus';

export const name = 'search';
export const description = 'hybrid search over 10,000 and 100,000 chunks: full-text, vector, hybrid latency, HNSW recall@10, ingestion throughput';

/** Chunk counts, `BENCH_SEARCH_SIZES` (default 10000,100000): `BENCH_SEARCH_SIZES=10000` runs the 10k size only. */
const sizes = () => loadBenchEnv().BENCH_SEARCH_SIZES.split(',').map(Number).filter((n) => n > 0);
const RECALL_QUERIES = 100;
const LIMIT = 10;

const label = (size: number) => `${size / 1000}k`;

function row(mode: DatabaseMode, operation: string, via: string, m: Pick<Measurement, 'samples' | 'p50' | 'p95' | 'p99' | 'mean' | 'max' | 'rps'>, extra: Partial<BenchRow> = {}): BenchRow {
  return { scenario: name, mode, operation, via, samples: m.samples, p50: m.p50, p95: m.p95, p99: m.p99, mean: m.mean, max: m.max, rps: m.rps, ...extra };
}

/** Whether vectorCandidates' query, with its own settings, plans through the HNSW index (else an exact scan). */
async function usesHnsw(db: Database, projectId: string, embedding: number[], k: number): Promise<boolean> {
  return db.transaction(async (tx) => {
    for (const setting of vectorSearchSettings(k)) await tx.execute(setting);
    const vector = `[${embedding.join(',')}]`;
    const plan = rowsOf<Record<string, string>>(
      await tx.execute(sql`explain select id, embedding <=> ${vector}::vector as distance from chunks
        where project_id = ${projectId} and embedding is not null order by embedding <=> ${vector}::vector limit ${k}`),
    );
    return plan.some((line) => Object.values(line).some((text) => text.includes('chunks_embedding_hnsw_idx')));
  });
}

/** Nearest neighbours without the index: the exact answer recall is measured against. */
async function exactNeighbours(db: Database, projectId: string, embedding: number[], k: number): Promise<string[]> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local enable_indexscan = off`);
    await tx.execute(sql`set local enable_bitmapscan = off`);
    const rows = await tx.execute(sql`
      select id from chunks where project_id = ${projectId} and embedding is not null
      order by embedding <=> ${`[${embedding.join(',')}]`}::vector limit ${k}`);
    return (Array.isArray(rows) ? rows : (rows as { rows: { id: string }[] }).rows).map((r: { id: string }) => r.id);
  });
}

/** A fresh corpus, or with `BENCH_SEARCH_CORPUS_DIR` (PGlite) a copy of the stored one, built and stored first when missing. */
async function openCorpus(mode: DatabaseMode, size: number, options: ScenarioOptions): Promise<{ database: BenchDatabase; corpus: LoadedCorpus; reused: boolean }> {
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

function benchEmbedder(db: Database): SearchEmbedder {
  return gatewayEmbedder(createAppAi({ env: parseEnv({ NODE_ENV: 'production', LOG_LEVEL: 'silent' }), db }));
}

function corpusRows(mode: DatabaseMode, corpus: LoadedCorpus, reused: boolean, vector: boolean): BenchRow[] {
  const size = corpus.size;
  const when = reused ? `stored corpus built ${corpus.builtAt}, ` : '';
  const load = `load average ${corpus.loadAverage.map((n) => n.toFixed(2)).join(' ')}`;
  const rows = [
    row(mode, `ingest bulk ${label(size)} (${BATCH}/batch, ${vector ? 'embed + insert' : 'insert, no vectors'})`, 'drizzle', { ...corpus.batches, rps: size / corpus.loadSeconds }, { note: `${when}${Math.round(size / corpus.loadSeconds)} chunks/s, ${load}` }),
  ];
  const buildMs = corpus.hnswBuildMs;
  if (buildMs !== null) {
    rows.push(row(mode, `HNSW index build ${label(size)} (${HNSW_INDEX_OPTIONS})`, 'sql', { samples: 1, p50: buildMs, p95: buildMs, p99: buildMs, mean: buildMs, max: buildMs, rps: size / (buildMs / 1000) }, { note: `${when}${(buildMs / 1000).toFixed(1)} s` }));
  }
  return rows;
}

async function runSize(mode: DatabaseMode, size: number, options: ScenarioOptions): Promise<BenchRow[]> {
  const { database, corpus, reused } = await openCorpus(mode, size, options);
  try {
    const db = database.handle.db;
    const vector = await hasVectorExtension(database.handle);
    const embedder = vector ? benchEmbedder(db) : null;
    const projectId = corpus.projectId;
    const rows = corpusRows(mode, corpus, reused, vector);
    rows.push(row(mode, `load average at measurement ${label(size)}`, 'os', { samples: 1, p50: 0, p95: 0, p99: 0, mean: 0, max: 0, rps: 0 }, { note: loadavg().map((n) => n.toFixed(2)).join(' ') }));

    const queryRandom = prng(size + 1);
    const queries = Array.from({ length: 200 }, () => queryText(queryRandom));
    const queryVectors = embedder ? await embedder.embed(queries, { projectId, userId: null, purpose: 'bench' }) : null;
    const search = (i: number) => ({ projectId, query: queries[i % queries.length]!, limit: LIMIT, userId: null });
    const runs = { iterations: options.iterations, warmup: options.warmup };

    const fulltext = await measure((i) => fulltextCandidates(db, search(i), LIMIT), runs);
    rows.push(row(mode, `full-text search ${label(size)}`, 'sql', fulltext));
    if (queryVectors) {
      const hnsw = await measure((i) => vectorCandidates(db, search(i), queryVectors[i % queries.length]!, LIMIT), runs);
      rows.push(row(mode, `vector search ${label(size)} (HNSW)`, 'sql', hnsw));
      const exact = await measure((i) => exactNeighbours(db, projectId, queryVectors[i % queries.length]!, LIMIT), { iterations: Math.min(50, options.iterations), warmup: 2 });
      rows.push(row(mode, `vector search ${label(size)} (exact scan)`, 'sql', exact));
    }
    const hybrid = await measure((i) => hybridSearch({ db, embedder }, search(i)), runs);
    rows.push(
      row(mode, `${embedder ? 'hybrid' : 'search (full-text fallback)'} ${label(size)}`, 'service', hybrid, {
        target: size === 100_000 && embedder ? 'p95 < 30 ms' : undefined,
        met: size === 100_000 && embedder ? hybrid.p95 < 30 : null,
        note: embedder ? 'query embedding + full-text + vector + RRF' : 'no pgvector: full-text only',
      }),
    );

    if (queryVectors) {
      // recall@10 with the product's settings (vectorCandidates(k): ef_search = hnswEfSearch(k)), against
      // the exact answer for the same queries; the note says whether the plan went through HNSW at all.
      for (const k of [LIMIT, LIMIT * 4]) {
        let total = 0;
        for (let q = 0; q < RECALL_QUERIES; q++) {
          const vectorQ = queryVectors[q]!;
          const truth = new Set(await exactNeighbours(db, projectId, vectorQ, LIMIT));
          const got = (await vectorCandidates(db, search(q), vectorQ, k)).slice(0, LIMIT);
          total += got.filter((r) => truth.has(r.id)).length / Math.max(1, truth.size);
        }
        const recall = total / RECALL_QUERIES;
        const viaIndex = await usesHnsw(db, projectId, queryVectors[0]!, k);
        rows.push(
          row(mode, `HNSW recall@10 ${label(size)} (k=${k}, ef_search=${hnswEfSearch(k)})`, 'sql', { samples: RECALL_QUERIES, p50: 0, p95: 0, p99: 0, mean: 0, max: 0, rps: 0 }, {
            target: 'recall@10 >= 0.95',
            met: recall >= 0.95,
            note: `recall@10 = ${recall.toFixed(3)}${viaIndex ? '' : ' (planner chose an exact scan, not HNSW)'}`,
          }),
        );
      }
      // Incremental ingestion into the indexed table, as documents arrive one by one.
      const random = prng(size + 2);
      const increments: number[] = [];
      const began = performance.now();
      for (let n = 0; n < 10; n++) {
        const texts = Array.from({ length: 100 }, () => chunkText(random).text);
        const t0 = performance.now();
        const vectors = await embedder!.embed(texts, { projectId, userId: null, purpose: 'bench' });
        await db.transaction((tx) =>
          insertChunks(tx, texts.map((content, i) => ({ projectId, sourceType: 'document', sourceId: `inc-${n}`, ownerId: null, chunkIndex: i, content, metadata: {}, embedding: vectors[i]! }))),
        );
        increments.push(performance.now() - t0);
      }
      const perSecond = 1000 / ((performance.now() - began) / 1000);
      rows.push(row(mode, `ingest into indexed table ${label(size)} (100/batch)`, 'drizzle', { ...summarize(increments), rps: perSecond }, { note: `${Math.round(perSecond)} chunks/s` }));
    }
    return rows;
  } finally {
    await database.drop();
  }
}

export async function run(options: ScenarioOptions): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const mode of options.modes) {
    for (const size of sizes()) {
      options.log(`search: ${mode}, ${size} chunks`);
      rows.push(...(await runSize(mode, size, options)));
    }
  }
  return rows;
}
