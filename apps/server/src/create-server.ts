import { randomUUID } from 'node:crypto';
import fastifyWebsocket from '@fastify/websocket';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { githubAuthRoutes } from './plugins/github-auth';
import { healthRoutes } from './plugins/health';
import { metricsRoutes } from './plugins/metrics';
import { securityHeaders, websocketOriginCheck } from './plugins/security';
import { registerErrorHandlers } from './plugins/errors';
import { staticWebRoutes } from './plugins/static-web';
import { trpcRoutes } from './plugins/trpc';
import type { RunningServices } from './services';

export interface CreateServerOptions {
  running: RunningServices;
  logger: Logger;
  /** Built web app to serve, if present. */
  webRoot?: string | undefined;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,128}$/;

/** Builds the Fastify app without listening, so tests use it through `inject` or a real port. */
export async function createServer(options: CreateServerOptions): Promise<FastifyInstance> {
  const { running, logger } = options;
  const { env } = running.services;
  const app = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    bodyLimit: env.BODY_LIMIT_BYTES,
    trustProxy: env.TRUST_PROXY,
    routerOptions: { maxParamLength: 5000 },
    // Honour a caller's request id when it is sane, so logs line up across services.
    genReqId: (req) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    },
  });

  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    // Time spent in this process until the answer is handed to the socket, for clients and the bench.
    reply.header('server-timing', `app;dur=${reply.elapsedTime.toFixed(2)}`);
  });
  registerErrorHandlers(app);
  securityHeaders(app, env);
  await metricsRoutes(app, { env });

  await app.register(fastifyWebsocket, { options: { maxPayload: env.BODY_LIMIT_BYTES, verifyClient: websocketOriginCheck(env) } });
  await app.register(trpcRoutes, { services: running.services, logger: app.log });
  await app.register(githubAuthRoutes, { services: running.services });
  await app.register(healthRoutes, {
    services: running.services,
    dbHandle: running.dbHandle,
    bus: running.services.bus,
    redisConfigured: Boolean(env.REDIS_URL),
  });
  if (options.webRoot) {
    const served = await staticWebRoutes(app, { root: options.webRoot });
    if (!served) logger.info({ webRoot: options.webRoot }, 'no built web app found; run `pnpm build` to serve it');
  }
  return app;
}
