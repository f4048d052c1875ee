import type { IncomingMessage } from 'node:http';
import { randomUUID } from 'node:crypto';
import { appRouter, createInnerContext, credentialFromHeaders, credentialSourceFromHeaders, resolveAuth, type AppRouter, type AppServices } from '@devmentor/api';
import { fastifyTRPCPlugin, type CreateFastifyContextOptions, type FastifyTRPCPluginOptions } from '@trpc/server/adapters/fastify';
import type { FastifyBaseLogger, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

function isFastifyRequest(req: FastifyRequest | IncomingMessage): req is FastifyRequest {
  return 'raw' in req;
}

function headerValue(value: string | string[] | undefined): string | null {
  return (Array.isArray(value) ? value[0] : value) ?? null;
}

/**
 * tRPC over HTTP (batched) and WebSocket on one prefix. The caller is resolved once: per request
 * over HTTP, per connection over WebSocket (`connectionParams.token`, else the session cookie).
 */
export async function trpcRoutes(app: FastifyInstance, options: { services: AppServices; logger: FastifyBaseLogger }) {
  const { services } = options;
  const createContext = async ({ req, res, info }: CreateFastifyContextOptions) => {
    const request = req as FastifyRequest | IncomingMessage;
    const paramsToken = info.connectionParams?.token;
    const fromParams = typeof paramsToken === 'string' && paramsToken !== '';
    const credential = typeof paramsToken === 'string' && paramsToken ? paramsToken : credentialFromHeaders(request.headers);
    const host = headerValue(request.headers.host);
    const userAgent = headerValue(request.headers['user-agent']);
    const origin = headerValue(request.headers.origin);
    if (isFastifyRequest(request)) {
      return createInnerContext(services, {
        requestId: request.id,
        log: request.log,
        // Resolved by the first middleware, together with the membership of the project the call names.
        credential: credential ? { token: credential, via: credentialSourceFromHeaders(request.headers) } : null,
        ip: request.ip,
        userAgent,
        origin,
        host,
        idempotencyKey: headerValue(request.headers['idempotency-key'])?.slice(0, 255) ?? null,
        setResponseHeader: (name, value) => void res.header(name, value),
      });
    }
    const auth = await resolveAuth(services.db, credential, fromParams ? 'connection' : credentialSourceFromHeaders(request.headers), services.sessionCache);
    const connectionId = `ws-${randomUUID()}`;
    return createInnerContext(services, {
      requestId: connectionId,
      log: options.logger.child({ reqId: connectionId }),
      auth,
      ip: request.socket.remoteAddress ?? null,
      userAgent,
      origin,
      // Over WebSocket `res` is the socket: subscriptions watch its queue to end slow clients.
      socketBufferedBytes: () => (res as unknown as { bufferedAmount: number }).bufferedAmount,
      host,
    });
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
  app.addHook('onSend', sendJsonAnswerWhole);
  await app.register(fastifyTRPCPlugin, { prefix: '/trpc', useWSS: true, trpcOptions });
}

function isWebResponse(payload: unknown): payload is Response {
  return Object.prototype.toString.call(payload) === '[object Response]';
}

/**
 * tRPC answers with a web `Response`, whose body Fastify would stream chunk by chunk (chunked
 * encoding, several socket writes). A plain JSON answer is read whole and sent in one write with
 * its length (as bytes); streamed answers (`trpc-accept: application/jsonl`, server-sent events) pass as they are.
 */
async function sendJsonAnswerWhole(request: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<unknown> {
  if (!isWebResponse(payload) || request.headers['trpc-accept'] || !payload.headers.get('content-type')?.startsWith('application/json')) return payload;
  reply.code(payload.status);
  for (const [name, value] of payload.headers) reply.header(name, value);
  // The bytes as they are: reading text would decode the UTF-8 only for Fastify to encode it again.
  return Buffer.from(await payload.arrayBuffer());
}
