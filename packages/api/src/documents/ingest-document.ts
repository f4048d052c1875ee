import { documents } from '@devmentor/db';
import { AppError } from '../errors';
import { publishEvents, recordEvent } from '../events/project-events';
import type { Context } from '../trpc/context';
import { documentColumns, INGEST_DOCUMENT_JOB, type IngestDocumentJob } from './document-rows';
import type { IngestDocumentInput } from './documents.schemas';

type Ctx = Pick<Context, 'db' | 'bus' | 'jobs' | 'env'> & { auth: { user: { id: string } } };

/**
 * Accepts an upload: checks the size limit, stores the bytes with status `queued` and enqueues
 * the ingestion job. Text extraction, chunking and embedding happen in the job, never here.
 */
export async function ingestDocument({ ctx, input }: { ctx: Ctx; input: IngestDocumentInput }) {
  const bytes = Buffer.from(input.contentBase64, 'base64');
  const maxBytes = ctx.env.DOCUMENT_MAX_BYTES;
  if (bytes.length > maxBytes) {
    throw new AppError('PAYLOAD_TOO_LARGE', 'The document is larger than the limit', { maxBytes, sizeBytes: bytes.length });
  }
  if (bytes.length === 0) throw new AppError('BAD_REQUEST', 'The document is empty');
  const { document, event } = await ctx.db.transaction(async (tx) => {
    const [document] = await tx
      .insert(documents)
      .values({ projectId: input.projectId, name: input.name, mimeType: input.mimeType, sizeBytes: bytes.length, content: bytes, uploadedById: ctx.auth.user.id })
      .returning(documentColumns);
    if (!document) throw new Error('document insert returned nothing');
    const event = await recordEvent(tx, {
      projectId: input.projectId,
      actorId: ctx.auth.user.id,
      entityType: 'document',
      entityId: document.id,
      action: 'created',
      diff: { name: document.name, mimeType: document.mimeType, sizeBytes: document.sizeBytes, status: document.status },
    });
    return { document, event };
  });
  await publishEvents(ctx.bus, [event]);
  // After commit, so the job always finds the row. If enqueueing fails the document stays `queued`
  // and the caller sees the error.
  await ctx.jobs.enqueue<IngestDocumentJob>(INGEST_DOCUMENT_JOB, { documentId: document.id }, { attempts: 3, backoffMs: 2000 });
  return document;
}
