import { readPdfText } from './pdf-text';

export const DOCUMENT_MIME_TYPES = ['text/markdown', 'text/plain', 'text/html', 'application/pdf'] as const;
export type DocumentMimeType = (typeof DOCUMENT_MIME_TYPES)[number];

/** The file cannot be turned into text: a permanent failure, reported on the document as is. */
export class DocumentFormatError extends Error {
  override name = 'DocumentFormatError';
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function decodeText(bytes: Uint8Array): string {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw new DocumentFormatError('The file is not valid UTF-8 text');
  }
  if (text.includes('\u0000')) throw new DocumentFormatError('The file contains binary data, not text');
  return text.replace(/^\uFEFF/, '');
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** Visible text of an HTML page: scripts, styles and tags removed, block elements on their own lines. */
export function htmlToText(html: string): string {
  return html
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<(script|style|head|noscript|template)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<\/?(p|div|section|article|header|footer|li|ul|ol|tr|table|h[1-6]|br|hr|pre|blockquote)\b[^>]*>/gi, '\n')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity: string, name: string) => {
      if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
      if (name.startsWith('#')) return String.fromCodePoint(Number.parseInt(name.slice(1), 10));
      return ENTITIES[name.toLowerCase()] ?? entity;
    });
}

/** Markdown minus the syntax that only adds noise to search: link targets, images, emphasis marks. */
export function markdownToText(markdown: string): string {
  return markdown
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/^\s{0,3}(#{1,6}|>|[-*+]|\d+\.)\s+/gm, '')
    .replace(/(\*\*|__|\*|_|~~|`{1,3})/g, '');
}

async function pdfToText(bytes: Uint8Array): Promise<string> {
  const result = await readPdfText(bytes);
  if (!result.ok) throw new DocumentFormatError(`The PDF could not be read: ${result.reason}`);
  return result.text.replace(/^-- \d+ of \d+ --$/gm, '');
}

/** Plain text of an uploaded file, whitespace normalised; throws `DocumentFormatError` when there is none. */
export async function extractText(mimeType: DocumentMimeType, bytes: Uint8Array): Promise<string> {
  let text: string;
  switch (mimeType) {
    case 'application/pdf':
      text = await pdfToText(bytes);
      break;
    case 'text/html':
      text = htmlToText(decodeText(bytes));
      break;
    case 'text/markdown':
      text = markdownToText(decodeText(bytes));
      break;
    case 'text/plain':
      text = decodeText(bytes);
      break;
  }
  const normalised = text
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t\f\v]+/g, ' ')
    .replace(/\n\s*\n\s*/g, '\n\n')
    .trim();
  if (normalised.length === 0) throw new DocumentFormatError('The file contains no text');
  return normalised;
}
