import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AiBudgetExceededError, AiTimeoutError, AiUnavailableError } from '../errors';
import { OFFLINE_NOTICE } from '../providers/offline-llm';
import { gatewayOnTestServer } from '../testing/gateway-fixture';
import { startOpenAiTestServer, type OpenAiTestServer } from '../testing/openai-test-server';

const caller = { projectId: '00000000-0000-4000-8000-000000000001', userId: '00000000-0000-4000-8000-0000000000aa' };
const ask = { messages: [{ role: 'user' as const, content: 'what is next?' }] };
let server: OpenAiTestServer;

beforeEach(async () => {
  server = await startOpenAiTestServer();
});
afterEach(async () => {
  await server.close();
});

describe('retries', () => {
  it('retries a 429 after the retry-after the server asked for, then succeeds', async () => {
    const { gateway, clock } = gatewayOnTestServer(server);
    server.enqueue('chat', { kind: 'error', status: 429, headers: { 'retry-after': '2' } });
    const result = await gateway.complete(ask, caller);
    expect(result).toMatchObject({ text: 'echo: what is next?', fallback: false });
    expect(server.requests).toHaveLength(2);
    expect(clock.sleeps).toEqual([2000]);
  });

  it('backs off exponentially with jitter on 5xx', async () => {
    const { gateway, clock } = gatewayOnTestServer(server);
    server.enqueue('chat', { kind: 'error', status: 502 }, { kind: 'error', status: 503 });
    await expect(gateway.complete(ask, caller)).resolves.toMatchObject({ fallback: false });
    // random() = 0.5 and "equal jitter": ceiling/2 + 0.5 * ceiling/2, ceilings 100 then 200 ms.
    expect(clock.sleeps).toEqual([75, 150]);
  });

  it('does not retry a client error (400) and does not fall back on a budget refusal', async () => {
    const { gateway } = gatewayOnTestServer(server, { fallback: false });
    server.enqueue('chat', { kind: 'error', status: 400, message: 'bad request' });
    await expect(gateway.complete(ask, caller)).rejects.toMatchObject({ code: 'AI_PROVIDER_ERROR', details: { httpStatus: 400 } });
    expect(server.requests).toHaveLength(1);
  });
});

describe('circuit breaker and fallback', () => {
  it('opens after repeated 500s, stops calling the server, falls back to offline, and closes after a good probe', async () => {
    const { gateway, clock, accounting } = gatewayOnTestServer(server);
    server.always('chat', { kind: 'error', status: 500 });

    const first = await gateway.complete(ask, caller);
    expect(first).toMatchObject({ offline: true, fallback: true, fallbackReason: 'AI_UNAVAILABLE', provider: 'offline' });
    expect(first.text.startsWith(OFFLINE_NOTICE)).toBe(true);
    expect(server.requests).toHaveLength(3);
    expect(gateway.status().chat.breaker).toBe('open');

    const second = await gateway.complete(ask, caller);
    expect(second).toMatchObject({ fallback: true, fallbackReason: 'AI_CIRCUIT_OPEN' });
    expect(server.requests).toHaveLength(3);
    expect(accounting.entries.map((entry) => [entry.offline, entry.fallback, entry.costUsd])).toEqual([
      [true, true, 0],
      [true, true, 0],
    ]);

    server.always('chat', null);
    clock.advance(10_000);
    expect(gateway.status().chat.breaker).toBe('half-open');
    await expect(gateway.complete(ask, caller)).resolves.toMatchObject({ offline: false, fallback: false });
    expect(gateway.status().chat.breaker).toBe('closed');
  });

  it('re-opens when the half-open probe fails', async () => {
    const { gateway, clock } = gatewayOnTestServer(server, { retry: { maxRetries: 0 } });
    server.always('chat', { kind: 'error', status: 503 });
    for (let i = 0; i < 3; i += 1) await gateway.complete(ask, caller);
    expect(gateway.status().chat.breaker).toBe('open');
    clock.advance(10_000);
    await gateway.complete(ask, caller);
    expect(server.requests).toHaveLength(4);
    expect(gateway.status().chat.breaker).toBe('open');
  });

  it('fails with a typed error when fallback is off', async () => {
    const { gateway } = gatewayOnTestServer(server, { fallback: false });
    server.always('chat', { kind: 'error', status: 500 });
    await expect(gateway.complete(ask, caller)).rejects.toBeInstanceOf(AiUnavailableError);
    await expect(gateway.complete(ask, caller)).rejects.toMatchObject({ code: 'AI_CIRCUIT_OPEN' });
  });

  it('times out a hanging server, retries, then falls back', async () => {
    const { gateway } = gatewayOnTestServer(server, { timeoutMs: 200, retry: { maxRetries: 1 } });
    server.enqueue('chat', { kind: 'hang' }, { kind: 'hang' });
    const result = await gateway.complete(ask, caller);
    expect(result).toMatchObject({ fallback: true, offline: true });
    expect(server.requests).toHaveLength(2);

    const strict = gatewayOnTestServer(server, { timeoutMs: 200, retry: { maxRetries: 0 }, fallback: false }).gateway;
    server.enqueue('chat', { kind: 'hang' });
    const error = await strict.complete(ask, caller).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AiUnavailableError);
    expect((error as AiUnavailableError).cause).toBeInstanceOf(AiTimeoutError);
  });

  it('falls back for a stream that cannot start, marked as such', async () => {
    const { gateway, accounting } = gatewayOnTestServer(server, { retry: { maxRetries: 0 } });
    server.enqueue('chat', { kind: 'error', status: 500 });
    let text = '';
    let done;
    for await (const chunk of gateway.stream(ask, caller)) {
      if (chunk.type === 'delta') text += chunk.delta;
      else done = chunk;
    }
    expect(text.startsWith(OFFLINE_NOTICE)).toBe(true);
    expect(done).toMatchObject({ offline: true, fallback: true });
    expect(accounting.entries[0]).toMatchObject({ operation: 'stream', offline: true, fallback: true });
  });

  it('ends a stream that stalls after its first chunk with a timeout', async () => {
    // Long enough for the first chunk on a loaded machine; the stall after it is what times out.
    const { gateway } = gatewayOnTestServer(server, { timeoutMs: 2_000 });
    server.enqueue('chat', { kind: 'stall-stream', firstChunk: 'Hel' });
    const deltas: string[] = [];
    const run = async () => {
      for await (const chunk of gateway.stream(ask, caller)) if (chunk.type === 'delta') deltas.push(chunk.delta);
    };
    await expect(run()).rejects.toBeInstanceOf(AiTimeoutError);
    expect(deltas).toEqual(['Hel']);
  });

  it('uses the structured fallback when the remote is down, and the remote error when there is none', async () => {
    const { gateway } = gatewayOnTestServer(server, { retry: { maxRetries: 0 }, breaker: { failureThreshold: 100 } });
    server.always('chat', { kind: 'error', status: 500 });
    const schema = z.object({ summary: z.string() });
    const withFallback = await gateway.structured({ ...ask, schema, schemaName: 'summary', fallback: () => ({ summary: 'rule-based' }) }, caller);
    expect(withFallback).toMatchObject({ data: { summary: 'rule-based' }, fallback: true, offline: true });
    await expect(gateway.structured({ ...ask, schema, schemaName: 'summary' }, caller)).rejects.toBeInstanceOf(AiUnavailableError);
  });

  it('does not fall back for embeddings by default: the vector spaces differ', async () => {
    const { gateway } = gatewayOnTestServer(server, { retry: { maxRetries: 0 } });
    server.always('embeddings', { kind: 'error', status: 500 });
    await expect(gateway.embed(['a'], caller)).rejects.toBeInstanceOf(AiUnavailableError);
    const lenient = gatewayOnTestServer(server, { retry: { maxRetries: 0 }, embeddingFallback: true }).gateway;
    await expect(lenient.embed(['a'], caller)).resolves.toMatchObject({ offline: true, fallback: true, model: 'hashing-ngrams-v1' });
  });
});

describe('budget', () => {
  it('refuses calls once the project budget is used, with a typed error and no remote call', async () => {
    const { gateway } = gatewayOnTestServer(server, { tokenLimits: { [caller.projectId]: 10 } });
    await gateway.complete(ask, caller);
    const refused = gateway.complete(ask, caller);
    await expect(refused).rejects.toBeInstanceOf(AiBudgetExceededError);
    await expect(gateway.complete(ask, caller)).rejects.toMatchObject({ code: 'AI_BUDGET_EXCEEDED', status: 'TOO_MANY_REQUESTS', details: { used: 15, max: 10 } });
    expect(server.requests).toHaveLength(1);
    // Another project has its own budget.
    await expect(gateway.complete(ask, { ...caller, projectId: '00000000-0000-4000-8000-000000000002' })).resolves.toMatchObject({ offline: false });
  });
});
