import { and, asc, dependencies, eq, or, sql, type SQL } from '@devmentor/db';
import { ValidationError } from '../errors';
import type { DbOrTx } from '../events/project-events';
import { asBlockingEdge } from './dependency-graph';
import type { ListDependenciesInput } from './dependencies.schemas';
import { resolveItems, type ItemRef } from './work-item-refs';

const createdMs = sql`date_trunc('milliseconds', ${dependencies.createdAt})`;

function decodeCursor(cursor: string): { createdAt: string; id: string } {
  const [createdAt, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (!createdAt || !id || Number.isNaN(Date.parse(createdAt)) || !/^[0-9a-f-]{36}$/.test(id)) throw new ValidationError('Invalid cursor');
  return { createdAt, id };
}

/**
 * The project's links, oldest first, each with both ends' key, title and status, and the link
 * read as `blockerId -> blockedId`. With `itemId`, only links touching that item.
 */
export async function listDependencies({ ctx, input }: { ctx: { db: DbOrTx }; input: ListDependenciesInput & { projectId: string } }) {
  const conditions: (SQL | undefined)[] = [eq(dependencies.projectId, input.projectId)];
  if (input.itemId) conditions.push(or(eq(dependencies.sourceId, input.itemId), eq(dependencies.targetId, input.itemId)));
  if (input.cursor) {
    const cursor = decodeCursor(input.cursor);
    conditions.push(sql`(${createdMs}, ${dependencies.id}) > (${cursor.createdAt}::timestamptz, ${cursor.id}::uuid)`);
  }
  const rows = await ctx.db
    .select()
    .from(dependencies)
    .where(and(...conditions))
    .orderBy(asc(createdMs), asc(dependencies.id))
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  const refs = await resolveItems(
    ctx.db,
    input.projectId,
    page.flatMap((row) => [row.sourceId, row.targetId]),
    { includeDeleted: true },
  );
  const unknown = (id: string, type: ItemRef['type']): ItemRef => ({ id, type, key: '', title: '', status: 'unknown', done: false, deleted: true });
  const items = page.map((row) => {
    const edge = asBlockingEdge(row);
    return {
      ...row,
      source: refs.get(row.sourceId) ?? unknown(row.sourceId, row.sourceType),
      target: refs.get(row.targetId) ?? unknown(row.targetId, row.targetType),
      blockerId: edge.blocker,
      blockedId: edge.blocked,
    };
  });
  const last = page.at(-1);
  const nextCursor = rows.length > input.limit && last ? Buffer.from(`${last.createdAt.toISOString()}|${last.id}`).toString('base64url') : null;
  return { items, nextCursor };
}
