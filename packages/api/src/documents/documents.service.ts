import { and, desc, documents, eq, lt, or } from '@devmentor/db';
import { NotFoundError, ValidationError } from '../errors';
import { publishEvents, recordEvent } from '../events/project-events';
import { deleteSourceChunks } from '../memory/chunks';
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

function encodeCursor(row: { createdAt: Date; id: string }): string {
  return Buffer.from(`${row.createdAt.toISOString()}|${row.id}`).toString('base64url');
}

function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  const [at, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  const createdAt = new Date(at ?? '');
  if (!id || Number.isNaN(createdAt.getTime())) throw new ValidationError('Invalid cursor');
  return { createdAt, id };
}

/** The project's documents, newest first, with cursor pagination. */
export async function listDocuments({ ctx, input }: { ctx: Pick<Ctx, 'db'>; input: ListDocumentsInput }) {
  const after = input.cursor ? decodeCursor(input.cursor) : null;
  const rows = await ctx.db
    .select(documentColumns)
    .from(documents)
    .where(
      and(
        eq(documents.projectId, input.projectId),
        after ? or(lt(documents.createdAt, after.createdAt), and(eq(documents.createdAt, after.createdAt), lt(documents.id, after.id))) : undefined,
      ),
    )
    .orderBy(desc(documents.createdAt), desc(documents.id))
    .limit(input.limit + 1);
  const items = rows.slice(0, input.limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > input.limit && last ? encodeCursor(last) : null };
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
