import type { Account, Chain, Client, Transport } from 'viem';
import type { SigningClient } from '../../internal/account.js';
import { type WithAddresses, resolveAddresses } from '../../deployment.js';
import { ConclaveValidationError, type ConclaveContractErrorType, type ConclaveValidationErrorType } from '../../errors.js';
import { conclaveGovernorAbi } from '../../generated.js';
import { assertCid, assertId } from '../../internal/validate.js';
import { type WriteResult, write } from '../../internal/write.js';
import { indexOf, verdicts } from '../../types.js';

export type ReviewParameters = WithAddresses & {
  proposalId: bigint;
  verdict: 'Favourable' | 'Unfavourable';
  /** The CID of the feasibility report. */
  reportCID: string;
};
export type ReviewReturnType = WriteResult;
export type ReviewErrorType = ConclaveValidationErrorType | ConclaveContractErrorType;

/** Records the CLO seat's review while the proposal is Pending (owner, approved or operator of the CLO agent). */
export async function review(
  client: SigningClient,
  parameters: ReviewParameters,
): Promise<ReviewReturnType> {
  assertId('proposalId', parameters.proposalId);
  assertCid('reportCID', parameters.reportCID);
  if (parameters.verdict !== 'Favourable' && parameters.verdict !== 'Unfavourable') {
    throw new ConclaveValidationError({ field: 'verdict', reason: 'expected Favourable or Unfavourable' });
  }
  const { governor } = resolveAddresses(client, parameters.addresses);
  return write(client, {
    address: governor,
    abi: conclaveGovernorAbi,
    functionName: 'review',
    args: [parameters.proposalId, indexOf(verdicts, parameters.verdict, 'verdict', ConclaveValidationError), parameters.reportCID],
  });
}
