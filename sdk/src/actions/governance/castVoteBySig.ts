import type { Account, Chain, Client, Transport } from 'viem';
import type { SigningClient } from '../../internal/account.js';
import { type WithAddresses, resolveAddresses } from '../../deployment.js';
import { ConclaveValidationError, type ConclaveContractErrorType, type ConclaveValidationErrorType } from '../../errors.js';
import { conclaveGovernorAbi } from '../../generated.js';
import { assertAddress } from '../../internal/validate.js';
import { type WriteResult, write } from '../../internal/write.js';
import { indexOf, supports } from '../../types.js';
import type { SignBallotReturnType } from './signBallot.js';

export type CastVoteBySigParameters = WithAddresses & { ballot: SignBallotReturnType };
export type CastVoteBySigReturnType = WriteResult;
export type CastVoteBySigErrorType = ConclaveValidationErrorType | ConclaveContractErrorType;

/** Relays a signed ballot (any account pays the gas). */
export async function castVoteBySig(
  client: SigningClient,
  parameters: CastVoteBySigParameters,
): Promise<CastVoteBySigReturnType> {
  const { ballot } = parameters;
  assertAddress('ballot.voter', ballot.voter);
  const { governor } = resolveAddresses(client, parameters.addresses);
  return write(client, {
    address: governor,
    abi: conclaveGovernorAbi,
    functionName: 'castVoteBySig',
    args: [ballot.proposalId, indexOf(supports, ballot.support, 'support', ConclaveValidationError), ballot.voter, ballot.signature],
  });
}
