import { router } from '../trpc/init';
import { projectProcedure } from '../trpc/procedures';
import { analyzeProjectInsights } from '../insights/analyze-project';
import { GenerateBacklogInput, PlanSprintInput } from './agents.schemas';
import { generateBacklogProposal } from './generate-backlog';
import { planSprintProposal } from './plan-sprint';

/** The AI agents; each produces a proposal or insights, never a direct change. Merged into `ai.*`. */
export const agentsRouter = router({
  /** Runs the analyst now; returns the new insights (already known findings are not repeated). */
  analyze: projectProcedure('member').mutation(({ ctx, input }) => analyzeProjectInsights({ ctx, input })),
  generateBacklog: projectProcedure('member').input(GenerateBacklogInput).mutation(({ ctx, input }) => generateBacklogProposal({ ctx, input })),
  planSprint: projectProcedure('member').input(PlanSprintInput).mutation(({ ctx, input }) => planSprintProposal({ ctx, input })),
});
