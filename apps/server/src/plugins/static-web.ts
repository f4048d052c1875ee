import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/** Serves the built web app, with `index.html` for client-side routes. */
export async function staticWebRoutes(app: FastifyInstance, options: { root: string }): Promise<boolean> {
  if (!existsSync(join(options.root, 'index.html'))) return false;
  await app.register(fastifyStatic, { root: options.root, wildcard: false });
  app.get('/*', (request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    if (path.startsWith('/trpc') || path.startsWith('/api/')) {
      return reply.code(404).send({ error: { code: 'NOT_FOUND', message: `No route for ${request.method} ${path}`, details: null } });
    }
    return reply.sendFile('index.html');
  });
  return true;
}
