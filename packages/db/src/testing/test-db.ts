import { randomBytes } from 'node:crypto';
import type { PGlite } from '@electric-sql/pglite';
import { loadTestEnv } from '@devmentor/config';
import postgres from 'postgres';
import { createDb, createPglite, type DbHandle } from '../client';
import { migrate } from '../migrate';

let pgliteTemplate: Promise<PGlite> | undefined;

/** One migrated in-memory PGlite per test process; each test database is a clone of it. */
function migratedTemplate(): Promise<PGlite> {
  pgliteTemplate ??= (async () => {
    const template = await createPglite();
    await migrate(await createDb({ pglite: template }));
    return template;
  })();
  return pgliteTemplate;
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/**
 * A fresh, migrated database for one test file. Embedded PGlite by default; with
 * `TEST_DATABASE_URL` a new PostgreSQL database that `close()` drops, so parallel runs never collide.
 */
export async function createTestDb(): Promise<DbHandle> {
  const { TEST_DATABASE_URL } = loadTestEnv();
  if (!TEST_DATABASE_URL) {
    const template = await migratedTemplate();
    return createDb({ pglite: (await template.clone()) as PGlite });
  }
  const name = `dm_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = postgres(TEST_DATABASE_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  const url = withDatabase(TEST_DATABASE_URL, name);
  const handle = await createDb({ databaseUrl: url, maxConnections: 5 });
  await migrate(handle);
  return {
    ...handle,
    close: async () => {
      await handle.close();
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end({ timeout: 5 });
    },
  };
}

/** The connection string of a fresh migrated database, for tests that start real server processes. */
export async function createTestDatabaseUrl(): Promise<{ url: string; drop: () => Promise<void> } | null> {
  const { TEST_DATABASE_URL } = loadTestEnv();
  if (!TEST_DATABASE_URL) return null;
  const name = `dm_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = postgres(TEST_DATABASE_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  return {
    url: withDatabase(TEST_DATABASE_URL, name),
    drop: async () => {
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end({ timeout: 5 });
    },
  };
}
