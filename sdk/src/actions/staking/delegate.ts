import type { Account, Address, Chain, Client, Transport } from 'viem';
import type { SigningClient } from '../../internal/account.js';
import { type WithAddresses, resolveAddresses } from '../../deployment.js';
import type { ConclaveContractErrorType, ConclaveValidationErrorType } from '../../errors.js';
import { stakingVaultAbi } from '../../generated.js';
import { assertAddress } from '../../internal/validate.js';
import { type WriteResult, write } from '../../internal/write.js';

export type DelegateParameters = WithAddresses & { delegatee: Address };
export type DelegateReturnType = WriteResult;
export type DelegateErrorType = ConclaveValidationErrorType | ConclaveContractErrorType;

/** Delegates the account's voting power (its agents' own stake), e.g. to an agent's operator key. */
export async function delegate(
  client: SigningClient,
  parameters: DelegateParameters,
): Promise<DelegateReturnType> {
  assertAddress('delegatee', parameters.delegatee);
  const { vault } = resolveAddresses(client, parameters.addresses);
  return write(client, {
    address: vault,
    abi: stakingVaultAbi,
    functionName: 'delegate',
    args: [parameters.delegatee],
  });
}
