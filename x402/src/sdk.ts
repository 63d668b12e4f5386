// The core SDK's pieces this package uses, and how it resolves a client's deployment and chain.
import { type ConclaveAddresses, getAddresses } from '@conclave/sdk';
import type { Account, Chain, Client, Transport } from 'viem';
import { getChainId } from 'viem/actions';

export {
  type ChannelProvider,
  type ConclaveAddresses,
  type GetToolReturnType,
  getTool,
} from '@conclave/sdk';

/** @internal The client's chain id and the deployment's addresses (given, or the bundled one for the chain). */
export async function resolveAddressesFor(
  client: Client<Transport, Chain | undefined, Account | undefined>,
  addresses: ConclaveAddresses | undefined,
) {
  const chainId = client.chain?.id ?? (await getChainId(client));
  return { chainId, addresses: addresses ?? getAddresses(chainId) };
}
