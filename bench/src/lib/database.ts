import { randomBytes } from 'node:crypto';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb, migrate, type DbHandle } from '@devmentor/db';
import postgres from 'postgres';
import type { DatabaseMode } from './types';

/** A migrated database of its own for one scenario run, in one mode. */
export interface BenchDatabase {
  mode: DatabaseMode;
  /** Open in this process: seed and measure the Drizzle floor through it. */
  handle: DbHandle;
  /** Environment that points a server process at the same database. */
  serverEnv: Record<string, string>;
  /**
   * Closes the in-process handle. PGlite is single-process: release it before a server process
   * opens the same data directory. Idempotent.
   */
  release(): Promise<void>;
  /** Releases and deletes the database (PGlite directory or PostgreSQL database). */
  drop(): Promise<void>;
}

/** In-process PGlite settings (the server's come from its environment). */
export interface PgliteOptions {
  sharedBuffersMb?: number;
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** Whether PostgreSQL answers at `url` within a couple of seconds. */
export async function postgresReachable(url: string): Promise<boolean> {
  const probe = postgres(url, { max: 1, connect_timeout: 2, onnotice: () => {} });
  try {
    await probe`select 1`;
    return true;
  } catch {
    return false;
  } finally {
    await probe.end({ timeout: 1 });
  }
}

/**
 * Embedded PGlite in a fresh temporary data directory (on disk, as a new user runs it), or a new
 * PostgreSQL database created next to `postgresUrl`'s. Both are migrated.
 */
export async function openBenchDatabase(mode: DatabaseMode, postgresUrl: string, pglite: PgliteOptions = {}): Promise<BenchDatabase> {
  if (mode === 'pglite') {
    const dataDir = await mkdtemp(join(tmpdir(), 'devmentor-bench-'));
    const handle = await createDb({ dataDir, sharedBuffersMb: pglite.sharedBuffersMb });
    await migrate(handle);
    return benchDatabase(mode, handle, { DATA_DIR: dataDir }, () => rm(dataDir, { recursive: true, force: true }));
  }
  const name = `dm_bench_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = postgres(postgresUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  const url = withDatabase(postgresUrl, name);
  const handle = await createDb({ databaseUrl: url, maxConnections: 10 });
  await migrate(handle);
  return benchDatabase(mode, handle, { DATABASE_URL: url }, async () => {
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.end({ timeout: 5 });
  });
}

/**
 * PGlite on a fresh copy of `templateDir` (a closed, migrated data directory), so a run can change
 * its database freely and the template stays as it was. `drop()` deletes the copy only.
 */
export async function openPgliteCopy(templateDir: string, pglite: PgliteOptions = {}): Promise<BenchDatabase> {
  const dataDir = await mkdtemp(join(tmpdir(), 'devmentor-bench-'));
  await cp(templateDir, dataDir, { recursive: true });
  const handle = await createDb({ dataDir, sharedBuffersMb: pglite.sharedBuffersMb });
  await migrate(handle);
  return benchDatabase('pglite', handle, { DATA_DIR: dataDir }, () => rm(dataDir, { recursive: true, force: true }));
}

/** Wraps an open handle with an idempotent `release` and a `drop` that releases, then removes the data. */
function benchDatabase(mode: DatabaseMode, handle: DbHandle, serverEnv: Record<string, string>, removeData: () => Promise<unknown>): BenchDatabase {
  let released = false;
  const release = async () => {
    if (released) return;
    released = true;
    await handle.close();
  };
  return {
    mode,
    handle,
    serverEnv,
    release,
    drop: async () => {
      await release();
      await removeData();
    },
  };
}
