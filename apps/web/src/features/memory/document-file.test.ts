import { describe, expect, it } from 'vitest';
import { documentMimeType, formatBytes, pendingPoll, PENDING_POLL_MS } from './document-file';

describe('documentMimeType', () => {
  it('goes by the extension first, since browsers label Markdown in several ways', () => {
    expect(documentMimeType({ name: 'Spec.MD', type: 'text/x-markdown' })).toBe('text/markdown');
    expect(documentMimeType({ name: 'notes.txt', type: '' })).toBe('text/plain');
    expect(documentMimeType({ name: 'page.htm', type: 'text/html' })).toBe('text/html');
    expect(documentMimeType({ name: 'contract.pdf', type: 'application/pdf' })).toBe('application/pdf');
  });

  it('falls back to a known reported type, and refuses what the server cannot read', () => {
    expect(documentMimeType({ name: 'export', type: 'application/pdf' })).toBe('application/pdf');
    expect(documentMimeType({ name: 'slides.pptx', type: 'application/vnd.ms-powerpoint' })).toBeNull();
    expect(documentMimeType({ name: 'photo.png', type: 'image/png' })).toBeNull();
  });
});

describe('formatBytes', () => {
  it('reads as people read sizes', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(12_345)).toBe('12 KB');
    expect(formatBytes(3.4 * 1024 * 1024)).toBe('3.4 MB');
  });
});

describe('pendingPoll', () => {
  it('polls only while a document is queued or being read', () => {
    expect(pendingPoll([])).toBe(false);
    expect(pendingPoll([{ items: [{ status: 'done' }, { status: 'failed' }] }])).toBe(false);
    expect(pendingPoll([{ items: [{ status: 'done' }] }, { items: [{ status: 'processing' }] }])).toBe(PENDING_POLL_MS);
    expect(pendingPoll([{ items: [{ status: 'queued' }] }])).toBe(PENDING_POLL_MS);
  });
});
