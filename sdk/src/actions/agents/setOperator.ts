import { type Account, type Address, type Chain, type Client, type Transport, zeroAddress } from 'viem';
import type { SigningClient } from '../../internal/account.js';
import { type WithAddresses, resolveAddresses } from '../../deployment.js';
import type { ConclaveContractErrorType, ConclaveValidationErrorType } from '../../errors.js';
import { agentRegistryAbi } from '../../generated.js';
import { assertAddress, assertId } from '../../internal/validate.js';
import { type WriteResult, write } from '../../internal/write.js';

export type SetOperatorParameters = WithAddresses & {
  agentId: bigint;
  /** The operator key, or `null` to clear it. */
  operator: Address | null;
};
export type SetOperatorReturnType = WriteResult;
export type SetOperatorErrorType = ConclaveValidationErrorType | ConclaveContractErrorType;

/** Sets the key that may act for the agent. Owner or approved only. */
export async function setOperator(
  client: SigningClient,
  parameters: SetOperatorParameters,
): Promise<SetOperatorReturnType> {
  assertId('agentId', parameters.agentId);
  if (parameters.operator !== null) assertAddress('operator', parameters.operator);
  const { registry } = resolveAddresses(client, parameters.addresses);
  return write(client, {
    address: registry,
    abi: agentRegistryAbi,
    functionName: 'setOperator',
    args: [parameters.agentId, parameters.operator ?? zeroAddress],
  });
}
