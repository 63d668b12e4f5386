import type { Account, Chain, Client, Transport } from 'viem';
import type { SigningClient } from '../../internal/account.js';
import { type WithAddresses, resolveAddresses } from '../../deployment.js';
import type { ConclaveContractErrorType, ConclaveValidationErrorType } from '../../errors.js';
import { conclaveGovernorAbi } from '../../generated.js';
import { descriptionHash, toArrays } from '../../internal/proposal.js';
import { type WriteResult, write } from '../../internal/write.js';
import type { ProposalAction } from '../../types.js';

export type ExecuteParameters = WithAddresses & {
  actions: readonly ProposalAction[];
  /** The description as recorded (`propose`'s result, or the indexer's `description`). */
  description: string;
};
export type ExecuteReturnType = WriteResult;
export type ExecuteErrorType = ConclaveValidationErrorType | ConclaveContractErrorType;

/** Executes a Queued proposal once the Timelock delay has passed; anyone may call. */
export async function execute(
  client: SigningClient,
  parameters: ExecuteParameters,
): Promise<ExecuteReturnType> {
  const [targets, values, calldatas] = toArrays(parameters.actions);
  const { governor } = resolveAddresses(client, parameters.addresses);
  return write(client, {
    address: governor,
    abi: conclaveGovernorAbi,
    functionName: 'execute',
    args: [targets, values, calldatas, descriptionHash(parameters.description)],
  });
}
