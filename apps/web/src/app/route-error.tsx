import { useRouteError } from 'react-router';
import { ErrorState } from '../ui/states';

export function RouteError() {
  const error = useRouteError();
  return (
    <div className="auth-page">
      <div className="card auth-card">
        <ErrorState error={error} onRetry={() => window.location.reload()} />
      </div>
    </div>
  );
}
