import { eq, projects, rowsOf, sql, stories } from '@devmentor/db';
import { NotFoundError } from '../errors';
import type { Context } from '../trpc/context';
import { decodeColumnCursor, encodeColumnCursor } from './board-cursor';
import { CARD_COLUMNS, cardsStatement, storyFilters, toCards, type CardRow } from './board-cards';
import { BOARD_PAGE_SIZE, type BoardColumnQuery } from './board.schemas';

/**
 * The next cards of one board column after `after` (a column's `nextCursor`), with the same
 * filters as `board.get`, and the assignees and epics these cards name. Keyset pagination on
 * (position, id), so cards moved meanwhile are neither repeated nor skipped unless they moved
 * across the cursor.
 */
export async function getBoardColumn({ ctx, input }: { ctx: Pick<Context, 'db'>; input: BoardColumnQuery & { projectId: string } }) {
  const limit = input.limit ?? BOARD_PAGE_SIZE;
  const after = input.after ? decodeColumnCursor(input.after) : null;
  const cards = sql`select ${CARD_COLUMNS} from ${stories}
    where ${storyFilters(input.projectId, input)} and ${stories.status} = ${input.status}
    ${after ? sql`and (${stories.position}, ${stories.id}) > (${after.position}::text collate "C", ${after.id}::uuid)` : sql``}`;
  const [[project], result] = await Promise.all([
    ctx.db.select({ keyPrefix: projects.keyPrefix }).from(projects).where(eq(projects.id, input.projectId)),
    ctx.db.execute(cardsStatement({ cards, where: sql`true`, limit: limit + 1 })),
  ]);
  if (!project) throw new NotFoundError('Project');
  const rows = rowsOf<CardRow>(result);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return { ...toCards(project.keyPrefix, page), nextCursor: rows.length > limit && last ? encodeColumnCursor(last) : null };
}
