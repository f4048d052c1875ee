import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { createDb, createPglite, type DbHandle } from '../client';
import { migrate } from '../migrate';

/**
 * A migrated in-memory PGlite (with pgvector) served over the Postgres wire protocol on loopback,
 * opened through postgres-js: the `postgres` driver code path with vectors, which the PostgreSQL
 * on these machines (no pgvector) cannot give. One connection at a time, as PGlite allows.
 */
export async function createSocketServedTestDb(): Promise<DbHandle> {
  const pglite = await createPglite();
  await migrate(await createDb({ pglite }));
  const server = new PGLiteSocketServer({ db: pglite, host: '127.0.0.1', port: 0, maxConnections: 1 });
  await server.start();
  const handle = await createDb({ databaseUrl: `postgres://postgres@${server.getServerConn()}/postgres`, maxConnections: 1 });
  return {
    ...handle,
    close: async () => {
      await handle.close();
      await server.stop();
      await pglite.close();
    },
  };
}
