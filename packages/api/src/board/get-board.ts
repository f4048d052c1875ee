import { eq, projects, rowsOf, sql, stories, storyStatus } from '@devmentor/db';
import { NotFoundError } from '../errors';
import type { Context } from '../trpc/context';
import { encodeColumnCursor } from './board-cursor';
import { CARD_COLUMNS, cardsStatement, storyFilters, toCards, type BoardCard, type CardRow, type StoryStatus } from './board-cards';
import { BOARD_PAGE_SIZE, type BoardQuery } from './board.schemas';

export type { BoardAssignee, BoardCard, BoardEpic, StoryStatus } from './board-cards';

export interface BoardColumn {
  status: StoryStatus;
  /** Stories and estimate points in the whole column, not only the cards sent. */
  count: number;
  points: number;
  stories: BoardCard[];
  /** Pass to `board.column` as `after` for the next cards; null when the column is complete. */
  nextCursor: string | null;
}

type RankedRow = CardRow & { column_rank: number; column_count: number; column_points: number };

/**
 * One project's board: a column per story status with its first `perColumn` live stories (50 by
 * default; `columnLimits` overrides it per column) in position order, each column's and the
 * board's full totals (story count, estimate points), and once each the assignees and epics the
 * sent cards name (an epic is left out while deleted). `board.column` pages through the rest of a column. Cards carry counts, not contents.
 * Two statements whatever the board size, sent together: the project, and the ranked stories.
 */
export async function getBoard({ ctx, input }: { ctx: Pick<Context, 'db'>; input: BoardQuery & { projectId: string } }) {
  const perColumn = input.perColumn ?? BOARD_PAGE_SIZE;
  const ranked = sql`select ${CARD_COLUMNS},
      (row_number() over (partition by ${stories.status} order by ${stories.position}, ${stories.id}))::int as column_rank,
      (count(*) over (partition by ${stories.status}))::int as column_count,
      (coalesce(sum(${stories.estimate}) over (partition by ${stories.status}), 0))::int as column_points
    from ${stories} where ${storyFilters(input.projectId, input)}`;
  const statement = cardsStatement({
    cards: ranked,
    where: sql`c.column_rank <= coalesce((${JSON.stringify(input.columnLimits ?? {})}::jsonb ->> c.status::text)::int, ${perColumn})`,
    extraColumns: sql`c.column_rank, c.column_count, c.column_points,`,
  });
  // Both statements go out at once (two pooled connections on PostgreSQL): one round trip of latency.
  const [[project], result] = await Promise.all([
    ctx.db.select({ id: projects.id, keyPrefix: projects.keyPrefix }).from(projects).where(eq(projects.id, input.projectId)),
    ctx.db.execute(statement),
  ]);
  if (!project) throw new NotFoundError('Project');
  const rows = rowsOf<RankedRow>(result);

  const { cards, assignees, epics } = toCards(project.keyPrefix, rows);
  const columns: BoardColumn[] = storyStatus.enumValues.map((status) => ({ status, count: 0, points: 0, stories: [], nextCursor: null }));
  const byStatus = new Map(columns.map((column) => [column.status, column]));
  for (const [index, row] of rows.entries()) {
    const column = byStatus.get(row.status)!;
    column.count = row.column_count;
    column.points = row.column_points;
    column.stories.push(cards[index]!);
    const limit = input.columnLimits?.[row.status] ?? perColumn;
    if (row.column_rank === limit && row.column_count > limit) column.nextCursor = encodeColumnCursor(row);
  }
  return {
    project,
    columns,
    assignees,
    epics,
    totals: { count: columns.reduce((sum, column) => sum + column.count, 0), points: columns.reduce((sum, column) => sum + column.points, 0) },
  };
}
