// The README, run as printed: `npm run dev` (on free ports, its devnet file in a temporary directory through
// CONCLAVE_DEVNET, which readDevnet() and the CLI read), then every code block of the README against it, each one
// exactly as it is printed, and every script in examples/scripts/. A block that is not run here says where it is.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { DevnetInfo } from '@conclave/sdk/devnet';

const ROOT = path.resolve(import.meta.dirname, '../..');
const README = readFileSync(path.join(ROOT, 'README.md'), 'utf8');

type Block = { lang: string; code: string; line: number; kind?: 'snippet' | 'output'; name?: string; where?: string };

/** The README's fenced code blocks, each with the `<!-- README snippet|output: name (where) -->` line above it. */
function blocks(): Block[] {
  const lines = README.split('\n');
  const found: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\S*)\s*$/.exec(lines[i]!);
    if (!open) continue;
    const start = i;
    let end = i + 1;
    while (end < lines.length && lines[end] !== '```') end++;
    const marker = /^<!-- README (snippet|output): (\S+) \((.*)\) -->$/.exec(lines[start - 1] ?? '');
    found.push({
      lang: open[1]!,
      code: lines.slice(start + 1, end).join('\n'),
      line: start + 1,
      ...(marker ? { kind: marker[1] as 'snippet' | 'output', name: marker[2]!, where: marker[3]! } : {}),
    });
    i = end;
  }
  return found;
}

const snippet = (name: string) => {
  const block = blocks().find((b) => b.kind === 'snippet' && b.name === name);
  if (!block) throw new Error(`no README snippet "${name}"`);
  return block.code;
};

/** A port in 20000-31999 that nothing listens on, on any interface (below the ephemeral range). */
async function quietPort(): Promise<number> {
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    const free = await new Promise<boolean>((resolve) => {
      const server = createServer();
      server.once('error', () => resolve(false));
      server.listen(port, '0.0.0.0', () => server.close(() => resolve(true)));
    });
    if (free) return port;
  }
}

const DEVNET_DIR = mkdtempSync(path.join(tmpdir(), 'conclave-readme-'));
const DEVNET_FILE = path.join(DEVNET_DIR, 'dev.json');
const env = { ...process.env, CONCLAVE_DEVNET: DEVNET_FILE };

function run(command: string, args: string[], cwd = ROOT, timeout = 180_000) {
  return new Promise<string>((resolve, reject) => {
    execFile(command, args, { cwd, env, timeout, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) =>
      error ? reject(new Error(`${command} ${args.join(' ')} failed: ${stderr}\n${stdout}`)) : resolve(stdout),
    );
  });
}

/** Runs a shell block as one script from the repository's root, as a user pastes it: it stops at the first failure. */
const runShell = (code: string) => run('bash', ['-e', '-c', code], ROOT, 600_000);

/** Where the TypeScript blocks are written and run: inside the repository, as a script in it would be. */
const SNIPPETS = path.join(ROOT, 'examples', '.readme');

/** Writes a TypeScript block to a file and runs it with tsx, as printed. */
async function runTs(name: string, code = snippet(name)): Promise<string> {
  writeFileSync(path.join(SNIPPETS, `${name}.ts`), `${code}\n`);
  return run(path.join(ROOT, 'node_modules', '.bin', 'tsx'), [`${name}.ts`], SNIPPETS);
}

/** The blocks run by this file, by name. */
const RUN_HERE = ['quick-start', 'dev', 'devnet', 'sdk', 'errors', 'demo-pay', 'provider', 'consumer', 'graphql', 'indexer-client', 'sql', 'cli'];

describe('the README', () => {
  test('every code block is run here or says where it is run', () => {
    const all = blocks();
    expect(all.length).toBeGreaterThan(10);
    for (const block of all) {
      const where = `README.md:${block.line}`;
      // Plain text (a directory listing) is not code; every other block is a marked snippet or output.
      if (!block.kind) {
        expect(block.lang, `${where}: a code block without a README snippet marker`).toBe('text');
        continue;
      }
      if (block.where!.includes('examples/test/readme.test.ts')) {
        expect(RUN_HERE, `${where}: ${block.name} claims to be run here`).toContain(block.name);
      } else if (block.where!.startsWith('a production configuration, not run as printed')) {
        const test = /(\S+\.test\.ts) runs/.exec(block.where!)![1]!;
        expect(existsSync(path.join(ROOT, test)), `${where}: ${test}`).toBe(true);
      } else {
        // Run by another test: it names the snippet.
        const file = /run by (\S+)\)?$/.exec(block.where!)?.[1];
        expect(file, `${where}: says where it is run`).toBeTruthy();
        expect(readFileSync(path.join(ROOT, file!), 'utf8'), `${where}: ${file} names it`).toContain(`README snippet: ${block.name}`);
      }
    }
    const names = all.filter((b) => b.kind).map((b) => b.name);
    for (const name of RUN_HERE) expect(names, `${name} is in the README`).toContain(name);
  });

  test('every link points inside the repository, to a file that exists', () => {
    const links = [...README.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!).filter((l) => !/^https?:/.test(l));
    expect(links.length).toBeGreaterThan(3);
    for (const link of links) {
      const target = path.resolve(ROOT, link.split('#')[0]!);
      expect(target.startsWith(`${ROOT}${path.sep}`), `${link} is outside the repository`).toBe(true);
      expect(existsSync(target), `${link} exists`).toBe(true);
    }
    // Paths named in backticks that leave the repository (the specification once was ../shared/SPEC.md).
    expect(README).not.toMatch(/`\.\.\/[^`]*`/);
  });

  test('npm run build and npm run generate compile what the deployment needs, not the tests', () => {
    const { scripts } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    for (const name of ['build', 'generate', 'check:generated']) {
      const forge = /forge build([^&]*)/.exec(scripts[name]!)?.[1]?.trim();
      expect(forge, `${name}: forge build with the paths it needs`).toBe('contracts script');
    }
    expect(scripts.dev).toBe('node tools/dev.mjs');
  });

  test('the quick start is what CI runs', () => {
    const ci = readFileSync(path.join(ROOT, '.ci', 'run'), 'utf8');
    const commands = snippet('quick-start')
      .split('\n')
      .map((l) => l.replace(/#.*/, '').trim());
    expect(commands).toEqual(['npm ci', 'npm run dev', 'npm test']);
    expect(ci).toMatch(/^npm ci\b/m);
    expect(ci).toMatch(/^npm test$/m);
  });
});

describe('the README against npm run dev', () => {
  let dev: ChildProcess;
  let output = '';
  let devnet: DevnetInfo;
  let startedIn = 0;

  beforeAll(async () => {
    const ports = new Set<number>();
    while (ports.size < 3) ports.add(await quietPort());
    const [port, indexerPort, toolsPort] = [...ports];
    const started = Date.now();
    // `npm run dev`, as the quick start says (its ports moved so that it runs beside a developer's own devnet).
    dev = spawn('npm', ['run', 'dev'], {
      cwd: ROOT,
      env: { ...env, PORT: String(port), INDEXER_PORT: String(indexerPort), TOOLS_PORT: String(toolsPort) },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`npm run dev was not ready in 300 s:\n${output}`)), 300_000);
      dev.once('exit', (code) => reject(new Error(`npm run dev exited (${code}):\n${output}`)));
      createInterface({ input: dev.stderr! }).on('line', (line) => (output += `${line}\n`));
      createInterface({ input: dev.stdout! }).on('line', (line) => {
        output += `${line}\n`;
        if (/\] Ready\. Press Ctrl-C to stop\.$/.test(line)) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    startedIn = (Date.now() - started) / 1000;
    devnet = JSON.parse(readFileSync(DEVNET_FILE, 'utf8'));
    rmSync(SNIPPETS, { recursive: true, force: true });
    mkdirSync(SNIPPETS, { recursive: true });
    writeFileSync(path.join(SNIPPETS, 'package.json'), '{ "type": "module", "private": true }\n');
  }, 330_000);

  afterAll(async () => {
    rmSync(SNIPPETS, { recursive: true, force: true });
    if (dev && dev.exitCode === null) {
      const exited = new Promise((resolve) => dev.once('exit', resolve));
      process.kill(-dev.pid!, 'SIGINT'); // npm and dev.mjs: dev stops everything it started
      await exited;
    }
    // Stopping removes the devnet file, so nothing reads a devnet that is gone.
    expect(existsSync(DEVNET_FILE)).toBe(false);
    rmSync(DEVNET_DIR, { recursive: true, force: true });
  }, 60_000);

  test('npm run dev prints progress from its first second, and what it started, as the README shows', () => {
    const first = output.split('\n').find((line) => /^\[\s*\d+ s\]/.test(line));
    expect(first).toMatch(/^\[\s+0 s\] Starting Conclave on a local chain$/);
    console.log(`npm run dev was ready in ${startedIn.toFixed(0)} s`);
    // Each line of the README's sample output starts as a line of the real output does.
    const sample = blocks().find((b) => b.kind === 'output' && b.name === 'dev')!.code.split('\n');
    for (const line of sample.filter((l) => l.trim() !== '...')) {
      const head = line.slice(0, 13).trimEnd();
      expect(output.split('\n').some((l) => l.startsWith(head)), `a line starting "${head}"`).toBe(true);
    }
    expect(devnet).toMatchObject({ chainId: 31337, graphqlUrl: `${devnet.indexerUrl}/graphql`, sqlUrl: `${devnet.indexerUrl}/sql` });
    expect(devnet.accounts).toHaveLength(10);
    expect(output).toContain(`proposal ${devnet.demo.proposalId} in its voting period`);
    expect(output).toContain(devnet.accounts[4]!.privateKey);
  });

  test('devnet: fund an account and move the clock', async () => {
    const rpc = async (method: string, params: unknown[] = []) =>
      (await fetch(devnet.rpcUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
      }).then((r) => r.json())).result;
    const before = BigInt((await rpc('eth_getBlockByNumber', ['latest', false])).timestamp);
    await runShell(snippet('devnet'));
    const dead = '0x000000000000000000000000000000000000dEaD';
    expect(BigInt(await rpc('eth_getBalance', [dead, 'latest']))).toBeGreaterThanOrEqual(10n ** 18n);
    const balance = await rpc('eth_call', [
      { to: devnet.deployment.contracts.ConclaveToken, data: `0x70a08231${dead.slice(2).toLowerCase().padStart(64, '0')}` },
      'latest',
    ]);
    expect(BigInt(balance)).toBeGreaterThanOrEqual(20_000n * 10n ** 18n);
    const after = BigInt((await rpc('eth_getBlockByNumber', ['latest', false])).timestamp);
    expect(after - before).toBeGreaterThanOrEqual(3600n);
  });

  test('sdk: register and stake an agent, and a typed custom error', async () => {
    const printed = await runTs('sdk');
    expect(printed.trim()).toMatch(/^agent \d+ has 6000000000000000000000 staked, not 9999000000000000000000$/);
  });

  test('errors: an account-less client reads, and its writes fail before sending', async () => {
    const printed = await runTs('errors');
    expect(printed.trim().split('\n')).toEqual([
      'CEO',
      'Invalid account: requestUnstake sends a transaction or signs: create the client with an `account`',
    ]);
  });

  test('the TypeScript snippets type-check (the errors snippet expects its type error)', async () => {
    for (const name of ['sdk', 'errors', 'provider', 'consumer', 'indexer-client', 'sql']) {
      writeFileSync(path.join(SNIPPETS, `${name}.ts`), `${snippet(name)}\n`);
    }
    writeFileSync(
      path.join(SNIPPETS, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, skipLibCheck: true, noEmit: true, types: ['node'] },
        include: ['*.ts'],
      }),
    );
    await run(path.join(ROOT, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.json'], SNIPPETS);
  });

  test('graphql: the query answers as printed', async () => {
    const { data, errors } = await fetch(devnet.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: snippet('graphql') }),
    }).then((r) => r.json());
    expect(errors).toBeUndefined();
    expect(data.agents.items.length).toBeGreaterThanOrEqual(5);
    expect(data.agents.items.every((a: { role: string }) => ['CEO', 'CTO', 'CFO', 'CLO', 'CMO'].includes(a.role))).toBe(true);
    expect(data.proposals.items.map((p: { id: string }) => p.id)).toContain(devnet.demo.proposalId);
    expect(data.auditEvents.items.length).toBeGreaterThan(0);
  });

  test('indexer-client: typed queries with checksummed addresses', async () => {
    const printed = (await runTs('indexer-client')).trim().split('\n');
    expect(printed[0]).toContain(`CLO ${devnet.accounts[4]!.address}`);
    expect(printed[1]).toMatch(/^\d+ tools$/);
  });

  test('sql: @ponder/client over /sql with the indexer schema', async () => {
    const printed = (await runTs('sql')).trim();
    expect(printed).toMatch(/^\d+ \{ id: \d+n, role: '(CEO|CTO|CFO|CLO|CMO)', stake: \d+n \}$/);
    expect(Number(printed.split(' ')[0])).toBeGreaterThanOrEqual(5);
  });

  test('demo-pay: 100 paid calls that the indexer then shows, and the demo accountability data', async () => {
    const paid = await runShell(snippet('demo-pay'));
    expect(paid).toContain('indexer: agent 2 earned 0.975 CNCL net (1 redemption(s)); treasury fees 0.025 CNCL');
    const query = `{
      agents(where: { id_in: ["1", "2", "3", "4", "5"] }) { items { id tasks score multiplier completionRate } }
      slashProposals { items { agentId origin state amount vetoDeadline } }
      rewardEpochs { items { id budget registered } }
      rewardShares { items { agentId } }
    }`;
    const { data } = await fetch(devnet.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query }),
    }).then((r) => r.json());
    expect(data.agents.items).toHaveLength(5);
    for (const a of data.agents.items) {
      expect(a.tasks).toBe(12);
      expect(BigInt(a.score)).toBeGreaterThan(0n);
      expect(BigInt(a.multiplier)).toBeGreaterThan(10n ** 18n);
    }
    expect(data.agents.items.find((a: { id: string }) => a.id === '5').completionRate).toBe(String(10n ** 18n / 3n));
    expect(data.slashProposals.items[0]).toMatchObject({ agentId: '5', origin: 'Reviewer', state: 'Proposed', amount: String(500n * 10n ** 18n) });
    expect(data.rewardEpochs.items).toEqual([expect.objectContaining({ id: '0', budget: String(10_000n * 10n ** 18n), registered: 5 })]);
    expect(data.rewardShares.items).toHaveLength(5);
  });

  test('provider and consumer: a paid tool served and a call paid for', async () => {
    writeFileSync(path.join(SNIPPETS, 'provider.ts'), `${snippet('provider')}\n`);
    let logs = '';
    const provider = spawn(path.join(ROOT, 'node_modules', '.bin', 'tsx'), ['provider.ts'], { cwd: SNIPPETS, env, stdio: ['ignore', 'pipe', 'pipe'] });
    provider.stderr!.on('data', (chunk) => (logs += chunk));
    try {
      // Ready once the route answers (402: it wants payment). The snippet listens on 4022, as printed.
      for (let i = 0; ; i++) {
        const status = await fetch('http://127.0.0.1:4022/shout', { method: 'POST', body: '{}' }).then((r) => r.status, () => 0);
        if (status === 402) break;
        if (provider.exitCode !== null || i > 300) throw new Error(`the README provider did not serve: ${logs}`);
        await new Promise((r) => setTimeout(r, 200));
      }
      expect((await runTs('consumer')).trim()).toBe("200 { text: 'HELLO' }");
      expect(readFileSync(path.join(SNIPPETS, 'ledger.log'), 'utf8')).toContain('spent');
      expect(readFileSync(path.join(SNIPPETS, 'vouchers.log'), 'utf8')).toContain('cumulativeAmount');
    } finally {
      provider.kill('SIGTERM');
    }
  });

  test('the scripts in examples/scripts run against the devnet', async () => {
    const scripts = readdirSync(path.join(ROOT, 'examples', 'scripts')).filter((f) => f.endsWith('.mjs'));
    expect(scripts.sort()).toEqual(['register-agent.mjs', 'top-agents.mjs', 'vote.mjs']);
    const registered = await run(process.execPath, [path.join('examples', 'scripts', 'register-agent.mjs')]);
    expect(registered).toMatch(/^agent \d+: Specialized, tier Specialized, 5000 CNCL staked, active true$/m);
    const voted = await run(process.execPath, [path.join('examples', 'scripts', 'vote.mjs')]);
    expect(voted).toMatch(/^on chain: Active, for \d+ CNCL, against 0$/m);
    expect(voted).toContain(`indexed: ${devnet.accounts[3]!.address} voted For with 10000 CNCL`);
    // Run again: the second vote is refused with the Governor's decoded error.
    expect(await run(process.execPath, [path.join('examples', 'scripts', 'vote.mjs')])).toMatch(/^already voted: GovernorAlreadyCastVote\(voter: 0x/m);
    const top = await run(process.execPath, [path.join('examples', 'scripts', 'top-agents.mjs')]);
    expect(top).toMatch(/active C-suite and specialized agents; the largest stakes:/);
    expect(top).toContain(`owner ${devnet.accounts[1]!.address}`);
  });

  // Last: the walk-through moves the clock by nine days (cli/test/cli.test.ts checks each step on a fresh chain).
  test('cli: from a new agent to an executed proposal, through npx conclave', async () => {
    const printed = await runShell(snippet('cli'));
    expect(printed).toMatch(/Executed/);
    const last = printed.trim().split('\n').slice(-40).join('\n');
    expect(JSON.parse(last.slice(last.lastIndexOf('\n{') + 1))).toMatchObject({ agentId: '6', role: 'Specialized' });
  }, 600_000);
});
