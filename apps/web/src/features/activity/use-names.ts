import { useMemo } from 'react';
import { trpc } from '../../lib/trpc';
import { useEpics } from '../board/use-epics';
import { useMembers } from '../members/use-members';

/** Ids a project's events mention (members, epics, sprints) mapped to what people call them. */
export function useNames(projectId: string): ReadonlyMap<string, string> {
  const members = useMembers(projectId);
  const epics = useEpics(projectId);
  const sprints = trpc.sprints.list.useQuery({ projectId, limit: 100 }, { staleTime: 30_000 });
  return useMemo(() => {
    const names = new Map<string, string>();
    for (const member of members.members) names.set(member.id, member.name);
    for (const epic of epics.epics) names.set(epic.id, epic.title);
    for (const sprint of sprints.data?.items ?? []) names.set(sprint.id, sprint.name);
    return names;
  }, [members.members, epics.epics, sprints.data]);
}
