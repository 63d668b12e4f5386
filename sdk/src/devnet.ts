import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Address, Hex } from 'viem';
import { ConclaveError } from './baseError.js';
import type { DeploymentFile } from './deployment.js';

/** One of the devnet's funded accounts (anvil's default mnemonic), with what the demo gave it. */
export type DevnetAccount = {
  /** Index in anvil's default mnemonic. */
  index: number;
  address: Address;
  privateKey: Hex;
  /** What it is in the demo, e.g. `'owner of agent 1 (CEO)'`. */
  label: string;
};

/**
 * What `npm run dev` started, as written to `.dev/dev.json` when it is ready (and removed when it stops).
 * `accounts[i]` is anvil's account i.
 */
export type DevnetInfo = {
  chainId: number;
  rpcUrl: string;
  /** The indexer's base URL; GraphQL at `${indexerUrl}/graphql`, SQL over HTTP at `${indexerUrl}/sql`. */
  indexerUrl: string;
  graphqlUrl: string;
  sqlUrl: string;
  /** The example paid tool server. */
  toolServerUrl: string;
  /** The content of `deployments/<chainId>.json`: pass it as `deployment` to `createConclaveClient`. */
  deployment: DeploymentFile;
  accounts: DevnetAccount[];
  /** The demo's agents by seat: agent id and the index of the owning account. */
  agents: Record<'CEO' | 'CTO' | 'CFO' | 'CLO' | 'CMO', { agentId: string; account: number }>;
  demo: {
    /** The demo proposal, in its voting period when `npm run dev` is ready. */
    proposalId: string;
    /** The demo slash (the CLO's proposal against the CMO), in its veto window. */
    slashId: string;
    /** The reward epoch whose rewards are claimable. */
    rewardEpoch: string;
    /** The example tool server's tools: name to tool id. */
    tools: Record<string, string>;
  };
  /** The PID of `npm run dev` (it removes this file when it stops). */
  pid: number;
};

export type ConclaveDevnetNotFoundErrorType = ConclaveDevnetNotFoundError;

/** No running `npm run dev` was found: no `.dev/dev.json` in the working directory or above it. */
export class ConclaveDevnetNotFoundError extends ConclaveError {
  override name = 'ConclaveDevnetNotFoundError' as const;

  constructor({ searched }: { searched: string }) {
    super(`No running devnet found (no ${searched}).`, {
      name: 'ConclaveDevnetNotFoundError',
      metaMessages: [
        'Start one with `npm run dev` in the Conclave repository, or set CONCLAVE_DEVNET to its .dev/dev.json.',
      ],
    });
  }
}

/**
 * The devnet `npm run dev` is running: read from `file`, else `$CONCLAVE_DEVNET`, else the first `.dev/dev.json`
 * found from the working directory upwards (as scaffold-eth-2 reads its deployed contracts). Node.js only.
 *
 *     const dev = readDevnet();
 *     const conclave = createConclaveClient({ deployment: dev.deployment, transport: http(dev.rpcUrl) });
 */
export function readDevnet(options: { file?: string | undefined; cwd?: string | undefined } = {}): DevnetInfo {
  const file = options.file ?? process.env.CONCLAVE_DEVNET ?? findUp(options.cwd ?? process.cwd());
  if (!file || !existsSync(file)) {
    throw new ConclaveDevnetNotFoundError({ searched: file ?? `.dev/dev.json in ${options.cwd ?? process.cwd()} or above` });
  }
  return JSON.parse(readFileSync(file, 'utf8')) as DevnetInfo;
}

function findUp(start: string): string | undefined {
  for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, '.dev', 'dev.json');
    if (existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) return undefined;
  }
}
