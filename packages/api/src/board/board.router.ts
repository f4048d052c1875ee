import { router } from '../trpc/init';
import { projectProcedure } from '../trpc/procedures';
import { BoardColumnQuery, BoardQuery } from './board.schemas';
import { getBoard } from './get-board';
import { getBoardColumn } from './get-board-column';

export const boardRouter = router({
  get: projectProcedure('viewer').input(BoardQuery).query(({ ctx, input }) => getBoard({ ctx, input })),
  column: projectProcedure('viewer').input(BoardColumnQuery).query(({ ctx, input }) => getBoardColumn({ ctx, input })),
});
