import { and, desc, eq, sprints, sql, type SQL } from '@devmentor/db';
import { ValidationError } from '../errors';
import type { DbOrTx } from '../events/project-events';
import type { ListSprintsInput } from './sprints.schemas';
import type { Sprint } from './sprints.queries';

// Keyset on (created_at to the millisecond, id): JavaScript dates carry milliseconds, so the cursor
// compares at the precision it can round-trip.
const createdMs = sql`date_trunc('milliseconds', ${sprints.createdAt})`;

function encodeCursor(sprint: Sprint): string {
  return Buffer.from(`${sprint.createdAt.toISOString()}|${sprint.id}`).toString('base64url');
}

function decodeCursor(cursor: string): { createdAt: string; id: string } {
  const [createdAt, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (!createdAt || !id || Number.isNaN(Date.parse(createdAt)) || !/^[0-9a-f-]{36}$/.test(id)) {
    throw new ValidationError('Invalid cursor');
  }
  return { createdAt, id };
}

/** The project's sprints, newest first, optionally of one status. */
export async function listSprints({ ctx, input }: { ctx: { db: DbOrTx }; input: ListSprintsInput & { projectId: string } }) {
  const conditions: SQL[] = [eq(sprints.projectId, input.projectId)];
  if (input.status) conditions.push(eq(sprints.status, input.status));
  if (input.cursor) {
    const cursor = decodeCursor(input.cursor);
    conditions.push(sql`(${createdMs}, ${sprints.id}) < (${cursor.createdAt}::timestamptz, ${cursor.id}::uuid)`);
  }
  const rows = await ctx.db
    .select()
    .from(sprints)
    .where(and(...conditions))
    .orderBy(desc(createdMs), desc(sprints.id))
    .limit(input.limit + 1);
  const items = rows.slice(0, input.limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > input.limit && last ? encodeCursor(last) : null };
}
