import { trpc } from '../lib/trpc';

/** The signed-in user (null when signed out), from `auth.me`. */
export function useMe() {
  const query = trpc.auth.me.useQuery(undefined, { staleTime: 60_000, retry: false });
  return { ...query, user: query.data ?? null };
}
