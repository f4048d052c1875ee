import { Worker } from 'node:worker_threads';

/** Shipped next to this module in `src` and copied next to the bundle in `dist` by the build. */
const WORKER_URL = new URL('./pdf-text.worker.mjs', import.meta.url);

export interface PdfTextOptions {
  /** A PDF that takes longer is given up (the worker is stopped). */
  timeoutMs?: number;
  /** Heap cap of the worker, so a hostile PDF cannot exhaust the server's memory. */
  maxHeapMb?: number;
}

export type PdfTextResult = { ok: true; text: string } | { ok: false; reason: string };

/**
 * A PDF's text, read by pdf.js in a worker thread of its own: the server's event loop keeps
 * serving while a large PDF is parsed, a stuck or oversized one is stopped, and pdf.js's
 * polyfills stay out of the server's thread (see the worker).
 */
export function readPdfText(bytes: Uint8Array, options: PdfTextOptions = {}): Promise<PdfTextResult> {
  const { timeoutMs = 60_000, maxHeapMb = 512 } = options;
  return new Promise((resolve) => {
    const worker = new Worker(WORKER_URL, { workerData: { bytes }, execArgv: [], resourceLimits: { maxOldGenerationSizeMb: maxHeapMb } });
    let settled = false;
    const settle = (result: PdfTextResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      resolve(result);
    };
    const timer = setTimeout(() => settle({ ok: false, reason: `reading took longer than ${Math.round(timeoutMs / 1000)} s` }), timeoutMs);
    worker.once('message', (message: PdfTextResult) => settle(message));
    worker.once('error', (error) => settle({ ok: false, reason: error.message }));
    worker.once('exit', (code) => settle({ ok: false, reason: `the reader stopped (exit code ${code})` }));
  });
}
