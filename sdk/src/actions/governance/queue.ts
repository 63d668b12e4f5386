import type { Account, Chain, Client, Transport } from 'viem';
import type { SigningClient } from '../../internal/account.js';
import { type WithAddresses, resolveAddresses } from '../../deployment.js';
import type { ConclaveContractErrorType, ConclaveValidationErrorType } from '../../errors.js';
import { conclaveGovernorAbi } from '../../generated.js';
import { descriptionHash, toArrays } from '../../internal/proposal.js';
import { type WriteResult, write } from '../../internal/write.js';
import type { ProposalAction } from '../../types.js';

export type QueueParameters = WithAddresses & {
  actions: readonly ProposalAction[];
  /** The description as recorded (`propose`'s result, or the indexer's `description`). */
  description: string;
};
export type QueueReturnType = WriteResult;
export type QueueErrorType = ConclaveValidationErrorType | ConclaveContractErrorType;

/** Queues a Succeeded proposal in the Timelock (a review-requiring category needs a favourable review). */
export async function queue(
  client: SigningClient,
  parameters: QueueParameters,
): Promise<QueueReturnType> {
  const [targets, values, calldatas] = toArrays(parameters.actions);
  const { governor } = resolveAddresses(client, parameters.addresses);
  return write(client, {
    address: governor,
    abi: conclaveGovernorAbi,
    functionName: 'queue',
    args: [targets, values, calldatas, descriptionHash(parameters.description)],
  });
}
