import { z } from 'zod';

export const PlanSprintInput = z.object({
  sprintId: z.uuid(),
  preferences: z
    .object({ focusEpicIds: z.array(z.uuid()).max(50).optional(), maxPoints: z.number().int().min(0).max(10_000).optional() })
    .optional(),
});
