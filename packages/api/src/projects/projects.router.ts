import { accountProcedure, authedProcedure, projectByIdProcedure } from '../trpc/procedures';
import { router } from '../trpc/init';
import { onEventProcedure } from '../live/on-event.procedure';
import { createProject } from './create-project';
import { getProject, listProjects } from './list-projects';
import { archiveProject, deleteProject, restoreProject } from './project-lifecycle';
import { CreateProjectInput, DeleteProjectInput, ListProjectsInput, TransferOwnershipInput, UpdateProjectInput } from './projects.schemas';
import { transferOwnership } from './transfer-ownership';
import { updateProject } from './update-project';

export const projectsRouter = router({
  onEvent: onEventProcedure,
  /** Any signed-in account (not a key restricted to one project); the caller becomes the owner. */
  create: accountProcedure.input(CreateProjectInput).mutation(({ ctx, input }) => createProject({ ctx, input })),
  list: authedProcedure.input(ListProjectsInput).query(({ ctx, input }) => listProjects({ ctx, input })),
  get: projectByIdProcedure('viewer').query(({ ctx }) => getProject({ ctx })),
  update: projectByIdProcedure('admin')
    .input(UpdateProjectInput)
    .mutation(({ ctx, input }) => updateProject({ ctx, input })),
  archive: projectByIdProcedure('owner').mutation(({ ctx }) => archiveProject({ ctx })),
  restore: projectByIdProcedure('owner', { allowArchived: true }).mutation(({ ctx }) => restoreProject({ ctx })),
  delete: projectByIdProcedure('owner', { allowArchived: true })
    .input(DeleteProjectInput)
    .mutation(({ ctx, input }) => deleteProject({ ctx, input })),
  transferOwnership: projectByIdProcedure('owner')
    .input(TransferOwnershipInput)
    .mutation(({ ctx, input }) => transferOwnership({ ctx, input })),
});
