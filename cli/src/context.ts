import { readFileSync } from 'node:fs';
import {
  type ConclaveAddresses,
  type ConclaveClient,
  type DeploymentFile,
  addressesFromDeployment,
  createConclaveClient,
  getAddresses,
  knownChainIds,
} from '@conclave/sdk';
import { ConclaveDevnetNotFoundError, type DevnetInfo, readDevnet } from '@conclave/sdk/devnet';
import { type Account, type Hex, createPublicClient, http } from 'viem';
import { mnemonicToAccount, privateKeyToAccount } from 'viem/accounts';
import { UsageError } from './parse.js';

/** The options every command takes (see `conclave --help`). */
export type GlobalOptions = {
  json?: boolean;
  rpcUrl?: string;
  deployment?: string;
  indexerUrl?: string;
  privateKey?: string;
  account?: string;
};

export const DEVNET_CHAIN_ID = 31_337;
/** anvil's default mnemonic: its keys are public, and `npm run dev` funds the first ones. */
const ANVIL_MNEMONIC = 'test test test test test test test test test test test junk';

export type Context = {
  /** Reads (and, through `signer(ctx)`, writes when a key was given). */
  client: ConclaveClient<Account | undefined>;
  /** The client with the signer's account; present when a key was given. */
  wallet: ConclaveClient<Account> | undefined;
  account: Account | undefined;
  chainId: number;
  rpcUrl: string;
  addresses: ConclaveAddresses;
  /** Where event scans start: the deployment's start block (0 for a bundled deployment). */
  startBlock: bigint;
  /** Where the addresses came from: a file, the devnet file, or the SDK's bundled deployments. */
  deploymentSource: string;
  indexerUrl: string | undefined;
  devnet: { file: string | undefined; info: DevnetInfo } | undefined;
  json: boolean;
};

function readJson<T>(file: string, what: string): T {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new UsageError(`cannot read ${what} ${file}`);
  }
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new UsageError(`${what} ${file} is not valid JSON`);
  }
}

/** The devnet file: `$CONCLAVE_DEVNET`, else `.dev/dev.json` here or above; undefined if none. */
function findDevnet(): { file: string | undefined; info: DevnetInfo } | undefined {
  const file = process.env.CONCLAVE_DEVNET || undefined;
  try {
    return { file, info: readDevnet({ file }) };
  } catch (error) {
    if (error instanceof ConclaveDevnetNotFoundError) {
      if (file) throw new UsageError(`no devnet file ${file}`);
      return undefined;
    }
    if (error instanceof SyntaxError) throw new UsageError(`the devnet file ${file ?? '.dev/dev.json'} is not valid JSON`);
    throw error;
  }
}

/**
 * The key a write signs with: `--private-key`, else `--account <n>` (the devnet's account n), else
 * `$CONCLAVE_PRIVATE_KEY`. Resolved before anything touches the network.
 */
function signerFrom(options: GlobalOptions, devnet: DevnetInfo | undefined): { account: Account; devnetOnly: boolean } | undefined {
  if (options.privateKey !== undefined && options.account !== undefined) {
    throw new UsageError('give either --private-key or --account, not both');
  }
  const fromKey = (key: string, where: string) => {
    if (!/^0x[0-9a-fA-F]{64}$/.test(key)) throw new UsageError(`${where} must be 0x and 64 hex digits`);
    return privateKeyToAccount(key as Hex);
  };
  if (options.privateKey !== undefined) return { account: fromKey(options.privateKey, '--private-key'), devnetOnly: false };
  if (options.account !== undefined) {
    if (!/^\d+$/.test(options.account)) throw new UsageError(`--account must be an account number such as 1 (got '${options.account}')`);
    const index = Number(options.account);
    // The devnet file's keys; anvil's default mnemonic gives the same ones (and more) when the file lists none.
    const listed = devnet?.accounts?.find((a) => a.index === index);
    return {
      account: listed ? fromKey(listed.privateKey, `account ${index} of the devnet file`) : mnemonicToAccount(ANVIL_MNEMONIC, { addressIndex: index }),
      devnetOnly: true,
    };
  }
  const env = process.env.CONCLAVE_PRIVATE_KEY;
  if (env) return { account: fromKey(env, 'CONCLAVE_PRIVATE_KEY'), devnetOnly: false };
  return undefined;
}

/** anvil's account `index` on the devnet (the devnet file's key when it lists one). */
export function devnetAccount(ctx: Context, index: number): Account {
  const listed = ctx.devnet?.info.accounts?.find((a) => a.index === index);
  return listed ? privateKeyToAccount(listed.privateKey) : mnemonicToAccount(ANVIL_MNEMONIC, { addressIndex: index });
}

/**
 * Finds the chain and the deployment, and the signer: a command that `writes` without a key fails here,
 * before anything is sent. `--rpc-url` names another chain than the devnet file's, so the devnet file is then read
 * only when `$CONCLAVE_DEVNET` names it.
 */
export async function connect(options: GlobalOptions, { writes = false } = {}): Promise<Context> {
  const devnet = options.rpcUrl === undefined || process.env.CONCLAVE_DEVNET ? findDevnet() : undefined;
  const resolved = signerFrom(options, devnet?.info);
  if (writes && !resolved) {
    throw new UsageError(
      'this command sends a transaction and needs a key: --private-key <key>, CONCLAVE_PRIVATE_KEY, or --account <n> on the devnet',
    );
  }
  const rpcUrl = options.rpcUrl ?? devnet?.info.rpcUrl;
  if (!rpcUrl) {
    throw new UsageError('no devnet found (no .dev/dev.json here or above, no CONCLAVE_DEVNET): start one with `npm run dev`, or pass --rpc-url');
  }
  const chainId = await createPublicClient({ transport: http(rpcUrl, { retryCount: 0 }) }).getChainId();

  let deployment: DeploymentFile | undefined;
  let deploymentSource: string;
  if (options.deployment !== undefined) {
    deployment = readJson<DeploymentFile>(options.deployment, 'deployment file');
    deploymentSource = options.deployment;
  } else if (devnet?.info.deployment) {
    deployment = devnet.info.deployment;
    deploymentSource = `${devnet.file ?? '.dev/dev.json'} (devnet)`;
  } else if (knownChainIds.includes(chainId)) {
    deploymentSource = `bundled with @conclave/sdk (deployments/${chainId}.json)`;
  } else {
    throw new UsageError(`no Conclave deployment known for chain ${chainId}: pass --deployment deployments/${chainId}.json`);
  }
  if (deployment && Number(deployment.chainId) !== chainId) {
    throw new UsageError(`the RPC ${rpcUrl} serves chain ${chainId}, but the deployment (${deploymentSource}) is for chain ${deployment.chainId}`);
  }
  if (resolved?.devnetOnly && chainId !== DEVNET_CHAIN_ID) {
    throw new UsageError(`--account picks an anvil account of the devnet (chain ${DEVNET_CHAIN_ID}); this is chain ${chainId}: use --private-key`);
  }
  const account = resolved?.account;
  const transport = http(rpcUrl);
  const wallet = account ? createConclaveClient({ deployment: deployment ?? chainId, transport, account }) : undefined;
  const client = (wallet ?? createConclaveClient({ deployment: deployment ?? chainId, transport })) as ConclaveClient<Account | undefined>;
  return {
    client,
    wallet,
    account,
    chainId,
    rpcUrl,
    addresses: deployment ? addressesFromDeployment(deployment) : getAddresses(chainId),
    startBlock: BigInt(deployment?.startBlock ?? 0),
    deploymentSource,
    indexerUrl: options.indexerUrl ?? devnet?.info.indexerUrl,
    devnet,
    json: options.json ?? false,
  };
}

/** The client that signs a command's transactions (`connect(…, { writes: true })` made sure there is one). */
export function signer(ctx: Context): ConclaveClient<Account> {
  if (!ctx.wallet) throw new UsageError('this command needs a key');
  return ctx.wallet;
}
