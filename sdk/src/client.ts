import {
  type Account,
  type Chain,
  type Client,
  type PublicActions,
  type Transport,
  type WalletActions,
  type WalletRpcSchema,
  createWalletClient,
  defineChain,
  publicActions,
} from 'viem';
import { anvil } from 'viem/chains';
import { type ConclaveActions, conclaveActions } from './decorator.js';
import { type ConclaveAddresses, type DeploymentFile, addressesFromDeployment, getAddresses } from './deployment.js';

export type CreateConclaveClientParameters<account extends Account | undefined> = {
  transport: Transport;
  account?: account;
  /** A bundled deployment's chain id (31337: the local devnet) or a `deployments/<chainId>.json` content. */
  deployment: number | DeploymentFile;
  /** The chain; defaults to anvil for 31337 and a minimal definition otherwise. */
  chain?: Chain | undefined;
  /** How often to poll for receipts, in ms (default: 250 on the local devnet, viem's 4,000 elsewhere). */
  pollingInterval?: number | undefined;
};

/** A viem wallet client with public actions and every Conclave action. */
export type ConclaveClient<account extends Account | undefined = Account | undefined> = Client<
  Transport,
  Chain,
  account,
  WalletRpcSchema,
  WalletActions<Chain, account> & PublicActions<Transport, Chain, account> & ConclaveActions<account>
>;

/**
 * A viem client with public actions and every Conclave action bound to one deployment.
 *
 *     const conclave = createConclaveClient({ deployment: 31337, transport: http(), account });
 *     const { agentId } = await conclave.registerAgent({ agentURI });
 */
export function createConclaveClient<account extends Account | undefined = undefined>(
  parameters: CreateConclaveClientParameters<account>,
): ConclaveClient<account> {
  const { deployment } = parameters;
  const chainId = typeof deployment === 'number' ? deployment : deployment.chainId;
  const addresses: ConclaveAddresses =
    typeof deployment === 'number' ? getAddresses(deployment) : addressesFromDeployment(deployment);
  const chain =
    parameters.chain ??
    (chainId === anvil.id
      ? anvil
      : defineChain({
          id: chainId,
          name: `chain ${chainId}`,
          nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
          rpcUrls: { default: { http: [] } },
        }));
  const pollingInterval = parameters.pollingInterval ?? (chainId === anvil.id ? 250 : undefined);
  const client = createWalletClient({ account: parameters.account, chain, transport: parameters.transport, pollingInterval });
  // `account` is still generic here, so the actions' type (which depends on it) is only known to the caller.
  return client.extend(publicActions).extend(conclaveActions({ addresses }) as never) as unknown as ConclaveClient<account>;
}
