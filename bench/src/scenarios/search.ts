import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import {
  candidateCount,
  fulltextCandidates,
  fulltextQuery,
  fusedSearchQuery,
  HNSW_INDEX_OPTIONS,
  hybridSearch,
  insertChunks,
  reciprocalRankFusion,
  vectorCandidates,
  vectorQuery,
  type SearchEmbedder,
} from '@devmentor/api';
import { loadBenchEnv } from '@devmentor/config';
import { hasVectorExtension, type Database } from '@devmentor/db';
import { chunkText, prng, queryText } from '../fixtures/search-corpus';
import { measure, measureInterleaved, summarize, type BenchRow, type DatabaseMode, type Measurement, type ScenarioOptions } from '../lib';
import { BATCH, type LoadedCorpus } from '../search/load-corpus';
import { benchEmbedder, openCorpus, SEARCH_SHARED_BUFFERS_MB } from '../search/open-corpus';
import { exactNeighbours, hnswRecall } from '../search/recall';
import { effectiveEfSearch, explainWork, meanWork } from '../search/work';

export const name = 'search';
export const description = 'hybrid search over 10,000 and 100,000 chunks: full-text, vector, hybrid latency, HNSW recall@10, ingestion throughput';

/** Chunk counts, `BENCH_SEARCH_SIZES` (default 10000,100000): `BENCH_SEARCH_SIZES=10000` runs the 10k size only. */
const sizes = () => loadBenchEnv().BENCH_SEARCH_SIZES.split(',').map(Number).filter((n) => n > 0);
const RECALL_QUERIES = 100;
/** Queries EXPLAIN (ANALYZE, BUFFERS) runs over for the buffers-per-query figures. */
const WORK_QUERIES = 50;
const LIMIT = 10;

const label = (size: number) => `${size / 1000}k`;
const loadAverage = () => `load average ${loadavg().map((n) => n.toFixed(2)).join(' ')}`;
const none = { samples: 0, p50: 0, p95: 0, p99: 0, mean: 0, max: 0, rps: 0 };

function row(mode: DatabaseMode, operation: string, via: string, m: Pick<Measurement, 'samples' | 'p50' | 'p95' | 'p99' | 'mean' | 'max' | 'rps'>, extra: Partial<BenchRow> = {}): BenchRow {
  return { scenario: name, mode, operation, via, samples: m.samples, p50: m.p50, p95: m.p95, p99: m.p99, mean: m.mean, max: m.max, rps: m.rps, ...extra };
}

function corpusRows(mode: DatabaseMode, corpus: LoadedCorpus, reused: boolean, vector: boolean): BenchRow[] {
  const size = corpus.size;
  const when = reused ? `stored corpus built ${corpus.builtAt}, ` : '';
  const load = `load average ${corpus.loadAverage.map((n) => n.toFixed(2)).join(' ')}`;
  const rows = [
    row(mode, `ingest bulk ${label(size)} (${BATCH}/batch, ${vector ? 'embed + insert' : 'insert, no vectors'})`, 'drizzle', { ...corpus.batches, rps: size / corpus.loadSeconds }, { note: `${when}${Math.round(size / corpus.loadSeconds)} chunks/s, ${load}` }),
  ];
  const ms = corpus.hnswBuildMs;
  if (ms !== null) rows.push(row(mode, `HNSW index build ${label(size)} (${HNSW_INDEX_OPTIONS})`, 'sql', { samples: 1, p50: ms, p95: ms, p99: ms, mean: ms, max: ms, rps: size / (ms / 1000) }, { note: `${when}${(ms / 1000).toFixed(1)} s` }));
  return rows;
}

/** Latency, buffers per query and recall of the three retrievals on one corpus. */
async function measureSearch(mode: DatabaseMode, size: number, db: Database, projectId: string, embedder: SearchEmbedder | null, options: ScenarioOptions): Promise<BenchRow[]> {
  const cache = mode === 'pglite' ? `; PGlite shared_buffers ${SEARCH_SHARED_BUFFERS_MB} MB` : '';
  const rows: BenchRow[] = [row(mode, `load average at measurement ${label(size)}`, 'os', none, { note: `${loadAverage()}${cache}` })];
  const queryRandom = prng(size + 1);
  const queries = Array.from({ length: 200 }, () => queryText(queryRandom));
  const queryVectors = embedder ? await embedder.embed(queries, { projectId, userId: null, purpose: 'bench' }) : null;
  const search = (i: number) => ({ projectId, query: queries[i % queries.length]!, limit: LIMIT, userId: null });
  const vectorOf = (i: number) => queryVectors![i % queries.length]!;
  const sample = Array.from({ length: WORK_QUERIES }, (_, i) => i);
  const runs = { iterations: options.iterations, warmup: options.warmup };
  const k = candidateCount(LIMIT);

  const fulltext = await measure((i) => fulltextCandidates(db, search(i), LIMIT), runs);
  const fulltextWork = await meanWork(db, sample.map((i) => fulltextQuery(search(i), LIMIT)), LIMIT);
  rows.push(row(mode, `full-text search ${label(size)}`, 'sql', fulltext, { note: `${fulltextWork.buffers} buffers/query` }));
  if (!queryVectors || !embedder) {
    const fallback = await measure((i) => hybridSearch({ db, embedder: null }, search(i)), runs);
    rows.push(row(mode, `search (full-text fallback) ${label(size)}`, 'service', fallback, { note: 'no pgvector: full-text only' }));
    return rows;
  }

  const hnsw = await measure((i) => vectorCandidates(db, search(i), vectorOf(i), LIMIT), runs);
  const hnswWork = await meanWork(db, sample.map((i) => vectorQuery(search(i), vectorOf(i), LIMIT)), LIMIT);
  rows.push(row(mode, `vector search ${label(size)} (HNSW, ef_search=${await effectiveEfSearch(db, LIMIT)})`, 'sql', hnsw, { note: `${hnswWork.buffers} buffers/query, ${hnswWork.viaIndex}/${WORK_QUERIES} plans via HNSW` }));
  const exact = await measure((i) => exactNeighbours(db, projectId, vectorOf(i), LIMIT), { iterations: Math.min(50, options.iterations), warmup: 2 });
  rows.push(row(mode, `vector search ${label(size)} (exact scan)`, 'sql', exact));

  // The product's one-statement hybrid against the former shape (two queries, every candidate's text,
  // RRF in the application), alternated call by call so both see the same load.
  const twoQueries = async (i: number) => {
    const [vector] = await embedder.embed([search(i).query], { projectId, userId: null, purpose: 'bench' });
    const lists = [
      { name: 'fulltext' as const, rows: await fulltextCandidates(db, search(i), k) },
      { name: 'vector' as const, rows: await vectorCandidates(db, search(i), vector!, k) },
    ];
    return reciprocalRankFusion(lists, LIMIT);
  };
  const hybrid = await measureInterleaved({ fused: (i) => hybridSearch({ db, embedder }, search(i)), twoQueries }, runs);
  let fusedBuffers = 0;
  let twoQueryBuffers = 0;
  for (const i of sample) {
    fusedBuffers += (await explainWork(db, fusedSearchQuery(search(i), vectorOf(i), k), k)).buffers;
    twoQueryBuffers += (await explainWork(db, fulltextQuery(search(i), k), k)).buffers + (await explainWork(db, vectorQuery(search(i), vectorOf(i), k), k)).buffers;
  }
  const at100k = size === 100_000;
  rows.push(
    row(mode, `hybrid ${label(size)}`, 'service', hybrid.fused, {
      target: at100k ? 'p95 < 30 ms' : undefined,
      met: at100k ? hybrid.fused.p95 < 30 : null,
      note: `query embedding + one statement (full-text, vector, RRF, text of the top ${LIMIT}); ${Math.round(fusedBuffers / WORK_QUERIES)} buffers/query`,
    }),
    row(mode, `hybrid ${label(size)}, two queries + RRF in the app (former shape)`, 'service', hybrid.twoQueries, {
      note: `same settings, measured alternately with the row above; ${Math.round(twoQueryBuffers / WORK_QUERIES)} buffers/query; p50 ratio one statement / two queries = ${(hybrid.fused.p50 / hybrid.twoQueries.p50).toFixed(2)}`,
    }),
  );

  // recall@10 of the product's vectorCandidates(k) against the exact answer for the same queries; the
  // note says whether the plan went through HNSW at all.
  const truths = new Map<number, Set<string>>();
  for (const candidates of [LIMIT, k]) {
    const recall = await hnswRecall(db, projectId, queryVectors.slice(0, RECALL_QUERIES), candidates, LIMIT, truths);
    const viaIndex = (await explainWork(db, vectorQuery(search(0), vectorOf(0), candidates), candidates)).usesIndex;
    rows.push(
      row(mode, `HNSW recall@10 ${label(size)} (k=${candidates}, ef_search=${await effectiveEfSearch(db, candidates)})`, 'sql', { ...none, samples: RECALL_QUERIES }, {
        target: 'recall@10 >= 0.95',
        met: recall >= 0.95,
        note: `recall@10 = ${recall.toFixed(3)}${viaIndex ? '' : ' (planner chose an exact scan, not HNSW)'}`,
      }),
    );
  }
  return rows;
}

/** Incremental ingestion into the indexed table, as documents arrive one by one. */
async function measureIncrementalIngest(mode: DatabaseMode, size: number, db: Database, projectId: string, embedder: SearchEmbedder): Promise<BenchRow> {
  const random = prng(size + 2);
  const increments: number[] = [];
  const began = performance.now();
  for (let n = 0; n < 10; n++) {
    const texts = Array.from({ length: 100 }, () => chunkText(random).text);
    const t0 = performance.now();
    const vectors = await embedder.embed(texts, { projectId, userId: null, purpose: 'bench' });
    await db.transaction((tx) =>
      insertChunks(tx, texts.map((content, i) => ({ projectId, sourceType: 'document', sourceId: `inc-${n}`, ownerId: null, chunkIndex: i, content, metadata: {}, embedding: vectors[i]! }))),
    );
    increments.push(performance.now() - t0);
  }
  const perSecond = 1000 / ((performance.now() - began) / 1000);
  return row(mode, `ingest into indexed table ${label(size)} (100/batch)`, 'drizzle', { ...summarize(increments), rps: perSecond }, { note: `${Math.round(perSecond)} chunks/s` });
}

async function runSize(mode: DatabaseMode, size: number, options: ScenarioOptions): Promise<BenchRow[]> {
  const { database, corpus, reused } = await openCorpus(mode, size, options);
  try {
    const db = database.handle.db;
    const vector = await hasVectorExtension(database.handle);
    const embedder = vector ? benchEmbedder(db) : null;
    const rows = corpusRows(mode, corpus, reused, vector);
    rows.push(...(await measureSearch(mode, size, db, corpus.projectId, embedder, options)));
    if (embedder) rows.push(await measureIncrementalIngest(mode, size, db, corpus.projectId, embedder));
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
