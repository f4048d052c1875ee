import { createContext, useCallback, useMemo, useRef, useState, type ReactNode } from 'react';
import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '@devmentor/api';
import { trpc } from '../../lib/trpc';

export type LiveStatus = 'connecting' | 'live' | 'offline';
export type ProjectEvent = inferRouterOutputs<AppRouter>['projects']['onEvent'] extends AsyncIterable<infer T> ? (T extends { data: infer D } ? D : never) : never;
type Listener = (event: ProjectEvent) => void;

interface ProjectEventsHub {
  projectId: string;
  status: LiveStatus;
  subscribe: (listener: Listener) => () => void;
}

export const ProjectEventsContext = createContext<ProjectEventsHub | null>(null);

/**
 * One `projects.onEvent` stream per open project, shared by every screen and indicator that listens
 * (board, activity, proposals, agent progress). The last event id is kept: tRPC's WebSocket link
 * resends it on reconnect, and a restart after an error passes it explicitly, so nothing is missed.
 */
export function ProjectEventsProvider({ projectId, children }: { projectId: string; children: ReactNode }) {
  const listeners = useRef(new Set<Listener>());
  const lastEventId = useRef<string | undefined>(undefined);
  const [status, setStatus] = useState<LiveStatus>('connecting');
  const [restarts, setRestarts] = useState(0);
  // The last id is read only when (re)subscribing: a new event must not restart the stream.
  const input = useMemo(() => ({ projectId, lastEventId: lastEventId.current }), [projectId, restarts]);
  trpc.projects.onEvent.useSubscription(input, {
    onStarted: () => setStatus('live'),
    onData: (tracked) => {
      lastEventId.current = tracked.id;
      for (const listener of listeners.current) listener(tracked.data);
    },
    onError: () => {
      setStatus('offline');
      window.setTimeout(() => setRestarts((count) => count + 1), 2000);
    },
  });
  const subscribe = useCallback((listener: Listener) => {
    listeners.current.add(listener);
    return () => void listeners.current.delete(listener);
  }, []);
  const hub = useMemo(() => ({ projectId, status, subscribe }), [projectId, status, subscribe]);
  return <ProjectEventsContext.Provider value={hub}>{children}</ProjectEventsContext.Provider>;
}
