import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useMemo } from 'react';
import { RouterProvider, createBrowserRouter, useRouteError } from 'react-router';
import { WagmiProvider } from 'wagmi';
import { hashFn } from 'wagmi/query';
import { ConclaveProvider } from './conclave';
import type { ConsoleConfig } from './config';
import { Layout } from './Layout';
import { LiveProvider } from './live';
import { Agent } from './pages/Agent';
import { Agents } from './pages/Agents';
import { Guardian } from './pages/Guardian';
import { Overview } from './pages/Overview';
import { Proposal } from './pages/Proposal';
import { Proposals } from './pages/Proposals';
import { Propose } from './pages/Propose';
import { Rewards } from './pages/Rewards';
import { Settings, SettingsForm } from './pages/Settings';
import { Slashes } from './pages/Slashes';
import { Provider, Tools } from './pages/Tools';
import { Empty, ErrorNote, PageHeader } from './ui';
import { wagmiConfig } from './wagmi';

function NotFound() {
  return <Empty>No such page.</Empty>;
}

/** A page that failed to render: what went wrong, inside the console's frame. */
function PageError() {
  return (
    <>
      <PageHeader title="This page failed" subtitle="Reload to try again; the other pages still work." />
      <ErrorNote error={useRouteError()} />
    </>
  );
}

export function App({ config }: { config: ConsoleConfig }) {
  const { wagmi, queryClient, router } = useMemo(
    () => ({
      wagmi: wagmiConfig(config),
      // Keys hold bigints (ids, amounts): wagmi's hash function serialises them.
      queryClient: new QueryClient({ defaultOptions: { queries: { queryKeyHashFn: hashFn, staleTime: 60_000, refetchOnWindowFocus: false, retry: 1 } } }),
      router: createBrowserRouter([
        {
          element: <Layout />,
          children: [
            {
              errorElement: <PageError />,
              children: [
                { index: true, element: <Overview /> },
                { path: 'agents', element: <Agents /> },
                { path: 'agents/:id', element: <Agent /> },
                { path: 'proposals', element: <Proposals /> },
                { path: 'proposals/new', element: <Propose /> },
                { path: 'proposals/:id', element: <Proposal /> },
                { path: 'tools', element: <Tools /> },
                { path: 'providers/:id', element: <Provider /> },
                { path: 'slashes', element: <Slashes /> },
                { path: 'rewards', element: <Rewards /> },
                { path: 'guardian', element: <Guardian /> },
                { path: 'settings', element: <Settings config={config} /> },
                { path: '*', element: <NotFound /> },
              ],
            },
          ],
        },
      ]),
    }),
    [config],
  );
  return (
    <WagmiProvider config={wagmi}>
      <QueryClientProvider client={queryClient}>
        <ConclaveProvider config={config}>
          <LiveProvider>
            <RouterProvider router={router} />
          </LiveProvider>
        </ConclaveProvider>
      </QueryClientProvider>
    </WagmiProvider>
  );
}

/** Without a deployment to talk to: only the settings. */
export function Unconfigured({ error }: { error?: string }) {
  return (
    <div className="shell unconfigured">
      <main className="content narrow">
        <PageHeader
          title="Conclave console"
          subtitle="No deployment configured. Start a local one with npm run dev (the console finds it by itself), or enter a deployment below."
        />
        <SettingsForm error={error} />
      </main>
    </div>
  );
}
