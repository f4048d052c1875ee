import { router } from '../trpc/init';
import { projectProcedure } from '../trpc/procedures';
import { z } from 'zod';
import { analyzeProjectInsights } from '../insights/analyze-project';
import { PlanSprintInput } from './agents.schemas';
import { planSprintProposal } from './plan-sprint';

/** The AI agents; each produces a proposal or insights, never a direct change. Merged into `ai.*`. */
export const agentsRouter = router({
  /** Runs the analyst now; returns the new insights (already known findings are not repeated). */
  analyze: projectProcedure('member').input(z.object({})).mutation(({ ctx, input }) => analyzeProjectInsights({ ctx, input })),
  planSprint: projectProcedure('member').input(PlanSprintInput).mutation(({ ctx, input }) => planSprintProposal({ ctx, input })),
});
