import { and, asc, desc, eq, ilike, inArray, isNull, projects, sql, stories, tasks, type SQL } from '@devmentor/db';
import { ValidationError } from '../errors';
import { asStatus, KINDS, type ItemKind, type ItemRow, type WorkItem } from './kinds';
import { toWorkItem } from './items.queries';
import type { ItemContext } from './service-context';
import type { ListItemsInput } from './work-items.schemas';

/** Sortable fields and the SQL type their cursor value is cast back to. */
const SORTABLE: Record<string, { type: string; kinds: readonly ItemKind[] }> = {
  position: { type: 'text', kinds: ['epic', 'story', 'task'] },
  number: { type: 'integer', kinds: ['epic', 'story', 'task'] },
  title: { type: 'text', kinds: ['epic', 'story', 'task'] },
  createdAt: { type: 'timestamptz', kinds: ['epic', 'story', 'task'] },
  updatedAt: { type: 'timestamptz', kinds: ['epic', 'story', 'task'] },
  priority: { type: 'priority', kinds: ['story'] },
};
export const MAX_PAGE_SIZE = 100;

interface Cursor {
  sort: string;
  /** The last row's sort value as PostgreSQL prints it (exact, even for microsecond timestamps). */
  value: string;
  id: string;
}

function parseSort(kind: ItemKind, sort = 'number:asc') {
  const [field = '', direction = 'asc'] = sort.split(':');
  const spec = SORTABLE[field];
  if (!spec || !spec.kinds.includes(kind) || (direction !== 'asc' && direction !== 'desc')) {
    throw new ValidationError('Unsupported sort', { field: 'sort', allowed: Object.keys(SORTABLE).filter((name) => SORTABLE[name]?.kinds.includes(kind)) });
  }
  return { field, direction, type: spec.type, canonical: `${field}:${direction}` };
}

function decodeCursor(cursor: string, sort: string): Cursor {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Cursor;
    if (parsed.sort === sort && typeof parsed.value === 'string' && typeof parsed.id === 'string') return parsed;
  } catch {
    // fall through
  }
  throw new ValidationError('Invalid cursor', { field: 'cursor' });
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

/**
 * Filtered, sorted list with keyset pagination on (sort value, id). The cursor carries the last
 * row's values, not an offset, so items that move or appear between two pages never make an
 * untouched item repeat or vanish; a moved item shows up wherever its new value puts it.
 */
export async function listItems<K extends ItemKind>(
  kind: K,
  { ctx, input }: { ctx: Pick<ItemContext, 'db'>; input: ListItemsInput },
): Promise<{ items: WorkItem<K>[]; nextCursor: string | null }> {
  const cfg = KINDS[kind];
  const table = cfg.table;
  const sort = parseSort(kind, input.sort);
  const limit = Math.min(input.limit, MAX_PAGE_SIZE);
  const sortColumn = table[sort.field as 'position'];
  const sortExpr = sort.field === 'position' ? sql`${sortColumn} collate "C"` : sql`${sortColumn}`;

  const filters: (SQL | undefined)[] = [eq(table.projectId, input.projectId)];
  if (!input.includeDeleted) filters.push(isNull(table.deletedAt));
  if (input.status?.length) filters.push(inArray(table.status, input.status.map(asStatus)));
  if (input.label) filters.push(sql`${table.labels} @> array[${input.label}]::text[]`);
  if (input.q) filters.push(ilike(table.title, `%${escapeLike(input.q)}%`));
  if (kind === 'story') {
    if (input.assigneeId) filters.push(eq(stories.assigneeId, input.assigneeId));
    if (input.epicId) filters.push(eq(stories.epicId, input.epicId));
    if (input.sprintId) filters.push(eq(stories.sprintId, input.sprintId));
  }
  if (kind === 'task') {
    if (input.assigneeId) filters.push(eq(tasks.assigneeId, input.assigneeId));
    if (input.storyId) filters.push(eq(tasks.storyId, input.storyId));
    if (input.sprintId) {
      filters.push(sql`${tasks.storyId} in (select ${stories.id} from ${stories} where ${stories.projectId} = ${input.projectId} and ${stories.sprintId} = ${input.sprintId})`);
    }
  }
  if (input.cursor) {
    const cursor = decodeCursor(input.cursor, sort.canonical);
    const operator = sql.raw(sort.direction === 'asc' ? '>' : '<');
    const value = sort.field === 'position' ? sql`${cursor.value}::text collate "C"` : sql`cast(${cursor.value} as ${sql.raw(sort.type)})`;
    filters.push(sql`(${sortExpr}, ${table.id}) ${operator} (${value}, ${cursor.id}::uuid)`);
  }

  const order = sort.direction === 'asc' ? asc : desc;
  const rows = await ctx.db
    .select({ row: table, keyPrefix: projects.keyPrefix, sortValue: sql<string>`(${sortColumn})::text` })
    .from(table)
    .innerJoin(projects, eq(projects.id, table.projectId))
    .where(and(...filters))
    .orderBy(order(sortExpr), order(table.id))
    .limit(limit + 1);

  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const nextCursor =
    rows.length > limit && last
      ? Buffer.from(JSON.stringify({ sort: sort.canonical, value: last.sortValue, id: last.row.id } satisfies Cursor)).toString('base64url')
      : null;
  return { items: page.map(({ row, keyPrefix }) => toWorkItem<K>(cfg, row as ItemRow, keyPrefix)), nextCursor };
}
