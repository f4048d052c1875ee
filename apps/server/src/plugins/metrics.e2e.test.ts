import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/test-server';

const TOKEN = 'a-metrics-token-for-tests';

/** The value of one sample line, e.g. `http_requests_total{method="GET",route="/health",status_code="200"}`. */
function sample(text: string, series: string): number | null {
  const line = text.split('\n').find((entry) => entry.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : null;
}

describe('GET /metrics', () => {
  let withToken: TestServer;
  let withoutToken: TestServer;
  let production: TestServer;
  beforeAll(async () => {
    [withToken, withoutToken, production] = await Promise.all([
      startTestServer({ env: { METRICS_TOKEN: TOKEN } }),
      startTestServer(),
      startTestServer({ env: { NODE_ENV: 'production' } }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([withToken?.close(), withoutToken?.close(), production?.close()]);
  });

  const scrape = (server: TestServer, headers: Record<string, string> = {}) => fetch(`${server.url}/metrics`, { headers });

  it('counts answers by method, route (tRPC by procedure) and status, with durations and process metrics', async () => {
    const before = await (await scrape(withToken, { authorization: `Bearer ${TOKEN}` })).text();
    for (let i = 0; i < 3; i++) await fetch(`${withToken.url}/health`);
    await fetch(`${withToken.url}/trpc/system.health`);
    await fetch(`${withToken.url}/trpc/not.a.procedure`);
    await fetch(`${withToken.url}/nowhere`);

    const response = await scrape(withToken, { authorization: `Bearer ${TOKEN}` });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    const health = 'http_requests_total{method="GET",route="/health",status_code="200"}';
    expect(sample(text, health)).toBe((sample(before, health) ?? 0) + 3);
    expect(sample(text, 'http_requests_total{method="GET",route="/trpc/system.health",status_code="200"}')).toBe(1);
    expect(sample(text, 'http_requests_total{method="GET",route="/trpc (unknown)",status_code="404"}')).toBe(1);
    expect(sample(text, 'http_requests_total{method="GET",route="(unmatched)",status_code="404"}')).toBe(1);
    expect(sample(text, 'http_request_duration_seconds_count{method="GET",route="/health"}')).toBeGreaterThanOrEqual(3);
    expect(text).toContain('process_cpu_user_seconds_total');
    expect(text).toContain('nodejs_eventloop_lag_seconds');
    expect(sample(text, 'websocket_connections')).toBe(0);
  });

  it('refuses a missing or wrong token when one is set', async () => {
    for (const headers of [{}, { authorization: 'Bearer wrong-token-of-some-length' }, { authorization: TOKEN }] as Record<string, string>[]) {
      const response = await scrape(withToken, headers);
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ error: { code: 'UNAUTHORIZED', message: 'Send the metrics token as a Bearer token', details: null } });
    }
  });

  it('without a token, answers loopback callers only, and nobody in production', async () => {
    expect((await scrape(withoutToken)).status).toBe(200);
    const remote = await withoutToken.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '203.0.113.9' });
    expect(remote.statusCode).toBe(403);
    // A forwarded-for header from a loopback peer does not change who the peer is.
    const forwarded = await withoutToken.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '203.0.113.9', headers: { 'x-forwarded-for': '127.0.0.1' } });
    expect(forwarded.statusCode).toBe(403);
    const closed = await scrape(production);
    expect(closed.status).toBe(404);
    expect(((await closed.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
  });
});
