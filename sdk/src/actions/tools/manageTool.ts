import type { Account, Chain, Client, Transport } from 'viem';
import type { SigningClient } from '../../internal/account.js';
import { type WithAddresses, resolveAddresses } from '../../deployment.js';
import { ConclaveValidationError, type ConclaveContractErrorType, type ConclaveValidationErrorType } from '../../errors.js';
import { toolRegistryAbi } from '../../generated.js';
import { assertId, assertPositive } from '../../internal/validate.js';
import { type WriteResult, write } from '../../internal/write.js';

export type SetToolPriceParameters = WithAddresses & { toolId: bigint; pricePerCall: bigint };
export type SetToolStatusParameters = WithAddresses & { toolId: bigint; status: 'active' | 'paused' | 'retired' };
/** The errors {@link setToolPrice} and {@link setToolStatus} throw. */
export type ManageToolErrorType = ConclaveValidationErrorType | ConclaveContractErrorType;

/** Sets a tool's price per call; it applies to vouchers signed from now on. */
export async function setToolPrice(
  client: SigningClient,
  parameters: SetToolPriceParameters,
): Promise<WriteResult> {
  const { toolId, pricePerCall } = parameters;
  assertId('toolId', toolId);
  assertPositive('pricePerCall', pricePerCall);
  const { tools } = resolveAddresses(client, parameters.addresses);
  return write(client, { address: tools, abi: toolRegistryAbi, functionName: 'setPrice', args: [toolId, pricePerCall] });
}

/** Pauses (`paused`), resumes (`active`) or retires (`retired`, final) a tool. */
export async function setToolStatus(
  client: SigningClient,
  parameters: SetToolStatusParameters,
): Promise<WriteResult> {
  const { toolId, status } = parameters;
  assertId('toolId', toolId);
  const functionName = ({ active: 'resumeTool', paused: 'pauseTool', retired: 'retireTool' } as const)[status];
  if (!functionName) {
    throw new ConclaveValidationError({ field: 'status', reason: `expected active, paused or retired, got ${status}` });
  }
  const { tools } = resolveAddresses(client, parameters.addresses);
  return write(client, { address: tools, abi: toolRegistryAbi, functionName, args: [toolId] });
}
