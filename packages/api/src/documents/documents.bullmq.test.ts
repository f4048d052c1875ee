import { randomUUID } from 'node:crypto';
import { loadTestEnv } from '@devmentor/config';
import { createTestDb } from '@devmentor/db/testing';
import { chunks, eq, hasVectorExtension, type DbHandle } from '@devmentor/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBullmqQueue, type JobQueue } from '../jobs';
import { registerMemoryJobs } from '../memory/indexing';
import { callerFor, createTestProject, createTestServices, createTestUser } from '../testing';
import type { AppServices } from '../trpc/context';

const { TEST_REDIS_URL } = loadTestEnv();

describe.skipIf(!TEST_REDIS_URL)('document ingestion on BullMQ (real Redis)', () => {
  let handle: DbHandle;
  let jobs: JobQueue;
  let services: AppServices;

  beforeAll(async () => {
    handle = await createTestDb();
    jobs = await createBullmqQueue({ url: TEST_REDIS_URL!, prefix: `test-${randomUUID()}` });
    const base = createTestServices(handle, { jobs });
    services = { ...base, capabilities: { ...base.capabilities, vector: await hasVectorExtension(handle) } };
    registerMemoryJobs(services);
  });
  afterAll(async () => {
    await jobs.close();
    await handle.close();
  });

  it('runs the ingestion job through Redis and makes the document searchable', async () => {
    const owner = await createTestUser(services);
    const projectId = (await createTestProject(services, owner)).id;
    const api = callerFor(services, owner);
    const queued = await api.documents.ingest({ projectId, name: 'faq.md', mimeType: 'text/markdown', contentBase64: Buffer.from('# FAQ\n\nRefunds are processed within ten business days.').toString('base64') });
    await jobs.whenIdle();
    const done = await api.documents.status({ projectId, id: queued.id });
    expect(done).toMatchObject({ status: 'done' });
    expect((await services.db.select().from(chunks).where(eq(chunks.sourceId, queued.id))).length).toBe(done.chunkCount);
    const found = await api.memory.search({ projectId, query: 'refunds business days' });
    expect(found.items[0]).toMatchObject({ sourceType: 'document', sourceId: queued.id });
  });
});
