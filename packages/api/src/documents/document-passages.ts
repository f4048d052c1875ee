import { and, documents, eq } from '@devmentor/db';
import { NotFoundError } from '../errors';
import { sourceChunks } from '../memory/chunks';
import type { Context } from '../trpc/context';
import type { DocumentIdInput } from './documents.schemas';

/** Passages returned at most; a longer document says `truncated` (its search still covers every passage). */
export const PASSAGE_LIMIT = 200;

/**
 * The text the AI read from a document, as the passages it was indexed in (in order; consecutive
 * passages overlap a little, as chunking does), so people can check what chat cites from a PDF.
 * A queued or failed document has none.
 */
export async function documentPassages({ ctx, input }: { ctx: Pick<Context, 'db'>; input: DocumentIdInput }) {
  const [document] = await ctx.db
    .select({ id: documents.id, name: documents.name, status: documents.status, chunkCount: documents.chunkCount })
    .from(documents)
    .where(and(eq(documents.id, input.id), eq(documents.projectId, input.projectId)));
  if (!document) throw new NotFoundError('Document');
  const rows = await sourceChunks(ctx.db, { projectId: input.projectId, sourceType: 'document', sourceId: input.id }, PASSAGE_LIMIT + 1);
  return { document, passages: rows.slice(0, PASSAGE_LIMIT), truncated: rows.length > PASSAGE_LIMIT };
}
