import { router } from '../trpc/init';
import { projectProcedure } from '../trpc/procedures';
import { BoardQuery } from './board.schemas';
import { getBoard } from './get-board';

export const boardRouter = router({
  get: projectProcedure('viewer').input(BoardQuery).query(({ ctx, input }) => getBoard({ ctx, input })),
});
