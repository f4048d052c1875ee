import type { AppRouter, ProjectEvent } from '@devmentor/api';
import { createTRPCClient, createWSClient, httpBatchLink, splitLink, wsLink, type TRPCClientError } from '@trpc/client';
import WebSocket from 'ws';

/** A client signed in with a session token: Bearer over HTTP, `connectionParams` over WebSocket. */
export function liveClient(server: { url: string }, token: string | null) {
  const wsClient = createWSClient({
    url: `${server.url.replace(/^http/, 'ws')}/trpc`,
    WebSocket: WebSocket as unknown as typeof globalThis.WebSocket,
    connectionParams: token ? { token } : {},
    retryDelayMs: () => 50,
  });
  const client = createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === 'subscription',
        true: wsLink({ client: wsClient }),
        false: httpBatchLink({ url: `${server.url}/trpc`, headers: token ? { authorization: `Bearer ${token}` } : {} }),
      }),
    ],
  });
  return { client, wsClient, close: () => wsClient.close() };
}

/** Collects a project's events from `projects.onEvent` and lets a test wait for a condition. */
export function collectEvents(client: ReturnType<typeof liveClient>['client'], input: { projectId: string; lastEventId?: string }) {
  const events: ProjectEvent[] = [];
  const errors: TRPCClientError<AppRouter>[] = [];
  let started!: () => void;
  const ready = new Promise<void>((resolve) => (started = resolve));
  const waiters = new Set<() => void>();
  const notify = () => waiters.forEach((check) => check());
  const subscription = client.projects.onEvent.subscribe(input, {
    onStarted: () => started(),
    onData: (envelope) => {
      events.push(envelope.data as ProjectEvent);
      notify();
    },
    onError: (error) => {
      errors.push(error);
      notify();
    },
  });
  return {
    events,
    errors,
    ready,
    unsubscribe: () => subscription.unsubscribe(),
    until(check: () => boolean): Promise<void> {
      if (check()) return Promise.resolve();
      return new Promise((resolve) => {
        const waiter = () => {
          if (!check()) return;
          waiters.delete(waiter);
          resolve();
        };
        waiters.add(waiter);
      });
    },
  };
}
