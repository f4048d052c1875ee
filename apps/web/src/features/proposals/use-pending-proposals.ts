import { trpc } from '../../lib/trpc';

const COUNTED = 100;

/** Pending proposals of the project (the first 100; `more` when there are others). Kept fresh by proposal events. */
export function usePendingProposals(projectId: string) {
  const query = trpc.proposals.list.useQuery({ projectId, status: 'pending', limit: COUNTED }, { staleTime: 30_000 });
  return { ...query, items: query.data?.items ?? [], more: Boolean(query.data?.nextCursor) };
}
