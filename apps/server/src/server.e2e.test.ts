import { loadTestEnv } from '@devmentor/config';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createTestClient, startTestServer, type TestServer } from './testing/test-server';

const mode = loadTestEnv().TEST_DATABASE_URL ? 'postgres' : 'pglite';

describe(`server over HTTP and WebSocket (${mode})`, () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ env: { BODY_LIMIT_BYTES: '65536', DOCUMENT_MAX_BYTES: '16384' } });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('answers /health and /ready with the database mode and vector capability', async () => {
    const health = await fetch(`${server.url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', database: mode });

    const ready = await fetch(`${server.url}/ready`);
    const body = (await ready.json()) as Record<string, any>;
    expect(ready.status).toBe(200);
    expect(body.status).toBe('ready');
    expect(body.database).toEqual({ mode, ok: true });
    expect(body.migrations.current).toBe(true);
    expect(body.vector.available).toBe(server.running.services.capabilities.vector);
    if (mode === 'pglite') expect(body.vector.available).toBe(true);
  });

  it('returns a request id header, and echoes a sane incoming one', async () => {
    const generated = await fetch(`${server.url}/health`);
    expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const echoed = await fetch(`${server.url}/health`, { headers: { 'x-request-id': 'trace-123' } });
    expect(echoed.headers.get('x-request-id')).toBe('trace-123');
    const rejected = await fetch(`${server.url}/health`, { headers: { 'x-request-id': 'bad id with spaces' } });
    expect(rejected.headers.get('x-request-id')).not.toBe('bad id with spaces');
  });

  it('serves a typed query over HTTP and subscription events over WebSocket', async () => {
    const { client, close } = createTestClient(server);
    try {
      const health = await client.system.health.query();
      expect(health.database).toBe(mode);
      expect(health.instanceId).toBe(server.running.services.instanceId);

      const ticks = await new Promise<{ at: string; instanceId: string }[]>((resolve, reject) => {
        const received: { at: string; instanceId: string }[] = [];
        const subscription = client.system.clock.subscribe(undefined, {
          onData: (tick) => {
            received.push(tick);
            if (received.length === 2) {
              subscription.unsubscribe();
              resolve(received);
            }
          },
          onError: reject,
        });
      });
      expect(ticks.every((tick) => tick.instanceId === health.instanceId)).toBe(true);
      expect(Date.parse(ticks[1]!.at)).toBeGreaterThan(Date.parse(ticks[0]!.at));
    } finally {
      close();
    }
  });

  it('sends a JSON answer whole with its length, and still streams a streamed batch', async () => {
    const whole = await fetch(`${server.url}/trpc/system.echo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message: 'hi' }) });
    expect(whole.headers.get('content-length')).toBe(String((await whole.clone().arrayBuffer()).byteLength));
    expect(whole.headers.get('transfer-encoding')).toBeNull();
    expect(whole.headers.get('server-timing')).toMatch(/^app;dur=\d+\.\d{2}$/);
    expect(((await whole.json()) as any).result.data.message).toBe('hi');
    const failed = await fetch(`${server.url}/trpc/system.nothing`);
    expect({ status: failed.status, length: Number(failed.headers.get('content-length')) > 0 }).toEqual({ status: 404, length: true });

    const streamed = await fetch(`${server.url}/trpc/system.echo?batch=1`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'trpc-accept': 'application/jsonl' },
      body: JSON.stringify({ 0: { message: 'streamed' } }),
    });
    expect(streamed.headers.get('transfer-encoding')).toBe('chunked');
    expect(await streamed.text()).toContain('streamed');
  });

  describe('bad input gets a clear error and the server keeps serving', () => {
    it('unknown procedure: 404 NOT_FOUND', async () => {
      const response = await fetch(`${server.url}/trpc/system.nothing`);
      expect(response.status).toBe(404);
      expect(((await response.json()) as any).error.data.code).toBe('NOT_FOUND');
    });

    it('malformed batch: 400 with a tRPC error per call', async () => {
      const response = await fetch(`${server.url}/trpc/system.echo,system.echo?batch=1`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify('not a batch'),
      });
      expect(response.status).toBe(400);
      const body = (await response.json()) as any[];
      expect(body.map((entry) => entry.error.data.code)).toEqual(['BAD_REQUEST', 'BAD_REQUEST']);
    });

    it('invalid input: 400 BAD_REQUEST naming the field', async () => {
      const response = await fetch(`${server.url}/trpc/system.echo`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ message: 'x'.repeat(1001) }),
      });
      expect(response.status).toBe(400);
      const body = (await response.json()) as any;
      expect(body.error.data.code).toBe('BAD_REQUEST');
      expect(body.error.message).toContain('message');
    });

    it('invalid JSON body: 400 PARSE_ERROR', async () => {
      const response = await fetch(`${server.url}/trpc/system.echo`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"broken":',
      });
      expect(response.status).toBe(400);
      expect(JSON.stringify(await response.json())).toMatch(/PARSE_ERROR|BAD_REQUEST/);
    });

    it('oversized body: 413 PAYLOAD_TOO_LARGE', async () => {
      const response = await fetch(`${server.url}/trpc/system.echo`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ padding: 'x'.repeat(70_000) }),
      });
      expect(response.status).toBe(413);
      expect(((await response.json()) as any).error.code).toBe('PAYLOAD_TOO_LARGE');
    });

    it('invalid JSON to a REST route: 400 with a REST error body', async () => {
      const response = await fetch(`${server.url}/health`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"broken":',
      });
      expect(response.status).toBe(400);
      expect(((await response.json()) as any).error.code).toBe('BAD_REQUEST');
    });

    it('unknown route: 404 with a REST error body', async () => {
      const response = await fetch(`${server.url}/api/v1/unknown`);
      expect(response.status).toBe(404);
      expect(((await response.json()) as any).error).toMatchObject({ code: 'NOT_FOUND' });
    });

    it('garbage on the WebSocket: a parse error to that socket, others unaffected', async () => {
      const socket = new WebSocket(server.wsUrl);
      await new Promise((resolve, reject) => {
        socket.once('open', resolve);
        socket.once('error', reject);
      });
      const reply = new Promise<string>((resolve) => socket.once('message', (data) => resolve(String(data))));
      socket.send('this is not json {{{');
      const message = JSON.parse(await reply) as any;
      expect(message.error.data.code).toBe('PARSE_ERROR');
      socket.close();

      const { client, close } = createTestClient(server);
      try {
        expect((await client.system.health.query()).status).toBe('ok');
      } finally {
        close();
      }
    });

    it('hides internals: no stack traces in error responses', async () => {
      const response = await fetch(`${server.url}/trpc/system.nothing`);
      expect(JSON.stringify(await response.json())).not.toMatch(/stack|at \w+ \(/);
    });
  });
});
