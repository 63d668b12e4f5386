// Generates the SDK's ABIs and addresses (sdk/src/generated.ts) from the forge artifacts and the deploy script's
// deployments/<chainId>.json files. Nobody edits the output by hand; `npm run generate` rewrites it and CI fails
// when the committed file differs.
import { readdirSync, readFileSync } from 'node:fs';
import { defineConfig } from '@wagmi/cli';
import { foundry, foundryDefaultExcludes } from '@wagmi/cli/plugins';

/** The protocol's contracts, by artifact name. */
const CONTRACTS = [
  'ConclaveToken',
  'AgentRegistry',
  'StakingVault',
  'ConclaveGovernor',
  'ConclaveTimelock',
  'ConclaveTreasury',
  'GuardianMultisig',
  'FeeEscrow',
  'ToolRegistry',
  'ReputationRegistry',
  'SlashingManager',
  'RewardsDistributor',
] as const;

type Deployment = { chainId: number; contracts: Record<string, `0x${string}`> };

function deployments(): Record<string, Record<number, `0x${string}`>> {
  const byContract: Record<string, Record<number, `0x${string}`>> = {};
  for (const file of readdirSync('deployments').filter((f) => /^\d+\.json$/.test(f)).sort()) {
    const deployment = JSON.parse(readFileSync(`deployments/${file}`, 'utf8')) as Deployment;
    for (const [name, address] of Object.entries(deployment.contracts)) {
      byContract[name] = { ...byContract[name], [deployment.chainId]: address };
    }
  }
  return byContract;
}

export default defineConfig({
  out: 'sdk/src/generated.ts',
  plugins: [
    foundry({
      project: '.',
      forge: { build: false, path: 'node_modules/.bin/forge' },
      include: CONTRACTS.map((name) => `${name}.sol/${name}.json`),
      // Contracts compiled a second time under the Governor's via-IR profile land in out/contracts/: same ABIs.
      exclude: [...foundryDefaultExcludes, 'contracts/**'],
      deployments: deployments(),
    }),
  ],
});
