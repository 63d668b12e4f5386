import { type Account, type Chain, type Client, type Hex, type Transport, parseEventLogs, stringToHex } from 'viem';
import { type WithAddresses, resolveAddresses } from '../../deployment.js';
import { ConclaveValidationError, type ConclaveContractErrorType, type ConclaveValidationErrorType } from '../../errors.js';
import { agentRegistryAbi } from '../../generated.js';
import { assertAgentURI } from '../../internal/validate.js';
import { type WriteResult, write } from '../../internal/write.js';
import { indexOf, roles } from '../../types.js';

export type RegisterAgentParameters = WithAddresses & {
  /** The agent card: `ipfs://<CID>` (preferred), `https://…` or `data:…`. */
  agentURI: string;
  /** On-chain key/value metadata; string values are stored as UTF-8 bytes. `agentWallet` is reserved. */
  metadata?: readonly { key: string; value: Hex | string }[] | undefined;
  /** `Utility` (default) or `Specialized`; C-suite seats are granted by governance. */
  role?: 'Utility' | 'Specialized' | undefined;
};
export type RegisterAgentReturnType = WriteResult & { agentId: bigint };
export type RegisterAgentErrorType = ConclaveValidationErrorType | ConclaveContractErrorType;

/** Registers an agent; the identity token is minted to the client's account. */
export async function registerAgent(
  client: Client<Transport, Chain | undefined, Account | undefined>,
  parameters: RegisterAgentParameters,
): Promise<RegisterAgentReturnType> {
  const { agentURI, metadata = [], role = 'Utility' } = parameters;
  assertAgentURI('agentURI', agentURI);
  if (role !== 'Utility' && role !== 'Specialized') {
    throw new ConclaveValidationError({ field: 'role', reason: 'only Utility or Specialized can be chosen' });
  }
  const entries = metadata.map(({ key, value }, i) => {
    if (key === '') throw new ConclaveValidationError({ field: `metadata[${i}].key`, reason: 'must not be empty' });
    if (key === 'agentWallet') {
      throw new ConclaveValidationError({ field: `metadata[${i}].key`, reason: 'agentWallet is set with setAgentWallet' });
    }
    return { metadataKey: key, metadataValue: value.startsWith('0x') ? (value as Hex) : stringToHex(value) };
  });
  const { registry } = resolveAddresses(client, parameters.addresses);
  const result = await write(client, {
    address: registry,
    abi: agentRegistryAbi,
    functionName: 'registerAgent',
    args: [agentURI, entries, indexOf(roles, role, 'role', ConclaveValidationError)],
  });
  const [registered] = parseEventLogs({ abi: agentRegistryAbi, logs: result.receipt.logs, eventName: 'Registered' });
  return { ...result, agentId: registered!.args.agentId };
}
