import { useMemo, useRef, useState } from 'react';
import { trpc } from '../../lib/trpc';

export type LiveStatus = 'connecting' | 'live' | 'offline';

/**
 * Follows `projects.onEvent` and calls `onEvent` for each event. The last event id is kept: tRPC's
 * WebSocket link resends it on reconnect, and a restart after an error passes it explicitly, so the
 * server replays what was missed.
 */
export function useProjectEvents(projectId: string, onEvent: (event: { entityType: string; action: string; entityId: string }) => void) {
  const lastEventId = useRef<string | undefined>(undefined);
  const [status, setStatus] = useState<LiveStatus>('connecting');
  const [restarts, setRestarts] = useState(0);
  // The last id is read only when (re)subscribing: a new event must not restart the stream.
  const input = useMemo(() => ({ projectId, lastEventId: lastEventId.current }), [projectId, restarts]);
  trpc.projects.onEvent.useSubscription(input, {
    onStarted: () => setStatus('live'),
    onData: (tracked) => {
      lastEventId.current = tracked.id;
      onEvent(tracked.data);
    },
    onError: () => {
      setStatus('offline');
      window.setTimeout(() => setRestarts((count) => count + 1), 2000);
    },
  });
  return status;
}
