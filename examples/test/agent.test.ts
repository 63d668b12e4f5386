// The reference agent (examples/agent): its policies in process, then `npm run dev -- --agents` on free ports (its
// devnet file and stores in a temporary directory through CONCLAVE_DEVNET) with the five C-suite agents running as
// processes, one more agent started here, and everything checked on the chain and in the indexer: claims, reviews,
// votes by policy, tools bought and sold with vouchers redeemed, stake kept at the tier minimum, rewards, health,
// the OpenAI-compatible policy against a fake endpoint, and restarts after SIGKILL.
// README snippet: agents (`npm run dev -- --agents`, run here as printed, on free ports)
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { type IncomingMessage, type Server, createServer as createHttpServer } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  type Address,
  type Hex,
  createTestClient,
  createWalletClient,
  encodeFunctionData,
  getAddress,
  http,
  parseAbi,
  parseEther,
  publicActions,
} from 'viem';
import { anvil } from 'viem/chains';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import {
  type DeploymentFile,
  type GetParametersReturnType,
  agentRegistryAbi,
  computeCid,
  conclaveGovernorAbi,
  conclaveTokenAbi,
  conclaveTreasuryAbi,
  createChannelConsumer,
  createConclaveClient,
  createIndexerClient,
  rewardsDistributorAbi,
  stakingVaultAbi,
  verifyCid,
} from '@conclave/sdk';
import type { DevnetInfo } from '@conclave/sdk/devnet';
import { fileStore } from '@conclave/x402';
import { cncl } from '../agent/src/format.js';
import { openAIPolicy } from '../agent/src/openai.js';
import { type DecisionContext, defaultPolicy } from '../agent/src/policy.js';
import { type ProposalView, decodeAction } from '../agent/src/proposals.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const DEPLOYMENT = JSON.parse(readFileSync(path.join(ROOT, 'deployments', '31337.json'), 'utf8')) as DeploymentFile;
const MAIN = path.join(ROOT, 'examples', 'agent', 'src', 'main.ts');
const DEAD: Address = '0x000000000000000000000000000000000000dEaD';
const PRICE = parseEther('0.01');
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A port in 20000-31999 that nothing listens on, on any interface (below the ephemeral range). */
async function quietPort(taken = new Set<number>()): Promise<number> {
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    if (taken.has(port)) continue;
    const free = await new Promise<boolean>((resolve) => {
      const server = createServer();
      server.once('error', () => resolve(false));
      server.listen(port, '0.0.0.0', () => server.close(() => resolve(true)));
    });
    if (free) return port;
  }
}

/** Five consecutive free ports (the demo agents'). */
async function quietPorts(count: number, taken: Set<number>): Promise<number> {
  for (;;) {
    const first = await quietPort(taken);
    const rest = await Promise.all(
      Array.from({ length: count - 1 }, (_, i) =>
        new Promise<boolean>((resolve) => {
          const server = createServer();
          server.once('error', () => resolve(false));
          server.listen(first + i + 1, '0.0.0.0', () => server.close(() => resolve(true)));
        }),
      ),
    );
    if (rest.every(Boolean) && !Array.from({ length: count }, (_, i) => taken.has(first + i)).some(Boolean)) return first;
  }
}

async function waitFor<T>(what: string, check: () => Promise<T | undefined | false | null>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false && value !== null) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

type Health = {
  healthy: boolean;
  agentId: string | null;
  address: Address;
  role: string | null;
  active: boolean | null;
  lastTick: { at: string; durationMs: number } | null;
  lastError: { at: string; step: string; message: string } | null;
  problems: Record<string, { at: string; message: string }>;
  counters: Record<'votes' | 'reviews' | 'callsBought' | 'callsSold' | 'redemptions' | 'claims' | 'rewardRegistrations' | 'stakeTopUps' | 'toolsListed' | 'purchaseFailures', number>;
  chain: { reachable: boolean; block: string | null };
  indexer: { reachable: boolean; block: string | null };
  selling: { tool: string; toolId: string | null; unredeemed: string; channels: { channelId: Hex; consumer: Address; cumulativeAmount: string; paid: string }[] } | null;
  buying: { channels: { channelId: Hex; providerAgentId: string; deposit: string; spent: string }[] } | null;
};

async function health(url: string): Promise<{ status: number; body: Health }> {
  const response = await fetch(`${url}/health`, { signal: AbortSignal.timeout(10_000) });
  return { status: response.status, body: (await response.json()) as Health };
}

// ------------------------------------------------------------------------------------------------ a fake model

type ChatRequest = { url: string; authorization: string | undefined; body: { model: string; messages: { role: string; content: string }[] } };

/** Answers like OpenAI's chat completions; `answer` decides per request (a status and a message content). */
async function fakeModel(answer: (request: ChatRequest) => { status: number; content?: string; delayMs?: number }) {
  const requests: ChatRequest[] = [];
  const read = (req: IncomingMessage) =>
    new Promise<string>((resolve) => {
      let text = '';
      req.on('data', (chunk) => (text += chunk));
      req.on('end', () => resolve(text));
    });
  const server: Server = createHttpServer(async (req, res) => {
    const request: ChatRequest = { url: req.url ?? '', authorization: req.headers.authorization, body: JSON.parse(await read(req)) };
    requests.push(request);
    const { status, content, delayMs } = answer(request);
    if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
    if (res.destroyed) return;
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(
      status === 200
        ? JSON.stringify({ id: 'chatcmpl-1', object: 'chat.completion', model: request.body.model, choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }] })
        : JSON.stringify({ error: { message: 'the fake model is down' } }),
    );
  });
  const port = await quietPort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { baseUrl: `http://127.0.0.1:${port}/v1`, requests, close: () => new Promise((resolve) => server.close(resolve)) };
}

// ------------------------------------------------------------------------------------------------ policies

const PARAMETERS = {
  tierMinimums: { utility: parseEther('1000'), specialized: parseEther('5000'), cSuite: parseEther('10000') },
} as GetParametersReturnType;
const CONTEXT: DecisionContext = { agentId: 1n, role: 'CEO', address: DEAD, parameters: PARAMETERS };

function view(overrides: Partial<ProposalView> & { calls?: { target: Address; data: Hex; value?: bigint }[] }): ProposalView {
  const { calls = [], ...rest } = overrides;
  return {
    proposalId: 42n,
    description: 'A test proposal',
    category: 'EconomicParameter',
    expedited: false,
    state: 'Active',
    proposer: DEAD,
    reviewRequired: false,
    verdict: 'None',
    reviewReport: '',
    actions: calls.map((c) => decodeAction(DEPLOYMENT, { value: 0n, ...c })),
    votes: { for: 0n, against: 0n, abstain: 0n },
    deadline: 0n,
    ...rest,
  };
}
const vault = DEPLOYMENT.contracts.StakingVault;
const setMaxSlash = (bps: bigint) => ({ target: vault, data: encodeFunctionData({ abi: stakingVaultAbi, functionName: 'setMaxSlashBps', args: [bps] }) });
const unknownCall = { target: DEAD, data: encodeFunctionData({ abi: parseAbi(['function foo(uint256)']), functionName: 'foo', args: [1n] }) };

describe('the default policy', () => {
  const rules = defaultPolicy();

  test('votes by the category, the review and the decoded actions', () => {
    expect(rules.decide(view({ calls: [setMaxSlash(4000n)] }), CONTEXT)).toEqual({
      support: 'For',
      reason: 'Economic parameter within bounds: StakingVault.setMaxSlashBps(4000) is within its bounds [100, 5000].',
    });
    expect(rules.decide(view({ calls: [setMaxSlash(6000n)] }), CONTEXT)).toMatchObject({ support: 'Against', reason: expect.stringContaining('outside its bounds [100, 5000]') });
    const tier = encodeFunctionData({ abi: stakingVaultAbi, functionName: 'setTierMinimum', args: [1, parseEther('6000')] });
    expect(rules.decide(view({ calls: [{ target: vault, data: tier }] }), CONTEXT)).toMatchObject({ support: 'Against', reason: expect.stringContaining('out of order') });
    expect(rules.decide(view({ calls: [unknownCall] }), CONTEXT)).toMatchObject({ support: 'Abstain' });
    expect(rules.decide(view({ category: 'ProtocolUpgrade', reviewRequired: true, calls: [setMaxSlash(4000n)] }), CONTEXT)).toMatchObject({ support: 'Against', reason: expect.stringContaining('needs a favourable CLO review') });
    expect(rules.decide(view({ category: 'ProtocolUpgrade', reviewRequired: true, verdict: 'Favourable' }), CONTEXT).support).toBe('For');
    expect(rules.decide(view({ verdict: 'Unfavourable', calls: [setMaxSlash(4000n)] }), CONTEXT).support).toBe('Against');
    expect(rules.decide(view({ category: 'TreasuryAllocation' }), CONTEXT)).toMatchObject({ support: 'Abstain', reason: 'No rule for TreasuryAllocation proposals: abstaining.' });
  });

  test('reviews: unfavourable for a call outside the protocol, ETH sent or an unknown function', () => {
    expect(rules.review(view({ calls: [setMaxSlash(4000n)] }), CONTEXT)).toEqual({
      verdict: 'Favourable',
      reasons: ['StakingVault.setMaxSlashBps(4000) is a known function of a Conclave contract'],
    });
    expect(rules.review(view({ calls: [unknownCall] }), CONTEXT)).toEqual({ verdict: 'Unfavourable', reasons: [`${DEAD} is not a Conclave contract`] });
    expect(rules.review(view({ calls: [{ ...setMaxSlash(4000n), value: 1n }] }), CONTEXT).verdict).toBe('Unfavourable');
    expect(rules.review(view({ calls: [{ target: vault, data: '0xdeadbeef' }] }), CONTEXT)).toEqual({ verdict: 'Unfavourable', reasons: ['StakingVault has no function 0xdeadbeef'] });
  });
});

describe('the OpenAI-compatible policy', () => {
  test('asks {baseUrl}/chat/completions and votes its answer', async () => {
    const model = await fakeModel(() => ({ status: 200, content: '```json\n{"support": "against", "reason": "Too much at once."}\n```' }));
    try {
      const policy = openAIPolicy({ baseUrl: `${model.baseUrl}/`, model: 'fake-model', apiKey: 'sk-test', fallback: defaultPolicy() });
      expect(await policy.decide(view({ calls: [setMaxSlash(4000n)] }), CONTEXT)).toEqual({ support: 'Against', reason: 'Too much at once.' });
      expect(model.requests).toHaveLength(1);
      const [request] = model.requests;
      expect(request!.url).toBe('/v1/chat/completions');
      expect(request!.authorization).toBe('Bearer sk-test');
      expect(request!.body.model).toBe('fake-model');
      expect(request!.body.messages.map((m) => m.role)).toEqual(['system', 'user']);
      const asked = JSON.parse(request!.body.messages[1]!.content);
      expect(asked.proposal).toMatchObject({ id: '42', category: 'EconomicParameter', actions: [{ call: 'StakingVault.setMaxSlashBps(4000)' }] });
      expect(asked.defaultRulesWouldVote.support).toBe('For');
      // Reviews stay with the rules, and ask nothing.
      expect((await policy.review(view({ calls: [unknownCall] }), CONTEXT)).verdict).toBe('Unfavourable');
      expect(model.requests).toHaveLength(1);
    } finally {
      await model.close();
    }
  });

  test('falls back to the default rules when the endpoint fails, times out or answers nonsense', async () => {
    const answers = [
      { status: 500 },
      { status: 200, content: 'I would rather not say.' },
      { status: 200, content: '{"support": "Maybe", "reason": "?"}' },
      { status: 200, content: '{"support": "For"}' },
      { status: 200, content: '{"support": "For", "reason": "late"}', delayMs: 1500 },
    ];
    let next = 0;
    const model = await fakeModel(() => answers[next++]!);
    const failures: string[] = [];
    try {
      const policy = openAIPolicy({ baseUrl: model.baseUrl, model: 'fake-model', timeoutMs: 500, fallback: defaultPolicy(), onFallback: (e) => failures.push(e.message) });
      const proposal = view({ calls: [setMaxSlash(6000n)] });
      const rules = defaultPolicy().decide(proposal, CONTEXT) as { support: string; reason: string };
      for (let i = 0; i < answers.length; i++) {
        const decision = await policy.decide(proposal, CONTEXT);
        expect(decision.support).toBe('Against');
        expect(decision.reason.startsWith(`${rules.reason} (By the default rules: the model endpoint failed: `)).toBe(true);
      }
      expect(failures).toHaveLength(5);
      expect(failures[0]).toMatch(/^HTTP 500 from /);
      expect(failures[1]).toMatch(/not JSON/);
      expect(failures[2]).toMatch(/not For, Against or Abstain/);
      expect(failures[3]).toMatch(/no reason/);
      expect(failures[4]).toMatch(/timeout|aborted/i);
    } finally {
      await model.close();
    }
  });
});

// ------------------------------------------------------------------------------------------------ on a devnet

/** An agent process started by this test, with its output lines. */
class AgentProcess {
  readonly lines: string[] = [];
  readonly child: ChildProcess;
  readonly exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  constructor(config: string, env: NodeJS.ProcessEnv) {
    this.child = spawn(process.execPath, ['--import', 'tsx', MAIN, '--config', config], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    createInterface({ input: this.child.stdout! }).on('line', (line) => this.lines.push(line));
    createInterface({ input: this.child.stderr! }).on('line', (line) => this.lines.push(line));
    this.exit = new Promise((resolve) => this.child.once('exit', (code, signal) => resolve({ code, signal })));
  }

  /** The first line (from `from`) that matches. */
  line(pattern: RegExp, from = 0) {
    return waitFor(`a line matching ${pattern}:\n${this.lines.join('\n')}`, async () => this.lines.slice(from).find((l) => pattern.test(l)));
  }

  async kill() {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill('SIGKILL');
    await this.exit;
  }
}

describe('agents on npm run dev -- --agents', () => {
  const DIR = mkdtempSync(path.join(tmpdir(), 'conclave-agents-'));
  const DEVNET_FILE = path.join(DIR, 'dev.json');
  let dev: ChildProcess;
  let output = '';
  let devnet: DevnetInfo;
  let demo: { seat: string; agentId: bigint; url: string; sells: string; buysFrom: bigint; pid: number }[] = [];
  let indexerPid = 0;
  let model: Awaited<ReturnType<typeof fakeModel>>;
  let rpc: ReturnType<typeof createConclaveClient>;
  let testClient: ReturnType<typeof createTestClient>;
  let indexer: ReturnType<typeof createIndexerClient>;
  const started: AgentProcess[] = [];
  // The agent this test starts (with a fresh key), and what it keeps.
  const fresh = { key: generatePrivateKey(), port: 0, config: path.join(DIR, 'fresh.json'), dataDir: path.join(DIR, 'fresh'), agentId: 0n, env: {} as NodeJS.ProcessEnv };
  const freshAccount = privateKeyToAccount(fresh.key);
  const proposals = { a: 0n, b: 0n };

  const byAccount = (i: number) => createConclaveClient({ deployment: devnet.deployment, transport: http(devnet.rpcUrl), account: privateKeyToAccount(devnet.accounts[i]!.privateKey) });
  const owners = () => [1, 2, 3, 4, 5].map((i) => getAddress(devnet.accounts[i]!.address));
  const advance = async (seconds: bigint | number) => {
    await testClient.increaseTime({ seconds: Number(seconds) });
    await testClient.mine({ blocks: 1 });
  };
  const indexed = async () => {
    const head = await rpc.getBlockNumber({ cacheTime: 0 });
    await waitFor('the indexer to reach the head', async () => {
      const status = await indexer.status();
      return status.block && BigInt(status.block.number) >= head;
    });
  };
  const startFresh = (extraEnv: NodeJS.ProcessEnv = {}) => {
    const agent = new AgentProcess(fresh.config, { ...fresh.env, ...extraEnv });
    started.push(agent);
    return agent;
  };

  beforeAll(async () => {
    const taken = new Set<number>();
    for (let i = 0; i < 4; i++) taken.add(await quietPort(taken));
    const [port, indexerPort, toolsPort, freshPort] = [...taken];
    const agentsPort = await quietPorts(5, taken);
    fresh.port = freshPort!;
    model = await fakeModel(({ body }) => {
      const asked = JSON.parse(body.messages[1]!.content) as { proposal: { actions: { call: string; target: string }[] } };
      const calls = asked.proposal.actions.map((a) => a.call).join(' ');
      if (calls.includes('setSlashRecipient')) return { status: 200, content: '{"support": "Abstain", "reason": "Fake model: where slashes go is not my call."}' };
      if (asked.proposal.actions.some((a) => getAddress(a.target) === DEAD)) return { status: 500 };
      return { status: 200, content: '{"support": "For", "reason": "Fake model: fine by me."}' };
    });
    const env = { ...process.env, CONCLAVE_DEVNET: DEVNET_FILE, AGENT_TICK_SECONDS: '2', AGENT_BUY_SECONDS: '2' };
    // `npm run dev -- --agents`, as the README says (ports moved so that it runs beside a developer's own devnet).
    dev = spawn('npm', ['run', 'dev', '--', '--agents'], {
      cwd: ROOT,
      env: { ...env, PORT: String(port), INDEXER_PORT: String(indexerPort), TOOLS_PORT: String(toolsPort), AGENTS_PORT: String(agentsPort) },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`npm run dev -- --agents was not ready in 300 s:\n${output}`)), 300_000);
      dev.once('exit', (code) => reject(new Error(`npm run dev -- --agents exited (${code}):\n${output}`)));
      createInterface({ input: dev.stderr! }).on('line', (line) => (output += `${line}\n`));
      createInterface({ input: dev.stdout! }).on('line', (line) => {
        output += `${line}\n`;
        if (/\] Ready\. Press Ctrl-C to stop\.$/.test(line)) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    devnet = JSON.parse(readFileSync(DEVNET_FILE, 'utf8'));
    for (const m of output.matchAll(/^(?:agents)?\s+(CEO|CTO|CFO|CLO|CMO) agent (\d+)\s+(http:\/\/\S+)\/health\s+sells (\S+), buys \S+ from agent (\d+) \(pid (\d+)\)$/gm)) {
      demo.push({ seat: m[1]!, agentId: BigInt(m[2]!), url: m[3]!, sells: m[4]!, buysFrom: BigInt(m[5]!), pid: Number(m[6]!) });
    }
    indexerPid = Number(/^indexer .*\(pid (\d+)\)$/m.exec(output)?.[1]);
    rpc = createConclaveClient({ deployment: devnet.deployment, transport: http(devnet.rpcUrl) });
    testClient = createTestClient({ mode: 'anvil', transport: http(devnet.rpcUrl) });
    indexer = createIndexerClient({ url: devnet.indexerUrl });
    fresh.env = { ...env, OPENAI_BASE_URL: model.baseUrl, OPENAI_MODEL: 'fake-model', OPENAI_API_KEY: 'sk-fake', OPENAI_TIMEOUT_MS: '3000' };
  }, 330_000);

  afterAll(async () => {
    for (const agent of started) await agent.kill();
    if (dev && dev.exitCode === null) {
      const exited = new Promise((resolve) => dev.once('exit', resolve));
      process.kill(-dev.pid!, 'SIGINT'); // npm and dev.mjs: dev stops everything it started, the agents first
      await exited;
    }
    await model?.close();
    // Stopping removes the devnet file; the agents stopped with it.
    expect(existsSync(DEVNET_FILE)).toBe(false);
    for (const { pid } of demo) expect(() => process.kill(pid, 0)).toThrow();
    rmSync(DIR, { recursive: true, force: true });
  }, 60_000);

  test('npm run dev -- --agents starts the five C-suite agents: they claim, vote, sell, buy and redeem by themselves', async () => {
    expect(demo.map((a) => `${a.seat} ${a.agentId} ${a.sells} ${a.buysFrom}`)).toEqual([
      'CEO 1 summary 2',
      'CTO 2 slug 3',
      'CFO 3 figures 4',
      'CLO 4 risk-terms 5',
      'CMO 5 hashtags 1',
    ]);
    // Ready means each one answered healthy.
    for (const agent of demo) {
      const { status, body } = await health(agent.url);
      expect(status, agent.seat).toBe(200);
      expect(body).toMatchObject({ healthy: true, agentId: String(agent.agentId), role: agent.seat, active: true, address: getAddress(devnet.accounts[Number(agent.agentId)]!.address) });
    }
    // Within a minute: every agent claimed epoch 0, voted on the demo proposal, and bought and sold at least five
    // calls (0.05 CNCL, the redemption threshold), so every provider redeemed.
    const healths = await waitFor(
      'every agent to claim, vote, buy, sell and redeem',
      async () => {
        const all = await Promise.all(demo.map((a) => health(a.url).then((h) => h.body)));
        const done = all.every((h) => h.counters.claims >= 1 && h.counters.votes >= 1 && h.counters.callsBought >= 5 && h.counters.callsSold >= 5 && h.counters.redemptions >= 1);
        return done && all;
      },
      90_000,
    );
    for (const h of healths) expect(h.lastError, `${h.role}: ${JSON.stringify(h.lastError)}`).toBeNull();

    const proposalId = BigInt(devnet.demo.proposalId);
    for (const [i, owner] of owners().entries()) {
      const agentId = BigInt(i + 1);
      expect(await rpc.readContract({ address: devnet.deployment.contracts.ConclaveGovernor, abi: conclaveGovernorAbi, functionName: 'hasVoted', args: [proposalId, owner] })).toBe(true);
      const [weight, claimed] = await rpc.readContract({ address: devnet.deployment.contracts.RewardsDistributor, abi: rewardsDistributorAbi, functionName: 'registration', args: [0n, agentId] });
      expect(weight).toBeGreaterThan(0n);
      expect(claimed).toBe(true);
      expect(await rpc.getClaimable({ epoch: 0n, agentId })).toBe(0n);
    }
    expect((await rpc.getProposal({ proposalId })).votes.for).toBe(5n * parseEther('10000'));

    await indexed();
    const votes = await indexer.votes({ where: { proposalId } });
    expect(votes.items.map((v) => v.voter).sort()).toEqual(owners().sort());
    for (const vote of votes.items) {
      expect(vote).toMatchObject({ support: 'For', reason: 'Economic parameter within bounds: StakingVault.setMaxSlashBps(4000) is within its bounds [100, 5000].' });
    }
    const shares = await indexer.list('rewardShare', { where: { epoch: 0n } });
    expect(shares.items).toHaveLength(5);
    for (const share of shares.items) expect(share.claimed, `agent ${share.agentId}`).toBeGreaterThan(0n);

    for (const agent of demo) {
      // Its tool, listed once at its own endpoint; its channel to the next agent; that agent's redemptions.
      const tools = await indexer.list('tool', { where: { providerAgentId: agent.agentId, endpoint: `${agent.url}/tools/${agent.sells}` } });
      expect(tools.items.map((t) => [t.status, t.pricePerCall]), agent.seat).toEqual([['Active', PRICE]]);
      const consumer = owners()[Number(agent.agentId) - 1]!;
      const channels = await indexer.list('channel', { where: { consumer, providerAgentId: agent.buysFrom } });
      expect(channels.items, agent.seat).toHaveLength(1);
      const onChain = await rpc.getChannel({ channelId: channels.items[0]!.id });
      expect(onChain.paid, `${agent.seat}'s channel to agent ${agent.buysFrom}`).toBeGreaterThanOrEqual(parseEther('0.05'));
      const redemptions = await indexer.list('redemption', { where: { providerAgentId: agent.agentId } });
      expect(redemptions.items.length, `redemptions of agent ${agent.agentId}`).toBeGreaterThanOrEqual(1);
    }
  }, 180_000);

  test('an agent configured without an id registers itself once', async () => {
    const treasurer = byAccount(0);
    await testClient.setBalance({ address: freshAccount.address, value: parseEther('10') });
    await treasurer.waitForTransactionReceipt({
      hash: await treasurer.writeContract({ address: devnet.deployment.contracts.ConclaveToken, abi: conclaveTokenAbi, functionName: 'transfer', args: [freshAccount.address, parseEther('6000')] }),
    });
    writeFileSync(
      fresh.config,
      JSON.stringify({
        name: 'fresh',
        devnet: DEVNET_FILE,
        privateKey: fresh.key,
        register: { name: 'agent-test', description: 'started by examples/test/agent.test.ts', role: 'Specialized', stake: '5000' },
        port: fresh.port,
        dataDir: fresh.dataDir,
        tickSeconds: 2,
        buy: { providerAgentId: '2', tool: 'slug', everySeconds: 1 },
      }),
    );
    const agent = startFresh();
    const registered = await agent.line(/\[fresh\] registered agent (\d+): Specialized, active, 5,000 CNCL staked/);
    fresh.agentId = BigInt(/registered agent (\d+)/.exec(registered)![1]!);
    expect(await agent.line(/\[fresh\] started: .* policy: fake-model at http/)).toContain(freshAccount.address);
    const onChain = await rpc.getAgent({ agentId: fresh.agentId });
    expect(onChain).toMatchObject({ owner: freshAccount.address, role: 'Specialized', stake: parseEther('5000'), active: true });
    expect(await rpc.readContract({ address: devnet.deployment.contracts.AgentRegistry, abi: agentRegistryAbi, functionName: 'balanceOf', args: [freshAccount.address] })).toBe(1n);
    await agent.line(/\[fresh\] bought slug from agent 2 for 0\.01 CNCL/);
  }, 120_000);

  test('the CLO reviews, and every agent votes by its policy (one through the fake model, falling back when it fails)', async () => {
    // A proposer with stake (the proposal threshold is 1,000 CNCL), who runs no agent.
    const proposerKey = generatePrivateKey();
    const proposerAccount = privateKeyToAccount(proposerKey);
    await testClient.setBalance({ address: proposerAccount.address, value: parseEther('10') });
    const treasurer = byAccount(0);
    await treasurer.waitForTransactionReceipt({
      hash: await treasurer.writeContract({ address: devnet.deployment.contracts.ConclaveToken, abi: conclaveTokenAbi, functionName: 'transfer', args: [proposerAccount.address, parseEther('1500')] }),
    });
    const proposer = createConclaveClient({ deployment: devnet.deployment, transport: http(devnet.rpcUrl), account: proposerAccount });
    const card = await computeCid({ name: 'proposer' });
    await proposer.registerAgent({ agentURI: card.uri, role: 'Utility', stake: parseEther('1500') });
    await advance(1); // votes are checkpointed by timestamp: the stake counts from the next second
    const treasury = devnet.deployment.contracts.ConclaveTreasury;
    ({ proposalId: proposals.a } = await proposer.propose({
      category: 'ProtocolUpgrade',
      description: 'Send slashed stake to the treasury (it already goes there)',
      actions: [{ target: vault, data: encodeFunctionData({ abi: stakingVaultAbi, functionName: 'setSlashRecipient', args: [treasury] }) }],
    }));
    ({ proposalId: proposals.b } = await proposer.propose({ category: 'ProtocolUpgrade', description: 'Call an address outside the protocol', actions: [unknownCall] }));

    // The CLO (agent 4) reviews both while they are Pending, with a report it serves under the CID it recorded.
    const clo = demo.find((a) => a.seat === 'CLO')!;
    const [a, b] = await waitFor('the CLO reviews', async () => {
      const read = await Promise.all([rpc.getProposal({ proposalId: proposals.a }), rpc.getProposal({ proposalId: proposals.b })]);
      return read.every((p) => p.verdict !== 'None') && read;
    });
    expect([a!.state, a!.verdict, b!.state, b!.verdict]).toEqual(['Pending', 'Favourable', 'Pending', 'Unfavourable']);
    for (const [p, verdict] of [[a!, 'Favourable'], [b!, 'Unfavourable']] as const) {
      const bytes = new Uint8Array(await (await fetch(`${clo.url}/reports/${p.reviewReport}`)).arrayBuffer());
      expect(await verifyCid(bytes, p.reviewReport)).toBe(true);
      expect(JSON.parse(new TextDecoder().decode(bytes))).toMatchObject({ proposalId: String(p.proposalId), verdict, reviewer: { agentId: '4' } });
    }
    await indexed();
    expect((await indexer.proposal(proposals.b))).toMatchObject({ verdict: 'Unfavourable', reviewerAgentId: 4n, reviewCID: b!.reviewReport });

    // Voting opens after the 48-hour discussion window.
    await advance((await rpc.getParameters()).votingDelay + 1n);
    const voters = [...owners(), freshAccount.address];
    await waitFor(
      'six votes on each proposal',
      async () => {
        for (const proposalId of [proposals.a, proposals.b]) {
          for (const voter of voters) {
            const voted = await rpc.readContract({ address: devnet.deployment.contracts.ConclaveGovernor, abi: conclaveGovernorAbi, functionName: 'hasVoted', args: [proposalId, voter] });
            if (!voted) return false;
          }
        }
        return true;
      },
      60_000,
    );
    await indexed();
    const of = async (proposalId: bigint) => Object.fromEntries((await indexer.votes({ where: { proposalId } })).items.map((v) => [v.voter, v]));
    const [votesA, votesB] = [await of(proposals.a), await of(proposals.b)];
    expect(Object.keys(votesA).sort()).toEqual([...voters].sort());
    for (const owner of owners()) {
      expect(votesA[owner]).toMatchObject({ support: 'For', reason: `The CLO's review is favourable: StakingVault.setSlashRecipient(${treasury}).` });
      expect(votesB[owner]).toMatchObject({ support: 'Against', reason: `The CLO's review is unfavourable (report ${b!.reviewReport}).` });
    }
    // The fresh agent asked the fake model: its answer for A; for B the endpoint failed, so the rules voted.
    expect(votesA[freshAccount.address]).toMatchObject({ support: 'Abstain', reason: 'Fake model: where slashes go is not my call.' });
    expect(votesB[freshAccount.address]).toMatchObject({
      support: 'Against',
      reason: `The CLO's review is unfavourable (report ${b!.reviewReport}). (By the default rules: the model endpoint failed: HTTP 500 from ${model.baseUrl}/chat/completions)`,
    });
    const asked = model.requests.filter((r) => r.body.messages[1]!.content.includes(String(proposals.a)));
    expect(asked.length).toBeGreaterThanOrEqual(1);
    expect(asked[0]).toMatchObject({ url: '/v1/chat/completions', authorization: 'Bearer sk-fake', body: { model: 'fake-model' } });
    const tallyA = (await rpc.getProposal({ proposalId: proposals.a })).votes;
    expect(tallyA).toEqual({ for: 5n * parseEther('10000'), against: 0n, abstain: parseEther('5000') });
  }, 180_000);

  test('restarts after SIGKILL repeat nothing and lose nothing: identity, votes, the channel ledger', async () => {
    const [first] = started;
    const freshUrl = `http://127.0.0.1:${fresh.port}`;
    const before = (await health(freshUrl)).body;
    expect(before.counters.votes).toBeGreaterThanOrEqual(3); // the demo proposal, A and B
    // SIGKILL in the middle of its work: it buys every tick (every 2 s, and at each block).
    await first!.kill();

    // Restarted with a fault: it dies right after a paid answer arrives, before its ledger counts the call. The
    // provider (the CTO agent) stored that voucher before answering.
    const faulty = startFresh({ AGENT_FAULT: 'kill-after-paid-response' });
    expect(await faulty.exit).toMatchObject({ signal: 'SIGKILL' });
    expect(faulty.lines.join('\n')).toMatch(/\[fresh\] loaded agent \d+: Specialized/);
    // The SDK's consumer kept the voucher it handed out on record as in doubt (its ledger is the agent's fileStore).
    const ledgerOnDisk = await createChannelConsumer(
      createConclaveClient({ deployment: devnet.deployment, transport: http(devnet.rpcUrl), account: freshAccount }),
      { store: fileStore(path.join(fresh.dataDir, 'ledger.log')) },
    );
    const [kept] = await ledgerOnDisk.channels();
    expect(kept!.inDoubt!.cumulativeAmount).toBe(kept!.spent + PRICE);
    const inFlight = { channelId: kept!.channelId, cumulativeAmount: String(kept!.inDoubt!.cumulativeAmount) };
    const cto = demo.find((a) => a.seat === 'CTO')!;
    const held = await waitFor('the CTO to hold the voucher', async () =>
      (await health(cto.url)).body.selling!.channels.find((c) => c.channelId === inFlight.channelId && c.cumulativeAmount === inFlight.cumulativeAmount),
    );
    expect(held.consumer).toBe(freshAccount.address);

    // Restarted normally: it finds its agent (no second registration), its votes (none cast again), and its channel:
    // the next payment continues the cumulative amount from the voucher the provider holds.
    const again = startFresh();
    await again.line(new RegExp(`\\[fresh\\] loaded agent ${fresh.agentId}: Specialized, active`));
    const open = await again.line(/\[fresh\] state: voted on (\d+) of (\d+) open proposal\(s\)/);
    const [, voted, total] = /voted on (\d+) of (\d+)/.exec(open)!;
    expect(Number(total)).toBeGreaterThanOrEqual(3);
    expect(voted).toBe(total);
    const next = BigInt(inFlight.cumulativeAmount) + PRICE;
    await again.line(new RegExp(`\\[fresh\\] bought slug from agent 2 for 0\\.01 CNCL: .*, ${escape(cncl(next))} on it\\)`));
    const after = await waitFor('two more calls', async () => {
      const h = (await health(freshUrl)).body;
      return h.counters.callsBought >= 2 && h;
    });
    expect(after).toMatchObject({ agentId: String(fresh.agentId), lastError: null });
    expect(after.counters.votes).toBe(0);
    expect(again.lines.filter((l) => /\] (voted|registered|error)\b/.test(l))).toEqual([]);

    // One identity, one channel: the consumer's ledger and the provider's newest voucher agree.
    expect(await rpc.readContract({ address: devnet.deployment.contracts.AgentRegistry, abi: agentRegistryAbi, functionName: 'balanceOf', args: [freshAccount.address] })).toBe(1n);
    await indexed();
    expect((await indexer.agents({ where: { owner: freshAccount.address } })).items.map((a) => a.id)).toEqual([fresh.agentId]);
    expect((await indexer.list('channel', { where: { consumer: freshAccount.address } })).items.map((c) => c.id)).toEqual([inFlight.channelId]);
    const ledger = after.buying!.channels;
    expect(ledger.map((c) => c.channelId)).toEqual([inFlight.channelId]);
    await waitFor('the ledger and the provider to agree', async () => {
      const [consumer, provider] = await Promise.all([health(freshUrl), health(cto.url)]);
      const spent = consumer.body.buying!.channels[0]!.spent;
      const newest = provider.body.selling!.channels.find((c) => c.channelId === inFlight.channelId)!.cumulativeAmount;
      return spent === newest && BigInt(spent) >= next + PRICE;
    });
    // What it voted before the kills is all it voted.
    expect((await indexer.votes({ where: { voter: freshAccount.address } })).items).toHaveLength(before.counters.votes);
  }, 180_000);

  test('health: 200 with what the agent did, 503 while the indexer does not answer', async () => {
    const ceo = demo.find((a) => a.seat === 'CEO')!;
    const { status, body } = await health(ceo.url);
    expect(status).toBe(200);
    expect(body).toMatchObject({ healthy: true, agentId: '1', role: 'CEO', chain: { reachable: true }, indexer: { reachable: true }, lastError: null });
    expect(Object.keys(body.counters).sort()).toEqual(['callsBought', 'callsSold', 'claims', 'purchaseFailures', 'redemptions', 'reviews', 'rewardRegistrations', 'stakeTopUps', 'toolsListed', 'votes']);
    expect(Date.now() - Date.parse(body.lastTick!.at)).toBeLessThan(30_000);
    process.kill(indexerPid, 'SIGSTOP');
    try {
      const down = await health(ceo.url);
      expect(down.status).toBe(503);
      expect(down.body).toMatchObject({ healthy: false, indexer: { reachable: false }, chain: { reachable: true } });
    } finally {
      process.kill(indexerPid, 'SIGCONT');
    }
    await waitFor('healthy again', async () => (await health(ceo.url)).status === 200);
  }, 60_000);

  test('a slashed agent tops its stake up to the tier minimum; the agents register for an epoch and claim it', async () => {
    const c = devnet.deployment.contracts;
    // Governance funds the current epoch (as dev.mjs does: the Timelock, impersonated on anvil).
    const epoch = await rpc.readContract({ address: c.RewardsDistributor, abi: rewardsDistributorAbi, functionName: 'currentEpoch' });
    await testClient.impersonateAccount({ address: c.ConclaveTimelock });
    await testClient.setBalance({ address: c.ConclaveTimelock, value: parseEther('1') });
    const timelock = createWalletClient({ account: c.ConclaveTimelock, chain: anvil, transport: http(devnet.rpcUrl) }).extend(publicActions);
    const budget = parseEther('1000');
    for (const call of [
      { address: c.ConclaveTreasury, abi: conclaveTreasuryAbi, functionName: 'spend', args: [c.ConclaveToken, c.RewardsDistributor, budget] },
      { address: c.RewardsDistributor, abi: rewardsDistributorAbi, functionName: 'fundEpoch', args: [epoch, budget] },
    ] as const) {
      await timelock.waitForTransactionReceipt({ hash: await timelock.writeContract(call as never) });
    }
    await testClient.stopImpersonatingAccount({ address: c.ConclaveTimelock });

    // Into the epoch's registration phase (8 days after it started): the demo slash's veto window is long over.
    const start = await rpc.readContract({ address: c.RewardsDistributor, abi: rewardsDistributorAbi, functionName: 'epochStart', args: [epoch] });
    const now = (await rpc.getBlock()).timestamp;
    await advance(start + 8n * 86_400n + 60n - now);
    expect((await rpc.getEpoch({ epoch })).phase).toBe('registration');
    const slashId = BigInt(devnet.demo.slashId);
    expect((await rpc.getSlash({ slashId })).agentId).toBe(5n);
    await byAccount(0).executeSlash({ slashId });

    // The CMO (agent 5), slashed below the C-suite minimum, stakes the difference from its own balance.
    const cmo = demo.find((a) => a.seat === 'CMO')!;
    await waitFor('the CMO to top its stake up', async () => (await health(cmo.url)).body.counters.stakeTopUps === 1);
    const agent5 = await rpc.getAgent({ agentId: 5n });
    expect(agent5).toMatchObject({ stake: agent5.minimumStake, active: true });
    expect(agent5.minimumStake).toBe(parseEther('10000'));

    // The demo agents register themselves; the fresh one, with no attested task (score 0), would weigh 0: it does not.
    await waitFor('the demo agents to register for the epoch', async () => {
      await indexed();
      const shares = await indexer.list('rewardShare', { where: { epoch } });
      const registered = shares.items.map((s) => s.agentId).sort((x, y) => Number(x - y));
      if (registered.length < demo.length) throw new Error(`registered: ${registered.join(', ') || 'none'}`);
      return registered;
    });
    const freshAgent = started.at(-1)!;
    await freshAgent.line(new RegExp(`\\[fresh\\] not registering for the rewards of epoch ${epoch}: performance score 0`));
    expect((await rpc.getEpoch({ epoch })).registered).toBe(demo.length);
    for (const { agentId } of demo) {
      const [weight] = await rpc.readContract({ address: c.RewardsDistributor, abi: rewardsDistributorAbi, functionName: 'registration', args: [epoch, agentId] });
      expect(weight, `agent ${agentId}`).toBeGreaterThan(0n);
    }

    await advance(2n * 86_400n);
    expect((await rpc.getEpoch({ epoch })).phase).toBe('claims');
    await waitFor('the five demo agents to claim', async () => {
      const claimed = await Promise.all(
        demo.map(({ agentId }) => rpc.readContract({ address: c.RewardsDistributor, abi: rewardsDistributorAbi, functionName: 'registration', args: [epoch, agentId] })),
      );
      if (!claimed.every(([, done]) => done)) throw new Error(`claimed: ${claimed.map(([, done]) => done).join(', ')}`);
      return true;
    });
    const state = await rpc.getEpoch({ epoch });
    // Shares round down: a few wei of dust stay behind.
    expect(state.claimed).toBeGreaterThan(budget - 10n);
    expect(state.claimed).toBeLessThanOrEqual(budget);
    expect(await rpc.getClaimable({ epoch, agentId: fresh.agentId })).toBe(0n);
    for (const { url } of demo) expect((await health(url)).body.counters.rewardRegistrations, url).toBe(1);
    // Every step works again (the CLO's purchases failed while the CMO was inactive: its tool was not servable).
    await waitFor('no step failing', async () => {
      const urls = [...demo.map((a) => a.url), `http://127.0.0.1:${fresh.port}`];
      const all = await Promise.all(urls.map((url) => health(url).then((h) => h.body.problems)));
      return all.every((p) => Object.keys(p).length === 0);
    });
  }, 180_000);
});
