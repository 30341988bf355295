// The app shell's providers: react-query for server-only data, the data layer for everything
// local, and the router.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { RouterProvider } from 'react-router';
import { ClearwayDataProvider } from '../data';
import { createAppRouter, warmRoutes } from './router';

const SERVER_DATA_FRESH_MS = 30_000;

export function App() {
  const [queryClient] = useState(
    () =>
      new QueryClient({
        defaultOptions: { queries: { staleTime: SERVER_DATA_FRESH_MS, retry: 1, networkMode: 'online' } },
      }),
  );
  const [router] = useState(createAppRouter);
  useEffect(warmRoutes, []);
  return (
    <QueryClientProvider client={queryClient}>
      <ClearwayDataProvider>
        <RouterProvider router={router} />
      </ClearwayDataProvider>
    </QueryClientProvider>
  );
}
