import { projectProcedure } from '../trpc/procedures';
import { router } from '../trpc/init';
import { createItem } from './create-item';
import { deleteItem } from './delete-item';
import { getItem } from './get-item';
import { listItems } from './list-items';
import { moveItem } from './move-item';
import { reorderStories } from './reorder-stories';
import { restoreItem } from './restore-item';
import { updateItem } from './update-item';
import { DeleteItem, StoryCreate, StoryList, StoryMove, StoryReorder, StoryUpdate, ItemId } from './work-items.schemas';

export const storiesRouter = router({
  create: projectProcedure('member').input(StoryCreate).mutation(({ ctx, input }) => createItem('story', { ctx, input })),
  get: projectProcedure('viewer').input(ItemId).query(({ ctx, input }) => getItem('story', { ctx, input })),
  list: projectProcedure('viewer').input(StoryList).query(({ ctx, input }) => listItems('story', { ctx, input })),
  update: projectProcedure('member').input(StoryUpdate).mutation(({ ctx, input }) => updateItem('story', { ctx, input })),
  move: projectProcedure('member').input(StoryMove).mutation(({ ctx, input }) => moveItem('story', { ctx, input })),
  delete: projectProcedure('member').input(DeleteItem).mutation(({ ctx, input }) => deleteItem('story', { ctx, input })),
  restore: projectProcedure('member').input(ItemId).mutation(({ ctx, input }) => restoreItem('story', { ctx, input })),
  /** Bulk reorder of one status column, in one transaction. */
  reorder: projectProcedure('member').input(StoryReorder).mutation(({ ctx, input }) => reorderStories({ ctx, input })),
});
