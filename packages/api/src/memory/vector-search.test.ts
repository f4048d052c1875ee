import { createOfflineEmbedder } from '@devmentor/ai';
import { createSocketServedTestDb, createTestDb } from '@devmentor/db/testing';
import { hasVectorExtension, rowsOf, sql, type DbHandle } from '@devmentor/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor, createTestProject, createTestUser, type TestUser } from '../testing';
import type { AppServices } from '../trpc/context';
import { insertChunks } from './chunks';
import { HNSW_INDEX_OPTIONS } from './hnsw-settings';
import { createMemoryTestServices } from './testing/memory-services';

/**
 * Vectors through the postgres-js driver: PGlite (which has pgvector) served on loopback, since the
 * PostgreSQL here has no pgvector. The same suite then checks the full-text fallback on whatever
 * `createTestDb()` gives (PGlite, or the real PostgreSQL with TEST_DATABASE_URL).
 */
describe('vector search through postgres-js (PGlite over the wire)', () => {
  let handle: DbHandle;
  let services: AppServices;
  let owner: TestUser;
  let projectId: string;

  beforeAll(async () => {
    handle = await createSocketServedTestDb();
    expect(handle.mode).toBe('postgres');
    expect(await hasVectorExtension(handle)).toBe(true);
    services = createMemoryTestServices(handle, true);
    owner = await createTestUser(services);
    projectId = (await createTestProject(services, owner)).id;
  });
  afterAll(async () => {
    await services.jobs.close();
    await handle.close();
  });

  it('builds the HNSW index with the parameters the search settings are tuned for', async () => {
    const [index] = rowsOf<{ options: string[] }>(
      await services.db.execute(sql`select c.reloptions as options from pg_class c where c.relname = 'chunks_embedding_hnsw_idx'`),
    );
    const expected = HNSW_INDEX_OPTIONS.split(',').map((option) => option.replace(/\s/g, ''));
    expect(index?.options).toEqual(expected);
  });

  it('stores embeddings and fuses full-text with vector results', async () => {
    const api = callerFor(services, owner);
    const stored = await api.memory.store({ projectId, content: 'Kubernetes cluster upgrades happen in the maintenance window.', type: 'fact' });
    const rows = rowsOf<{ dims: number }>(await services.db.execute(sql`select vector_dims(embedding) as dims from chunks where source_id = ${stored.id}`));
    expect(rows[0]?.dims).toBe(384);

    const found = await api.memory.search({ projectId, query: 'kubernetes upgrades' });
    expect(found.mode).toBe('hybrid');
    expect(found.items[0]).toMatchObject({ sourceId: stored.id, matchedBy: { fulltext: true, vector: true } });

    // Misspelt words match no lexeme; character n-grams still bring the memory back.
    const fuzzy = await api.memory.search({ projectId, query: 'kubernets clustr upgrade' });
    expect(fuzzy.items[0]).toMatchObject({ sourceId: stored.id, matchedBy: { vector: true } });
  });

  it('keeps recall for a small project next to a large one (iterative index scan)', async () => {
    const big = await createTestProject(services, owner);
    const embedder = createOfflineEmbedder();
    const topics = ['billing invoices', 'search ranking', 'login sessions', 'board columns', 'sprint planning'];
    const texts = Array.from({ length: 400 }, (_, i) => `Note ${i} about ${topics[i % topics.length]} and release ${i % 17}`);
    const { vectors } = await embedder.embed(texts);
    await insertChunks(
      services.db,
      texts.map((content, i) => ({ projectId: big.id, sourceType: 'chat', sourceId: `msg-${i}`, ownerId: null, chunkIndex: 0, content, metadata: {}, embedding: vectors[i]! })),
    );
    const small = await createTestProject(services, owner);
    const api = callerFor(services, owner);
    const mine = [];
    for (const content of ['Invoices for billing go out monthly', 'Billing invoices need a VAT number', 'Ranking of search results uses BM25']) {
      mine.push((await api.memory.store({ projectId: small.id, content, type: 'note' })).id);
    }
    const found = await api.memory.search({ projectId: small.id, query: 'billing invoices', limit: 10 });
    expect(found.items.map((item) => item.sourceId).sort()).toEqual([...mine].sort());
  });
});

describe('full-text fallback where pgvector is missing', () => {
  let handle: DbHandle;
  let services: AppServices;
  let owner: TestUser;
  let projectId: string;

  beforeAll(async () => {
    handle = await createTestDb();
    // The real PostgreSQL here has no pgvector; on PGlite the capability is switched off the same way.
    services = createMemoryTestServices(handle, false);
    owner = await createTestUser(services);
    projectId = (await createTestProject(services, owner)).id;
  });
  afterAll(async () => {
    await services.jobs.close();
    await handle.close();
  });

  it('searches by full-text ranking only and says so', async () => {
    const api = callerFor(services, owner);
    const stored = await api.memory.store({ projectId, content: 'Incident postmortems are due within five working days.', type: 'lesson' });
    const found = await api.memory.search({ projectId, query: 'postmortem incident' });
    expect(found.mode).toBe('fulltext');
    expect(found.items[0]).toMatchObject({ sourceId: stored.id, matchedBy: { fulltext: true, vector: false } });
    const retrieved = await api.memory.retrieve({ projectId, context: 'When is the incident postmortem due?' });
    expect(retrieved.mode).toBe('fulltext');
    expect(retrieved.items[0]?.memory.id).toBe(stored.id);
  });
});
