import { createSession, type AppRouter } from '@devmentor/api';
import { loadTestEnv } from '@devmentor/config';
import { users } from '@devmentor/db';
import { createTRPCClient, httpLink, TRPCClientError } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './testing/test-server';

const mode = loadTestEnv().TEST_DATABASE_URL ? 'postgres' : 'pglite';
const MiB = 1024 * 1024;

/** Document uploads with the default limits, over HTTP as the web app sends them. */
describe(`document uploads through the server (${mode})`, () => {
  let server: TestServer;
  let api: ReturnType<typeof createTRPCClient<AppRouter>>;
  let projectId: string;
  beforeAll(async () => {
    server = await startTestServer();
    const [user] = await server.running.services.db.insert(users).values({ email: 'uploads@example.test', name: 'Uploader', emailVerifiedAt: new Date() }).returning();
    const { token } = await createSession(server.running.services.db, { userId: user!.id });
    api = createTRPCClient<AppRouter>({ links: [httpLink({ url: `${server.url}/trpc`, headers: { authorization: `Bearer ${token}` } })] });
    projectId = (await api.projects.create.mutate({ name: 'Uploads' })).id;
  });
  afterAll(async () => {
    await server?.close();
  });

  it('accepts a document above 1 MiB (the body limit follows DOCUMENT_MAX_BYTES) and reports its ingestion', async () => {
    // Not UTF-8: the job fails fast with a reason, which is all this test needs from it.
    const bytes = Buffer.alloc(2 * MiB, 0xff);
    const queued = await api.documents.ingest.mutate({ projectId, name: 'large.txt', mimeType: 'text/plain', contentBase64: bytes.toString('base64') });
    expect(queued).toMatchObject({ status: 'queued', sizeBytes: 2 * MiB });
    await server.running.services.jobs.whenIdle();
    expect(await api.documents.status.query({ projectId, id: queued.id })).toMatchObject({ status: 'failed', failureReason: expect.any(String) });
  });

  it('answers a document over DOCUMENT_MAX_BYTES with PAYLOAD_TOO_LARGE and the limit, not a bare 413', async () => {
    const bytes = Buffer.alloc(5 * MiB + 1, 0x61);
    const error = await api.documents.ingest.mutate({ projectId, name: 'huge.txt', mimeType: 'text/plain', contentBase64: bytes.toString('base64') }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TRPCClientError);
    expect((error as TRPCClientError<AppRouter>).data).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', details: { maxBytes: 5 * MiB } });
  });
});
