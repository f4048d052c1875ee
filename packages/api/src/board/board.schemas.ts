import { storyStatus } from '@devmentor/db';
import { z } from 'zod';

/** Cards per column in one answer: the board opens with the first page of each column. */
export const BOARD_PAGE_SIZE = 50;
export const BOARD_PAGE_MAX = 500;

const PageSize = z.number().int().min(1).max(BOARD_PAGE_MAX);

/** Which stories the board shows; `null` for assignee or epic means "none set". */
export const BoardFilters = z.object({
  sprintId: z.uuid().optional(),
  assigneeId: z.uuid().nullable().optional(),
  epicId: z.uuid().nullable().optional(),
  label: z.string().max(50).optional(),
  q: z.string().trim().max(200).optional(),
});
export type BoardFilters = z.infer<typeof BoardFilters>;

/** `perColumn` for every column, `columnLimits` for some (a column the user expanded). */
export const BoardQuery = BoardFilters.extend({
  perColumn: PageSize.optional(),
  columnLimits: z.partialRecord(z.enum(storyStatus.enumValues), PageSize).optional(),
});
export type BoardQuery = z.infer<typeof BoardQuery>;

/** The next page of one column: `after` is the `nextCursor` of the page before. */
export const BoardColumnQuery = BoardFilters.extend({
  status: z.enum(storyStatus.enumValues),
  after: z.string().max(500).optional(),
  limit: PageSize.optional(),
});
export type BoardColumnQuery = z.infer<typeof BoardColumnQuery>;
