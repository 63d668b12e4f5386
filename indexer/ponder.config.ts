import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createConfig } from 'ponder';
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
} from '@conclave/sdk/abis';

// Addresses and the start block come from the deploy script's output; ABIs from the SDK's generated file.
// DEPLOYMENT_FILE picks the file (default deployments/31337.json); RPC_URL the node (default the local devnet).
const deploymentFile = process.env.DEPLOYMENT_FILE ?? path.resolve(__dirname, '../deployments/31337.json');
const deployment = JSON.parse(readFileSync(deploymentFile, 'utf8')) as {
  chainId: number;
  startBlock: number;
  contracts: Record<string, `0x${string}`>;
};
const startBlock = deployment.startBlock;
const chain = 'conclave';
const at = (name: string) => {
  const address = deployment.contracts[name];
  if (!address) throw new Error(`${deploymentFile} has no address for ${name}`);
  return address;
};

export default createConfig({
  // PGlite by default; PostgreSQL when DATABASE_URL is set.
  database: process.env.DATABASE_URL
    ? { kind: 'postgres', connectionString: process.env.DATABASE_URL }
    : { kind: 'pglite', directory: process.env.PGLITE_DIR ?? path.resolve(__dirname, '.ponder/pglite') },
  chains: {
    [chain]: {
      id: deployment.chainId,
      rpc: process.env.RPC_URL ?? 'http://127.0.0.1:8545',
      pollingInterval: Number(process.env.POLLING_INTERVAL_MS ?? 1000),
      // A local chain is reset and reused: never serve RPC results from the cache.
      disableCache: deployment.chainId === 31337,
    },
  },
  contracts: {
    AgentRegistry: { chain, abi: agentRegistryAbi, address: at('AgentRegistry'), startBlock },
    StakingVault: { chain, abi: stakingVaultAbi, address: at('StakingVault'), startBlock },
    ConclaveGovernor: { chain, abi: conclaveGovernorAbi, address: at('ConclaveGovernor'), startBlock },
    ConclaveTimelock: { chain, abi: conclaveTimelockAbi, address: at('ConclaveTimelock'), startBlock },
    ConclaveTreasury: { chain, abi: conclaveTreasuryAbi, address: at('ConclaveTreasury'), startBlock },
    GuardianMultisig: { chain, abi: guardianMultisigAbi, address: at('GuardianMultisig'), startBlock },
    ConclaveToken: { chain, abi: conclaveTokenAbi, address: at('ConclaveToken'), startBlock },
    FeeEscrow: { chain, abi: feeEscrowAbi, address: at('FeeEscrow'), startBlock },
    ToolRegistry: { chain, abi: toolRegistryAbi, address: at('ToolRegistry'), startBlock },
    ReputationRegistry: { chain, abi: reputationRegistryAbi, address: at('ReputationRegistry'), startBlock },
    SlashingManager: { chain, abi: slashingManagerAbi, address: at('SlashingManager'), startBlock },
    RewardsDistributor: { chain, abi: rewardsDistributorAbi, address: at('RewardsDistributor'), startBlock },
  },
  // Every block: proposals whose state changes with time (voting opens, the expedited mark, the deadline) are
  // brought up to date (src/ProposalClock.ts); a block with nothing due costs one row read.
  blocks: {
    ProposalClock: { chain, interval: 1, startBlock },
  },
});
