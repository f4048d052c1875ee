import { documents } from '@devmentor/db';

/** A document as clients see it (never the stored bytes). */
export const documentColumns = {
  id: documents.id,
  projectId: documents.projectId,
  name: documents.name,
  mimeType: documents.mimeType,
  sizeBytes: documents.sizeBytes,
  status: documents.status,
  failureReason: documents.failureReason,
  chunkCount: documents.chunkCount,
  uploadedById: documents.uploadedById,
  createdAt: documents.createdAt,
  updatedAt: documents.updatedAt,
  completedAt: documents.completedAt,
};

export const INGEST_DOCUMENT_JOB = 'documents.ingest';
export interface IngestDocumentJob {
  documentId: string;
}
