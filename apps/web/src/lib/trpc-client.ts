import { createWSClient, httpBatchLink, splitLink, wsLink } from '@trpc/client';
import { trpc } from './trpc';

function websocketUrl(): string {
  const protocol = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${protocol}//${window.location.host}/trpc`;
}

/** Subscriptions over one WebSocket, everything else batched over HTTP (cookies included). */
export function createTrpcClient() {
  const wsClient = createWSClient({ url: websocketUrl(), retryDelayMs: (attempt) => Math.min(1000 * 2 ** attempt, 10_000) });
  return trpc.createClient({
    links: [
      splitLink({
        condition: (op) => op.type === 'subscription',
        true: wsLink({ client: wsClient }),
        false: httpBatchLink({ url: '/trpc', fetch: (url, init) => fetch(url, { ...init, credentials: 'include' }) }),
      }),
    ],
  });
}
