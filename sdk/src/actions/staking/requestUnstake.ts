import { type Account, type Chain, type Client, type Transport, parseEventLogs } from 'viem';
import type { SigningClient } from '../../internal/account.js';
import { type WithAddresses, resolveAddresses } from '../../deployment.js';
import type { ConclaveContractErrorType, ConclaveValidationErrorType } from '../../errors.js';
import { stakingVaultAbi } from '../../generated.js';
import { assertId, assertPositive } from '../../internal/validate.js';
import { type WriteResult, write } from '../../internal/write.js';

export type RequestUnstakeParameters = WithAddresses & { agentId: bigint; amount: bigint };
export type RequestUnstakeReturnType = WriteResult & { requestId: bigint; releaseTime: bigint };
export type RequestUnstakeErrorType = ConclaveValidationErrorType | ConclaveContractErrorType;

/** Moves own stake into unbonding (out of votes and tier at once). Owner or approved only. */
export async function requestUnstake(
  client: SigningClient,
  parameters: RequestUnstakeParameters,
): Promise<RequestUnstakeReturnType> {
  assertId('agentId', parameters.agentId);
  assertPositive('amount', parameters.amount);
  const { vault } = resolveAddresses(client, parameters.addresses);
  const result = await write(client, {
    address: vault,
    abi: stakingVaultAbi,
    functionName: 'requestUnstake',
    args: [parameters.agentId, parameters.amount],
  });
  const [event] = parseEventLogs({ abi: stakingVaultAbi, logs: result.receipt.logs, eventName: 'UnstakeRequested' });
  return { ...result, requestId: event!.args.requestId, releaseTime: BigInt(event!.args.releaseTime) };
}
