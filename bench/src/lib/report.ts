import { mkdir, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { BenchRow } from './types';

export const resultsDir = fileURLToPath(new URL('../../results', import.meta.url));

const COLUMNS: [keyof BenchRow, string][] = [
  ['mode', 'mode'],
  ['operation', 'operation'],
  ['via', 'via'],
  ['samples', 'n'],
  ['p50', 'p50 ms'],
  ['p95', 'p95 ms'],
  ['p99', 'p99 ms'],
  ['rps', 'req/s'],
  ['target', 'target'],
  ['met', 'met'],
  ['note', 'note'],
];

function cell(row: BenchRow, key: keyof BenchRow): string {
  const value = row[key];
  if (key === 'met') return value === true ? 'yes' : value === false ? 'NO' : '';
  return value === undefined || value === null ? '' : String(value);
}

/** A plain-text table (also valid Markdown) of the rows. */
export function formatTable(rows: BenchRow[]): string {
  const header = COLUMNS.map(([, title]) => title);
  const body = rows.map((row) => COLUMNS.map(([key]) => cell(row, key)));
  const widths = header.map((title, i) => Math.max(title.length, ...body.map((line) => (line[i] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((text, i) => text.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...body.map(line)].join('\n');
}

/** Writes `bench/results/<scenario>.json` (git-ignored) and returns its path. */
export async function writeResults(scenario: string, rows: BenchRow[]): Promise<string> {
  await mkdir(resultsDir, { recursive: true });
  const path = `${resultsDir}/${scenario}.json`;
  const machine = { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', node: process.version, platform: process.platform };
  await writeFile(path, `${JSON.stringify({ scenario, finishedAt: new Date().toISOString(), machine, rows }, null, 2)}\n`);
  return path;
}
