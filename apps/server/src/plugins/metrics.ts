import { createHash, timingSafeEqual } from 'node:crypto';
import { appRouter } from '@devmentor/api';
import type { Env } from '@devmentor/config';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

const procedures = new Set(Object.keys(appRouter._def.procedures));
const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * The route label: Fastify's route pattern, with tRPC calls named by their procedure. Only known
 * procedures become labels, so a caller cannot grow the series without bound.
 */
function routeLabel(request: FastifyRequest): string {
  const route = request.routeOptions.url;
  if (route === undefined) return '(unmatched)';
  if (!route.startsWith('/trpc')) return route;
  const path = request.url.split('?')[0]!.slice('/trpc/'.length);
  if (path === '') return '/trpc (websocket)';
  if (path.includes(',')) return '/trpc (batch)';
  return procedures.has(path) ? `/trpc/${path}` : '/trpc (unknown)';
}

function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

type Access = 'allowed' | 'unauthorized' | 'forbidden' | 'disabled';

function accessOf(request: FastifyRequest, env: Pick<Env, 'METRICS_TOKEN' | 'NODE_ENV'>): Access {
  if (env.METRICS_TOKEN) {
    const header = request.headers.authorization ?? '';
    return header.startsWith('Bearer ') && sameSecret(header.slice('Bearer '.length), env.METRICS_TOKEN) ? 'allowed' : 'unauthorized';
  }
  if (env.NODE_ENV === 'production') return 'disabled';
  // The socket's own peer, not X-Forwarded-For: a proxy must not make a remote caller look local.
  return LOOPBACK.has(request.socket.remoteAddress ?? '') ? 'allowed' : 'forbidden';
}

const REFUSALS: Record<Exclude<Access, 'allowed'>, { status: number; code: string; message: string }> = {
  unauthorized: { status: 401, code: 'UNAUTHORIZED', message: 'Send the metrics token as a Bearer token' },
  forbidden: { status: 403, code: 'FORBIDDEN', message: 'Without METRICS_TOKEN, metrics are served to loopback callers only' },
  disabled: { status: 404, code: 'NOT_FOUND', message: 'Metrics are off in production until METRICS_TOKEN is set' },
};

/**
 * `GET /metrics` in Prometheus' text format: every HTTP answer by method, route and status, its
 * duration, open WebSocket connections, and Node's process metrics (CPU, memory, event-loop lag, GC).
 */
export async function metricsRoutes(app: FastifyInstance, options: { env: Env }): Promise<void> {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({ name: 'http_requests_total', help: 'HTTP answers by method, route and status', labelNames: ['method', 'route', 'status_code'], registers: [registry] });
  const durations = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time from request to answer, by method and route',
    labelNames: ['method', 'route'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  new Gauge({
    name: 'websocket_connections',
    help: 'Open WebSocket connections (tRPC subscriptions)',
    registers: [registry],
    collect() {
      this.set(app.websocketServer?.clients.size ?? 0);
    },
  });

  app.addHook('onResponse', async (request, reply) => {
    const route = routeLabel(request);
    requests.inc({ method: request.method, route, status_code: String(reply.statusCode) });
    durations.observe({ method: request.method, route }, reply.elapsedTime / 1000);
  });

  app.get('/metrics', async (request, reply) => {
    const access = accessOf(request, options.env);
    if (access !== 'allowed') {
      const refusal = REFUSALS[access];
      return reply.code(refusal.status).send({ error: { code: refusal.code, message: refusal.message, details: null } });
    }
    return reply.type(registry.contentType).send(await registry.metrics());
  });
}
