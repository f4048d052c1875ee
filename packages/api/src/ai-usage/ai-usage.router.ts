import { router } from '../trpc/init';
import { authedProcedure, projectProcedure } from '../trpc/procedures';
import { AiStatusOutput, AiUsageSummary, AiUsageSummaryInput } from './ai-usage.schemas';
import { getAiStatus } from './get-ai-status';
import { getUsageSummary } from './get-usage-summary';

export const aiUsageRouter = router({
  /** Tokens, cost, offline and fallback counts of a project's month, per user and per model, with its budget. */
  summary: projectProcedure('viewer')
    .input(AiUsageSummaryInput)
    .output(AiUsageSummary)
    .query(({ ctx, input }) => getUsageSummary({ ctx, input })),
});

export const aiRouter = router({
  /** What the AI runs on (provider, model, offline or not), so the UI can say so. */
  status: authedProcedure.output(AiStatusOutput).query(({ ctx }) => getAiStatus({ ctx })),
});
