import { trpc } from '../../lib/trpc';

/** One project (with the caller's role) from `projects.get`; idle without an id. */
export function useProject(projectId: string | null | undefined) {
  return trpc.projects.get.useQuery({ id: projectId ?? '' }, { enabled: Boolean(projectId), staleTime: 30_000 });
}
