import { Navigate, Outlet, useLocation } from 'react-router';
import { ErrorState, Loading } from '../ui/states';
import { useMe } from './use-me';

/** Signed-out visitors go to /login, and come back here after signing in. */
export function RequireAuth() {
  const me = useMe();
  const location = useLocation();
  if (me.isLoading) {
    return (
      <div className="auth-page">
        <Loading />
      </div>
    );
  }
  if (me.error && !me.signedOut) {
    return (
      <div className="auth-page">
        <div className="card auth-card">
          <ErrorState error={me.error} onRetry={() => void me.refetch()} />
        </div>
      </div>
    );
  }
  if (!me.user) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`/login?next=${encodeURIComponent(next)}`} replace />;
  }
  return <Outlet />;
}
