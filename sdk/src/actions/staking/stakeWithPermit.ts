import type { Account, Chain, Client, Transport } from 'viem';
import type { SigningClient } from '../../internal/account.js';
import { type WithAddresses, resolveAddresses } from '../../deployment.js';
import { ConclaveValidationError, type ConclaveContractErrorType, type ConclaveValidationErrorType } from '../../errors.js';
import { stakingVaultAbi } from '../../generated.js';
import { signPermit } from '../../internal/permit.js';
import { assertId, assertPositive } from '../../internal/validate.js';
import { type WriteResult, write } from '../../internal/write.js';

export type StakeWithPermitParameters = WithAddresses & {
  agentId: bigint;
  amount: bigint;
  /** Permit deadline in Unix seconds (default: one hour after the latest block). */
  deadline?: bigint | undefined;
};
export type StakeWithPermitReturnType = WriteResult;
export type StakeWithPermitErrorType = ConclaveValidationErrorType | ConclaveContractErrorType;

/** Signs an EIP-2612 permit for the vault and stakes in one transaction. */
export async function stakeWithPermit(
  client: SigningClient,
  parameters: StakeWithPermitParameters,
): Promise<StakeWithPermitReturnType> {
  const { agentId, amount } = parameters;
  assertId('agentId', agentId);
  assertPositive('amount', amount);
  const account = client.account;
  if (!account) throw new ConclaveValidationError({ field: 'account', reason: 'the client needs an account' });
  const { token, vault } = resolveAddresses(client, parameters.addresses);
  const { deadline, v, r, s } = await signPermit(client, account, {
    token,
    spender: vault,
    amount,
    deadline: parameters.deadline,
  });
  return write(client, {
    address: vault,
    abi: stakingVaultAbi,
    functionName: 'stakeWithPermit',
    args: [agentId, amount, deadline, v, r, s],
  });
}
