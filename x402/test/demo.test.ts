// `npm run dev`, `npm run demo:pay` and the README's provider and consumer snippets, run as users run them.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
// @ts-expect-error: plain ESM helper shared with `npm run dev`
import { freePort } from '../../tools/devnet.mjs';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** A port in 20000-31999 that nothing listens on, on any interface. */
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

/** The fenced block after `<!-- README snippet: <name> ... -->` in the README. */
function snippet(name: string): string {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const match = new RegExp(`<!-- README snippet: ${name} [^\\n]*-->\\n\`\`\`ts\\n([\\s\\S]*?)\\n\`\`\``).exec(readme);
  if (!match) throw new Error(`no README snippet "${name}"`);
  return match[1]!;
}

const run = (command: string, args: string[], env: Record<string, string>, cwd = ROOT) =>
  new Promise<string>((resolve, reject) => {
    execFile(command, args, { cwd, env: { ...process.env, ...env }, timeout: 120_000 }, (error, stdout, stderr) =>
      error ? reject(new Error(`${command} ${args.join(' ')} failed: ${stderr}\n${stdout}`)) : resolve(stdout),
    );
  });

describe('npm run dev, npm run demo:pay and the README', () => {
  let dev: ChildProcess;
  let output = '';
  let rpcUrl: string;

  beforeAll(async () => {
    // Three different free ports below the ephemeral range (32768+ on Linux): a port the OS hands out as free can be
    // an outgoing connection's a moment later, and Ponder then moves to another port.
    const ports = new Set<number>();
    while (ports.size < 3) ports.add(await quietPort());
    const [port, indexerPort, toolsPort] = [...ports];
    dev = spawn(process.execPath, [path.join(ROOT, 'tools', 'dev.mjs')], {
      cwd: ROOT,
      env: { ...process.env, PORT: String(port), INDEXER_PORT: String(indexerPort), TOOLS_PORT: String(toolsPort) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`npm run dev was not ready in 240 s:\n${output}`)), 240_000);
      dev.once('exit', (code) => reject(new Error(`npm run dev exited (${code}):\n${output}`)));
      createInterface({ input: dev.stderr! }).on('line', (line) => (output += `${line}\n`));
      createInterface({ input: dev.stdout! }).on('line', (line) => {
        output += `${line}\n`;
        if (line.startsWith('Ready.')) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    rpcUrl = JSON.parse(readFileSync(path.join(ROOT, '.dev', 'dev.json'), 'utf8')).rpcUrl;
  }, 300_000);

  afterAll(async () => {
    if (!dev || dev.exitCode !== null) return;
    const exited = new Promise((resolve) => dev.once('exit', resolve));
    dev.kill('SIGINT');
    await exited;
  });

  test('npm run dev serves the demo tools, and demo:pay pays for 100 calls that the indexer then shows', async () => {
    expect(output).toMatch(/tools {8}http:\/\/127\.0\.0\.1:\d+: text-stats \(tool \d+\), sha256 \(tool \d+\) by agent 2/);
    const paid = await run('npm', ['run', '--silent', 'demo:pay'], {});
    expect(paid).toMatch(/^paid 100 calls in \d+ ms: 1 CNCL owed on channel 0x[0-9a-f]{64}$/m);
    expect(paid).toContain('the provider redeemed 1 CNCL and closed the channel; the rest came back');
    expect(paid).toContain('swept 0.025 CNCL of protocol fees to the treasury');
    expect(paid).toContain('indexer: agent 2 earned 0.975 CNCL net (1 redemption(s)); treasury fees 0.025 CNCL');
    expect(paid).toContain('rated agent 2 95/100, backed by the 1 CNCL paid');
  }, 180_000);

  test('npm run dev shows attested histories, a slash in its veto window and a claimable reward in GraphQL', async () => {
    const { indexerUrl } = JSON.parse(readFileSync(path.join(ROOT, '.dev', 'dev.json'), 'utf8'));
    const query = `{
      agents(orderBy: "id") { items { id tasks successes score multiplier completionRate } }
      slashProposals { items { agentId origin state amount vetoDeadline } }
      rewardEpochs { items { id budget registered totalWeight } }
      rewardShares(where: { epoch: "0" }) { items { agentId weight claimed } }
      protocolStats { items { averageCompletionRate agentsWithTasks } }
    }`;
    const { data } = await fetch(`${indexerUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query }),
    }).then((r) => r.json());
    const agents = data.agents.items.filter((a: { id: string }) => Number(a.id) <= 5);
    expect(agents).toHaveLength(5);
    for (const a of agents) {
      expect(a.tasks).toBe(12);
      expect(BigInt(a.score)).toBeGreaterThan(0n);
      expect(BigInt(a.multiplier)).toBeGreaterThan(10n ** 18n);
    }
    expect(agents.find((a: { id: string }) => a.id === '5').completionRate).toBe(String(10n ** 18n / 3n));
    const [slash] = data.slashProposals.items;
    expect(slash).toMatchObject({ agentId: '5', origin: 'Reviewer', state: 'Proposed', amount: String(500n * 10n ** 18n) });
    const head = await fetch(rpcUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_getBlockByNumber', params: ['latest', false] }),
    }).then((r) => r.json());
    expect(BigInt(slash.vetoDeadline)).toBeGreaterThan(BigInt(head.result.timestamp)); // still in its veto window
    expect(data.rewardEpochs.items).toEqual([
      expect.objectContaining({ id: '0', budget: String(10_000n * 10n ** 18n), registered: 5 }),
    ]);
    expect(data.rewardShares.items).toHaveLength(5);
    expect(data.protocolStats.items[0].agentsWithTasks).toBeGreaterThanOrEqual(5);
    // The claim phase is open: the CEO's owner claims its share on the chain.
    const rpc = rpcUrl;
    const claimed = await run(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `import { createConclaveClient } from '@conclave/sdk';
         import { http } from 'viem';
         import { mnemonicToAccount } from 'viem/accounts';
         const account = mnemonicToAccount('test test test test test test test test test test test junk', { addressIndex: 1 });
         const c = createConclaveClient({ deployment: 31337, transport: http('${rpc}'), account });
         const amount = await c.getClaimable({ epoch: 0n, agentId: 1n });
         const { amount: paid } = await c.claimReward({ epoch: 0n, agentId: 1n });
         console.log(amount > 0n && amount === paid ? 'claimed' : 'mismatch ' + amount + ' ' + paid);`,
      ],
      {},
    );
    expect(claimed.trim()).toBe('claimed');
  });

  test("the README's provider serves a paid tool and its consumer pays for a call", async () => {
    const dir = path.join(ROOT, 'examples', '.readme');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const port = String(await freePort());
    const adapt = (code: string) => code.replaceAll('http://127.0.0.1:8545', rpcUrl).replaceAll('4022', port);
    writeFileSync(path.join(dir, 'provider.mjs'), adapt(snippet('provider')));
    writeFileSync(path.join(dir, 'consumer.mjs'), adapt(snippet('consumer')));
    let logs = '';
    const provider = spawn(process.execPath, ['provider.mjs'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    provider.stderr!.on('data', (chunk) => (logs += chunk));
    try {
      // Ready once the route answers (402: it wants payment).
      for (let i = 0; ; i++) {
        const status = await fetch(`http://127.0.0.1:${port}/shout`, { method: 'POST', body: '{}' }).then(
          (r) => r.status,
          () => 0,
        );
        if (status === 402) break;
        if (provider.exitCode !== null || i > 300) throw new Error(`the README provider did not serve: ${logs}`);
        await new Promise((r) => setTimeout(r, 200));
      }
      const printed = await run(process.execPath, ['consumer.mjs'], {}, dir);
      expect(printed.trim()).toBe("200 { text: 'HELLO' }");
      // The ledger and the provider's voucher store are where the README says.
      expect(readFileSync(path.join(dir, 'ledger.log'), 'utf8')).toContain('spent');
      expect(readFileSync(path.join(dir, 'vouchers.log'), 'utf8')).toContain('cumulativeAmount');
    } finally {
      provider.kill('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
