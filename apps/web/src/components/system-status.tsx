import { useState } from 'react';
import { trpc } from '../lib/trpc';

/** Server health over HTTP and a live clock over the WebSocket subscription. */
export function SystemStatus() {
  const health = trpc.system.health.useQuery(undefined, { refetchInterval: 15_000 });
  const [tick, setTick] = useState<{ at: string; instanceId: string } | null>(null);
  trpc.system.clock.useSubscription(undefined, { onData: setTick });

  return (
    <section className="status-card" aria-label="Server status">
      <h2>Server</h2>
      {health.isLoading && <p>Checking the server…</p>}
      {health.error && <p role="alert">Server unreachable: {health.error.message}</p>}
      {health.data && (
        <dl>
          <dt>Health</dt>
          <dd data-testid="health-status">{health.data.status}</dd>
          <dt>Database</dt>
          <dd data-testid="health-database">{health.data.database === 'pglite' ? 'embedded (PGlite)' : 'PostgreSQL'}</dd>
          <dt>Vector search</dt>
          <dd>{health.data.vector ? 'on (pgvector)' : 'off: full-text only'}</dd>
          <dt>Event bus</dt>
          <dd>{health.data.bus === 'redis' ? 'Redis' : 'in-process'}</dd>
          <dt>Live clock</dt>
          <dd data-testid="live-clock">{tick ? new Date(tick.at).toLocaleTimeString() : 'connecting…'}</dd>
        </dl>
      )}
    </section>
  );
}
