#!/usr/bin/env node
// `npm run dev`: anvil, the protocol deployed by script/Deploy.s.sol with the demo agents, a demo proposal in its
// voting period, and the indexer on PGlite. Ctrl-C (or SIGTERM) stops every process it started.
//   PORT=8545 npm run dev            choose anvil's port (default 8545, or a free one when 8545 is taken)
//   INDEXER_PORT=42069 npm run dev   choose the indexer's port (default 42069)
//   BLOCK_TIME=2 npm run dev         mine on an interval instead of on every transaction
//   TOOLS_PORT=4021 npm run dev      choose the example tool server's port (default 4021)
//   npm run dev -- --agents          also run the five C-suite demo agents (examples/agent), each on its own port
//   AGENTS_PORT=4101 npm run dev -- --agents   the first agent's port (default 4101; the others follow)
// It also runs the example paid tool server (examples/tool-server), which lists two demo tools of the demo CTO, and
// writes .dev/dev.json (what it started: URLs, chain id, deployment, the demo accounts and their keys, the demo
// proposal; `readDevnet()` from `@conclave/sdk/devnet` and the CLI read it by default), removed again on stop.
import { spawn } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { readdirSync, rmSync, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import path from 'node:path';
import {
  conclaveTokenAbi,
  conclaveTreasuryAbi,
  reputationRegistryAbi,
  rewardsDistributorAbi,
  slashingManagerAbi,
} from '@conclave/sdk/abis';
import {
  http,
  createTestClient,
  createWalletClient,
  encodeFunctionData,
  keccak256,
  parseAbi,
  parseEventLogs,
  publicActions,
  toHex,
} from 'viem';
import { mnemonicToAccount } from 'viem/accounts';
import { anvil as anvilChain } from 'viem/chains';
import { ROOT, deploy, freePort, startAnvil } from './devnet.mjs';

// CONCLAVE_DEVNET moves the file (tests run their own devnet beside a developer's); readDevnet() reads it there too.
const DEV_FILE = process.env.CONCLAVE_DEVNET ? path.resolve(process.env.CONCLAVE_DEVNET) : path.join(ROOT, '.dev', 'dev.json');
// Where this run keeps its state (the indexer's database, the tool server's vouchers, the agents' stores): beside a
// devnet file moved by CONCLAVE_DEVNET, so two devnets on one clone never share (or delete) each other's state.
const STATE_DIR = process.env.CONCLAVE_DEVNET ? path.dirname(DEV_FILE) : path.join(ROOT, '.dev');
const PGLITE_DIR = process.env.CONCLAVE_DEVNET ? path.join(STATE_DIR, 'pglite') : path.join(ROOT, 'indexer', '.ponder', 'dev-pglite');
const MNEMONIC = 'test test test test test test test test test test test junk';
const started = Date.now();
/** A progress line, with the seconds since start: the first run compiles for about a minute. */
const step = (message) => console.log(`[${String(Math.round((Date.now() - started) / 1000)).padStart(3)} s] ${message}`);

const WITH_AGENTS = process.argv.slice(2).includes('--agents');
const children = [];
/** The demo agents: stopped first, while the chain and the indexer they use still answer. */
const agents = [];
let stopping = false;

async function shutdown(code = 0) {
  if (stopping) return;
  stopping = true;
  console.log('\nStopping...');
  rmSync(DEV_FILE, { force: true });
  await Promise.allSettled(agents.map((a) => a.stop()));
  await Promise.allSettled(children.map((c) => c.stop()));
  console.log('Stopped everything.');
  process.exit(code);
}
process.on('SIGINT', () => shutdown(0));
process.on('SIGTERM', () => shutdown(0));

/** A typed proposal by the demo CEO, moved into its voting period. */
async function demoProposal(rpcUrl, deployment) {
  const account = mnemonicToAccount('test test test test test test test test test test test junk', { addressIndex: 1 });
  const wallet = createWalletClient({ account, chain: anvilChain, transport: http(rpcUrl) }).extend(publicActions);
  const test = createTestClient({ mode: 'anvil', chain: anvilChain, transport: http(rpcUrl) });
  await test.increaseTime({ seconds: 1 });
  await test.mine({ blocks: 1 });
  const governorAbi = parseAbi([
    'function proposeTyped(address[] targets, uint256[] values, bytes[] calldatas, string description, uint8 category, bool expedited) returns (uint256)',
    'function votingDelay() view returns (uint256)',
  ]);
  const data = encodeFunctionData({
    abi: parseAbi(['function setMaxSlashBps(uint256 bps)']),
    functionName: 'setMaxSlashBps',
    args: [4000n],
  });
  const hash = await wallet.writeContract({
    address: deployment.contracts.ConclaveGovernor,
    abi: governorAbi,
    functionName: 'proposeTyped',
    args: [[deployment.contracts.StakingVault], [0n], [data], 'Demo: lower the largest slash to 40 %', 1, false],
  });
  const receipt = await wallet.waitForTransactionReceipt({ hash });
  const [created] = parseEventLogs({
    abi: parseAbi(['event ProposalCreated(uint256 proposalId, address proposer, address[] targets, uint256[] values, string[] signatures, bytes[] calldatas, uint256 voteStart, uint256 voteEnd, string description)']),
    logs: receipt.logs,
  });
  const delay = await wallet.readContract({ address: deployment.contracts.ConclaveGovernor, abi: governorAbi, functionName: 'votingDelay' });
  await test.increaseTime({ seconds: Number(delay) + 1 });
  await test.mine({ blocks: 1 });
  return created.args.proposalId;
}

/**
 * Demo accountability: attested histories for the five demo agents, a funded reward epoch (0) moved into its claim
 * phase with the agents registered, and, later, a slash proposal in its veto window. Governance's two steps (naming a
 * validator, funding the epoch) are taken by impersonating the Timelock, which only a local anvil chain allows; on a
 * real chain they are Governor proposals.
 */
async function demoAccountability(rpcUrl, deployment) {
  const c = deployment.contracts;
  const mnemonic = 'test test test test test test test test test test test junk';
  const account = (i) => mnemonicToAccount(mnemonic, { addressIndex: i });
  const client = (i) => createWalletClient({ account: account(i), chain: anvilChain, transport: http(rpcUrl) }).extend(publicActions);
  const test = createTestClient({ mode: 'anvil', chain: anvilChain, transport: http(rpcUrl) });
  const send = async (wallet, call) => wallet.waitForTransactionReceipt({ hash: await wallet.writeContract(call) });
  const asTimelock = async (call) => {
    await test.impersonateAccount({ address: c.ConclaveTimelock });
    await test.setBalance({ address: c.ConclaveTimelock, value: 10n ** 18n });
    const wallet = createWalletClient({ account: c.ConclaveTimelock, chain: anvilChain, transport: http(rpcUrl) }).extend(publicActions);
    await send(wallet, call);
    await test.stopImpersonatingAccount({ address: c.ConclaveTimelock });
  };
  const validator = client(0);
  await asTimelock({ address: c.ReputationRegistry, abi: reputationRegistryAbi, functionName: 'setValidator', args: [validator.account.address, true] });
  // Twelve attested tasks per agent: the CMO (agent 5) completes few of them.
  const quality = { 1: [95, 90], 2: [90, 85], 3: [80, 75], 4: [85, 90], 5: [70, 20] };
  for (const agentId of [1n, 2n, 3n, 4n, 5n]) {
    for (let i = 0; i < 12; i++) {
      const [good, bad] = quality[agentId];
      const response = agentId === 5n ? (i % 3 === 0 ? good : bad) : i % 4 === 3 ? bad : good;
      const requestHash = keccak256(toHex(`demo-task-${agentId}-${i}`));
      await send(validator, {
        address: c.ReputationRegistry,
        abi: reputationRegistryAbi,
        functionName: 'attest',
        args: [agentId, requestHash, response, `https://demo.conclave.invalid/tasks/${agentId}/${i}.json`, requestHash, 'demo-task'],
      });
    }
  }
  // Epoch 0: 10,000 CNCL from the treasury; after it ends, the agents register and their rewards become claimable.
  const budget = 10_000n * 10n ** 18n;
  await asTimelock({ address: c.ConclaveTreasury, abi: conclaveTreasuryAbi, functionName: 'spend', args: [c.ConclaveToken, c.RewardsDistributor, budget] });
  await asTimelock({ address: c.RewardsDistributor, abi: rewardsDistributorAbi, functionName: 'fundEpoch', args: [0n, budget] });
  const r = { address: c.RewardsDistributor, abi: rewardsDistributorAbi };
  const start = await validator.readContract({ ...r, functionName: 'epochStart', args: [0n] });
  const { timestamp } = await validator.getBlock();
  await test.increaseTime({ seconds: Number(start + 7n * 86400n + 86400n - timestamp) });
  await test.mine({ blocks: 1 });
  for (const agentId of [1n, 2n, 3n, 4n, 5n]) await send(validator, { ...r, functionName: 'register', args: [0n, agentId] });
  await test.increaseTime({ seconds: 2 * 86400 });
  await test.mine({ blocks: 1 });
  return {
    /** The CLO (agent 4, account 4) proposes slashing the CMO (agent 5): it stays in its 3-day veto window. */
    proposeSlash: async () => {
      const receipt = await send(client(4), {
        address: c.SlashingManager,
        abi: slashingManagerAbi,
        functionName: 'proposeSlash',
        args: [5n, 500n * 10n ** 18n, 'https://demo.conclave.invalid/evidence/cmo-missed-tasks.json'],
      });
      const [proposed] = parseEventLogs({ abi: slashingManagerAbi, eventName: 'SlashProposed', logs: receipt.logs });
      return proposed.args.slashId;
    },
  };
}

/** Waits until the indexer answers ready and has indexed the chain's head, so "Ready" means the data is there. */
async function waitForIndexer(url, anvil, indexer) {
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (indexer.exited()) throw new Error('the indexer exited before it was ready (see its log above)');
    const head = Number(await anvil.rpc('eth_blockNumber'));
    const ready = await fetch(`${url}/ready`).then((r) => r.ok).catch(() => false);
    const status = ready ? await fetch(`${url}/status`).then((r) => r.json()).catch(() => ({})) : {};
    const block = Object.values(status)[0]?.block?.number ?? -1;
    if (ready && block >= head) return;
    if (Date.now() > deadline) throw new Error(`the indexer is not ready after 180 s (indexed block ${block}, head ${head})`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

function startIndexer(rpcUrl, port) {
  const dir = PGLITE_DIR;
  const child = spawn(path.join(ROOT, 'node_modules', '.bin', 'ponder'), ['start', '--schema', 'dev', '--port', String(port)], {
    cwd: path.join(ROOT, 'indexer'),
    // Ponder takes its port from PORT before --port: `PORT=8545 npm run dev` names anvil's port, not the indexer's.
    env: { ...process.env, PORT: String(port), RPC_URL: rpcUrl, PGLITE_DIR: dir, PONDER_TELEMETRY_DISABLED: 'true', DATABASE_URL: '' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  let exited = false;
  child.once('exit', () => (exited = true));
  return {
    pid: child.pid,
    exited: () => exited,
    stop: () =>
      new Promise((resolve) => {
        if (exited) return resolve();
        child.once('exit', resolve);
        child.kill('SIGTERM');
      }),
  };
}

/** The example paid tool server (examples/tool-server/server.mjs); resolves once it serves. */
async function startToolServer(rpcUrl, port) {
  const store = path.join(STATE_DIR, 'vouchers.log');
  await rm(store, { force: true });
  const child = spawn(process.execPath, [path.join(ROOT, 'examples', 'tool-server', 'server.mjs')], {
    cwd: ROOT,
    env: { ...process.env, RPC_URL: rpcUrl, PORT: String(port), STORE: store },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let exited = false;
  child.once('exit', () => (exited = true));
  const ready = await new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the tool server exited (${code}) before serving (see its log above)`)));
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line.startsWith('{')) resolve(JSON.parse(line));
      else console.log(line);
    });
  });
  return {
    ...ready,
    pid: child.pid,
    stop: () =>
      new Promise((resolve) => {
        if (exited) return resolve();
        child.once('exit', resolve);
        child.kill('SIGTERM');
      }),
  };
}

/** The five demo agents' parts: what each sells, and whose tool it buys (the next seat's, round the table). */
const DEMO_AGENTS = [
  { seat: 'CEO', sells: 'summary' },
  { seat: 'CTO', sells: 'slug' },
  { seat: 'CFO', sells: 'figures' },
  { seat: 'CLO', sells: 'risk-terms' },
  { seat: 'CMO', sells: 'hashtags' },
];
const AGENT_FUNDS = 1_000n * 10n ** 18n;

/** Account 0 sends the demo agents' owners CNCL to pay for tool calls (their demo stake took all they had). */
async function fundDemoAgents(rpcUrl, deployment) {
  const wallet = createWalletClient({ account: mnemonicToAccount(MNEMONIC), chain: anvilChain, transport: http(rpcUrl) }).extend(publicActions);
  for (let i = 1; i <= DEMO_AGENTS.length; i++) {
    const hash = await wallet.writeContract({
      address: deployment.contracts.ConclaveToken,
      abi: conclaveTokenAbi,
      functionName: 'transfer',
      args: [mnemonicToAccount(MNEMONIC, { addressIndex: i }).address, AGENT_FUNDS],
    });
    await wallet.waitForTransactionReceipt({ hash });
  }
}

/**
 * Starts the five demo agents (examples/agent) as processes, each with a configuration written beside the devnet
 * file. Their log lines are held back until `release()` (after the summary), then passed through.
 */
async function startAgents(basePort) {
  const dir = path.join(STATE_DIR, 'agents');
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const held = [];
  let released = false;
  const print = (line) => (released ? console.log(line) : held.push(line));
  const started = [];
  for (const [i, { seat, sells }] of DEMO_AGENTS.entries()) {
    const next = DEMO_AGENTS[(i + 1) % DEMO_AGENTS.length];
    const config = {
      name: seat,
      devnet: DEV_FILE,
      account: i + 1,
      agentId: String(i + 1),
      port: basePort + i,
      dataDir: path.join(dir, seat),
      tickSeconds: 5,
      sell: { tool: sells, price: '0.01', redeemThreshold: '0.05' },
      buy: { providerAgentId: String(((i + 1) % DEMO_AGENTS.length) + 1), tool: next.sells, everySeconds: 10 },
    };
    const file = path.join(dir, `${seat}.json`);
    await writeFile(file, `${JSON.stringify(config, null, 2)}\n`);
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'examples', 'agent', 'src', 'main.ts'), '--config', file], {
      cwd: ROOT,
      env: process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    createInterface({ input: child.stdout }).on('line', print);
    createInterface({ input: child.stderr }).on('line', print);
    let exited = false;
    child.once('exit', (code, signal) => {
      exited = true;
      if (!stopping) print(`agent ${seat} exited (${signal ?? code})`);
    });
    const agent = {
      seat,
      sells,
      buys: `${next.sells} from agent ${config.buy.providerAgentId}`,
      agentId: i + 1,
      url: `http://127.0.0.1:${config.port}`,
      pid: child.pid,
      exited: () => exited,
      stop: () =>
        new Promise((resolve) => {
          if (exited) return resolve();
          child.once('exit', resolve);
          child.kill('SIGTERM');
        }),
    };
    started.push(agent);
    agents.push(agent);
  }
  const deadline = Date.now() + 90_000;
  for (const agent of started) {
    for (;;) {
      if (agent.exited()) throw new Error(`agent ${agent.seat} exited before it was ready:\n${held.join('\n')}`);
      const status = await fetch(`${agent.url}/health`).then((r) => r.status, () => 0);
      if (status === 200) break;
      if (Date.now() > deadline) {
        print(`agent ${agent.seat} is not healthy after 90 s (GET ${agent.url}/health answers ${status})`);
        break;
      }
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  return {
    agents: started,
    release: () => {
      released = true;
      for (const line of held.splice(0)) console.log(line);
    },
  };
}

/** The newest modification time of a file under `dir` (0 when there is none). */
function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) latest = Math.max(latest, statSync(path.join(entry.parentPath ?? entry.path, entry.name)).mtimeMs);
  }
  return latest;
}

/** Builds a workspace package when its sources are newer than its build (`npm ci` builds them once). */
async function buildIfStale(workspace) {
  const dir = path.join(ROOT, workspace);
  const built = (() => {
    try {
      return statSync(path.join(dir, 'dist', 'index.js')).mtimeMs;
    } catch {
      return 0;
    }
  })();
  if (built > Math.max(newest(path.join(dir, 'src')), statSync(path.join(dir, 'package.json')).mtimeMs)) return;
  step(`Building ${workspace}/ (its sources changed since its last build)`);
  await new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', 'build', '--silent', '-w', workspace], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`building ${workspace}/ failed:\n${output}`))));
  });
}

/** Anvil's accounts as the demo uses them, with their keys (anvil's well-known test mnemonic: never use on a real chain). */
function demoAccounts() {
  const labels = [
    'deployer; holds the unallocated CNCL; the demo validator',
    'owner of agent 1 (CEO)',
    'owner of agent 2 (CTO), the example tool server',
    'owner of agent 3 (CFO)',
    'owner of agent 4 (CLO)',
    'owner of agent 5 (CMO)',
    'guardian owner',
    'guardian owner',
    'guardian owner',
    'guardian owner',
  ];
  return labels.map((label, index) => {
    const account = mnemonicToAccount(MNEMONIC, { addressIndex: index });
    return { index, address: account.address, privateKey: toHex(account.getHdKey().privateKey), label };
  });
}

/** Whether something answers on 127.0.0.1:`port`. */
const answers = (port) => fetch(`http://127.0.0.1:${port}`, { method: 'POST' }).then(() => true, (e) => e.cause?.code !== 'ECONNREFUSED');

/** 8545 unless it is taken (then a free port), or PORT, which must be free: anvil cannot bind a taken port, and the
 * deployment would then go to whatever answers there (another devnet's chain). */
async function anvilPort() {
  if (process.env.PORT) {
    const port = Number(process.env.PORT);
    if (await answers(port)) throw new Error(`PORT=${port} is taken (another devnet?): choose another port`);
    return port;
  }
  return (await answers(8545)) ? freePort() : 8545;
}

const AGENTS_PORT = Number(process.env.AGENTS_PORT ?? 4101);

try {
  step('Starting Conclave on a local chain');
  for (let port = AGENTS_PORT; WITH_AGENTS && port < AGENTS_PORT + DEMO_AGENTS.length; port++) {
    if (await answers(port)) throw new Error(`port ${port} is taken: choose the agents' first port with AGENTS_PORT`);
  }
  for (const workspace of ['sdk', 'x402']) await buildIfStale(workspace);
  step('Starting anvil');
  const port = await anvilPort();
  // Automine by default (a block per transaction); BLOCK_TIME=N mines every N seconds instead.
  const args = process.env.BLOCK_TIME ? ['--block-time', process.env.BLOCK_TIME] : [];
  const anvil = await startAnvil({ port, args });
  children.push(anvil);
  step(`anvil answers on ${anvil.url}; compiling and deploying the protocol (script/Deploy.s.sol; the first run compiles for about a minute)`);

  const deployment = await deploy({ rpcUrl: anvil.url, demo: true, onLine: (line) => /Compil/.test(line) && step(`  forge: ${line.trim()}`) });
  step(`Deployed (deployments/${deployment.chainId}.json); seeding the demo: attested tasks, a reward epoch, a proposal, a slash`);
  // Rewards need the clock moved past an epoch: before the demo proposal, which must stay in its voting period.
  const accountability = await demoAccountability(anvil.url, deployment);
  const proposalId = await demoProposal(anvil.url, deployment);
  const slashId = await accountability.proposeSlash();

  step('Starting the example tool server');
  const tools = await startToolServer(anvil.url, Number(process.env.TOOLS_PORT ?? 4021));
  children.push(tools);

  // The chain is new on every run: so is the indexer's database.
  await rm(PGLITE_DIR, { recursive: true, force: true });
  const indexerPort = Number(process.env.INDEXER_PORT ?? 42069);
  step('Starting the indexer (Ponder on PGlite) and waiting until it has indexed the chain');
  const indexer = startIndexer(anvil.url, indexerPort);
  children.push(indexer);

  await waitForIndexer(`http://127.0.0.1:${indexerPort}`, anvil, indexer);
  const indexerUrl = `http://127.0.0.1:${indexerPort}`;
  const accounts = demoAccounts();
  const info = {
    chainId: deployment.chainId,
    rpcUrl: anvil.url,
    indexerUrl,
    graphqlUrl: `${indexerUrl}/graphql`,
    sqlUrl: `${indexerUrl}/sql`,
    toolServerUrl: tools.url,
    deployment,
    accounts,
    agents: Object.fromEntries(['CEO', 'CTO', 'CFO', 'CLO', 'CMO'].map((seat, i) => [seat, { agentId: String(i + 1), account: i + 1 }])),
    demo: { proposalId: String(proposalId), slashId: String(slashId), rewardEpoch: '0', tools: Object.fromEntries(Object.entries(tools.tools).map(([k, v]) => [k, String(v)])) },
    pid: process.pid,
  };
  await mkdir(path.dirname(DEV_FILE), { recursive: true });
  await writeFile(DEV_FILE, `${JSON.stringify(info, null, 2)}\n`);

  let demoAgents;
  if (WITH_AGENTS) {
    step('Starting the five demo agents (examples/agent): 1,000 CNCL each from account 0 to pay for tool calls');
    await fundDemoAgents(anvil.url, deployment);
    demoAgents = await startAgents(AGENTS_PORT);
  }

  console.log('');
  console.log(`anvil        ${anvil.url} (chain 31337, pid ${anvil.pid})`);
  console.log(`deployment   deployments/${deployment.chainId}.json (start block ${deployment.startBlock})`);
  for (const [name, address] of Object.entries(deployment.contracts)) console.log(`  ${name.padEnd(22)} ${address}`);
  console.log(`indexer      GraphQL ${info.graphqlUrl}  SQL ${info.sqlUrl} (pid ${indexer.pid})`);
  const toolList = Object.entries(tools.tools).map(([name, id]) => `${name} (tool ${id})`).join(', ');
  console.log(`tools        ${tools.url}: ${toolList} by agent ${tools.agentId}, over HTTP (/tools/<name>) and MCP (${tools.mcp}) (pid ${tools.pid})`);
  console.log('demo         CEO, CTO, CFO, CLO, CMO: agents 1-5 owned by accounts 1-5, 10,000 CNCL staked each;');
  console.log('             12 attested tasks each (validator: account 0); reward epoch 0 claimable (10,000 CNCL);');
  console.log(`             proposal ${proposalId} in its voting period;`);
  console.log(`             slash ${slashId} (the CLO's, of the CMO) in its 3-day veto window`);
  if (demoAgents) {
    for (const [i, a] of demoAgents.agents.entries()) {
      const head = i === 0 ? 'agents      ' : '            ';
      console.log(`${head} ${a.seat} agent ${a.agentId}  ${a.url}/health  sells ${a.sells}, buys ${a.buys} (pid ${a.pid})`);
    }
    const where = path.relative(ROOT, path.join(STATE_DIR, 'agents'));
    console.log(`             configurations and stores in ${where.startsWith('..') ? path.join(STATE_DIR, 'agents') : where}; their log lines follow "Ready"`);
  }
  console.log('accounts     anvil\'s test mnemonic ("test test ... junk"); never use these keys on a real chain');
  for (const a of accounts) console.log(`  ${String(a.index).padStart(2)} ${a.address} ${a.privateKey} ${a.label}`);
  console.log(`\nWritten to ${path.relative(ROOT, DEV_FILE)}: readDevnet() from '@conclave/sdk/devnet' and the CLI (npx conclave) read it.`);
  console.log('             npm run demo:pay   pays for 100 calls from agent 5 and shows the revenue in the indexer');
  step('Ready. Press Ctrl-C to stop.');
  demoAgents?.release();
} catch (error) {
  console.error(error.message ?? error);
  await shutdown(1);
}
