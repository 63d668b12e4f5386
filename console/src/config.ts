import type { DeploymentFile } from '@conclave/sdk';
import type { Address, Hex } from 'viem';

/** A demo account of `npm run dev` (anvil's test mnemonic), offered by the dev wallet. */
export type DevAccount = { index: number; address: Address; privateKey: Hex; label: string };

/** What the console talks to: one chain, one deployment, one indexer. */
export type ConsoleConfig = {
  /** Where it came from: the devnet the console's server found, or the settings saved in this browser. */
  source: 'devnet' | 'settings' | 'build';
  chainId: number;
  rpcUrl: string;
  indexerUrl: string;
  deployment: DeploymentFile;
  /** The dev wallet's accounts (local devnet only). */
  devAccounts: DevAccount[];
  /** Names of the demo's tools by tool id, when the devnet says them. */
  toolNames: Record<string, string>;
};

/** What a person enters on the settings page. */
export type Settings = { rpcUrl: string; indexerUrl: string; deployment: string };

const SETTINGS_KEY = 'conclave.console.settings';

export function savedSettings(): Settings | null {
  const raw = localStorage.getItem(SETTINGS_KEY);
  if (!raw) return null;
  try {
    return JSON.parse(raw) as Settings;
  } catch {
    return null;
  }
}

export function saveSettings(settings: Settings | null) {
  if (settings) localStorage.setItem(SETTINGS_KEY, JSON.stringify(settings));
  else localStorage.removeItem(SETTINGS_KEY);
}

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

/** Checks a deployment file's content (`deployments/<chainId>.json`); throws a sentence saying what is wrong. */
export function parseDeployment(text: string): DeploymentFile {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error('The deployment is not JSON: paste the content of deployments/<chainId>.json.');
  }
  const d = value as Partial<DeploymentFile>;
  if (typeof d.chainId !== 'number') throw new Error('The deployment has no numeric chainId.');
  const missing = CONTRACTS.filter((name) => !/^0x[0-9a-fA-F]{40}$/.test(String(d.contracts?.[name] ?? '')));
  if (missing.length) throw new Error(`The deployment lacks the address of ${missing.join(', ')}.`);
  return { chainId: d.chainId, startBlock: Number(d.startBlock ?? 0), contracts: d.contracts! };
}

function fromSettings(s: Settings, source: ConsoleConfig['source']): ConsoleConfig {
  const deployment = parseDeployment(s.deployment);
  return { source, chainId: deployment.chainId, rpcUrl: s.rpcUrl, indexerUrl: s.indexerUrl, deployment, devAccounts: [], toolNames: {} };
}

type DevnetJson = {
  chainId: number;
  rpcUrl: string;
  indexerUrl: string;
  deployment: DeploymentFile;
  accounts: DevAccount[];
  tools: Record<string, string>;
};

/**
 * The configuration, in this order: the settings saved in this browser; the devnet the console's server found
 * (`/devnet.json`, written by `npm run dev`); the build's `VITE_CONCLAVE_RPC_URL`, `VITE_CONCLAVE_INDEXER_URL` and
 * `VITE_CONCLAVE_DEPLOYMENT`. Null when there is none: the settings page asks for one.
 */
export async function loadConfig(): Promise<ConsoleConfig | null> {
  const saved = savedSettings();
  if (saved) return fromSettings(saved, 'settings');
  const devnet = await fetch('/devnet.json', { cache: 'no-store' })
    .then((r) => (r.ok ? (r.json() as Promise<DevnetJson>) : null))
    .catch(() => null);
  if (devnet) {
    return {
      source: 'devnet',
      chainId: devnet.chainId,
      rpcUrl: devnet.rpcUrl,
      indexerUrl: devnet.indexerUrl,
      deployment: devnet.deployment,
      devAccounts: devnet.chainId === 31337 ? devnet.accounts : [],
      toolNames: Object.fromEntries(Object.entries(devnet.tools ?? {}).map(([name, id]) => [id, name])),
    };
  }
  const env = import.meta.env;
  if (env.VITE_CONCLAVE_RPC_URL && env.VITE_CONCLAVE_INDEXER_URL && env.VITE_CONCLAVE_DEPLOYMENT) {
    return fromSettings(
      { rpcUrl: env.VITE_CONCLAVE_RPC_URL, indexerUrl: env.VITE_CONCLAVE_INDEXER_URL, deployment: env.VITE_CONCLAVE_DEPLOYMENT },
      'build',
    );
  }
  return null;
}
