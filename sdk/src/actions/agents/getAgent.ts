import type { Account, Address, Chain, Client, Transport } from 'viem';
import { readContract } from 'viem/actions';
import { type WithAddresses, resolveAddresses } from '../../deployment.js';
import { type ConclaveContractErrorType, type ConclaveValidationErrorType, toConclaveError, withConclaveErrors } from '../../errors.js';
import { agentRegistryAbi, stakingVaultAbi } from '../../generated.js';
import { assertId } from '../../internal/validate.js';
import { type Role, type Tier, roles, tiers } from '../../types.js';

export type GetAgentParameters = WithAddresses & { agentId: bigint };
export type GetAgentReturnType = {
  agentId: bigint;
  owner: Address;
  agentURI: string;
  /** The seat if the agent holds one, else its base role. */
  role: Role;
  baseRole: Role;
  seat: Role;
  tier: Tier;
  operator: Address;
  wallet: Address;
  stake: bigint;
  unbonding: bigint;
  minimumStake: bigint;
  active: boolean;
};
export type GetAgentErrorType = ConclaveValidationErrorType | ConclaveContractErrorType;

/** Reads an agent's identity, role, tier and stake. An unknown id fails with `ERC721NonexistentToken`. */
export async function getAgent(
  client: Client<Transport, Chain | undefined, Account | undefined>,
  parameters: GetAgentParameters,
): Promise<GetAgentReturnType> {
  const { agentId } = parameters;
  assertId('agentId', agentId);
  const { registry, vault } = resolveAddresses(client, parameters.addresses);
  const r = { address: registry, abi: withConclaveErrors(agentRegistryAbi) } as const;
  const v = { address: vault, abi: withConclaveErrors(stakingVaultAbi) } as const;
  try {
    const owner = await readContract(client, { ...r, functionName: 'ownerOf', args: [agentId] });
    const [agentURI, role, baseRole, seat, tier, operator, wallet, stake, unbonding, minimumStake, active] =
      await Promise.all([
        readContract(client, { ...r, functionName: 'agentURI', args: [agentId] }),
        readContract(client, { ...r, functionName: 'roleOf', args: [agentId] }),
        readContract(client, { ...r, functionName: 'baseRoleOf', args: [agentId] }),
        readContract(client, { ...r, functionName: 'seatOf', args: [agentId] }),
        readContract(client, { ...r, functionName: 'tierOf', args: [agentId] }),
        readContract(client, { ...r, functionName: 'operatorOf', args: [agentId] }),
        readContract(client, { ...r, functionName: 'getAgentWallet', args: [agentId] }),
        readContract(client, { ...v, functionName: 'stakeOf', args: [agentId] }),
        readContract(client, { ...v, functionName: 'unbondingOf', args: [agentId] }),
        readContract(client, { ...v, functionName: 'minimumStakeOf', args: [agentId] }),
        readContract(client, { ...v, functionName: 'isActive', args: [agentId] }),
      ]);
    return {
      agentId,
      owner,
      agentURI,
      role: roles[role]!,
      baseRole: roles[baseRole]!,
      seat: roles[seat]!,
      tier: tiers[tier]!,
      operator,
      wallet,
      stake,
      unbonding,
      minimumStake,
      active,
    };
  } catch (error) {
    throw toConclaveError(error);
  }
}
