import type { Database } from '@devmentor/db';

const STATEMENT_STARTERS = new Set<PropertyKey>(['select', 'selectDistinct', 'insert', 'update', 'delete', 'execute']);

/** The database with a count of the statements started through it (for fixed-query-count tests). */
export function countingDb(db: Database): { db: Database; counter: { statements: number } } {
  const counter = { statements: 0 };
  const proxy = new Proxy(db, {
    get(target, property, receiver) {
      if (STATEMENT_STARTERS.has(property)) counter.statements += 1;
      return Reflect.get(target, property, receiver) as unknown;
    },
  });
  return { db: proxy, counter };
}
