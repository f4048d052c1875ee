import { useMemo } from 'react';
import { trpc } from '../../lib/trpc';

/** The project's epics and a lookup by id (for colours and names on cards). */
export function useEpics(projectId: string) {
  const query = trpc.epics.list.useQuery({ projectId, limit: 100 }, { staleTime: 15_000 });
  const epics = useMemo(() => query.data?.items ?? [], [query.data]);
  const byId = useMemo(() => new Map(epics.map((epic) => [epic.id, epic])), [epics]);
  return { ...query, epics, byId };
}
