import { type Abi, type Address, decodeFunctionData, getAddress } from 'viem';
import type { ConclaveAddresses, DeploymentFile } from './deployment.js';
import {
  agentRegistryAbi,
  conclaveGovernorAbi,
  conclaveTimelockAbi,
  conclaveTokenAbi,
  conclaveTreasuryAbi,
  feeEscrowAbi,
  guardianMultisigAbi,
  reputationRegistryAbi,
  rewardsDistributorAbi,
  slashingManagerAbi,
  stakingVaultAbi,
  toolRegistryAbi,
} from './generated.js';
import type { ProposalAction } from './types.js';

/** A protocol contract's name, as `deployments/<chainId>.json` names it. */
export type ConclaveContractName = keyof DeploymentFile['contracts'];

/** The protocol's ABIs by contract name. */
export const conclaveAbis = {
  ConclaveToken: conclaveTokenAbi,
  AgentRegistry: agentRegistryAbi,
  StakingVault: stakingVaultAbi,
  ConclaveGovernor: conclaveGovernorAbi,
  ConclaveTimelock: conclaveTimelockAbi,
  ConclaveTreasury: conclaveTreasuryAbi,
  GuardianMultisig: guardianMultisigAbi,
  FeeEscrow: feeEscrowAbi,
  ToolRegistry: toolRegistryAbi,
  ReputationRegistry: reputationRegistryAbi,
  SlashingManager: slashingManagerAbi,
  RewardsDistributor: rewardsDistributorAbi,
} as const satisfies Record<ConclaveContractName, Abi>;

/** Which entry of {@link ConclaveAddresses} holds each contract. */
export const conclaveAddressKeys = {
  ConclaveToken: 'token',
  AgentRegistry: 'registry',
  StakingVault: 'vault',
  ConclaveGovernor: 'governor',
  ConclaveTimelock: 'timelock',
  ConclaveTreasury: 'treasury',
  GuardianMultisig: 'guardian',
  FeeEscrow: 'escrow',
  ToolRegistry: 'tools',
  ReputationRegistry: 'reputation',
  SlashingManager: 'slashing',
  RewardsDistributor: 'rewards',
} as const satisfies Record<ConclaveContractName, keyof ConclaveAddresses>;

/** A proposal's action with what it calls, decoded against the protocol's ABIs. */
export type DecodedProposalAction = {
  target: Address;
  value: bigint;
  data: `0x${string}`;
  /** The protocol contract called, or null when the target is another address. */
  contract: ConclaveContractName | null;
  /** The function called, or null when the data does not decode against the contract's ABI. */
  functionName: string | null;
  args: readonly unknown[];
};

/**
 * What a proposal's action calls: the protocol contract at its target (by the deployment's `addresses`), the
 * function and its arguments. `StakingVault.setMaxSlashBps(4000)` reads as `{ contract: 'StakingVault',
 * functionName: 'setMaxSlashBps', args: [4000n] }`; a call elsewhere, or one that does not decode, keeps nulls.
 */
export function decodeProposalAction(addresses: ConclaveAddresses, action: ProposalAction): DecodedProposalAction {
  const target = getAddress(action.target);
  const base = { target, value: action.value ?? 0n, data: action.data };
  const contract =
    (Object.keys(conclaveAddressKeys) as ConclaveContractName[]).find(
      (name) => getAddress(addresses[conclaveAddressKeys[name]]) === target,
    ) ?? null;
  if (!contract) return { ...base, contract: null, functionName: null, args: [] };
  try {
    const { functionName, args = [] } = decodeFunctionData({ abi: conclaveAbis[contract] as Abi, data: action.data });
    return { ...base, contract, functionName, args };
  } catch {
    return { ...base, contract, functionName: null, args: [] };
  }
}

/**
 * The text a proposer wrote, without the tags {@link proposalDescription} appends (`#category=…`, `#expedited`,
 * `#proposer=…`).
 */
export function plainProposalDescription(recorded: string): string {
  return recorded.replace(/(#category=\w+)?(#expedited)?#proposer=0x[0-9a-fA-F]{40}$/, '');
}
