import type { Account, Address, Chain, Client, Hex, Transport } from 'viem';
import type { SigningClient } from '../../internal/account.js';
import { type WithAddresses, resolveAddresses } from '../../deployment.js';
import type { ConclaveContractErrorType, ConclaveValidationErrorType } from '../../errors.js';
import { agentRegistryAbi } from '../../generated.js';
import { assertAddress, assertId } from '../../internal/validate.js';
import { type WriteResult, write } from '../../internal/write.js';

export type SetAgentWalletParameters = WithAddresses & {
  agentId: bigint;
  wallet: Address;
  deadline: bigint;
  /** The new wallet's proof, from `signAgentWalletProof` (or an ERC-1271 signature for a contract wallet). */
  signature: Hex;
};
export type SetAgentWalletReturnType = WriteResult;
export type SetAgentWalletErrorType = ConclaveValidationErrorType | ConclaveContractErrorType;

/** Sets the agent's payment wallet with the wallet's proof. Owner or approved only. */
export async function setAgentWallet(
  client: SigningClient,
  parameters: SetAgentWalletParameters,
): Promise<SetAgentWalletReturnType> {
  assertId('agentId', parameters.agentId);
  assertAddress('wallet', parameters.wallet);
  const { registry } = resolveAddresses(client, parameters.addresses);
  return write(client, {
    address: registry,
    abi: agentRegistryAbi,
    functionName: 'setAgentWallet',
    args: [parameters.agentId, parameters.wallet, parameters.deadline, parameters.signature],
  });
}
