import { createWSClient, httpBatchLink, splitLink, wsLink } from '@trpc/client';
import { trpc } from './trpc';

function websocketUrl(): string {
  const protocol = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${protocol}//${window.location.host}/trpc`;
}

/**
 * Subscriptions over one WebSocket, everything else batched over HTTP (cookies included).
 * The server resolves the caller once per WebSocket connection, so the socket is lazy (opened by
 * the first subscription) and the whole client is rebuilt when the signed-in user changes.
 */
export function createTrpcClient() {
  const wsClient = createWSClient({
    url: websocketUrl(),
    lazy: { enabled: true, closeMs: 0 },
    retryDelayMs: (attempt) => Math.min(1000 * 2 ** attempt, 10_000),
  });
  const client = trpc.createClient({
    links: [
      splitLink({
        condition: (op) => op.type === 'subscription',
        true: wsLink({ client: wsClient }),
        false: httpBatchLink({ url: '/trpc', fetch: (url, init) => fetch(url, { ...init, credentials: 'include' }) }),
      }),
    ],
  });
  return { client, close: () => wsClient.close() };
}
