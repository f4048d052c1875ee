import { z } from 'zod';

export const ListInsightsInput = z.object({
  includeAcknowledged: z.boolean().optional(),
  cursor: z.string().max(200).optional(),
  limit: z.number().int().min(1).max(100).default(50),
});
export const InsightRef = z.object({ id: z.uuid() });
