import { z } from 'zod';

export const PlanSprintInput = z.object({
  sprintId: z.uuid(),
  preferences: z
    .object({ focusEpicIds: z.array(z.uuid()).max(50).optional(), maxPoints: z.number().int().min(0).max(10_000).optional() })
    .optional(),
});

export const GenerateBacklogInput = z.object({
  idea: z.string().trim().min(1).max(50_000),
  constraints: z
    .object({ teamSize: z.number().int().min(1).max(500).optional(), timelineWeeks: z.number().int().min(1).max(520).optional(), notes: z.string().max(2000).optional() })
    .optional(),
});
