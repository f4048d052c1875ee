import { describe, expect, it } from 'vitest';
import { readPdfText } from './pdf-text';
import { minimalPdf } from './testing/minimal-pdf';

const isNative = (fn: unknown) => Function.prototype.toString.call(fn).includes('[native code]');

describe('readPdfText (worker thread)', () => {
  it('reads the text of a PDF', async () => {
    const result = await readPdfText(minimalPdf('Quarterly forecast for warehouse robotics'));
    expect(result).toMatchObject({ ok: true });
    expect(result.ok && result.text).toContain('Quarterly forecast for warehouse robotics');
  });

  it('reports a broken PDF with the reader’s reason', async () => {
    const result = await readPdfText(Buffer.from('%PDF-1.4\nthis is not really a pdf\n%%EOF'));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason.length).toBeGreaterThan(0);
  });

  it('gives up on a PDF that takes too long, and stops its worker', async () => {
    expect(await readPdfText(minimalPdf('slow'), { timeoutMs: 1 })).toEqual({ ok: false, reason: expect.stringMatching(/took longer/) });
  });

  it('leaves this thread’s built-ins native (pdf.js polyfills stay in the worker)', async () => {
    await readPdfText(minimalPdf('polyfills'));
    expect(isNative(Array.prototype.push)).toBe(true);
    expect(isNative(JSON.parse)).toBe(true);
  });
});
