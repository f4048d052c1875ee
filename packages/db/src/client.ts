import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from './schema';

export type Schema = typeof schema;
/** One type for both drivers, so services never know which database they run on. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
export type DatabaseMode = 'pglite' | 'postgres';

export interface DbHandle {
  db: Database;
  mode: DatabaseMode;
  /** Throws when the database does not answer. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface CreateDbOptions {
  /** PostgreSQL through postgres-js when set; embedded PGlite otherwise. */
  databaseUrl?: string | undefined;
  /** PGlite data directory; omitted means in memory. */
  dataDir?: string | undefined;
  /** PGlite's buffer cache in MB (its default is 128). */
  sharedBuffersMb?: number | undefined;
  /** An already open PGlite (tests clone a migrated template). */
  pglite?: PGlite;
  /** postgres-js pool size. */
  maxConnections?: number;
}

/**
 * PGlite reads every page its buffer cache misses through a file system call from WebAssembly, so a
 * working set larger than the cache (a 100k-chunk HNSW index is 195 MB) costs a call per page. The
 * cache is allocated whole at start: each MB more is a MB of resident memory.
 */
export async function createPglite(dataDir?: string, options: { sharedBuffersMb?: number | undefined } = {}): Promise<PGlite> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const startParams = options.sharedBuffersMb ? [...PGlite.defaultStartParams, '-c', `shared_buffers=${options.sharedBuffersMb}MB`] : undefined;
  // The options-object form: `new PGlite(dir, { extensions })` drops the extensions silently.
  return PGlite.create({ ...(dataDir ? { dataDir } : {}), ...(startParams ? { startParams } : {}), extensions: { vector } });
}

export async function createDb(options: CreateDbOptions = {}): Promise<DbHandle> {
  if (options.databaseUrl) {
    const client = postgres(options.databaseUrl, {
      max: options.maxConnections ?? 10,
      onnotice: () => {},
    });
    const db = drizzlePostgres(client, { schema, casing: 'snake_case' }) as unknown as Database;
    return {
      db,
      mode: 'postgres',
      ping: async () => {
        await db.execute(sql`select 1`);
      },
      close: () => client.end({ timeout: 5 }),
    };
  }
  const client = options.pglite ?? (await createPglite(options.dataDir, { sharedBuffersMb: options.sharedBuffersMb }));
  const db = drizzlePglite(client, { schema, casing: 'snake_case' }) as unknown as Database;
  return {
    db,
    mode: 'pglite',
    ping: async () => {
      await db.execute(sql`select 1`);
    },
    close: async () => {
      if (!client.closed) await client.close();
    },
  };
}
