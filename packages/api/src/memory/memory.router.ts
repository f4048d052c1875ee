import { router } from '../trpc/init';
import { projectProcedure } from '../trpc/procedures';
import { deleteMemory, getMemory, setMemoryRelevance } from './memory-crud';
import { getMemoryContext, resetMemoryContext, updateMemoryContext } from './memory-context';
import { ListMemoriesInput, MemoryIdInput, ProjectOnlyInput, RetrieveInput, SearchInput, SetRelevanceInput, StoreMemoryInput, UpdateContextInput } from './memory.schemas';
import { listMemories } from './list-memories';
import { retrieveMemories, searchMemory } from './search-memory';
import { storeMemory } from './store-memory';

// The context record is the caller's own, not project content: any member may keep one.
const contextRouter = router({
  get: projectProcedure('viewer').input(ProjectOnlyInput).query(({ ctx, input }) => getMemoryContext({ ctx, input })),
  update: projectProcedure('viewer').input(UpdateContextInput).mutation(({ ctx, input }) => updateMemoryContext({ ctx, input })),
  reset: projectProcedure('viewer').input(ProjectOnlyInput).mutation(({ ctx, input }) => resetMemoryContext({ ctx, input })),
});

export const memoryRouter = router({
  store: projectProcedure('member').input(StoreMemoryInput).mutation(({ ctx, input }) => storeMemory({ ctx, input })),
  search: projectProcedure('viewer').input(SearchInput).query(({ ctx, input }) => searchMemory({ ctx, input })),
  retrieve: projectProcedure('viewer').input(RetrieveInput).query(({ ctx, input }) => retrieveMemories({ ctx, input })),
  list: projectProcedure('viewer').input(ListMemoriesInput).query(({ ctx, input }) => listMemories({ ctx, input })),
  get: projectProcedure('viewer').input(MemoryIdInput).query(({ ctx, input }) => getMemory({ ctx, input })),
  delete: projectProcedure('member').input(MemoryIdInput).mutation(({ ctx, input }) => deleteMemory({ ctx, input })),
  setRelevance: projectProcedure('member').input(SetRelevanceInput).mutation(({ ctx, input }) => setMemoryRelevance({ ctx, input })),
  context: contextRouter,
});
