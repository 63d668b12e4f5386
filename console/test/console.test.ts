// The console in a real browser: `npm run dev` on free ports (its devnet file in a temporary directory through
// CONCLAVE_DEVNET), the console built and served by `vite preview` (which serves that devnet as /devnet.json), and
// Debian's Chromium (/usr/bin/chromium) driven by playwright-core. Every page is opened and checked against the
// devnet's demo; a vote is cast through the UI with a demo account of the dev wallet and the indexer's tally shows up
// without a reload; a block mined outside the browser updates the screen. The main pages are saved to
// docs/screenshots/ for the README.
import { stripVTControlCharacters } from 'node:util';
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { createInterface } from 'node:readline';
import { createConclaveClient, createIndexerClient, conclaveTokenAbi } from '@conclave/sdk';
import type { DevnetInfo } from '@conclave/sdk/devnet';
import { type Browser, type Page, chromium } from 'playwright-core';
import { http, parseEther } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const CONSOLE = path.resolve(import.meta.dirname, '..');
const SCREENSHOTS = path.join(ROOT, 'docs', 'screenshots');
const CHROMIUM = '/usr/bin/chromium';
const TMP = mkdtempSync(path.join(tmpdir(), 'conclave-console-'));
const DEVNET_FILE = path.join(TMP, 'dev.json');
const env = { ...process.env, CONCLAVE_DEVNET: DEVNET_FILE };
/** The console's Vite (8, not the indexer's), wherever npm put it. */
const VITE = path.join(path.dirname(createRequire(path.join(CONSOLE, 'package.json')).resolve('vite/package.json')), 'bin', 'vite.js');
const pageErrors: string[] = [];

/** A port in 20000-31999 that nothing listens on (below the ephemeral range, so a child's free port never takes it). */
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

/** Starts a process in its own group, resolving once a line of its output matches `ready`. */
function start(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv; ready: RegExp; timeout: number; name: string }) {
  const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${options.name} was not ready in ${options.timeout / 1000} s:\n${output}`)), options.timeout);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${options.name} exited (${code}):\n${output}`));
    });
    for (const stream of [child.stdout!, child.stderr!]) {
      createInterface({ input: stream }).on('line', (colored) => {
        // Vite colours its output when CI is set (picocolors), splitting the URL with escape codes: match it plain.
        const line = stripVTControlCharacters(colored);
        output += `${line}\n`;
        if (options.ready.test(line)) {
          clearTimeout(timer);
          resolve();
        }
      });
    }
  });
  return { child, ready };
}

/** Stops a process group started by {@link start} with `signal` and waits for its leader to exit. */
async function stop(child: ChildProcess | undefined, signal: NodeJS.Signals) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  process.kill(-child.pid!, signal);
  await exited;
}

/** Builds the console into `outDir` (vite build, as `npm run build` does after type-checking). */
function build(outDir: string) {
  return new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [VITE, 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'], {
      cwd: CONSOLE,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.on('data', (chunk) => (output += chunk));
    child.stderr!.on('data', (chunk) => (output += chunk));
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`vite build failed:\n${output}`))));
  });
}

let devnet: DevnetInfo;
let dev: ReturnType<typeof start> | undefined;
let preview: ReturnType<typeof start> | undefined;
let browser: Browser;
let page: Page;
let base: string;
const timings: string[] = [];

/** Waits until the page shows `text` (inside `scope`, a test id, when given). */
async function see(text: string | RegExp, scope?: string, timeout = 20_000) {
  const root = scope ? page.getByTestId(scope) : page;
  await root.getByText(text).filter({ visible: true }).first().waitFor({ timeout });
}

/** The rows of a table (by test id) as text, once it has at least `min` rows. */
async function rows(testId: string, min = 1): Promise<string[]> {
  const body = page.getByTestId(testId).locator('tbody tr');
  await body.nth(min - 1).waitFor({ timeout: 20_000 });
  return body.allInnerTexts();
}

/** A stat's value once it has one. */
async function stat(testId: string): Promise<string> {
  const value = page.getByTestId(testId).locator('.stat-value');
  await page.waitForFunction((id) => !document.querySelector(`[data-testid="${id}"] .stat-value`)?.textContent?.includes('…'), testId);
  return value.innerText();
}

async function open(route: string) {
  await page.goto(`${base}${route}`);
  // The network panel shows the indexer's block once the first answers are in.
  await page.getByTestId('indexed-block').waitFor({ timeout: 20_000 });
}

/**
 * Takes the page's screenshot; `UPDATE_SCREENSHOTS=1 npm test -w console` writes it to docs/screenshots/ for the
 * README (otherwise the committed ones stay as they are: a test run leaves the tree clean).
 */
async function screenshot(name: string) {
  // Let the last queries settle so that no "…" is captured.
  await page.waitForLoadState('networkidle');
  const png = await page.screenshot(process.env.UPDATE_SCREENSHOTS ? { path: path.join(SCREENSHOTS, `${name}.png`) } : {});
  expect(png.length, `${name}.png`).toBeGreaterThan(10_000);
}

/** Connects the dev wallet's demo account `index` through the wallet menu. */
async function connect(index: number) {
  await page.getByTestId('wallet-button').click();
  await page.getByRole('menuitem', { name: new RegExp(`^Account ${index}\\b`) }).click();
  await see(new RegExp(`Account ${index} ·`), 'wallet-address');
}

describe('the console in Chromium against npm run dev', () => {
  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}: install Debian's package (apt-get install chromium), as .ci/run does.`);
    const started = Date.now();
    const ports = new Set<number>();
    while (ports.size < 4) ports.add(await quietPort());
    const [port, indexerPort, toolsPort, previewPort] = [...ports];
    dev = start(process.execPath, [path.join(ROOT, 'tools', 'dev.mjs')], {
      cwd: ROOT,
      env: { ...env, PORT: String(port), INDEXER_PORT: String(indexerPort), TOOLS_PORT: String(toolsPort) },
      ready: /\] Ready\. Press Ctrl-C to stop\.$/,
      timeout: 300_000,
      name: 'npm run dev',
    });
    const outDir = path.join(TMP, 'dist');
    await Promise.all([dev.ready, build(outDir)]);
    timings.push(`devnet and build ready in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    devnet = JSON.parse(readFileSync(DEVNET_FILE, 'utf8'));
    preview = start(process.execPath, [VITE, 'preview', '--outDir', outDir, '--port', String(previewPort), '--strictPort'], {
      cwd: CONSOLE,
      env,
      ready: /Local:\s+http/,
      timeout: 30_000,
      name: 'vite preview',
    });
    await preview.ready;
    base = `http://127.0.0.1:${previewPort}`;
    browser = await chromium.launch({ executablePath: CHROMIUM });
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`));
    mkdirSync(SCREENSHOTS, { recursive: true });
  }, 330_000);

  afterAll(async () => {
    await browser?.close();
    await stop(preview?.child, 'SIGTERM');
    await stop(dev?.child, 'SIGINT'); // dev.mjs stops everything it started and removes its devnet file
    rmSync(TMP, { recursive: true, force: true });
    if (timings.length) console.log(timings.join('\n'));
  }, 60_000);

  test('the console serves the devnet it was started beside', async () => {
    const served = await fetch(`${base}/devnet.json`).then((r) => r.json());
    expect(served).toMatchObject({ chainId: 31337, rpcUrl: devnet.rpcUrl, indexerUrl: devnet.indexerUrl, deployment: devnet.deployment });
    expect(served.accounts).toHaveLength(10);
  });

  test('overview: agents by tier, total stake, treasury and its floor, the targets, recent audit events', async () => {
    await open('/');
    expect(await stat('stat-agents')).toBe('5');
    expect(await stat('stat-stake')).toBe('50,000 CNCL');
    await see(/reserve floor [\d,]+ CNCL \(20 %\)/, 'stat-treasury');
    expect(await rows('tiers', 3)).toEqual(['Utility\t0\t0\t0 %', 'Specialized\t0\t0\t0 %', 'C-suite\t5\t5\t100 %']);
    await see('of stake voted · target 70 %');
    await see('average over agents with attested tasks · target 85 %');
    expect((await rows('audit-events', 12)).length).toBe(12);
    await see('Demo: lower the largest slash to 40 %');
  });

  test('agents: the five demo agents, search, sort, and an agent page with its stake, reputation and slash', async () => {
    await open('/agents');
    const all = await rows('agents', 5);
    expect(all.map((r) => r.split('\t')[0])).toEqual(expect.arrayContaining(['Agent 1 · CEO', 'Agent 2 · CTO', 'Agent 3 · CFO', 'Agent 4 · CLO', 'Agent 5 · CMO']));
    for (const row of all) expect(row).toMatch(/C-suite\t10,000 CNCL\tActive/);
    await screenshot('agents');
    // Sorted by completion rate, lowest first: the CMO (4 of 12 tasks) leads.
    await page.getByLabel('Sort agents').selectOption('completionRate');
    await page.getByLabel('Sort direction').selectOption('asc');
    await page.waitForURL(/sort=completionRate&dir=asc/);
    await page.getByTestId('agents').locator('tbody tr').first().getByText('Agent 5 · CMO').waitFor();
    await page.getByTestId('agent-search').fill('clo');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="agents"] tbody tr').length === 1);
    expect((await rows('agents'))[0]).toMatch(/^Agent 4 · CLO/);

    await open('/agents/5');
    await see('10,000 CNCL', 'agent-stake');
    await see('4 of 12 attested tasks · 0 ratings');
    // Newest first: the demo slash holds back 500 CNCL of the stake it staked.
    const history = await rows('stake-history', 2);
    expect(history[0]).toMatch(/^Stake held\t500 CNCL\t–\t–\theld back for a proposed slash \(500 CNCL held\)/);
    expect(history[1]).toMatch(/^Staked\t\+10,000 CNCL\t10,000 CNCL/);
    await see(/In veto window/);
    await see('Score, 12 updates');
    await screenshot('agent');
  });

  test('proposals: the demo proposal with its state in words and the time left, its quorum and Timelock', async () => {
    await open('/proposals');
    const [row] = await rows('proposals');
    expect(row).toContain('Demo: lower the largest slash to 40 %');
    expect(row).toContain('Economic parameter');
    // Seven days from the snapshot: read in the same chain second as the vote opened, exactly "7 d" (the devnet's
    // clock moves only with blocks), a little later "6 d 23 h" (seen in CI).
    expect(row).toMatch(/Active voting closes in (7 d|6 d \d+ h)\b/);
    await screenshot('proposals');

    await open(`/proposals/${devnet.demo.proposalId}`);
    await see('2,000 CNCL', 'tally-quorum');
    await see('setMaxSlashBps(4000)');
    await see('not queued');
    await see('none (not required for this category)', 'review');
    await see('Connect a wallet (top right) to vote, queue, execute or review.');
  });

  test('a vote cast through the UI with a demo account shows in the indexer tally, without a reload', async () => {
    const started = Date.now();
    await open(`/proposals/${devnet.demo.proposalId}`);
    await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
    await connect(3); // the CFO's owner: 10,000 CNCL of votes
    await see('Your voting power at the snapshot: 10,000 CNCL', 'vote-form');
    await page.getByRole('radio', { name: 'For' }).click();
    await page.getByPlaceholder('Reason (optional, recorded with the vote)').fill('Cheaper mistakes');
    await page.getByTestId('cast-vote').click();
    await see('10,000 CNCL', 'tally-for', 30_000);
    await see('quorum reached', 'tally-quorum');
    await see(/You voted For with 10,000 CNCL/, 'my-vote');
    await see('Agent 3', 'votes'); // the voter's agent, found by its owner
    expect((await rows('votes'))[0]).toMatch(/^Agent 3 · CFO\n“Cheaper mistakes”\n\tFor\t10,000 CNCL/);
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    // The indexer has it as the page shows it.
    const indexer = createIndexerClient({ url: devnet.indexerUrl });
    const proposal = await indexer.proposal(BigInt(devnet.demo.proposalId));
    expect(proposal).toMatchObject({ forVotes: parseEther('10000'), voterCount: 1 });
    timings.push(`vote through the UI shown from the indexer in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    await screenshot('proposal');
  });

  test('tools: the demo tools with their price, and their provider page', async () => {
    await open('/tools');
    const listed = await rows('tools', 2);
    expect(listed.find((r) => r.startsWith('text-stats'))).toMatch(/Agent 2\t0\.01 CNCL\tActive/);
    expect(listed.find((r) => r.startsWith('sha256'))).toMatch(/Agent 2\t0\.01 CNCL\tActive/);
    await screenshot('tools');
    await page.getByRole('link', { name: 'Agent 2' }).first().click();
    await see('Provider: agent 2');
    await see('text-stats');
    await see('sha256');
    await see('to the agent\'s payout wallet', 'provider-net');
  });

  test('slashes: the demo slash in its veto window', async () => {
    await open('/slashes');
    await see('Agent 4', 'slashes'); // the proposer, the CLO, found by its owner
    const [row] = await rows('slashes');
    expect(row).toMatch(new RegExp(`^#${devnet.demo.slashId}\\tAgent 5\\t500 CNCL\\tReviewer\\nby Agent 4 · CLO`));
    expect(row).toMatch(/In veto window closes in 2 d \d+ h/);
    await screenshot('slashes');
  });

  test('rewards: epoch 0 claimable, and a claim through the UI', async () => {
    await open('/rewards');
    expect((await rows('epochs'))[0]).toMatch(/^Epoch 0\tClaimable\t10,000 CNCL\t0 CNCL \(0 %\)\t5\t0/);
    const claims = await rows('claims', 5);
    for (const row of claims) expect(row).toMatch(/\t[\d,]+(\.\d+)? CNCL\tnot yet/);
    await screenshot('rewards');
    await connect(1); // the CEO's owner
    const ceo = page.getByTestId('claims').locator('tbody tr', { hasText: 'Agent 1 · CEO' });
    await ceo.getByRole('button', { name: 'Claim' }).click();
    await ceo.getByText('not yet').waitFor({ state: 'detached', timeout: 30_000 });
    expect(await ceo.innerText()).toMatch(/\t–\t[\d,]+(\.\d+)? CNCL/);
    await see(/^1 claim$/);
  });

  test('guardian: its owners and calls, and three owners veto the demo slash through the UI', async () => {
    await open('/guardian');
    await see('3 of 5');
    const owners = await rows('guardian-owners', 5);
    for (const i of [6, 7, 8, 9]) expect(owners).toContain(`${devnet.accounts[i]!.address}\taccount ${i}`);
    await see('Running');
    await see('pause()');
    // Accounts 6, 7 and 8 are guardian owners: one prepares the veto, each approves (EIP-712, in this browser).
    await connect(6);
    await page.getByLabel('Emergency call').selectOption({ label: 'Slashing manager · veto a slash' });
    await page.getByLabel('Slash to veto').selectOption(devnet.demo.slashId);
    await page.getByRole('button', { name: 'Prepare for approval' }).click();
    await see(`Veto slash #${devnet.demo.slashId}`, 'guardian-draft');
    for (const i of [6, 7, 8]) {
      if (i !== 6) await connect(i);
      await page.getByRole('button', { name: 'Approve as this owner' }).click();
      await see(`account ${i}`, 'guardian-approvals');
    }
    await see('3 of 3 approvals', 'guardian-approvals');
    await page.getByRole('button', { name: 'Execute' }).click();
    await see(`Executed: Veto slash #${devnet.demo.slashId}`, 'guardian-executed', 30_000);
    const [action] = await rows('guardian-actions');
    expect(action).toMatch(new RegExp(`^veto\\(${devnet.demo.slashId}\\)\\tSlashing manager\\taccount \\d\\s*account \\d\\s*account \\d`));
    await screenshot('guardian');
    await open('/slashes');
    await see('No slash is waiting.');
    expect((await rows('slashes-decided'))[0]).toMatch(new RegExp(`^#${devnet.demo.slashId}\\tAgent 5\\t500 CNCL\\tVetoed by the guardian`));
  });

  test('settings: the deployment in use', async () => {
    await open('/settings');
    await see('Connected to chain 31337 by the devnet that npm run dev started.');
    await see(devnet.deployment.contracts.ConclaveGovernor);
  });

  test('another deployment: entered on the settings page, with a browser wallet (injected) that votes', async () => {
    // A console that finds no devnet asks for a deployment; a stand-in for a browser extension signs through anvil's
    // unlocked account 5 (the CMO's owner).
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const other = await context.newPage();
    other.on('pageerror', (error) => pageErrors.push(`${other.url()}: ${error.message}`));
    await other.route('**/devnet.json', (route) => route.fulfill({ status: 404, body: '{}' }));
    await other.addInitScript(
      ({ rpcUrl, address }) => {
        const rpc = async (method: string, params: unknown) => {
          const res = await fetch(rpcUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }) });
          const body = (await res.json()) as { result?: unknown; error?: { message: string; code: number } };
          if (body.error) throw Object.assign(new Error(body.error.message), { code: body.error.code });
          return body.result;
        };
        (window as unknown as { ethereum: unknown }).ethereum = {
          request: async ({ method, params }: { method: string; params?: unknown }) =>
            method === 'eth_requestAccounts' || method === 'eth_accounts' ? [address] : rpc(method, params ?? []),
          on: () => {},
          removeListener: () => {},
        };
      },
      { rpcUrl: devnet.rpcUrl, address: devnet.accounts[5]!.address },
    );
    try {
      await other.goto(base);
      await other.getByText('No deployment configured.').first().waitFor();
      await other.getByLabel('RPC URL').fill(devnet.rpcUrl);
      await other.getByLabel(/^Indexer URL/).fill(devnet.indexerUrl);
      await other.getByLabel(/^Deployment file/).fill(JSON.stringify(devnet.deployment));
      await other.getByRole('button', { name: 'Check and use' }).click();
      await other.getByTestId('indexed-block').waitFor({ timeout: 20_000 });
      await other.goto(`${base}/settings`);
      await other.getByText('Connected to chain 31337 by the settings saved in this browser.').waitFor();
      await other.goto(`${base}/proposals/${devnet.demo.proposalId}`);
      await other.getByTestId('wallet-button').click();
      // No dev wallet away from a devnet: only the browser's.
      expect(await other.getByRole('menuitem').allInnerTexts()).toEqual([expect.stringMatching(/^Browser wallet/)]);
      await other.getByRole('menuitem', { name: /Browser wallet/ }).click();
      await other.getByTestId('vote-form').getByText('Your voting power at the snapshot: 10,000 CNCL').waitFor({ timeout: 20_000 });
      await other.getByRole('radio', { name: 'Abstain' }).click();
      await other.getByTestId('cast-vote').click();
      await other.getByTestId('tally-abstain').getByText('10,000 CNCL').waitFor({ timeout: 30_000 });
      await other.goto(`${base}/settings`);
      await other.getByRole('button', { name: 'Forget these settings' }).click();
      await other.getByText('No deployment configured.').first().waitFor();
    } finally {
      await context.close();
    }
    const indexer = createIndexerClient({ url: devnet.indexerUrl });
    expect(await indexer.proposal(BigInt(devnet.demo.proposalId))).toMatchObject({ abstainVotes: parseEther('10000'), voterCount: 2 });
  });

  test('a block mined outside the browser updates the screen, without a reload', async () => {
    await open('/');
    await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
    const before = Number((await page.getByTestId('head-block').innerText()).replace(/,/g, ''));
    // The CEO's owner stakes 1,000 CNCL more (from the deployer's unallocated tokens), outside the browser.
    const deployer = createConclaveClient({ deployment: devnet.deployment, transport: http(devnet.rpcUrl), account: privateKeyToAccount(devnet.accounts[0]!.privateKey) });
    const owner = createConclaveClient({ deployment: devnet.deployment, transport: http(devnet.rpcUrl), account: privateKeyToAccount(devnet.accounts[1]!.privateKey) });
    await deployer.waitForTransactionReceipt({
      hash: await deployer.writeContract({ address: devnet.deployment.contracts.ConclaveToken, abi: conclaveTokenAbi, functionName: 'transfer', args: [owner.account.address, parseEther('1000')] }),
    });
    await owner.stake({ agentId: 1n, amount: parseEther('1000') });
    await see('51,000 CNCL', 'stat-stake');
    const after = Number((await page.getByTestId('head-block').innerText()).replace(/,/g, ''));
    expect(after).toBeGreaterThan(before);
    await page.getByTestId('indexed-block').getByText(new Intl.NumberFormat('en-US').format(after)).waitFor();
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    // Last, so that it shows the votes and the claim above.
    await screenshot('overview');
  });

  test('propose through the UI, and the CLO reviews it in its discussion window', async () => {
    await open('/proposals/new');
    await connect(1); // the CEO's owner: 10,000 CNCL of votes, above the 1,000 CNCL threshold
    await page.getByLabel('Description').fill('Raise the proposal threshold to 2,000 CNCL');
    await page.getByLabel('Category').selectOption('ProtocolUpgrade');
    await page.getByLabel('Contract').selectOption('governor');
    await page.getByLabel('Function').selectOption('setProposalThreshold(uint256)');
    await page.getByLabel(/^newProposalThreshold/).fill(parseEther('2000').toString());
    await page.getByRole('button', { name: 'Propose' }).click();
    await page.waitForURL(/\/proposals\/\d+$/, { timeout: 30_000 });
    const proposalId = BigInt(page.url().split('/').pop()!);
    await see(/^Pending$/);
    await see(/voting opens in (2 d|4\d h)/);
    await see('setProposalThreshold(2000000000000000000000)');
    await connect(4); // the CLO's owner
    await page.getByRole('radio', { name: 'Favourable', exact: true }).click();
    await page.getByPlaceholder(/^The report/).fill('Feasible: the threshold stays within its bounds.');
    await page.getByRole('button', { name: 'Record review' }).click();
    await see('Favourable', 'review', 30_000);
    const indexed = await createIndexerClient({ url: devnet.indexerUrl }).proposal(proposalId);
    expect(indexed).toMatchObject({ state: 'Pending', category: 'ProtocolUpgrade', verdict: 'Favourable', reviewerAgentId: 4n });
    expect(indexed!.reviewCID).toMatch(/^bafkrei/);
  });

  test('queue and execute through the UI once voting closes and the Timelock delay passes', async () => {
    const rpc = (method: string, params: unknown[] = []) =>
      fetch(devnet.rpcUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }) });
    await open(`/proposals/${devnet.demo.proposalId}`);
    await connect(2); // anyone may queue and execute
    // Past the end of voting: For 10,000 and Abstain 10,000 against a 2,000 CNCL quorum, so it passed.
    await rpc('evm_increaseTime', [7 * 86_400]);
    await rpc('evm_mine');
    await see('passed: ready to queue', undefined, 30_000);
    await page.getByRole('button', { name: 'Queue' }).click();
    await see(/^Queued$/, undefined, 30_000);
    await see(/executable in (2 d|4\d h)/);
    await see(/operation 0x[0-9a-f]{64}/);
    await rpc('evm_increaseTime', [2 * 86_400]);
    await rpc('evm_mine');
    await see('The Timelock delay has passed: anyone may execute it.', undefined, 30_000);
    await page.getByRole('button', { name: 'Execute' }).click();
    await see(/^Executed$/, undefined, 30_000);
    await see('Nothing left to do: the proposal is executed.');
    const indexed = await createIndexerClient({ url: devnet.indexerUrl }).proposal(BigInt(devnet.demo.proposalId));
    expect(indexed).toMatchObject({ state: 'Executed', status: 'Executed' });
  });

  test('no page raised an uncaught error', () => {
    expect(pageErrors).toEqual([]);
  });
});
