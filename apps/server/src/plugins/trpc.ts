import type { IncomingMessage } from 'node:http';
import { randomUUID } from 'node:crypto';
import { appRouter, createInnerContext, type AppRouter, type AppServices } from '@devmentor/api';
import { fastifyTRPCPlugin, type CreateFastifyContextOptions, type FastifyTRPCPluginOptions } from '@trpc/server/adapters/fastify';
import type { FastifyBaseLogger, FastifyInstance, FastifyRequest } from 'fastify';

function isFastifyRequest(req: FastifyRequest | IncomingMessage): req is FastifyRequest {
  return 'raw' in req;
}

/**
 * tRPC over HTTP (batched) and WebSocket on one prefix. Over HTTP the context is per request; over
 * WebSocket `req` is the upgrade request and the context lives as long as the connection.
 */
export async function trpcRoutes(app: FastifyInstance, options: { services: AppServices; logger: FastifyBaseLogger }) {
  const createContext = ({ req }: CreateFastifyContextOptions) => {
    const request = req as FastifyRequest | IncomingMessage;
    if (isFastifyRequest(request)) return createInnerContext(options.services, { requestId: request.id, log: request.log });
    const connectionId = `ws-${randomUUID()}`;
    return createInnerContext(options.services, { requestId: connectionId, log: options.logger.child({ reqId: connectionId }) });
  };

  // keepAlive works at run time but is missing from the 11.19 type, so the object is typed loosely.
  const trpcOptions: FastifyTRPCPluginOptions<AppRouter>['trpcOptions'] & { keepAlive: object } = {
    router: appRouter,
    createContext,
    keepAlive: { enabled: true, pingMs: 30_000, pongWaitMs: 5_000 },
    onError: ({ error, path }) => {
      if (error.code === 'INTERNAL_SERVER_ERROR') options.logger.error({ err: error.cause ?? error, path }, 'tRPC error');
    },
  };
  await app.register(fastifyTRPCPlugin, { prefix: '/trpc', useWSS: true, trpcOptions });
}
