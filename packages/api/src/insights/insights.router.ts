import { router } from '../trpc/init';
import { projectProcedure } from '../trpc/procedures';
import { acknowledgeInsight, listInsights } from './insights-review';
import { InsightRef, ListInsightsInput } from './insights.schemas';

/** What the project analyst found: viewers read, members acknowledge. */
export const insightsRouter = router({
  list: projectProcedure('viewer')
    .input(ListInsightsInput)
    .query(({ ctx, input }) => listInsights({ ctx, input })),
  acknowledge: projectProcedure('member')
    .input(InsightRef)
    .mutation(({ ctx, input }) => acknowledgeInsight({ ctx, input })),
});
