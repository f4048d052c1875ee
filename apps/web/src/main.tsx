import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode, useCallback, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { appRouter } from './app/routes';
import { SessionResetContext } from './lib/session';
import { trpc } from './lib/trpc';
import { createTrpcClient } from './lib/trpc-client';
import { ToastProvider } from './ui/toast';
import './styles.css';

function newQueryClient() {
  return new QueryClient({ defaultOptions: { queries: { staleTime: 5_000, retry: (count, error) => count < 2 && !/UNAUTHORIZED|NOT_FOUND|FORBIDDEN/.test(String((error as { data?: { code?: string } }).data?.code)) } } });
}

function Root() {
  const [state, setState] = useState(() => ({ queryClient: newQueryClient(), trpc: createTrpcClient() }));
  const reset = useCallback(() => {
    setState((previous) => {
      previous.trpc.close();
      previous.queryClient.clear();
      return { queryClient: newQueryClient(), trpc: createTrpcClient() };
    });
  }, []);
  return (
    <trpc.Provider client={state.trpc.client} queryClient={state.queryClient}>
      <QueryClientProvider client={state.queryClient}>
        <SessionResetContext.Provider value={reset}>
          <ToastProvider>
            <RouterProvider router={appRouter} />
          </ToastProvider>
        </SessionResetContext.Provider>
      </QueryClientProvider>
    </trpc.Provider>
  );
}

const container = document.getElementById('root');
if (!container) throw new Error('#root is missing from index.html');
createRoot(container).render(
  <StrictMode>
    <Root />
  </StrictMode>,
);
