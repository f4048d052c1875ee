import { and, desc, documents, eq } from '@devmentor/db';
import { NotFoundError } from '../errors';
import { publishEvents, recordEvent } from '../events/project-events';
import { deleteSourceChunks } from '../memory/chunks';
import { afterCursor, cursorTimestamp, toPage } from '../pagination/newest-first';
import type { Context } from '../trpc/context';
import { documentColumns } from './document-rows';
import type { DocumentIdInput, ListDocumentsInput } from './documents.schemas';

type Ctx = Pick<Context, 'db' | 'bus'> & { auth: { user: { id: string } } };

/** One document's ingestion status (queued, processing, done, failed with its reason). */
export async function getDocumentStatus({ ctx, input }: { ctx: Pick<Ctx, 'db'>; input: DocumentIdInput }) {
  const [document] = await ctx.db
    .select(documentColumns)
    .from(documents)
    .where(and(eq(documents.id, input.id), eq(documents.projectId, input.projectId)));
  if (!document) throw new NotFoundError('Document');
  return document;
}

/**
 * The project's documents, newest first, with cursor pagination, and the upload size limit, so a
 * client can refuse a file that is too large before reading and sending it.
 */
export async function listDocuments({ ctx, input }: { ctx: Pick<Context, 'db' | 'env'>; input: ListDocumentsInput }) {
  const rows = await ctx.db
    .select({ row: documentColumns, at: cursorTimestamp(documents.createdAt) })
    .from(documents)
    .where(and(eq(documents.projectId, input.projectId), afterCursor(documents, input.cursor)))
    .orderBy(desc(documents.createdAt), desc(documents.id))
    .limit(input.limit + 1);
  return { ...toPage(rows, input.limit), maxBytes: ctx.env.DOCUMENT_MAX_BYTES };
}

/** Deletes the document and its chunks in one transaction; a running ingestion then writes nothing. */
export async function deleteDocument({ ctx, input }: { ctx: Ctx; input: DocumentIdInput }) {
  const event = await ctx.db.transaction(async (tx) => {
    const [deleted] = await tx
      .delete(documents)
      .where(and(eq(documents.id, input.id), eq(documents.projectId, input.projectId)))
      .returning({ id: documents.id, name: documents.name });
    if (!deleted) throw new NotFoundError('Document');
    await deleteSourceChunks(tx, { projectId: input.projectId, sourceType: 'document', sourceId: input.id });
    return recordEvent(tx, { projectId: input.projectId, actorId: ctx.auth.user.id, entityType: 'document', entityId: input.id, action: 'deleted', diff: { name: deleted.name } });
  });
  await publishEvents(ctx.bus, [event]);
  return { id: input.id };
}
