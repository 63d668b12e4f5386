// Runs the example tool server (examples/tool-server/server.mjs) as users do, in a child process of its own.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { toHex } from 'viem';
import { inject } from 'vitest';
import { account } from '../../sdk/test/fixtures.js';

const SERVER = path.resolve(import.meta.dirname, '../../examples/tool-server/server.mjs');

export type RunningServer = {
  url: string;
  mcp: string;
  tools: Record<string, bigint>;
  store: string;
  child: ChildProcess;
  logs: string[];
  /** SIGTERM, and wait for the exit. */
  stop(): Promise<void>;
};

/** A directory for one test's files (voucher stores, the deployment file). */
export const scratch = () => mkdtempSync(path.join(tmpdir(), 'conclave-x402-'));

/** Starts the example server for the demo agent `agentId` (owned by anvil account `agentId`). */
export async function startServer(options: {
  agentId: number;
  port: number;
  store: string;
  env?: Record<string, string>;
}): Promise<RunningServer> {
  const dir = scratch();
  const deploymentFile = path.join(dir, 'deployment.json');
  writeFileSync(deploymentFile, JSON.stringify(inject('deployment')));
  const key = toHex(account(options.agentId).getHdKey().privateKey!);
  const child = spawn(process.execPath, [SERVER], {
    env: {
      ...process.env,
      RPC_URL: inject('rpcUrl'),
      DEPLOYMENT: deploymentFile,
      PROVIDER_KEY: key,
      AGENT_ID: String(options.agentId),
      PORT: String(options.port),
      STORE: options.store,
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: string[] = [];
  createInterface({ input: child.stderr! }).on('line', (line) => logs.push(line));
  const ready = await new Promise<{ url: string; mcp: string; tools: Record<string, string> }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the tool server did not start: ${logs.join('\n')}`)), 60_000);
    child.once('exit', (code) => reject(new Error(`the tool server exited (${code}): ${logs.join('\n')}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (!line.startsWith('{')) return;
      clearTimeout(timer);
      resolve(JSON.parse(line));
    });
  });
  return {
    url: ready.url,
    mcp: ready.mcp,
    tools: Object.fromEntries(Object.entries(ready.tools).map(([name, id]) => [name, BigInt(id)])),
    store: options.store,
    child,
    logs,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

