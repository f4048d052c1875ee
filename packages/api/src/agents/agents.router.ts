import { router } from '../trpc/init';
import { projectProcedure } from '../trpc/procedures';
import { PlanSprintInput } from './agents.schemas';
import { planSprintProposal } from './plan-sprint';

/** The AI agents; each produces a proposal or insights, never a direct change. Merged into `ai.*`. */
export const agentsRouter = router({
  planSprint: projectProcedure('member').input(PlanSprintInput).mutation(({ ctx, input }) => planSprintProposal({ ctx, input })),
});
