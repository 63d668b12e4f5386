import type { Account, Chain, Client, Transport } from 'viem';
import { readContract } from 'viem/actions';
import { type WithAddresses, resolveAddresses } from '../../deployment.js';
import type { ConclaveValidationErrorType } from '../../errors.js';
import { stakingVaultAbi } from '../../generated.js';
import { assertId } from '../../internal/validate.js';

export type GetUnbondingRequestParameters = WithAddresses & { requestId: bigint };
/** `null` when the request does not exist or was withdrawn. */
export type GetUnbondingRequestReturnType = { agentId: bigint; amount: bigint; releaseTime: bigint } | null;
export type GetUnbondingRequestErrorType = ConclaveValidationErrorType;

/** Reads a pending unstake request and its current value (lower if the agent was slashed since). */
export async function getUnbondingRequest(
  client: Client<Transport, Chain | undefined, Account | undefined>,
  parameters: GetUnbondingRequestParameters,
): Promise<GetUnbondingRequestReturnType> {
  assertId('requestId', parameters.requestId);
  const { vault } = resolveAddresses(client, parameters.addresses);
  const v = { address: vault, abi: stakingVaultAbi } as const;
  const [request, amount] = await Promise.all([
    readContract(client, { ...v, functionName: 'unbondingRequest', args: [parameters.requestId] }),
    readContract(client, { ...v, functionName: 'requestAmount', args: [parameters.requestId] }),
  ]);
  if (request.shares === 0n) return null;
  return { agentId: request.agentId, amount, releaseTime: BigInt(request.releaseTime) };
}
