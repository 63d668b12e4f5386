import type { Account, Address, Chain, Client, Hex, Transport } from 'viem';
import type { SigningClient } from '../../internal/account.js';
import { type WithAddresses, resolveAddresses } from '../../deployment.js';
import { ConclaveValidationError, type ConclaveContractErrorType, type ConclaveValidationErrorType } from '../../errors.js';
import { guardianMultisigAbi } from '../../generated.js';
import { assertAddress } from '../../internal/validate.js';
import { type WriteResult, write } from '../../internal/write.js';
import type { GuardianApproval } from './signGuardianApproval.js';

export type ExecuteGuardianParameters = WithAddresses & {
  target: Address;
  data: Hex;
  deadline: bigint;
  /** Owners' approvals in any order; they are sent sorted by signer as the contract requires. */
  approvals: readonly GuardianApproval[];
};
export type ExecuteGuardianReturnType = WriteResult;
export type ExecuteGuardianErrorType = ConclaveValidationErrorType | ConclaveContractErrorType;

/** Submits an emergency call approved by enough guardian owners (anyone may submit). */
export async function executeGuardian(
  client: SigningClient,
  parameters: ExecuteGuardianParameters,
): Promise<ExecuteGuardianReturnType> {
  assertAddress('target', parameters.target);
  if (parameters.approvals.length === 0) {
    throw new ConclaveValidationError({ field: 'approvals', reason: 'at least one approval is required' });
  }
  const approvals = [...parameters.approvals].sort((a, b) => {
    const x = BigInt(a.signer);
    const y = BigInt(b.signer);
    return x < y ? -1 : x > y ? 1 : 0;
  });
  const { guardian } = resolveAddresses(client, parameters.addresses);
  return write(client, {
    address: guardian,
    abi: guardianMultisigAbi,
    functionName: 'execute',
    args: [parameters.target, parameters.data, parameters.deadline, approvals],
  });
}
