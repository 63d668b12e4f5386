import type { Account, Chain, Client, Transport } from 'viem';
import type { SigningClient } from '../../internal/account.js';
import { type WithAddresses, resolveAddresses } from '../../deployment.js';
import { ConclaveValidationError, type ConclaveContractErrorType, type ConclaveValidationErrorType } from '../../errors.js';
import { conclaveGovernorAbi } from '../../generated.js';
import { assertId } from '../../internal/validate.js';
import { type WriteResult, write } from '../../internal/write.js';
import { type Support, indexOf, supports } from '../../types.js';

export type CastVoteParameters = WithAddresses & { proposalId: bigint; support: Support; reason?: string | undefined };
export type CastVoteReturnType = WriteResult;
export type CastVoteErrorType = ConclaveValidationErrorType | ConclaveContractErrorType;

/** Votes on an Active proposal; the weight is min(votes at the snapshot, votes now). */
export async function castVote(
  client: SigningClient,
  parameters: CastVoteParameters,
): Promise<CastVoteReturnType> {
  assertId('proposalId', parameters.proposalId);
  const support = indexOf(supports, parameters.support, 'support', ConclaveValidationError);
  const { governor } = resolveAddresses(client, parameters.addresses);
  return write(client, {
    address: governor,
    abi: conclaveGovernorAbi,
    functionName: 'castVoteWithReason',
    args: [parameters.proposalId, support, parameters.reason ?? ''],
  });
}
