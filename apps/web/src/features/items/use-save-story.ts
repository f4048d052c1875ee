import { errorCode, errorMessage } from '../../lib/errors';
import { trpc } from '../../lib/trpc';
import { useToast } from '../../ui/toast';

/** Saves story fields with the version read; a CONFLICT reloads the story and says so. */
export function useSaveStory(projectId: string, id: string) {
  const utils = trpc.useUtils();
  const toast = useToast();
  const refresh = async () => {
    await Promise.all([utils.stories.get.invalidate({ projectId, id }), utils.board.get.invalidate({ projectId }), utils.activity.list.invalidate({ projectId })]);
  };
  const onError = async (error: unknown) => {
    toast(errorCode(error) === 'CONFLICT' ? 'Someone else changed this story; it now shows their version.' : errorMessage(error), 'error');
    await refresh();
  };
  const update = trpc.stories.update.useMutation({ onSuccess: refresh, onError });
  const move = trpc.stories.move.useMutation({ onSuccess: refresh, onError });
  const remove = trpc.stories.delete.useMutation({ onSuccess: refresh, onError });
  return { update, move, remove };
}
