import { router } from '../trpc/init';
import { projectProcedure } from '../trpc/procedures';
import { completeSprint } from './complete-sprint';
import { createSprint } from './create-sprint';
import { getActiveSprint, getSprint } from './get-sprint';
import { listSprints } from './list-sprints';
import { addSprintItems, removeSprintItem } from './sprint-items';
import {
  AddSprintItemsInput,
  CompleteSprintInput,
  CreateSprintInput,
  ListSprintsInput,
  RemoveSprintItemInput,
  SprintRef,
  StartSprintInput,
  UpdateSprintInput,
} from './sprints.schemas';
import { startSprint } from './start-sprint';
import { updateSprint } from './update-sprint';

/**
 * Members plan (create, edit, add and remove stories); admins start and complete sprints;
 * viewers read. Every procedure is scoped by `projectId`.
 */
export const sprintsRouter = router({
  create: projectProcedure('member').input(CreateSprintInput).mutation(({ ctx, input }) => createSprint({ ctx, input })),
  update: projectProcedure('member').input(UpdateSprintInput).mutation(({ ctx, input }) => updateSprint({ ctx, input })),
  get: projectProcedure('viewer').input(SprintRef).query(({ ctx, input }) => getSprint({ ctx, input })),
  list: projectProcedure('viewer').input(ListSprintsInput).query(({ ctx, input }) => listSprints({ ctx, input })),
  active: projectProcedure('viewer').query(({ ctx, input }) => getActiveSprint({ ctx, input })),
  addItems: projectProcedure('member').input(AddSprintItemsInput).mutation(({ ctx, input }) => addSprintItems({ ctx, input })),
  removeItem: projectProcedure('member').input(RemoveSprintItemInput).mutation(({ ctx, input }) => removeSprintItem({ ctx, input })),
  start: projectProcedure('admin').input(StartSprintInput).mutation(({ ctx, input }) => startSprint({ ctx, input })),
  complete: projectProcedure('admin').input(CompleteSprintInput).mutation(({ ctx, input }) => completeSprint({ ctx, input })),
});
