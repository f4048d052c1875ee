import { useMemo } from 'react';
import { trpc } from '../../lib/trpc';

export interface MemberView {
  id: string;
  name: string;
  email: string;
  avatarUrl: string | null;
  role: string;
}

/** The project's members, flattened to what avatars and pickers need, and a lookup by user id. */
export function useMembers(projectId: string | null | undefined) {
  const query = trpc.members.list.useQuery({ projectId: projectId ?? '' }, { enabled: Boolean(projectId), staleTime: 30_000 });
  const members = useMemo<MemberView[]>(
    () => (query.data?.items ?? []).map((member) => ({ id: member.userId, name: member.name, email: member.email, avatarUrl: member.avatarUrl ?? null, role: member.role })),
    [query.data],
  );
  const byId = useMemo(() => new Map(members.map((member) => [member.id, member])), [members]);
  return { ...query, members, byId };
}
