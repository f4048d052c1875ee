import { router } from '../trpc/init';
import { projectProcedure } from '../trpc/procedures';
import { ListActivityInput } from './activity.schemas';
import { listActivity } from './list-activity';

/** The project's event log as a feed or one entity's history; any member may read it. */
export const activityRouter = router({
  list: projectProcedure('viewer').input(ListActivityInput).query(({ ctx, input }) => listActivity({ ctx, input })),
});
