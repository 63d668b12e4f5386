import { type Account, type Address, type Chain, type Client, type Transport, parseEventLogs } from 'viem';
import type { SigningClient } from '../../internal/account.js';
import { type WithAddresses, resolveAddresses } from '../../deployment.js';
import type { ConclaveContractErrorType, ConclaveValidationErrorType } from '../../errors.js';
import { toolRegistryAbi } from '../../generated.js';
import { assertAddress, assertCid, assertId, assertPositive } from '../../internal/validate.js';
import { ConclaveValidationError } from '../../errors.js';
import { type WriteResult, write } from '../../internal/write.js';

export type ListToolParameters = WithAddresses & {
  providerAgentId: bigint;
  /** `ipfs://` + the CID of the tool's MCP description (name, description, input schema); see `computeCid`. */
  metadataURI: string;
  /** Where the tool is served, e.g. `https://tools.example/mcp`. */
  endpoint: string;
  /** The payment token (one the escrow accepts); the protocol token by default. */
  token?: Address | undefined;
  /** Price per call in the token's smallest unit. */
  pricePerCall: bigint;
};
export type ListToolReturnType = WriteResult & { toolId: bigint };
export type ListToolErrorType = ConclaveValidationErrorType | ConclaveContractErrorType;

/** Lists a tool of an active provider agent (its owner or operator). */
export async function listTool(
  client: SigningClient,
  parameters: ListToolParameters,
): Promise<ListToolReturnType> {
  const { providerAgentId, metadataURI, endpoint, pricePerCall } = parameters;
  assertId('providerAgentId', providerAgentId);
  assertPositive('pricePerCall', pricePerCall);
  if (typeof metadataURI !== 'string' || !metadataURI.startsWith('ipfs://')) {
    throw new ConclaveValidationError({ field: 'metadataURI', reason: 'must be ipfs:// followed by a CID' });
  }
  assertCid('metadataURI', metadataURI.slice('ipfs://'.length));
  if (typeof endpoint !== 'string' || endpoint === '') {
    throw new ConclaveValidationError({ field: 'endpoint', reason: 'must not be empty' });
  }
  const addresses = resolveAddresses(client, parameters.addresses);
  const token = parameters.token ?? addresses.token;
  assertAddress('token', token);
  const result = await write(client, {
    address: addresses.tools,
    abi: toolRegistryAbi,
    functionName: 'listTool',
    args: [providerAgentId, metadataURI, endpoint, token, pricePerCall],
  });
  const [listed] = parseEventLogs({ abi: toolRegistryAbi, eventName: 'ToolListed', logs: result.receipt.logs });
  return { ...result, toolId: listed!.args.toolId };
}
