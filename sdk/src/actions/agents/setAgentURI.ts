import type { Account, Chain, Client, Transport } from 'viem';
import type { SigningClient } from '../../internal/account.js';
import { type WithAddresses, resolveAddresses } from '../../deployment.js';
import type { ConclaveContractErrorType, ConclaveValidationErrorType } from '../../errors.js';
import { agentRegistryAbi } from '../../generated.js';
import { assertAgentURI, assertId } from '../../internal/validate.js';
import { type WriteResult, write } from '../../internal/write.js';

export type SetAgentURIParameters = WithAddresses & { agentId: bigint; agentURI: string };
export type SetAgentURIReturnType = WriteResult;
export type SetAgentURIErrorType = ConclaveValidationErrorType | ConclaveContractErrorType;

/** Points the agent at a new agent card. Owner or approved only. */
export async function setAgentURI(
  client: SigningClient,
  parameters: SetAgentURIParameters,
): Promise<SetAgentURIReturnType> {
  assertId('agentId', parameters.agentId);
  assertAgentURI('agentURI', parameters.agentURI);
  const { registry } = resolveAddresses(client, parameters.addresses);
  return write(client, {
    address: registry,
    abi: agentRegistryAbi,
    functionName: 'setAgentURI',
    args: [parameters.agentId, parameters.agentURI],
  });
}
