import {
  type Account,
  type Address,
  type Chain,
  type Client,
  type Hex,
  type Transport,
  parseEventLogs,
  stringToHex,
  zeroAddress,
} from 'viem';
import type { SigningClient } from '../../internal/account.js';
import { type WithAddresses, resolveAddresses } from '../../deployment.js';
import { ConclaveValidationError, type ConclaveContractErrorType, type ConclaveValidationErrorType } from '../../errors.js';
import { agentRegistryAbi } from '../../generated.js';
import { signPermit } from '../../internal/permit.js';
import { assertAddress, assertAgentURI, assertPositive } from '../../internal/validate.js';
import { type WriteResult, write } from '../../internal/write.js';
import { indexOf, roles } from '../../types.js';

export type RegisterAgentParameters = WithAddresses & {
  /** The agent card: `ipfs://<CID>` (preferred), `https://…` or `data:…`. */
  agentURI: string;
  /** On-chain key/value metadata; string values are stored as UTF-8 bytes. `agentWallet` is reserved. */
  metadata?: readonly { key: string; value: Hex | string }[] | undefined;
  /** `Utility` (default) or `Specialized`; C-suite seats are granted by governance. */
  role?: 'Utility' | 'Specialized' | undefined;
  /**
   * Stake to put up at once: the agent is registered and staked (with an EIP-2612 permit signed here) in one
   * transaction, `registerAndStake`. Not combinable with `metadata` (set it afterwards with `setMetadata`).
   */
  stake?: bigint | undefined;
  /** With `stake`: the operator key to name in the same transaction. */
  operator?: Address | undefined;
};
export type RegisterAgentReturnType = WriteResult & { agentId: bigint };
export type RegisterAgentErrorType = ConclaveValidationErrorType | ConclaveContractErrorType;

/**
 * Registers an agent; the identity token is minted to the client's account. With `stake`, also stakes (and names
 * the `operator`) in the same transaction.
 */
export async function registerAgent(
  client: SigningClient,
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
  const roleIndex = indexOf(roles, role, 'role', ConclaveValidationError);
  const { registry, token, vault } = resolveAddresses(client, parameters.addresses);
  const { stake, operator } = parameters;
  if (stake === undefined && operator !== undefined) {
    throw new ConclaveValidationError({ field: 'operator', reason: 'is named at registration only with `stake`; use setOperator' });
  }
  let result: WriteResult;
  if (stake === undefined) {
    result = await write(client, {
      address: registry,
      abi: agentRegistryAbi,
      functionName: 'registerAgent',
      args: [agentURI, entries, roleIndex],
    });
  } else {
    assertPositive('stake', stake);
    if (operator !== undefined) assertAddress('operator', operator);
    if (entries.length !== 0) {
      throw new ConclaveValidationError({ field: 'metadata', reason: 'cannot be combined with `stake`; use setMetadata' });
    }
    const account = client.account;
    if (!account) throw new ConclaveValidationError({ field: 'account', reason: 'the client needs an account' });
    const { deadline, v, r, s } = await signPermit(client, account, { token, spender: vault, amount: stake });
    result = await write(client, {
      address: registry,
      abi: agentRegistryAbi,
      functionName: 'registerAndStake',
      args: [agentURI, roleIndex, operator ?? zeroAddress, stake, deadline, v, r, s],
    });
  }
  const [registered] = parseEventLogs({ abi: agentRegistryAbi, logs: result.receipt.logs, eventName: 'Registered' });
  return { ...result, agentId: registered!.args.agentId };
}
