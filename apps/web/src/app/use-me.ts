import { useEffect } from 'react';
import { errorCode } from '../lib/errors';
import { signedInHint } from '../lib/signed-in-hint';
import { trpc } from '../lib/trpc';

/** The signed-in user (null when signed out), from `auth.me`; not asked when this browser never signed in. */
export function useMe() {
  const hinted = signedInHint.get();
  const query = trpc.auth.me.useQuery(undefined, { staleTime: 60_000, retry: false, enabled: hinted });
  const unauthorized = errorCode(query.error) === 'UNAUTHORIZED';
  useEffect(() => {
    if (unauthorized) signedInHint.clear();
  }, [unauthorized]);
  return { ...query, user: query.data ?? null, signedOut: !hinted || unauthorized, isLoading: hinted && query.isLoading };
}
