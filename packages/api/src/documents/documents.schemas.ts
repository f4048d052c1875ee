import { z } from 'zod';
import { DOCUMENT_MIME_TYPES } from './extract-text';

const projectId = z.uuid();

/** Hard cap on the base64 text (50 MiB of bytes); the configured DOCUMENT_MAX_BYTES is checked by the service. */
const MAX_BASE64_CHARS = Math.ceil((50 * 1024 * 1024 * 4) / 3) + 4;

export const IngestDocumentInput = z.object({
  projectId,
  name: z.string().trim().min(1).max(255),
  mimeType: z.enum(DOCUMENT_MIME_TYPES),
  contentBase64: z.base64().max(MAX_BASE64_CHARS),
});
export type IngestDocumentInput = z.infer<typeof IngestDocumentInput>;

export const DocumentIdInput = z.object({ projectId, id: z.uuid() });
export type DocumentIdInput = z.infer<typeof DocumentIdInput>;

export const ListDocumentsInput = z.object({
  projectId,
  cursor: z.string().max(200).optional(),
  limit: z.number().int().min(1).max(100).default(50),
});
export type ListDocumentsInput = z.infer<typeof ListDocumentsInput>;
