import { chunkByTokens } from '@devmentor/ai';
import { documents, eq } from '@devmentor/db';
import { publishEvents, recordEvent } from '../events/project-events';
import type { JobInfo } from '../jobs';
import { replaceSourceChunks } from '../memory/chunks';
import { embedderFor } from '../memory/embedder';
import { maskWith, projectPiiPolicy } from '../memory/pii-policy';
import type { AppServices } from '../trpc/context';
import { DocumentFormatError, extractText, type DocumentMimeType } from './extract-text';
import type { IngestDocumentJob } from './document-rows';

/** Chunks of documents: longer than memories, with overlap so a cut sentence is whole in one of two. */
export const DOCUMENT_CHUNK = { maxTokens: 400, overlapTokens: 50 };

type Services = Pick<AppServices, 'db' | 'bus' | 'capabilities' | 'ai'>;

async function setStatus(services: Services, id: string, status: 'queued' | 'processing') {
  await services.db.update(documents).set({ status, failureReason: null }).where(eq(documents.id, id));
}

/**
 * The ingestion job: extract text, mask PII per the project's setting, chunk, embed, then write all
 * chunks and the `done` status in one transaction (a failure leaves no chunk behind). A file that
 * cannot be read fails at once with its reason; other errors are retried, and the last try fails.
 */
export async function processDocument(services: Services, job: IngestDocumentJob, info: Pick<JobInfo, 'lastAttempt'>): Promise<void> {
  const [document] = await services.db.select().from(documents).where(eq(documents.id, job.documentId));
  if (!document || document.status === 'done') return;
  await setStatus(services, document.id, 'processing');
  try {
    const text = await extractText(document.mimeType as DocumentMimeType, document.content);
    const policy = await projectPiiPolicy(services.db, document.projectId);
    const pieces = chunkByTokens(maskWith(policy, text).text, DOCUMENT_CHUNK).map((chunk) => ({
      content: chunk.text,
      metadata: { documentName: document.name, mimeType: document.mimeType },
    }));
    const embedder = embedderFor(services);
    const vectors = embedder ? await embedder.embed(pieces.map((piece) => piece.content), { projectId: document.projectId, userId: document.uploadedById, purpose: 'documents.ingest', pii: policy }) : null;
    const event = await services.db.transaction(async (tx) => {
      const [current] = await tx.select({ id: documents.id }).from(documents).where(eq(documents.id, document.id)).for('update');
      if (!current) return null; // deleted meanwhile
      const source = { projectId: document.projectId, sourceType: 'document' as const, sourceId: document.id, ownerId: document.uploadedById };
      const count = await replaceSourceChunks(tx, source, pieces, vectors);
      await tx.update(documents).set({ status: 'done', chunkCount: count, failureReason: null, completedAt: new Date() }).where(eq(documents.id, document.id));
      return recordEvent(tx, {
        projectId: document.projectId,
        actorId: null,
        entityType: 'document',
        entityId: document.id,
        action: 'completed',
        diff: { name: document.name, status: { from: 'processing', to: 'done' }, chunkCount: count },
      });
    });
    if (event) await publishEvents(services.bus, [event]);
  } catch (error) {
    if (!(error instanceof DocumentFormatError) && !info.lastAttempt) {
      await setStatus(services, document.id, 'queued');
      throw error;
    }
    const reason = error instanceof DocumentFormatError ? error.message : 'Ingestion failed unexpectedly; try uploading the file again';
    const event = await services.db.transaction(async (tx) => {
      const [failed] = await tx
        .update(documents)
        .set({ status: 'failed', failureReason: reason, chunkCount: 0, completedAt: new Date() })
        .where(eq(documents.id, document.id))
        .returning({ id: documents.id });
      if (!failed) return null;
      return recordEvent(tx, {
        projectId: document.projectId,
        actorId: null,
        entityType: 'document',
        entityId: document.id,
        action: 'status_changed',
        diff: { name: document.name, status: { from: 'processing', to: 'failed' }, failureReason: reason },
      });
    });
    if (event) await publishEvents(services.bus, [event]);
    if (!(error instanceof DocumentFormatError)) throw error;
  }
}
