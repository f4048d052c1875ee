import { createTestDb } from '@devmentor/db/testing';
import { and, chunks, documents, eq, events, hasVectorExtension, sql, type DbHandle } from '@devmentor/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replaceSourceChunks } from '../memory/chunks';
import { createMemoryTestServices } from '../memory/testing/memory-services';
import { callerFor, createTestProject, createTestUser, type TestUser } from '../testing';
import type { AppServices } from '../trpc/context';
import { PASSAGE_LIMIT } from './document-passages';
import { minimalPdf } from './testing/minimal-pdf';

const b64 = (value: string | Buffer) => Buffer.from(value).toString('base64');

describe('documents', () => {
  let handle: DbHandle;
  let services: AppServices;
  let owner: TestUser;
  let viewer: TestUser;
  let outsider: TestUser;
  let projectId: string;

  beforeAll(async () => {
    handle = await createTestDb();
    services = createMemoryTestServices(handle, await hasVectorExtension(handle), { DOCUMENT_MAX_BYTES: '4096' });
    owner = await createTestUser(services);
    viewer = await createTestUser(services);
    outsider = await createTestUser(services);
    projectId = (await createTestProject(services, owner, [{ user: viewer, role: 'viewer' }])).id;
  });
  afterAll(async () => {
    await services.jobs.close();
    await handle.close();
  });

  const docChunks = (id: string) => services.db.select().from(chunks).where(eq(chunks.sourceId, id));

  async function ingestAndWait(name: string, mimeType: 'text/markdown' | 'text/plain' | 'text/html' | 'application/pdf', content: string | Buffer) {
    const api = callerFor(services, owner);
    const queued = await api.documents.ingest({ projectId, name, mimeType, contentBase64: b64(content) });
    expect(queued.status).toBe('queued');
    await services.jobs.whenIdle();
    return api.documents.status({ projectId, id: queued.id });
  }

  it.each([
    ['notes.md', 'text/markdown' as const, '# Release runbook\n\nRun the **canary** deploy, then watch [the dashboard](https://x.test).', 'canary runbook'],
    ['notes.txt', 'text/plain' as const, 'Our on-call rotation changes every Monday at noon.', 'rotation monday'],
    ['page.html', 'text/html' as const, '<html><head><title>x</title><style>p{}</style></head><body><h1>Incident review</h1><p>The cache stampede took down search &amp; login.</p><script>var stampede=1</script></body></html>', 'cache stampede'],
    ['spec.pdf', 'application/pdf' as const, minimalPdf('Quarterly forecast for warehouse robotics'), 'warehouse robotics forecast'],
  ])('ingests %s as a job and makes it searchable', async (name, mimeType, content, query) => {
    const done = await ingestAndWait(name, mimeType, content);
    expect(done).toMatchObject({ status: 'done', failureReason: null });
    expect(done.chunkCount).toBeGreaterThan(0);
    // The activity feed names the document it finished reading.
    const [completion] = await services.db.select().from(events).where(and(eq(events.entityId, done.id), eq(events.action, 'completed')));
    expect(completion?.diff).toMatchObject({ name, chunkCount: done.chunkCount });
    const stored = await docChunks(done.id);
    expect(stored.map((chunk) => chunk.content).join(' ')).not.toMatch(/<script|<p>|\*\*|https:\/\/x\.test/);
    // What the AI read, in order, for a viewer to check.
    const read = await callerFor(services, viewer).documents.passages({ projectId, id: done.id });
    expect(read).toMatchObject({ document: { id: done.id, name, status: 'done' }, truncated: false });
    expect(read.passages.map((passage) => passage.index)).toEqual(stored.map((chunk) => chunk.chunkIndex).sort((a, b) => a - b));
    expect(read.passages.map((passage) => passage.content).join(' ')).toContain(query.split(' ')[0]!);
    const found = await callerFor(services, viewer).memory.search({ projectId, query, sources: ['document'] });
    expect(found.items[0]).toMatchObject({ sourceType: 'document', sourceId: done.id });
  });

  it.each([
    ['broken.pdf', 'application/pdf' as const, Buffer.from('%PDF-1.4\nthis is not really a pdf\n%%EOF')],
    ['binary.txt', 'text/plain' as const, Buffer.from([0xff, 0xfe, 0x00, 0x81, 0x00])],
    ['empty.html', 'text/html' as const, '<html><body><script>only()</script></body></html>'],
  ])('fails %s clearly and indexes nothing', async (name, mimeType, content) => {
    const failed = await ingestAndWait(name, mimeType, content);
    expect(failed.status).toBe('failed');
    expect(failed.failureReason).toEqual(expect.any(String));
    expect(failed.chunkCount).toBe(0);
    expect(await docChunks(failed.id)).toHaveLength(0);
    expect((await callerFor(services, owner).documents.passages({ projectId, id: failed.id })).passages).toEqual([]);
  });

  it('refuses a file over the size limit and a viewer upload', async () => {
    const api = callerFor(services, owner);
    await expect(api.documents.ingest({ projectId, name: 'big.txt', mimeType: 'text/plain', contentBase64: b64('x'.repeat(5000)) })).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    await expect(callerFor(services, viewer).documents.ingest({ projectId, name: 'a.txt', mimeType: 'text/plain', contentBase64: b64('hello') })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(callerFor(services, outsider).documents.list({ projectId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('lists with a cursor and deletes a document with its chunks', async () => {
    const api = callerFor(services, owner);
    const first = await api.documents.list({ projectId, limit: 2 });
    expect(first.items).toHaveLength(2);
    expect(first.maxBytes).toBe(4096);
    expect(first.nextCursor).not.toBeNull();
    const second = await api.documents.list({ projectId, limit: 100, cursor: first.nextCursor! });
    const ids = [...first.items, ...second.items].map((doc) => doc.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeGreaterThanOrEqual(7);

    const doc = first.items.find((item) => item.status === 'done') ?? second.items.find((item) => item.status === 'done')!;
    await expect(callerFor(services, viewer).documents.delete({ projectId, id: doc.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await api.documents.delete({ projectId, id: doc.id });
    expect(await docChunks(doc.id)).toHaveLength(0);
    await expect(api.documents.status({ projectId, id: doc.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('pages through documents created in the same millisecond without skipping any', async () => {
    const api = callerFor(services, owner);
    const project = (await createTestProject(services, owner)).id;
    const queued = [];
    for (const name of ['a.txt', 'b.txt', 'c.txt']) queued.push(await api.documents.ingest({ projectId: project, name, mimeType: 'text/plain', contentBase64: b64(`text of ${name}`) }));
    await services.jobs.whenIdle();
    // Microseconds apart: a cursor that kept only milliseconds would skip the rows after the first.
    const base = '2026-01-01T00:00:00.123';
    for (const [i, document] of queued.entries()) {
      await services.db.update(documents).set({ createdAt: sql`${`${base}00${i + 1}Z`}::timestamptz` }).where(eq(documents.id, document.id));
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await api.documents.list({ projectId: project, limit: 1, cursor });
      seen.push(...page.items.map((document) => document.name));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(['c.txt', 'b.txt', 'a.txt']);
  });

  it(`returns at most ${PASSAGE_LIMIT} passages of a long document, in order, and says it cut the rest`, async () => {
    const done = await ingestAndWait('long.txt', 'text/plain', 'placeholder');
    const pieces = Array.from({ length: PASSAGE_LIMIT + 5 }, (_, i) => ({ content: `passage ${i}` }));
    await replaceSourceChunks(services.db, { projectId, sourceType: 'document', sourceId: done.id, ownerId: owner.id }, pieces, null);
    const read = await callerFor(services, viewer).documents.passages({ projectId, id: done.id });
    expect(read.truncated).toBe(true);
    expect(read.passages).toHaveLength(PASSAGE_LIMIT);
    expect(read.passages.at(-1)).toEqual({ index: PASSAGE_LIMIT - 1, content: `passage ${PASSAGE_LIMIT - 1}` });
  });

  it("hides another project's documents", async () => {
    const otherProject = await createTestProject(services, outsider);
    const theirs = await callerFor(services, outsider).documents.ingest({ projectId: otherProject.id, name: 'secret.txt', mimeType: 'text/plain', contentBase64: b64('top secret plan') });
    await services.jobs.whenIdle();
    await expect(callerFor(services, owner).documents.status({ projectId, id: theirs.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(callerFor(services, owner).documents.delete({ projectId, id: theirs.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(callerFor(services, owner).documents.passages({ projectId, id: theirs.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(callerFor(services, owner).documents.passages({ projectId: otherProject.id, id: theirs.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const found = await callerFor(services, owner).memory.search({ projectId, query: 'secret plan' });
    expect(found.items.map((item) => item.sourceId)).not.toContain(theirs.id);
    expect(await docChunks(theirs.id)).not.toHaveLength(0);
  });
});
