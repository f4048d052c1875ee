import type { FastifyError, FastifyInstance } from 'fastify';

/** REST-style error body: `{ error: { code, message, details } }`. */
function body(code: string, message: string, details: unknown = null) {
  return { error: { code, message, details } };
}

const codeByStatus: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_SUPPORTED',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'TOO_MANY_REQUESTS',
};

/**
 * Errors that reach Fastify itself (bad JSON, oversized bodies, unknown routes). Client errors say
 * what was wrong; server errors are logged with the request id and answered generically.
 */
export function registerErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status = error.statusCode && error.statusCode >= 400 ? error.statusCode : 500;
    if (status >= 500) {
      request.log.error({ err: error }, 'request failed');
      return reply.code(500).send(body('INTERNAL_SERVER_ERROR', 'Internal server error'));
    }
    return reply.code(status).send(body(codeByStatus[status] ?? 'BAD_REQUEST', error.message));
  });

  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send(body('NOT_FOUND', `No route for ${request.method} ${request.url.split('?')[0]}`)),
  );
}
