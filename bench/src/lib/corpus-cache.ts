import { createHash } from 'node:crypto';
import { cp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { openPgliteCopy, type BenchDatabase, type PgliteOptions } from './database';

/**
 * A loaded and indexed corpus kept between runs (opt-in, PGlite only), so iterating on search does
 * not rebuild a 100k HNSW index (about 15 minutes on 2 cores) every time. Stored under a key made of
 * everything that shapes the data; every run works on a copy, so the stored one never changes.
 */
export interface CorpusCache<Meta> {
  /** Directory name under the cache root: `<name>-<hash of the key parts>`. */
  key: string;
  /** A copy of the stored corpus and what was recorded when it was built; null when none is stored. */
  open(): Promise<{ database: BenchDatabase; meta: Meta } | null>;
  /** Stores `database`'s data directory with `meta`, drops `database` and returns a copy of the stored one. */
  save(database: BenchDatabase, meta: Meta): Promise<BenchDatabase>;
}

export function corpusCache<Meta>(root: string, name: string, keyParts: string[], pglite: PgliteOptions = {}): CorpusCache<Meta> {
  const key = `${name}-${createHash('sha256').update(keyParts.join('\0')).digest('hex').slice(0, 12)}`;
  const dir = join(root, key);
  const open = async () => {
    // meta.json is written last, inside a directory renamed into place: its presence means complete.
    const meta = await readFile(join(dir, 'meta.json'), 'utf8').then(
      (text) => JSON.parse(text) as Meta,
      () => null,
    );
    if (meta === null) return null;
    return { database: await openPgliteCopy(join(dir, 'pgdata'), pglite), meta };
  };
  return {
    key,
    open,
    async save(database, meta) {
      const source = database.serverEnv.DATA_DIR;
      if (database.mode !== 'pglite' || !source) throw new Error('only a PGlite corpus can be stored');
      await database.release();
      const partial = `${dir}.partial`;
      await rm(partial, { recursive: true, force: true });
      await cp(source, join(partial, 'pgdata'), { recursive: true });
      await writeFile(join(partial, 'meta.json'), `${JSON.stringify(meta, null, 2)}\n`);
      await rm(dir, { recursive: true, force: true });
      await rename(partial, dir);
      await database.drop();
      const stored = await open();
      if (!stored) throw new Error(`stored corpus ${dir} cannot be reopened`);
      return stored.database;
    },
  };
}
