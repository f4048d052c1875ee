import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AiEmbeddingDimensionError, AiInvalidOutputError } from '../errors';
import { EMBEDDING_DIMENSION } from '../providers/types';
import { gatewayOnTestServer } from '../testing/gateway-fixture';
import { startOpenAiTestServer, type OpenAiTestServer } from '../testing/openai-test-server';

const caller = { projectId: '00000000-0000-4000-8000-000000000001', userId: '00000000-0000-4000-8000-0000000000aa' };
let server: OpenAiTestServer;

beforeEach(async () => {
  server = await startOpenAiTestServer();
});
afterEach(async () => {
  await server.close();
});

describe('gateway on an OpenAI-compatible server (real openai client, loopback)', () => {
  it('completes, reports provider, usage and cost, and records usage for the project and user', async () => {
    const { gateway, accounting } = gatewayOnTestServer(server);
    const result = await gateway.complete({ messages: [{ role: 'user', content: 'hello there' }], maxTokens: 50 }, { ...caller, purpose: 'test.complete' });
    expect(result).toMatchObject({ text: 'echo: hello there', provider: 'openai-compatible', model: 'gpt-4o-mini', offline: false, fallback: false });
    expect(result.usage).toEqual({ promptTokens: 11, completionTokens: 3 });
    expect(result.costUsd).toBeCloseTo((0.15 * 11 + 0.6 * 3) / 1e6, 12);
    const request = server.requests[0]!;
    expect(request.path).toBe('/v1/chat/completions');
    expect(request.headers.authorization).toBe('Bearer test-key');
    expect(request.body).toMatchObject({ model: 'gpt-4o-mini', max_tokens: 50 });
    expect(accounting.entries).toEqual([
      expect.objectContaining({ ...caller, operation: 'complete', purpose: 'test.complete', provider: 'openai-compatible', promptTokens: 11, completionTokens: 3, offline: false, fallback: false }),
    ]);
  });

  it('masks PII in what it sends unless the caller turns masking off', async () => {
    const { gateway } = gatewayOnTestServer(server);
    const messages = [{ role: 'user' as const, content: 'ping ana@example.com with ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789' }];
    const masked = await gateway.complete({ messages }, caller);
    expect(masked.text).toBe('echo: ping [EMAIL] with [API_KEY]');
    const onlyKeys = await gateway.complete({ messages }, { ...caller, pii: { email: false } });
    expect(onlyKeys.text).toBe('echo: ping ana@example.com with [API_KEY]');
    const raw = await gateway.complete({ messages }, { ...caller, pii: false });
    expect(raw.text).toBe(`echo: ${messages[0]!.content}`);
  });

  it('streams SSE chunks and ends with usage and the provider', async () => {
    const { gateway, accounting } = gatewayOnTestServer(server);
    const deltas: string[] = [];
    let done;
    for await (const chunk of gateway.stream({ messages: [{ role: 'user', content: 'stream these words please' }] }, caller)) {
      if (chunk.type === 'delta') deltas.push(chunk.delta);
      else done = chunk;
    }
    expect(deltas.length).toBeGreaterThan(3);
    expect(deltas.join('')).toBe('echo: stream these words please');
    expect(done).toMatchObject({ type: 'done', provider: 'openai-compatible', offline: false, fallback: false, usage: { promptTokens: 11, completionTokens: 5 } });
    expect(server.requests[0]!.body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
    expect(accounting.entries[0]).toMatchObject({ operation: 'stream', completionTokens: 5 });
  });

  it('asks for a JSON schema and validates the structured answer with zod', async () => {
    const { gateway } = gatewayOnTestServer(server);
    const schema = z.object({ title: z.string(), points: z.number().int(), tags: z.array(z.string()) });
    server.enqueue('chat', { kind: 'chat', content: JSON.stringify({ title: 'Fix login', points: 3, tags: ['auth'] }) });
    const result = await gateway.structured({ messages: [{ role: 'user', content: 'estimate' }], schema, schemaName: 'estimate' }, caller);
    expect(result.data).toEqual({ title: 'Fix login', points: 3, tags: ['auth'] });
    expect(server.requests[0]!.body.response_format).toMatchObject({ type: 'json_schema', json_schema: { name: 'estimate', strict: true } });

    server.enqueue('chat', { kind: 'chat', content: JSON.stringify({ title: 'Fix login', points: 'three' }) });
    const wrong = gateway.structured({ messages: [{ role: 'user', content: 'estimate' }], schema, schemaName: 'estimate' }, caller);
    await expect(wrong).rejects.toBeInstanceOf(AiInvalidOutputError);
  });

  it('sends schemas outside the strict subset (optional fields) as plain JSON schema, still validated', async () => {
    const { gateway } = gatewayOnTestServer(server);
    const schema = z.object({ title: z.string(), note: z.string().optional() });
    server.enqueue('chat', { kind: 'chat', content: JSON.stringify({ title: 'Only a title' }) });
    const result = await gateway.structured({ messages: [{ role: 'user', content: 'title?' }], schema, schemaName: 'titled' }, caller);
    expect(result.data).toEqual({ title: 'Only a title' });
    expect(server.requests[0]!.body.response_format).toMatchObject({ type: 'json_schema', json_schema: { name: 'titled', strict: false } });
  });

  it('embeds in batches at the product dimension', async () => {
    const { gateway, accounting } = gatewayOnTestServer(server, { embeddingBatchSize: 2 });
    const result = await gateway.embed(['one', 'two', 'three'], { ...caller, purpose: 'memory.index' });
    expect(result.vectors).toHaveLength(3);
    for (const vector of result.vectors) expect(vector).toHaveLength(EMBEDDING_DIMENSION);
    expect(result).toMatchObject({ dimension: EMBEDDING_DIMENSION, offline: false, fallback: false, model: 'text-embedding-3-small' });
    expect(server.requests.map((request) => request.body.input)).toEqual([['one', 'two'], ['three']]);
    expect(server.requests[0]!.body).toMatchObject({ dimensions: EMBEDDING_DIMENSION, encoding_format: 'float' });
    expect(accounting.entries[0]).toMatchObject({ operation: 'embed', promptTokens: 9, completionTokens: 0 });

    await expect(gateway.embed([], caller)).resolves.toMatchObject({ vectors: [] });
    expect(server.requests).toHaveLength(2);
    expect(accounting.entries).toHaveLength(1);
  });

  it('refuses a remote embedding model of another dimension, without falling back', async () => {
    const { gateway } = gatewayOnTestServer(server, { embeddingFallback: true });
    server.enqueue('embeddings', { kind: 'embeddings', dimension: 768 });
    const failing = gateway.embed(['text'], caller);
    await expect(failing).rejects.toBeInstanceOf(AiEmbeddingDimensionError);
    await expect(gateway.embed(['text'], caller)).resolves.toMatchObject({ offline: false });
  });
});
