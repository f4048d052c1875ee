import { router } from '../trpc/init';
import { projectProcedure } from '../trpc/procedures';
import { DocumentIdInput, IngestDocumentInput, ListDocumentsInput } from './documents.schemas';
import { documentPassages } from './document-passages';
import { deleteDocument, getDocumentStatus, listDocuments } from './documents.service';
import { ingestDocument } from './ingest-document';

export const documentsRouter = router({
  ingest: projectProcedure('member').input(IngestDocumentInput).mutation(({ ctx, input }) => ingestDocument({ ctx, input })),
  status: projectProcedure('viewer').input(DocumentIdInput).query(({ ctx, input }) => getDocumentStatus({ ctx, input })),
  list: projectProcedure('viewer').input(ListDocumentsInput).query(({ ctx, input }) => listDocuments({ ctx, input })),
  passages: projectProcedure('viewer').input(DocumentIdInput).query(({ ctx, input }) => documentPassages({ ctx, input })),
  delete: projectProcedure('member').input(DocumentIdInput).mutation(({ ctx, input }) => deleteDocument({ ctx, input })),
});
