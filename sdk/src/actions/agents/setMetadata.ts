import { type Account, type Chain, type Client, type Hex, type Transport, stringToHex } from 'viem';
import type { SigningClient } from '../../internal/account.js';
import { type WithAddresses, resolveAddresses } from '../../deployment.js';
import { ConclaveValidationError, type ConclaveContractErrorType, type ConclaveValidationErrorType } from '../../errors.js';
import { agentRegistryAbi } from '../../generated.js';
import { assertId } from '../../internal/validate.js';
import { type WriteResult, write } from '../../internal/write.js';

export type SetMetadataParameters = WithAddresses & { agentId: bigint; key: string; value: Hex | string };
export type SetMetadataReturnType = WriteResult;
export type SetMetadataErrorType = ConclaveValidationErrorType | ConclaveContractErrorType;

/** Writes one on-chain metadata entry (string values as UTF-8 bytes). Owner or approved only. */
export async function setMetadata(
  client: SigningClient,
  parameters: SetMetadataParameters,
): Promise<SetMetadataReturnType> {
  const { agentId, key, value } = parameters;
  assertId('agentId', agentId);
  if (key === '') throw new ConclaveValidationError({ field: 'key', reason: 'must not be empty' });
  if (key === 'agentWallet') {
    throw new ConclaveValidationError({ field: 'key', reason: 'agentWallet is set with setAgentWallet' });
  }
  const { registry } = resolveAddresses(client, parameters.addresses);
  return write(client, {
    address: registry,
    abi: agentRegistryAbi,
    functionName: 'setMetadata',
    args: [agentId, key, value.startsWith('0x') ? (value as Hex) : stringToHex(value)],
  });
}
