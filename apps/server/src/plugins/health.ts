import { getHealth, type AppServices, type EventBus } from '@devmentor/api';
import { schemaStatus, type DbHandle } from '@devmentor/db';
import type { FastifyInstance } from 'fastify';

export interface HealthRoutesOptions {
  services: AppServices;
  dbHandle: DbHandle;
  bus: EventBus;
  redisConfigured: boolean;
}

async function probe(check: () => Promise<void>): Promise<{ ok: boolean; error?: string }> {
  try {
    await check();
    return { ok: true };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : 'unreachable' };
  }
}

/** `/health`: the process is up. `/ready`: it can serve (database, migrations, Redis). */
export async function healthRoutes(app: FastifyInstance, options: HealthRoutesOptions): Promise<void> {
  app.get('/health', async () => getHealth(options.services));

  app.get('/ready', async (_request, reply) => {
    const database = await probe(() => options.dbHandle.ping());
    const migrations = database.ok ? await schemaStatus(options.dbHandle) : { applied: 0, expected: 0, current: false };
    const redis = options.redisConfigured ? await probe(() => options.bus.ping()) : null;
    const ready = database.ok && migrations.current && (redis === null || redis.ok);
    const { capabilities } = options.services;
    return reply.code(ready ? 200 : 503).send({
      status: ready ? 'ready' : 'not_ready',
      database: { mode: capabilities.database, ...database },
      migrations,
      redis: redis === null ? { configured: false } : { configured: true, ...redis },
      vector: {
        available: capabilities.vector,
        search: capabilities.vector ? 'hybrid' : 'full-text only (pgvector is not installed on this database)',
      },
      bus: capabilities.bus,
    });
  });
}
