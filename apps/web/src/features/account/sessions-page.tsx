import { useNavigate } from 'react-router';
import { errorMessage } from '../../lib/errors';
import { timeAgo } from '../../lib/format';
import { useResetSession } from '../../lib/session';
import { signedInHint } from '../../lib/signed-in-hint';
import { trpc } from '../../lib/trpc';
import { EmptyState, ErrorState, Loading } from '../../ui/states';
import { useToast } from '../../ui/toast';

/** "Chrome on Linux" from a user agent, good enough for a session list. */
function describeAgent(agent: string | null): string {
  if (!agent) return 'Unknown device';
  const browser = /Edg\//.test(agent) ? 'Edge' : /Chrome\//.test(agent) ? 'Chrome' : /Firefox\//.test(agent) ? 'Firefox' : /Safari\//.test(agent) ? 'Safari' : /node|undici|curl/i.test(agent) ? 'Script' : 'Browser';
  const os = /Windows/.test(agent) ? 'Windows' : /Mac OS X/.test(agent) ? 'macOS' : /Android/.test(agent) ? 'Android' : /iPhone|iPad/.test(agent) ? 'iOS' : /Linux/.test(agent) ? 'Linux' : '';
  return os ? `${browser} on ${os}` : browser;
}

export default function SessionsPage() {
  const sessions = trpc.auth.sessions.list.useQuery();
  const utils = trpc.useUtils();
  const toast = useToast();
  const navigate = useNavigate();
  const resetSession = useResetSession();
  const revoke = trpc.auth.sessions.revoke.useMutation({ onSuccess: () => utils.auth.sessions.list.invalidate(), onError: (error) => toast(errorMessage(error), 'error') });
  const everywhere = trpc.auth.logoutEverywhere.useMutation({
    onSuccess: () => {
      signedInHint.clear();
      resetSession();
      void navigate('/login');
    },
  });
  const items = sessions.data?.items ?? [];
  return (
    <div style={{ maxWidth: 820 }}>
      <div className="page-header">
        <div>
          <h1>Sessions</h1>
          <p>Where you are signed in. Revoke anything you do not recognise.</p>
        </div>
        <button type="button" className="btn btn-danger" onClick={() => window.confirm('Sign out of every session, this one included?') && everywhere.mutate()}>Sign out everywhere</button>
      </div>
      <section className="card">
        {sessions.isLoading && <Loading />}
        {sessions.error && <ErrorState error={sessions.error} onRetry={() => void sessions.refetch()} />}
        {sessions.data && items.length === 0 && <EmptyState title="No sessions" />}
        <ul className="card-list">
          {items.map((session) => (
            <li key={session.id}>
              <div className="state-icon" style={{ width: 36, height: 36, fontSize: 16, margin: 0 }}>⌁</div>
              <div className="grow">
                <div style={{ fontWeight: 600 }}>
                  {describeAgent(session.userAgent)} {session.current && <span className="badge badge-success">this device</span>}
                </div>
                <div className="muted" style={{ fontSize: 12.5 }}>
                  {session.ipAddress ?? 'unknown address'} · active {timeAgo(session.lastActiveAt)} · signed in {timeAgo(session.createdAt)}
                </div>
              </div>
              {!session.current && (
                <button type="button" className="btn btn-sm" onClick={() => revoke.mutate({ id: session.id })}>Revoke</button>
              )}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
