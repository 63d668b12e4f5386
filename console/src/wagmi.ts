import { http, createWalletClient, defineChain, numberToHex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { anvil } from 'viem/chains';
import { createConfig, createConnector, injected } from 'wagmi';
import type { ConsoleConfig, DevAccount } from './config';

/** The chain of the configured deployment (anvil's definition for 31337), served by the configured RPC URL. */
export function chainOf(config: ConsoleConfig) {
  const rpcUrls = { default: { http: [config.rpcUrl] } };
  if (config.chainId === anvil.id) return { ...anvil, rpcUrls };
  return defineChain({
    id: config.chainId,
    name: `Chain ${config.chainId}`,
    nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    rpcUrls,
  });
}

/**
 * A dev-wallet connector for one demo account: it signs locally with the account's key (anvil's public test keys,
 * offered on chain 31337 only) and sends through the console's RPC, so it needs no browser extension.
 */
export function devAccount(account: DevAccount) {
  const id = `dev-${account.index}`;
  const local = privateKeyToAccount(account.privateKey);
  return createConnector<{ request: (args: { method: string; params?: unknown }) => Promise<unknown> }>((config) => {
    const chain = config.chains[0];
    const client = () => createWalletClient({ account: local, chain, transport: config.transports![chain.id]!, pollingInterval: 250 });
    return {
      id,
      name: `Account ${account.index}`,
      type: 'devAccount',
      label: account.label,
      async connect({ withCapabilities } = {}) {
        await config.storage?.removeItem(`${id}.disconnected`);
        const accounts = withCapabilities ? [{ address: local.address, capabilities: {} }] : [local.address];
        return { accounts: accounts as never, chainId: chain.id };
      },
      async disconnect() {
        await config.storage?.setItem(`${id}.disconnected`, true);
      },
      async getAccounts() {
        return [local.address];
      },
      async getChainId() {
        return chain.id;
      },
      async getProvider() {
        // Wallet methods answer locally; everything else goes to the node.
        return {
          request: async ({ method, params }) => {
            if (method === 'eth_accounts' || method === 'eth_requestAccounts') return [local.address];
            if (method === 'eth_chainId') return numberToHex(chain.id);
            return client().request({ method, params } as never);
          },
        };
      },
      async getClient() {
        return client();
      },
      async isAuthorized() {
        // Reconnect after a reload only to the account last chosen (wagmi would otherwise connect them all).
        const [recent, disconnected] = await Promise.all([
          config.storage?.getItem('recentConnectorId'),
          config.storage?.getItem(`${id}.disconnected`),
        ]);
        return recent === id && !disconnected;
      },
      onAccountsChanged() {},
      onChainChanged() {},
      onDisconnect() {
        config.emitter.emit('disconnect');
      },
    };
  });
}

/** wagmi for the configured chain: the dev wallet's accounts (on a devnet) and any injected wallet. */
export function wagmiConfig(config: ConsoleConfig) {
  const chain = chainOf(config);
  return createConfig({
    chains: [chain],
    connectors: [...config.devAccounts.map(devAccount), injected()],
    // Batched: a page's reads go in one HTTP request.
    transports: { [chain.id]: http(config.rpcUrl, { batch: true }) },
    // A local chain is polled often so that the console follows it closely.
    pollingInterval: config.chainId === anvil.id ? 500 : 4_000,
    multiInjectedProviderDiscovery: true,
  });
}
