import { z } from 'zod';
import { router } from '../trpc/init';
import { projectProcedure } from '../trpc/procedures';
import { acknowledgeInsight, listInsights } from './insights-review';

/** What the project analyst found: viewers read, members acknowledge. */
export const insightsRouter = router({
  list: projectProcedure('viewer')
    .input(z.object({ includeAcknowledged: z.boolean().optional(), limit: z.number().int().min(1).max(100).default(50) }))
    .query(({ ctx, input }) => listInsights({ ctx, input })),
  acknowledge: projectProcedure('member')
    .input(z.object({ id: z.uuid() }))
    .mutation(({ ctx, input }) => acknowledgeInsight({ ctx, input })),
});
