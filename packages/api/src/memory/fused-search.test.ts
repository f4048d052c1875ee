import { createOfflineEmbedder } from '@devmentor/ai';
import { rowsOf, sql, type DbHandle } from '@devmentor/db';
import { createSocketServedTestDb } from '@devmentor/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestProject, createTestServices, createTestUser } from '../testing';
import { insertChunks, type ChunkSourceType } from './chunks';
import { fusedSearch } from './fused-search';
import { hnswEfSearch, hnswEfSearchSql, vectorSearchSettings } from './hnsw-settings';
import { reciprocalRankFusion } from './rrf';
import { fulltextCandidates, vectorCandidates } from './search-candidates';
import type { SearchOptions } from './search-types';

const embedder = createOfflineEmbedder();
const topics = ['billing invoices and refunds', 'search ranking and synonyms', 'login sessions and tokens', 'board columns and drag handles', 'sprint planning and velocity'];

describe('fused hybrid search (one statement) through postgres-js on PGlite', () => {
  let handle: DbHandle;
  let projectId: string;
  let otherProjectId: string;

  beforeAll(async () => {
    handle = await createSocketServedTestDb();
    const services = createTestServices(handle);
    const owner = await createTestUser(services);
    projectId = (await createTestProject(services, owner)).id;
    otherProjectId = (await createTestProject(services, owner)).id;
    for (const [project, count] of [
      [projectId, 240],
      [otherProjectId, 120],
    ] as const) {
      const texts = Array.from({ length: count }, (_, i) => `Note ${i}: ${topics[i % topics.length]}, release ${i % 13}, owner team ${i % 7}`);
      const { vectors } = await embedder.embed(texts);
      const sources: ChunkSourceType[] = ['memory', 'item', 'document'];
      await insertChunks(
        handle.db,
        texts.map((content, i) => ({ projectId: project, sourceType: sources[i % 3]!, sourceId: `src-${i}`, ownerId: null, chunkIndex: 0, content, metadata: { i }, embedding: vectors[i]! })),
      );
    }
  });
  afterAll(async () => {
    await handle.close();
  });

  const cases: Partial<SearchOptions>[] = [
    { query: 'billing invoices' },
    { query: 'sprint velocity release 3' },
    { query: 'login tokens', sourceTypes: ['memory', 'document'] },
    { query: 'ranking synonyms board', match: 'any' },
    { query: 'nothing matches this zebra' },
  ];

  it.each(cases)('ranks like RRF over the two retrievers, within the project: %o', async (partial) => {
    const options: SearchOptions = { projectId, query: '', limit: 10, userId: null, ...partial };
    const [vector] = (await embedder.embed([options.query])).vectors;
    const k = 40;
    const expected = reciprocalRankFusion(
      [
        { name: 'fulltext', rows: await fulltextCandidates(handle.db, options, k) },
        { name: 'vector', rows: await vectorCandidates(handle.db, options, vector!, k) },
      ],
      options.limit,
    );
    const fused = await fusedSearch(handle.db, options, vector!, k);
    expect(fused).toEqual(expected);
    expect(fused.length).toBe(10);
    const ids = fused.map((hit) => hit.chunkId);
    const owners = rowsOf<{ project_id: string; source_type: string }>(
      await handle.db.execute(sql`select project_id, source_type from chunks where id in (${sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `)})`),
    );
    expect(owners.every((row) => row.project_id === projectId)).toBe(true);
    if (options.sourceTypes) expect(owners.every((row) => options.sourceTypes!.includes(row.source_type as ChunkSourceType))).toBe(true);
  });

  it('sets ef_search from the index size in the same statement as the other settings', async () => {
    const settings = await handle.db.transaction(async (tx) => {
      await tx.execute(vectorSearchSettings(150));
      return rowsOf<Record<string, string>>(
        await tx.execute(sql`select current_setting('hnsw.ef_search') as ef, current_setting('hnsw.iterative_scan') as scan, current_setting('enable_seqscan') as seqscan`),
      )[0];
    });
    // 360 chunks is far below the base size: 2k wins.
    expect(settings).toEqual({ ef: '300', scan: 'relaxed_order', seqscan: 'off' });
    // Local to the transaction: a pooled connection does not keep it.
    const after = rowsOf<{ scan: string }>(await handle.db.execute(sql`select current_setting('hnsw.iterative_scan') as scan`))[0];
    expect(after?.scan).not.toBe('relaxed_order');
  });

  it('computes ef_search in SQL exactly as hnswEfSearch does', async () => {
    for (const k of [10, 40, 150, 600]) {
      for (const chunks of [0, 5_000, 10_000, 30_000, 100_000, 1_000_000, 1e8]) {
        const [row] = rowsOf<{ ef: number }>(await handle.db.execute(sql`select ${hnswEfSearchSql(k, sql`${chunks}::float8`)} as ef`));
        expect(Number(row?.ef), `k=${k} chunks=${chunks}`).toBe(hnswEfSearch(k, chunks));
      }
    }
    expect(hnswEfSearch(10, 10_000)).toBe(150);
    expect(hnswEfSearch(10, 100_000)).toBe(453);
    expect(hnswEfSearch(600, 0)).toBe(1000);
  });
});
