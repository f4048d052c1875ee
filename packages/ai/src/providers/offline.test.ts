import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AiOfflineUnsupportedError } from '../errors';
import { createOfflineEmbedder, fnv1a32, hashingEmbedding } from './offline-embedder';
import { createOfflineLlm, OFFLINE_NOTICE } from './offline-llm';
import { EMBEDDING_DIMENSION } from './types';

const run = promisify(execFile);
const tsx = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));
const script = fileURLToPath(new URL('../testing/print-embedding.ts', import.meta.url));

function cosine(a: number[], b: number[]): number {
  return a.reduce((sum, value, i) => sum + value * (b[i] ?? 0), 0);
}

describe('offline hashing embedder', () => {
  const texts = ['Fix the login redirect loop on Safari', 'Überprüfung der Zahlungs-API 🚀', ''];

  it('gives the same vectors in another process', async () => {
    const { stdout } = await run(tsx, [script, ...texts], { timeout: 100_000 });
    const fromChild = JSON.parse(stdout) as number[][];
    const here = (await createOfflineEmbedder().embed(texts)).vectors;
    expect(fromChild).toEqual(here);
  }, 120_000);

  it('is L2-normalised, of the product dimension, and marked offline', async () => {
    const batch = await createOfflineEmbedder().embed(texts);
    expect(batch.offline).toBe(true);
    for (const vector of batch.vectors) {
      expect(vector).toHaveLength(EMBEDDING_DIMENSION);
      expect(Math.sqrt(vector.reduce((sum, v) => sum + v * v, 0))).toBeCloseTo(1, 5);
    }
  });

  it('puts related texts closer than unrelated ones', () => {
    const login = hashingEmbedding('login redirect fails after password reset');
    const related = hashingEmbedding('password reset then the login redirects forever');
    const unrelated = hashingEmbedding('quarterly marketing budget spreadsheet');
    expect(cosine(login, related)).toBeGreaterThan(cosine(login, unrelated) + 0.2);
  });

  it('uses FNV-1a 32 (reference values)', () => {
    expect(fnv1a32('')).toBe(0x811c9dc5);
    expect(fnv1a32('a')).toBe(0xe40c292c);
    expect(fnv1a32('foobar')).toBe(0xbf9cf968);
  });
});

describe('offline language provider', () => {
  const llm = createOfflineLlm();
  const request = {
    messages: [
      { role: 'system' as const, content: 'Sprint 4 ends on Friday. The login bug blocks the release. Lunch is at noon.' },
      { role: 'user' as const, content: 'What blocks the release?' },
    ],
  };

  it('answers deterministically, says it is offline, and quotes the relevant context', async () => {
    const first = await llm.complete(request);
    const second = await llm.complete(request);
    expect(first).toEqual(second);
    expect(first.offline).toBe(true);
    expect(first.text.startsWith(OFFLINE_NOTICE)).toBe(true);
    expect(first.text).toContain('The login bug blocks the release.');
    expect(first.text).not.toContain('Lunch');
    expect(first.usage.completionTokens).toBeGreaterThan(0);
  });

  it('streams the same text, with usage on the last chunk', async () => {
    let text = '';
    let usage;
    for await (const chunk of llm.stream(request)) {
      text += chunk.delta;
      usage = chunk.usage ?? usage;
    }
    const complete = await llm.complete(request);
    expect(text).toBe(complete.text);
    expect(usage).toEqual(complete.usage);
  });

  it('returns the request fallback for structured output, validated by the schema', async () => {
    const schema = z.object({ title: z.string(), points: z.number().int() });
    const result = await llm.structured({ ...request, schema, schemaName: 'estimate', fallback: () => ({ title: 'Fix login', points: 3 }) });
    expect(result.data).toEqual({ title: 'Fix login', points: 3 });
    expect(result.offline).toBe(true);
  });

  it('refuses structured output without a fallback with a typed error', async () => {
    const schema = z.object({ title: z.string() });
    await expect(llm.structured({ ...request, schema, schemaName: 'x' })).rejects.toBeInstanceOf(AiOfflineUnsupportedError);
    await expect(llm.structured({ ...request, schema, schemaName: 'x' })).rejects.toMatchObject({ code: 'AI_OFFLINE_UNSUPPORTED' });
  });
});
