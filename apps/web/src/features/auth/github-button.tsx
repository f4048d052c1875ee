import { signedInHint } from '../../lib/signed-in-hint';
import { trpc } from '../../lib/trpc';

/** Shown only when the server says GitHub sign-in is configured. */
export function GithubButton() {
  const providers = trpc.auth.providers.useQuery(undefined, { staleTime: Infinity });
  if (!providers.data?.github) return null;
  return (
    <>
      <div className="divider">or</div>
      <a className="btn btn-block" href="/auth/github/start" onClick={() => signedInHint.set()}>
        <span aria-hidden="true">⌥</span> Continue with GitHub
      </a>
    </>
  );
}
