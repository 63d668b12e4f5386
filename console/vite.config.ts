import type { IncomingMessage, ServerResponse } from 'node:http';
import { type DevnetInfo, readDevnet } from '@conclave/sdk/devnet';
import react from '@vitejs/plugin-react';
import { type Plugin, defineConfig } from 'vite';

/**
 * Serves what `npm run dev` started as `/devnet.json` (read on every request from `$CONCLAVE_DEVNET` or the nearest
 * `.dev/dev.json`, so a restarted devnet is picked up without restarting the console), in the dev server and in
 * `vite preview`. The demo accounts' keys are anvil's public test keys: they are served for chain 31337 only.
 */
function conclaveDevnet(): Plugin {
  const serve = (req: IncomingMessage, res: ServerResponse, next: () => void) => {
    if (req.url?.split('?')[0] !== '/devnet.json') return next();
    let devnet: DevnetInfo;
    try {
      devnet = readDevnet();
    } catch (error) {
      res.writeHead(404, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(JSON.stringify({ error: (error as Error).message }));
      return;
    }
    const local = devnet.chainId === 31337;
    const body = {
      chainId: devnet.chainId,
      rpcUrl: devnet.rpcUrl,
      indexerUrl: devnet.indexerUrl,
      deployment: devnet.deployment,
      accounts: local ? devnet.accounts : [],
      agents: devnet.agents,
      tools: devnet.demo.tools,
    };
    res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(JSON.stringify(body));
  };
  return {
    name: 'conclave-devnet',
    configureServer: (server) => void server.middlewares.use(serve),
    configurePreviewServer: (server) => void server.middlewares.use(serve),
  };
}

export default defineConfig({
  plugins: [react(), conclaveDevnet()],
  server: { host: '127.0.0.1', port: 5173 },
  preview: { host: '127.0.0.1', port: 4173 },
  build: {
    rolldownOptions: {
      output: {
        // Libraries apart from the console's own code, so a new console build leaves them cached.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|react-router|scheduler|cookie|set-cookie-parser)[\\/]/ },
            { name: 'conclave-sdk', test: /[\\/]sdk[\\/]dist[\\/]|node_modules[\\/](@conclave[\\/]sdk|multiformats)[\\/]/ },
            { name: 'viem', test: /node_modules[\\/](viem|ox|abitype|@noble|@scure|@adraffy|isows)[\\/]/ },
            { name: 'wagmi', test: /node_modules[\\/](wagmi|@wagmi|@tanstack|zustand|mipd|eventemitter3|use-sync-external-store)[\\/]/ },
          ],
        },
      },
    },
  },
});
