import { type Account, type Chain, type Client, type Transport, parseEventLogs } from 'viem';
import type { SigningClient } from '../../internal/account.js';
import { type WithAddresses, resolveAddresses } from '../../deployment.js';
import type { ConclaveContractErrorType, ConclaveValidationErrorType } from '../../errors.js';
import { stakingVaultAbi } from '../../generated.js';
import { assertId } from '../../internal/validate.js';
import { type WriteResult, write } from '../../internal/write.js';

export type WithdrawParameters = WithAddresses & { requestId: bigint };
export type WithdrawReturnType = WriteResult & { amount: bigint };
export type WithdrawErrorType = ConclaveValidationErrorType | ConclaveContractErrorType;

/** Pays an unbonded request to the agent's owner. Owner or approved only. */
export async function withdraw(
  client: SigningClient,
  parameters: WithdrawParameters,
): Promise<WithdrawReturnType> {
  assertId('requestId', parameters.requestId);
  const { vault } = resolveAddresses(client, parameters.addresses);
  const result = await write(client, {
    address: vault,
    abi: stakingVaultAbi,
    functionName: 'withdraw',
    args: [parameters.requestId],
  });
  const [event] = parseEventLogs({ abi: stakingVaultAbi, logs: result.receipt.logs, eventName: 'Withdrawn' });
  return { ...result, amount: event!.args.amount };
}
