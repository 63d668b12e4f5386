// End-to-end harness: a real anvil with the protocol deployed by script/Deploy.s.sol, a real `ponder start`
// process (PGlite or a private PostgreSQL cluster), and helpers to wait for it and dump its state.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
// @ts-expect-error: plain ESM helper shared with `npm run dev`
import { ROOT, deploy, freePort, startAnvil } from '../../tools/devnet.mjs';

export const INDEXER_DIR = path.resolve(ROOT, 'indexer');

export type Chain = { url: string; stop: () => Promise<void>; rpc: (m: string, p?: unknown[]) => Promise<any> };

export async function startChain(options: { accounts?: number } = {}) {
  const anvil: Chain = await startAnvil({ args: ['--accounts', String(options.accounts ?? 30)] });
  const root = path.join(ROOT, 'deployments', 'tmp');
  await mkdir(root, { recursive: true });
  const dir = await mkdtemp(path.join(root, 'indexer-'));
  const deployment = await deploy({ rpcUrl: anvil.url, demo: true, deploymentsDir: dir });
  return {
    anvil,
    deployment,
    deploymentFile: path.join(dir, `${deployment.chainId}.json`),
    stop: async () => {
      await anvil.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

// ------------------------------------------------------------------ PostgreSQL

const PG_BIN = '/usr/lib/postgresql/15/bin';

/** Installs PostgreSQL 15 from Debian's packages when it is missing (CI machines start without it). */
export function ensurePostgres() {
  if (existsSync(path.join(PG_BIN, 'initdb'))) return;
  if (process.getuid?.() !== 0) throw new Error('PostgreSQL 15 is missing and installing it needs root (apt-get).');
  execFileSync('apt-get', ['update'], { stdio: 'inherit' });
  execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'postgresql-15'], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
}

/** A private PostgreSQL cluster on a free loopback port, owned by the postgres user. */
export async function startPostgres() {
  ensurePostgres();
  const dir = await mkdtemp(path.join(tmpdir(), 'conclave-pg-'));
  const data = path.join(dir, 'data');
  const port = await freePort();
  const asPostgres = process.getuid?.() === 0;
  const run = (bin: string, args: string[]) =>
    asPostgres
      ? execFileSync('runuser', ['-u', 'postgres', '--', path.join(PG_BIN, bin), ...args], { stdio: 'pipe' })
      : execFileSync(path.join(PG_BIN, bin), args, { stdio: 'pipe' });
  if (asPostgres) execFileSync('chown', ['postgres:postgres', dir]);
  run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync']);
  run('pg_ctl', ['-D', data, '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`, '-l', path.join(dir, 'log'), '-w', 'start']);
  run('createdb', ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', 'conclave']);
  let databases = 0;
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/conclave`,
    /**
     * A new empty database. Ponder keeps its sync store per database and chain id, so every fresh anvil (always chain
     * 31337, same block numbers, other blocks) needs its own database, or cached blocks of the old chain are served.
     */
    newDatabase: () => {
      const name = `conclave_${++databases}`;
      run('createdb', ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', name]);
      return `postgresql://postgres@127.0.0.1:${port}/${name}`;
    },
    stop: async () => {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
}

// ------------------------------------------------------------------ the indexer

export type Indexer = {
  url: string;
  storage: Storage;
  process: ChildProcess;
  log: () => string;
  stop: (signal?: NodeJS.Signals) => Promise<void>;
};

export type Storage = { kind: 'pglite'; dir: string } | { kind: 'postgres'; url: string };

/** `root`: another Ponder project directory (the benchmark's empty-handler baseline); default the indexer. */
export type IndexerOptions = { rpcUrl: string; deploymentFile: string; storage: Storage; schema: string; root?: string };

/** `ponder start`: indexes the chain into `schema` and serves it. */
export const startIndexer = (options: IndexerOptions) => startPonder('start', options);

/** `ponder serve`: a read-only server of a schema another process indexes into (PostgreSQL only). */
export const startServer = (options: IndexerOptions & { storage: { kind: 'postgres'; url: string } }) =>
  startPonder('serve', options);

async function startPonder(command: 'start' | 'serve', options: IndexerOptions) {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PONDER_TELEMETRY_DISABLED: 'true',
    RPC_URL: options.rpcUrl,
    DEPLOYMENT_FILE: options.deploymentFile,
    POLLING_INTERVAL_MS: '200',
    // As `npm start -w indexer` runs it (indexer/package.json): a larger young generation, which halves the time a
    // busy GraphQL server spends collecting garbage.
    NODE_OPTIONS: `--max-semi-space-size=64 ${process.env.NODE_OPTIONS ?? ''}`.trim(),
  };
  if (options.storage.kind === 'postgres') env.DATABASE_URL = options.storage.url;
  else {
    delete env.DATABASE_URL;
    env.PGLITE_DIR = options.storage.dir;
  }
  const child = spawn(
    path.join(ROOT, 'node_modules', '.bin', 'ponder'),
    ['--root', options.root ?? INDEXER_DIR, '--log-format', 'json', command, '--schema', options.schema, '--port', String(port)],
    { cwd: INDEXER_DIR, env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const indexer: Indexer = {
    url: `http://127.0.0.1:${port}`,
    storage: options.storage,
    process: child,
    log: () => output,
    stop: (signal = 'SIGTERM') =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill(signal);
      }),
  };
  return indexer;
}

export async function status(indexer: Indexer): Promise<number | null> {
  try {
    const res = await fetch(`${indexer.url}/status`);
    if (!res.ok) return null;
    const body = (await res.json()) as Record<string, { block?: { number: number } }>;
    return Object.values(body)[0]?.block?.number ?? null;
  } catch {
    return null;
  }
}

/** Waits until the indexer is ready and has indexed the chain's head. */
export async function waitForHead(indexer: Indexer, chain: Chain, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (indexer.process.exitCode !== null) throw new Error(`indexer exited:\n${indexer.log().slice(-3000)}`);
    const head = Number(await chain.rpc('eth_blockNumber'));
    const ready = await fetch(`${indexer.url}/ready`).then((r) => r.ok).catch(() => false);
    const block = await status(indexer);
    if (ready && block !== null && block >= head) return block;
    if (Date.now() > deadline) throw new Error(`indexer at ${block}, head ${head}:\n${indexer.log().slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export async function graphql<T = any>(indexer: Indexer, query: string, variables: Record<string, unknown> = {}) {
  const res = await fetch(`${indexer.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: T; errors?: unknown };
  if (body.errors) throw new Error(`GraphQL errors: ${JSON.stringify(body.errors)}`);
  return body.data as T;
}

/** Every row of every table, through GraphQL (discovered by introspection), sorted: two equal dumps are two equal
 * indexer states. */
export async function dumpAll(indexer: Indexer) {
  const schema = await graphql<any>(
    indexer,
    `{ __schema { queryType { fields { name type { name kind ofType { name } } } } types { name fields { name type { kind name ofType { kind name } } } } } }`,
  );
  const types = new Map<string, any>(schema.__schema.types.map((t: any) => [t.name, t]));
  const dump: Record<string, unknown[]> = {};
  for (const field of schema.__schema.queryType.fields) {
    const pageType = types.get(field.type.name ?? field.type.ofType?.name);
    if (!pageType?.name?.endsWith('Page')) continue;
    const itemType = types.get(pageType.name.replace(/Page$/, ''));
    const columns = itemType.fields
      .filter((f: any) => ['SCALAR', 'ENUM'].includes(f.type.kind === 'NON_NULL' ? f.type.ofType.kind : f.type.kind))
      .map((f: any) => f.name);
    const rows: unknown[] = [];
    let after: string | null = null;
    do {
      const data: any = await graphql(
        indexer,
        `query($after: String) { ${field.name}(limit: 1000, after: $after) { items { ${columns.join(' ')} } pageInfo { hasNextPage endCursor } } }`,
        { after },
      );
      rows.push(...data[field.name].items);
      after = data[field.name].pageInfo.hasNextPage ? data[field.name].pageInfo.endCursor : null;
    } while (after);
    dump[field.name] = rows.sort((a: any, b: any) => String(a.id).localeCompare(String(b.id)));
  }
  return dump;
}

export async function readDeployment(file: string) {
  return JSON.parse(await readFile(file, 'utf8'));
}

// ------------------------------------------------------------------ history

/**
 * Generates a large history with test/utils/mocks/HistorySeeder.sol: `batches` transactions of `perBatch` agents,
 * about 6.5 events per agent. Returns the number of protocol events it produced.
 */
export async function seedHistory(chain: Chain, deployment: any, batches: number, perBatch: number) {
  const artifact = JSON.parse(await readFile(path.join(ROOT, 'out', 'HistorySeeder.sol', 'HistorySeeder.json'), 'utf8'));
  const { http, createWalletClient, publicActions, parseEther } = await import('viem');
  const { mnemonicToAccount } = await import('viem/accounts');
  const { anvil } = await import('viem/chains');
  const { conclaveTokenAbi } = await import('@conclave/sdk/abis');
  const account = mnemonicToAccount('test test test test test test test test test test test junk', { addressIndex: 0 });
  const client = createWalletClient({ account, chain: anvil, transport: http(chain.url), pollingInterval: 100 }).extend(
    publicActions,
  );
  const c = deployment.contracts;
  const deployHash = await client.deployContract({
    abi: artifact.abi,
    bytecode: artifact.bytecode.object,
    args: [c.AgentRegistry, c.StakingVault, c.ConclaveToken],
  });
  const seeder = (await client.waitForTransactionReceipt({ hash: deployHash })).contractAddress!;
  const stakeEach = parseEther('1000');
  const fundHash = await client.writeContract({
    address: c.ConclaveToken,
    abi: conclaveTokenAbi,
    functionName: 'transfer',
    args: [seeder, stakeEach * BigInt(batches * perBatch)],
  });
  await client.waitForTransactionReceipt({ hash: fundHash });
  let events = 0;
  for (let i = 0; i < batches; i++) {
    const hash = await client.writeContract({
      address: seeder,
      abi: artifact.abi,
      functionName: 'seed',
      args: [BigInt(perBatch), stakeEach],
      gas: 29_000_000n,
    });
    const receipt = await client.waitForTransactionReceipt({ hash });
    if (receipt.status !== 'success') throw new Error(`seed batch ${i} reverted`);
    events += receipt.logs.length;
  }
  return events;
}
