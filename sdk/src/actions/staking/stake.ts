import type { Account, Chain, Client, Transport } from 'viem';
import type { SigningClient } from '../../internal/account.js';
import { readContract } from 'viem/actions';
import { type WithAddresses, resolveAddresses } from '../../deployment.js';
import {
  ConclaveValidationError,
  type ConclaveContractErrorType,
  type ConclaveValidationErrorType,
  toConclaveError,
  withConclaveErrors,
} from '../../errors.js';
import { agentRegistryAbi, conclaveTokenAbi, stakingVaultAbi } from '../../generated.js';
import { assertId, assertPositive } from '../../internal/validate.js';
import { type WriteResult, write } from '../../internal/write.js';

export type StakeParameters = WithAddresses & {
  agentId: bigint;
  amount: bigint;
  /** Approve the vault for `amount` first when the allowance is short (default true). */
  approve?: boolean | undefined;
};
export type StakeReturnType = WriteResult & { approval?: WriteResult | undefined };
export type StakeErrorType = ConclaveValidationErrorType | ConclaveContractErrorType;

/** Stakes the account's tokens for an agent (owner, approved or operator). A stake that fails sends nothing,
 * not even the approval. */
export async function stake(
  client: SigningClient,
  parameters: StakeParameters,
): Promise<StakeReturnType> {
  const { agentId, amount, approve = true } = parameters;
  assertId('agentId', agentId);
  assertPositive('amount', amount);
  const account = client.account;
  if (!account) throw new ConclaveValidationError({ field: 'account', reason: 'the client needs an account' });
  const { token, vault, registry } = resolveAddresses(client, parameters.addresses);
  const stakeCall = { address: vault, abi: stakingVaultAbi, functionName: 'stake', args: [agentId, amount] } as const;
  let approval: WriteResult | undefined;
  if (approve) {
    const allowance = await readContract(client, {
      address: token,
      abi: conclaveTokenAbi,
      functionName: 'allowance',
      args: [account.address, vault],
    });
    if (allowance < amount) {
      // A stake that would fail anyway must not leave an approval behind: surface the contract's own error first.
      const [authorized, paused] = await Promise.all([
        readContract(client, {
          address: registry,
          abi: withConclaveErrors(agentRegistryAbi),
          functionName: 'isAuthorized',
          args: [agentId, account.address],
        }).catch((error: unknown) => {
          throw toConclaveError(error);
        }),
        readContract(client, { address: vault, abi: stakingVaultAbi, functionName: 'paused' }),
      ]);
      if (!authorized || paused) return write(client, stakeCall);
      approval = await write(client, {
        address: token,
        abi: conclaveTokenAbi,
        functionName: 'approve',
        args: [vault, amount],
      });
    }
  }
  const result = await write(client, stakeCall);
  return { ...result, approval };
}
