import { useCallback, useState } from 'react';
import { errorCode, errorMessage } from '../../lib/errors';
import { trpc } from '../../lib/trpc';
import { useToast } from '../../ui/toast';
import type { AnchoredMove, BoardCard } from './board-model';

type StoryStatus = 'backlog' | 'ready' | 'in_progress' | 'review' | 'done';

/**
 * Moves a card optimistically: the move shows at once as a pending move on top of the server's
 * board, is dropped when the refetched board arrives, and is rolled back with a message when the
 * server refuses it (CONFLICT: someone changed the card first).
 */
export function useMoveCard(projectId: string) {
  const [pending, setPending] = useState<(AnchoredMove & { seq: number })[]>([]);
  const utils = trpc.useUtils();
  const toast = useToast();
  const mutation = trpc.stories.move.useMutation();

  const move = useCallback(
    (card: BoardCard, target: AnchoredMove & { afterId: string | null }) => {
      const seq = Date.now() + Math.random();
      setPending((all) => [...all, { ...target, seq }]);
      const drop = () => setPending((all) => all.filter((entry) => entry.seq !== seq));
      mutation.mutate(
        {
          projectId,
          id: card.id,
          version: card.version,
          status: target.toStatus === card.status ? undefined : (target.toStatus as StoryStatus),
          afterId: target.afterId ?? undefined,
          beforeId: target.beforeId ?? undefined,
        },
        {
          onSuccess: async () => {
            await utils.board.get.invalidate({ projectId });
            drop();
          },
          onError: async (error) => {
            drop();
            if (errorCode(error) === 'CONFLICT') {
              toast(`${card.key} was changed by someone else, so your move was undone. The board now shows the latest version.`, 'error');
            } else {
              toast(`Could not move ${card.key}: ${errorMessage(error)}`, 'error');
            }
            await utils.board.get.invalidate({ projectId });
          },
        },
      );
    },
    [mutation, projectId, toast, utils],
  );
  return { pending, move };
}
