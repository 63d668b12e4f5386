import type { Address, Chain, Client, Transport } from 'viem';
import {
  agentRegistryAddress,
  conclaveGovernorAddress,
  conclaveTimelockAddress,
  conclaveTokenAddress,
  conclaveTreasuryAddress,
  feeEscrowAddress,
  guardianMultisigAddress,
  reputationRegistryAddress,
  rewardsDistributorAddress,
  slashingManagerAddress,
  stakingVaultAddress,
  toolRegistryAddress,
} from './generated.js';
import { ConclaveDeploymentNotFoundError } from './errors.js';

/** The addresses of one Conclave deployment. */
export type ConclaveAddresses = {
  token: Address;
  registry: Address;
  vault: Address;
  governor: Address;
  timelock: Address;
  treasury: Address;
  guardian: Address;
  escrow: Address;
  tools: Address;
  reputation: Address;
  slashing: Address;
  rewards: Address;
};

/** The content of `deployments/<chainId>.json`, as written by `script/Deploy.s.sol`. */
export type DeploymentFile = {
  chainId: number;
  startBlock: number;
  contracts: {
    ConclaveToken: Address;
    AgentRegistry: Address;
    StakingVault: Address;
    ConclaveGovernor: Address;
    ConclaveTimelock: Address;
    ConclaveTreasury: Address;
    GuardianMultisig: Address;
    FeeEscrow: Address;
    ToolRegistry: Address;
    ReputationRegistry: Address;
    SlashingManager: Address;
    RewardsDistributor: Address;
  };
};

/** Chains with a deployment bundled in the SDK (generated from `deployments/*.json`). */
export const knownChainIds = Object.keys(agentRegistryAddress).map(Number);

/** The addresses in a deployment file. */
export function addressesFromDeployment(deployment: DeploymentFile): ConclaveAddresses {
  const c = deployment.contracts;
  return {
    token: c.ConclaveToken,
    registry: c.AgentRegistry,
    vault: c.StakingVault,
    governor: c.ConclaveGovernor,
    timelock: c.ConclaveTimelock,
    treasury: c.ConclaveTreasury,
    guardian: c.GuardianMultisig,
    escrow: c.FeeEscrow,
    tools: c.ToolRegistry,
    reputation: c.ReputationRegistry,
    slashing: c.SlashingManager,
    rewards: c.RewardsDistributor,
  };
}

/** The bundled addresses for `chainId`; throws `ConclaveDeploymentNotFoundError` when none is bundled. */
export function getAddresses(chainId: number): ConclaveAddresses {
  const pick = <T extends Record<number, Address>>(map: T) => (map as Record<number, Address>)[chainId];
  const registry = pick(agentRegistryAddress);
  if (!registry) throw new ConclaveDeploymentNotFoundError({ chainId });
  return {
    token: pick(conclaveTokenAddress)!,
    registry,
    vault: pick(stakingVaultAddress)!,
    governor: pick(conclaveGovernorAddress)!,
    timelock: pick(conclaveTimelockAddress)!,
    treasury: pick(conclaveTreasuryAddress)!,
    guardian: pick(guardianMultisigAddress)!,
    escrow: pick(feeEscrowAddress)!,
    tools: pick(toolRegistryAddress)!,
    reputation: pick(reputationRegistryAddress)!,
    slashing: pick(slashingManagerAddress)!,
    rewards: pick(rewardsDistributorAddress)!,
  };
}

/** Every action takes `addresses` optionally; without it the client's chain decides. */
export type WithAddresses = { addresses?: ConclaveAddresses | undefined };

/** @internal */
export function resolveAddresses(
  client: Client<Transport, Chain | undefined>,
  addresses: ConclaveAddresses | undefined,
): ConclaveAddresses {
  if (addresses) return addresses;
  const chainId = client.chain?.id;
  if (chainId === undefined) throw new ConclaveDeploymentNotFoundError({ chainId: undefined });
  return getAddresses(chainId);
}
