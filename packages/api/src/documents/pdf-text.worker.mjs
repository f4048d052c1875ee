// Reads a PDF's text in a worker thread. pdf-parse loads pdf.js's legacy build, whose polyfills
// replace built-ins process-wide (Array.prototype.push, JSON.parse) with slower JavaScript; kept
// here, they never reach the server's own thread. Plain JavaScript so it runs without a loader.
import { parentPort, workerData } from 'node:worker_threads';
import { PDFParse } from 'pdf-parse';

const parser = new PDFParse({ data: workerData.bytes });
try {
  const result = await parser.getText();
  parentPort.postMessage({ ok: true, text: result.text });
} catch (error) {
  parentPort.postMessage({ ok: false, reason: error instanceof Error ? error.message : 'unknown error' });
} finally {
  await parser.destroy().catch(() => undefined);
}
