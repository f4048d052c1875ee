import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import type { PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import type { DbHandle } from './client';

/** Resolves the same folder from `src/` in development and from `dist/` once built. */
export const migrationsFolder = fileURLToPath(new URL('../drizzle', import.meta.url));

interface Journal {
  entries: { idx: number; tag: string }[];
}

export function expectedMigrationCount(): number {
  const journal = JSON.parse(readFileSync(`${migrationsFolder}/meta/_journal.json`, 'utf8')) as Journal;
  return journal.entries.length;
}

/** Applies every pending migration; both drivers, the same SQL files. */
export async function migrate(handle: DbHandle): Promise<void> {
  if (handle.mode === 'pglite') {
    await migratePglite(handle.db as unknown as PgliteDatabase, { migrationsFolder });
  } else {
    await migratePostgres(handle.db as unknown as PostgresJsDatabase, { migrationsFolder });
  }
}

export interface SchemaStatus {
  applied: number;
  expected: number;
  current: boolean;
}

export async function schemaStatus(handle: DbHandle): Promise<SchemaStatus> {
  const expected = expectedMigrationCount();
  let applied = 0;
  try {
    const rows = await handle.db.execute<{ count: number }>(
      sql`select count(*)::int as count from drizzle.__drizzle_migrations`,
    );
    applied = Number(rowsOf<{ count: number }>(rows)[0]?.count ?? 0);
  } catch {
    applied = 0;
  }
  return { applied, expected, current: applied === expected };
}

/** Whether the `vector` extension is installed, i.e. embeddings and HNSW search are available. */
export async function hasVectorExtension(handle: DbHandle): Promise<boolean> {
  const rows = await handle.db.execute<{ present: boolean }>(
    sql`select exists (select 1 from pg_extension where extname = 'vector') as present`,
  );
  return Boolean(rowsOf<{ present: boolean }>(rows)[0]?.present);
}

/** postgres-js returns an array; PGlite returns `{ rows }`. */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}
