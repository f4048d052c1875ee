import { router } from '../trpc/init';
import { projectProcedure } from '../trpc/procedures';
import { askChat } from './ask-chat';
import { AskInput, HistoryInput, HistoryPage, ListThreadsInput, RenameThreadInput, ThreadIdInput, ThreadsPage, ThreadView } from './chat.schemas';
import { listHistory } from './chat-messages';
import { deleteThread, listThreads, renameThread } from './chat-threads';

/**
 * Project chat. Threads are private to their creator (anyone else gets NOT_FOUND). Every member,
 * viewers included, may ask; suggested actions become proposals only for members and up (see
 * `askChat`), and a proposal still changes nothing until someone applies it.
 */
export const chatRouter = router({
  threads: projectProcedure('viewer').input(ListThreadsInput).output(ThreadsPage).query(({ ctx, input }) => listThreads({ ctx, input })),
  history: projectProcedure('viewer').input(HistoryInput).output(HistoryPage).query(({ ctx, input }) => listHistory({ ctx, input })),
  renameThread: projectProcedure('viewer').input(RenameThreadInput).output(ThreadView).mutation(({ ctx, input }) => renameThread({ ctx, input })),
  deleteThread: projectProcedure('viewer').input(ThreadIdInput).mutation(({ ctx, input }) => deleteThread({ ctx, input })),
  /** Streams `started`, `delta`s and `done` (see `ChatAskEvent`); errors are TRPCErrors with stable codes. */
  ask: projectProcedure('viewer')
    .input(AskInput)
    .subscription(({ ctx, input, signal }) => askChat({ ctx, input, signal })),
});
