import { sql, type AnyColumn, type SQL } from '@devmentor/db';
import { ValidationError } from '../errors';

/**
 * Keyset pagination on `(createdAt desc, id desc)`. The cursor carries the exact database timestamp
 * (microseconds, UTC): a JS `Date` keeps only milliseconds, so rows made within the same millisecond
 * would otherwise be skipped or repeated at a page boundary.
 */
export function cursorTimestamp(createdAt: AnyColumn): SQL<string> {
  return sql<string>`to_char(${createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
}

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Opaque to clients: base64url of `timestamp|id`. */
export function encodeCursor(row: { at: string; id: string }): string {
  return Buffer.from(`${row.at}|${row.id}`).toString('base64url');
}

function decodeCursor(cursor: string): { at: string; id: string } {
  const [at, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  if (!at || !id || !TIMESTAMP.test(at) || !UUID.test(id)) throw new ValidationError('Invalid cursor', { field: 'cursor' });
  return { at, id };
}

/** Rows strictly after the cursor row in newest-first order (a row comparison, so the index serves it). */
export function afterCursor(columns: { createdAt: AnyColumn; id: AnyColumn }, cursor: string | undefined): SQL | undefined {
  if (!cursor) return undefined;
  const after = decodeCursor(cursor);
  return sql`(${columns.createdAt}, ${columns.id}) < (${after.at}::timestamptz, ${after.id}::uuid)`;
}

/** Splits a `limit + 1` result into the page and the cursor of the next one (null on the last page). */
export function toPage<T extends { id: string }>(rows: { row: T; at: string }[], limit: number): { items: T[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return { items: page.map((entry) => entry.row), nextCursor: rows.length > limit && last ? encodeCursor({ at: last.at, id: last.row.id }) : null };
}
