import { router } from '../trpc/init';
import { projectProcedure } from '../trpc/procedures';
import { createDependency } from './create-dependency';
import { deleteDependency } from './delete-dependency';
import { CreateDependencyInput, DependencyRef, ListDependenciesInput } from './dependencies.schemas';
import { listDependencies } from './list-dependencies';

/** Links between epics, stories and tasks of one project: members write, viewers read. */
export const dependenciesRouter = router({
  create: projectProcedure('member').input(CreateDependencyInput).mutation(({ ctx, input }) => createDependency({ ctx, input })),
  list: projectProcedure('viewer').input(ListDependenciesInput).query(({ ctx, input }) => listDependencies({ ctx, input })),
  delete: projectProcedure('member').input(DependencyRef).mutation(({ ctx, input }) => deleteDependency({ ctx, input })),
});
