import { projectProcedure } from '../trpc/procedures';
import { router } from '../trpc/init';
import { createItem } from './create-item';
import { deleteItem } from './delete-item';
import { getItem } from './get-item';
import { listItems } from './list-items';
import { moveItem } from './move-item';
import { restoreItem } from './restore-item';
import { updateItem } from './update-item';
import { DeleteItem, TaskCreate, TaskList, TaskMove, TaskUpdate, ItemId } from './work-items.schemas';

export const tasksRouter = router({
  create: projectProcedure('member').input(TaskCreate).mutation(({ ctx, input }) => createItem('task', { ctx, input })),
  get: projectProcedure('viewer').input(ItemId).query(({ ctx, input }) => getItem('task', { ctx, input })),
  list: projectProcedure('viewer').input(TaskList).query(({ ctx, input }) => listItems('task', { ctx, input })),
  update: projectProcedure('member').input(TaskUpdate).mutation(({ ctx, input }) => updateItem('task', { ctx, input })),
  move: projectProcedure('member').input(TaskMove).mutation(({ ctx, input }) => moveItem('task', { ctx, input })),
  delete: projectProcedure('member').input(DeleteItem).mutation(({ ctx, input }) => deleteItem('task', { ctx, input })),
  restore: projectProcedure('member').input(ItemId).mutation(({ ctx, input }) => restoreItem('task', { ctx, input })),
});
