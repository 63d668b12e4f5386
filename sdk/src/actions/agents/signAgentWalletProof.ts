import type { Account, Address, Chain, Client, Hex, Transport } from 'viem';
import type { SigningClient } from '../../internal/account.js';
import { readContract, signTypedData } from 'viem/actions';
import { type WithAddresses, resolveAddresses } from '../../deployment.js';
import { ConclaveValidationError, type ConclaveValidationErrorType } from '../../errors.js';
import { agentRegistryAbi } from '../../generated.js';
import { assertAddress, assertId } from '../../internal/validate.js';

export type SignAgentWalletProofParameters = WithAddresses & {
  agentId: bigint;
  /** The agent's current owner (the proof binds it). */
  owner: Address;
  /** Unix seconds; at most 5 minutes ahead when submitted. */
  deadline: bigint;
  /** The new wallet's account, which signs. Defaults to the client's account. */
  account?: Account | undefined;
};
export type SignAgentWalletProofReturnType = { wallet: Address; deadline: bigint; signature: Hex };
export type SignAgentWalletProofErrorType = ConclaveValidationErrorType;

/** The EIP-712 types of the agent wallet proof (ERC-8004). */
export const agentWalletTypes = {
  AgentWalletSet: [
    { name: 'agentId', type: 'uint256' },
    { name: 'newWallet', type: 'address' },
    { name: 'owner', type: 'address' },
    { name: 'deadline', type: 'uint256' },
  ],
} as const;

/** Signs, as the new wallet, the proof `setAgentWallet` needs. */
export async function signAgentWalletProof(
  client: SigningClient,
  parameters: SignAgentWalletProofParameters,
): Promise<SignAgentWalletProofReturnType> {
  const { agentId, owner, deadline } = parameters;
  assertId('agentId', agentId);
  assertAddress('owner', owner);
  const account = parameters.account ?? client.account;
  if (!account) throw new ConclaveValidationError({ field: 'account', reason: 'a signing account is required' });
  const { registry } = resolveAddresses(client, parameters.addresses);
  const [, name, version, chainId, verifyingContract] = await readContract(client, {
    address: registry,
    abi: agentRegistryAbi,
    functionName: 'eip712Domain',
  });
  const signature = await signTypedData(client, {
    account,
    domain: { name, version, chainId, verifyingContract },
    types: agentWalletTypes,
    primaryType: 'AgentWalletSet',
    message: { agentId, newWallet: account.address, owner, deadline },
  });
  return { wallet: account.address, deadline, signature };
}
