import type { Account, Address, Chain, Client, Transport } from 'viem';
import { readContract } from 'viem/actions';
import { type WithAddresses, resolveAddresses } from '../../deployment.js';
import { type ConclaveContractErrorType, type ConclaveValidationErrorType, toConclaveError, withConclaveErrors } from '../../errors.js';
import { toolRegistryAbi } from '../../generated.js';
import { assertId } from '../../internal/validate.js';

/** Tool statuses, in the contract's enum order (`IToolRegistry.Status`). */
export const toolStatuses = ['none', 'active', 'paused', 'retired'] as const;
/** A tool's status: one of {@link toolStatuses}. */
export type ToolStatus = (typeof toolStatuses)[number];

export type GetToolParameters = WithAddresses & { toolId: bigint };
export type GetToolReturnType = {
  toolId: bigint;
  providerAgentId: bigint;
  status: ToolStatus;
  token: Address;
  pricePerCall: bigint;
  metadataURI: string;
  endpoint: string;
  /** Listed, active, and its provider active: it may be sold now. */
  servable: boolean;
};
export type GetToolErrorType = ConclaveValidationErrorType | ConclaveContractErrorType;

/** Reads a tool's listing. An unknown id fails with `ToolNotFound`. */
export async function getTool(
  client: Client<Transport, Chain | undefined, Account | undefined>,
  parameters: GetToolParameters,
): Promise<GetToolReturnType> {
  const { toolId } = parameters;
  assertId('toolId', toolId);
  const { tools } = resolveAddresses(client, parameters.addresses);
  const t = { address: tools, abi: withConclaveErrors(toolRegistryAbi) } as const;
  try {
    const [tool, servable] = await Promise.all([
      readContract(client, { ...t, functionName: 'getTool', args: [toolId] }),
      readContract(client, { ...t, functionName: 'isServable', args: [toolId] }),
    ]);
    return {
      toolId,
      providerAgentId: tool.providerAgentId,
      status: toolStatuses[tool.status]!,
      token: tool.token,
      pricePerCall: tool.pricePerCall,
      metadataURI: tool.metadataURI,
      endpoint: tool.endpoint,
      servable,
    };
  } catch (error) {
    throw toConclaveError(error);
  }
}
