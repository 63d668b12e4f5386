// Runs the built CLI as users do (a child process) against the test anvil, through a devnet file in the shape
// `npm run dev` writes (DevnetInfo), and reads the chain with the SDK to check what the commands did.
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type ConclaveClient, addressesFromDeployment, createConclaveClient } from '@conclave/sdk';
import type { DevnetInfo } from '@conclave/sdk/devnet';
import { http, type HDAccount, bytesToHex } from 'viem';
import { mnemonicToAccount } from 'viem/accounts';
import { inject } from 'vitest';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const CLI = path.join(ROOT, 'cli', 'dist', 'cli.js');
const MNEMONIC = 'test test test test test test test test test test test junk';

/** anvil's account `index` (the test anvil funds 30 with ETH; 1-5 own the demo agents 1-5, 6-10 the guardian). */
export const account = (index: number): HDAccount => mnemonicToAccount(MNEMONIC, { addressIndex: index });

/** A temporary directory for the test's files. */
export const scratch = mkdtempSync(path.join(tmpdir(), 'conclave-cli-'));

let devnet: string | undefined;

/** The devnet file for the test anvil, in the shape `npm run dev` writes. */
export function devnetFile(): string {
  if (devnet) return devnet;
  const seats = ['CEO', 'CTO', 'CFO', 'CLO', 'CMO'] as const;
  const info: DevnetInfo = {
    chainId: 31337,
    rpcUrl: inject('rpcUrl'),
    // No indexer runs in these tests: a port nothing listens on.
    indexerUrl: 'http://127.0.0.1:9',
    graphqlUrl: 'http://127.0.0.1:9/graphql',
    sqlUrl: 'http://127.0.0.1:9/sql',
    toolServerUrl: 'http://127.0.0.1:9',
    deployment: inject('deployment'),
    accounts: Array.from({ length: 30 }, (_, index) => ({
      index,
      address: account(index).address,
      privateKey: bytesToHex(account(index).getHdKey().privateKey!),
      label: index >= 1 && index <= 5 ? `owner of agent ${index} (${seats[index - 1]})` : `account ${index}`,
    })),
    agents: Object.fromEntries(seats.map((seat, i) => [seat, { agentId: String(i + 1), account: i + 1 }])) as DevnetInfo['agents'],
    demo: { proposalId: '0', slashId: '0', rewardEpoch: '0', tools: {} },
    pid: process.pid,
  };
  devnet = path.join(scratch, 'dev.json');
  writeFileSync(devnet, `${JSON.stringify(info, null, 2)}\n`);
  return devnet;
}

export type Run = { code: number; stdout: string; stderr: string };

/** The environment of a run: the test devnet, and no key unless a test gives one. */
export function cliEnv(env: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = { ...process.env, CONCLAVE_DEVNET: devnetFile() };
  delete base.CONCLAVE_PRIVATE_KEY;
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) delete base[key];
    else base[key] = value;
  }
  return base;
}

/** Runs `node cli/dist/cli.js …args`. */
export function conclave(args: string[], env: Record<string, string | undefined> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { cwd: scratch, env: cliEnv(env), timeout: 60_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

/** Runs a command that must succeed, and returns its standard output. */
export async function ok(args: string[], env: Record<string, string | undefined> = {}): Promise<string> {
  const run = await conclave(args, env);
  if (run.code !== 0) throw new Error(`conclave ${args.join(' ')} failed (${run.code}):\n${run.stderr}${run.stdout}`);
  return run.stdout;
}

/** Runs a command with `--json` that must succeed, and parses its output. */
export async function json<T = Record<string, unknown>>(args: string[], env: Record<string, string | undefined> = {}): Promise<T> {
  return JSON.parse(await ok(['--json', ...args], env)) as T;
}

/** A client of the test chain, to check what the commands did. */
export function chain(): ConclaveClient<undefined> {
  return createConclaveClient({ deployment: inject('deployment'), transport: http(inject('rpcUrl')) });
}

/** A client signing with anvil's account `index`. */
export function wallet(index: number): ConclaveClient<HDAccount> {
  return createConclaveClient({ deployment: inject('deployment'), transport: http(inject('rpcUrl')), account: account(index) });
}

/** The test deployment's addresses. */
export const addresses = () => addressesFromDeployment(inject('deployment'));
