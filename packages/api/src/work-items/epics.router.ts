import { projectProcedure } from '../trpc/procedures';
import { router } from '../trpc/init';
import { createItem } from './create-item';
import { deleteItem } from './delete-item';
import { getItem } from './get-item';
import { listItems } from './list-items';
import { moveItem } from './move-item';
import { restoreItem } from './restore-item';
import { updateItem } from './update-item';
import { DeleteItem, EpicCreate, EpicList, EpicMove, EpicUpdate, ItemId } from './work-items.schemas';

export const epicsRouter = router({
  create: projectProcedure('member').input(EpicCreate).mutation(({ ctx, input }) => createItem('epic', { ctx, input })),
  get: projectProcedure('viewer').input(ItemId).query(({ ctx, input }) => getItem('epic', { ctx, input })),
  list: projectProcedure('viewer').input(EpicList).query(({ ctx, input }) => listItems('epic', { ctx, input })),
  update: projectProcedure('member').input(EpicUpdate).mutation(({ ctx, input }) => updateItem('epic', { ctx, input })),
  move: projectProcedure('member').input(EpicMove).mutation(({ ctx, input }) => moveItem('epic', { ctx, input })),
  delete: projectProcedure('member').input(DeleteItem).mutation(({ ctx, input }) => deleteItem('epic', { ctx, input })),
  restore: projectProcedure('member').input(ItemId).mutation(({ ctx, input }) => restoreItem('epic', { ctx, input })),
});
