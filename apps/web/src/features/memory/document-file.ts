import type { RouterInputs } from '../../lib/router-types';

export type DocumentMimeType = RouterInputs['documents']['ingest']['mimeType'];

/** What the file picker offers: the types `documents.ingest` reads. */
export const DOCUMENT_ACCEPT = '.md,.markdown,.txt,.text,.html,.htm,.pdf,text/markdown,text/plain,text/html,application/pdf';

const BY_EXTENSION: Record<string, DocumentMimeType> = {
  md: 'text/markdown',
  markdown: 'text/markdown',
  txt: 'text/plain',
  text: 'text/plain',
  html: 'text/html',
  htm: 'text/html',
  pdf: 'application/pdf',
};
const KNOWN = new Set<string>(Object.values(BY_EXTENSION));

/**
 * The document type to send for a picked file, or null when it is not one the server reads. The
 * extension decides first: browsers report Markdown as `text/plain`, `text/x-markdown` or nothing.
 */
export function documentMimeType(file: { name: string; type: string }): DocumentMimeType | null {
  const extension = /\.([a-z0-9]+)$/i.exec(file.name)?.[1]?.toLowerCase();
  if (extension && BY_EXTENSION[extension]) return BY_EXTENSION[extension];
  return KNOWN.has(file.type) ? (file.type as DocumentMimeType) : null;
}

/** The file's bytes as base64, the form `documents.ingest` takes. */
export function fileToBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read'));
    reader.readAsDataURL(file);
  });
}

/** "12 KB", "3.4 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** How often the document list is re-read while one is still queued or being read. */
export const PENDING_POLL_MS = 5000;

/**
 * The list's refetch interval: live events move a document along, and this catches up when the event
 * stream is down while one is pending; nothing pending, no polling.
 */
export function pendingPoll(pages: { items: { status: string }[] }[]): number | false {
  return pages.some((page) => page.items.some((document) => document.status === 'queued' || document.status === 'processing')) ? PENDING_POLL_MS : false;
}
