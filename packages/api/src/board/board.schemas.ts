import { z } from 'zod';

export const BoardQuery = z.object({
  sprintId: z.uuid().optional(),
  assigneeId: z.uuid().optional(),
  epicId: z.uuid().optional(),
  label: z.string().max(50).optional(),
  q: z.string().trim().max(200).optional(),
});
export type BoardQuery = z.infer<typeof BoardQuery>;
