// The CLI end to end: the built dist/cli.js (and `npx conclave` for the README's block) against a real anvil with
// the protocol deployed, checking what each command did on chain. One file, in order: the README block needs the
// fresh chain (its new agent is agent 6).
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { channelIdOf, computeCid, createChannelProvider, signVoucher } from '@conclave/sdk';
import { fileStore } from '@conclave/x402';
import { type Hex, encodeFunctionData, getAddress, parseAbi, parseEther } from 'viem';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ROOT, type Run, account, addresses, chain, cliEnv, conclave, devnetFile, json, ok, scratch, wallet } from './helpers.js';

const README_MARKER = '<!-- README snippet: cli';

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The `sh` block after the marker, from cli/README.md and (once pasted there) the repository's README. */
function snippets(): { file: string; block: string }[] {
  const found: { file: string; block: string }[] = [];
  for (const file of [path.join(ROOT, 'cli', 'README.md'), path.join(ROOT, 'README.md')]) {
    const text = readFileSync(file, 'utf8');
    const match = /<!-- README snippet: cli[^\n]*-->\n```sh\n([\s\S]*?)\n```/.exec(text);
    if (match) found.push({ file, block: match[1]! });
    else if (text.includes(README_MARKER)) throw new Error(`${file} has the marker but no sh block after it`);
  }
  return found;
}

function bash(script: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(
      'bash',
      ['-c', `set -euo pipefail\n${script}`],
      // From the repository root, as the README says; npm may not go to the registry for `npx conclave`.
      { cwd: ROOT, env: cliEnv({ npm_config_offline: 'true', npm_config_update_notifier: 'false' }), timeout: 120_000 },
      (error, stdout, stderr) => resolve({ code: error ? 1 : 0, output: `${stdout}\n${stderr}` }),
    );
  });
}

describe('the README walk-through, exactly as printed', () => {
  test('registers agent 6, and takes a proposal from propose to executed', async () => {
    const [first, ...others] = snippets();
    expect(first?.file).toBe(path.join(ROOT, 'cli', 'README.md'));
    for (const other of others) expect(other.block, `${other.file} differs from cli/README.md`).toBe(first!.block);
    // `npx conclave` must be this workspace's command, never a package from the registry.
    const bin = path.join(ROOT, 'node_modules', '.bin', 'conclave');
    expect(existsSync(bin), 'node_modules/.bin/conclave is missing: run npm install').toBe(true);
    expect(realpathSync(bin)).toBe(path.join(ROOT, 'cli', 'bin', 'conclave.js'));

    const { code, output } = await bash(first!.block);
    expect(code, output).toBe(0);
    const id = /^id=(\d+)/m.exec(first!.block)![1]!;
    const expected = [
      /Chain\s+31337 \(local devnet\)/,
      /0xFABB0ac9d68B0B445fB7357272Ff202C5651694a now holds [\d,.]+ ETH and 6,000 CNCL/,
      /Registered agent 6 \(Specialized\), owned by 0xFABB0ac9d68B0B445fB7357272Ff202C5651694a, 5,000 CNCL staked/,
      /Stake\s+5,000 CNCL/,
      new RegExp(`Proposal ${id} \\(EconomicParameter\\)\\n  Pending: voting opens in 2 d \\(`),
      new RegExp(`proposal ${id}: Active: voting closes in (7 d|6 d 23 h) \\(`),
      new RegExp(`Voted For on proposal ${id} with 10,000 CNCL`),
      /Advanced 7 d/,
      new RegExp(`Queued proposal ${id}\\n  Queued: executable in (2 d|47 h) \\(`),
      /Advanced 2 d/,
      new RegExp(`Executed proposal ${id}\\n  Executed`),
      /State\s+Executed\n\s+Description\s+Cap a slash at 30 %\n/,
      /"agentId": "6",\n\s+"owner": "0xFABB0ac9d68B0B445fB7357272Ff202C5651694a"/,
    ];
    let rest = output;
    for (const pattern of expected) {
      const match = pattern.exec(rest);
      expect(match, `${pattern} not found (in order) in:\n${output}`).not.toBeNull();
      rest = rest.slice(match!.index + match![0].length);
    }
    const c = chain();
    expect((await c.getProposal({ proposalId: BigInt(id) })).state).toBe('Executed');
    expect((await c.getParameters()).maxSlashBps).toBe(3000n);
    expect(await c.getAgent({ agentId: 6n })).toMatchObject({ owner: account(12).address, stake: parseEther('5000'), active: true });
  });
});

describe('status and the chain options', () => {
  test('status names the chain, the block and the deployed contracts; --json has them all', async () => {
    const deployment = JSON.parse(readFileSync(devnetFile(), 'utf8')).deployment;
    const human = await ok(['status']);
    expect(human).toMatch(/Chain\s+31337 \(local devnet\)/);
    expect(human).toContain(`StakingVault        ${deployment.contracts.StakingVault}`);
    expect(human).toMatch(/Indexer\s+http:\/\/127\.0\.0\.1:9 \(not answering/);
    const status = await json<{ chainId: number; block: string; contracts: Record<string, string> }>(['status']);
    expect(status.chainId).toBe(31337);
    expect(BigInt(status.block)).toBe(await chain().getBlockNumber());
    expect(status.contracts).toEqual(deployment.contracts);
  });

  test('a devnet file with only the URLs (what `npm run dev` wrote before DevnetInfo) uses the bundled deployment', async () => {
    const info = JSON.parse(readFileSync(devnetFile(), 'utf8'));
    const file = path.join(scratch, 'dev-urls-only.json');
    writeFileSync(file, JSON.stringify({ rpcUrl: info.rpcUrl, indexerUrl: info.indexerUrl, toolServerUrl: info.toolServerUrl }));
    const status = await json<{ deployment: string; contracts: Record<string, string>; signer: string }>(['--account', '1', 'status'], {
      CONCLAVE_DEVNET: file,
    });
    expect(status.deployment).toBe('bundled with @conclave/sdk (deployments/31337.json)');
    // The deploy script is deterministic on a fresh anvil: the bundled addresses are the test deployment's.
    expect(status.contracts).toEqual(info.deployment.contracts);
    // --account without keys in the file: anvil's default mnemonic.
    expect(status.signer).toBe(account(1).address);
  });

  test('--rpc-url and --deployment name the chain without a devnet file', async () => {
    const info = JSON.parse(readFileSync(devnetFile(), 'utf8'));
    const file = path.join(scratch, 'deployment.json');
    writeFileSync(file, JSON.stringify(info.deployment));
    const status = await json<{ rpcUrl: string; deployment: string; contracts: Record<string, string> }>(
      ['--rpc-url', info.rpcUrl, '--deployment', file, 'status'],
      { CONCLAVE_DEVNET: undefined },
    );
    expect(status).toMatchObject({ rpcUrl: info.rpcUrl, deployment: file, contracts: info.deployment.contracts });
  });
});

describe('agents', () => {
  let agentId: bigint;
  const owner = 14;

  beforeAll(async () => {
    await ok(['devnet', 'fund', account(owner).address, '--cncl', '20000']);
  });

  test('register and stake, unstake, withdraw after the unbonding period, and the status of it all', async () => {
    const registered = await json<{ agentId: string }>(['--account', String(owner), 'agent', 'register', '--uri', 'https://example.com/a.json']);
    agentId = BigInt(registered.agentId);
    expect(await chain().getAgent({ agentId })).toMatchObject({ owner: account(owner).address, role: 'Utility', stake: 0n });

    const staked = await ok(['--account', String(owner), 'agent', 'stake', String(agentId), '6000.5']);
    expect(staked).toContain(`Staked 6,000.5 CNCL for agent ${agentId}: its stake is 6,000.5 CNCL`);
    expect((await chain().getAgent({ agentId })).stake).toBe(parseEther('6000.5'));

    const unstake = await json<{ requestId: string }>(['--account', String(owner), 'agent', 'unstake', String(agentId), '1000']);
    const requestId = BigInt(unstake.requestId);
    expect(await chain().getUnbondingRequest({ requestId })).toMatchObject({ agentId, amount: parseEther('1000') });

    const status = await ok(['agent', 'status', String(agentId)]);
    expect(status).toMatch(/Stake\s+5,000\.5 CNCL/);
    expect(status).toMatch(/Unbonding\s+1,000 CNCL/);
    expect(status).toMatch(new RegExp(`Request ${requestId}\\s+1,000 CNCL, withdrawable in 14 d \\(`));
    const asJson = await json<{ stake: string; role: string; tier: string; unstakeRequests: { requestId: string }[] }>(['agent', 'status', String(agentId)]);
    // Registered as Utility (the default role): its tier stays Utility whatever it stakes.
    expect(asJson).toMatchObject({ stake: parseEther('5000.5').toString(), role: 'Utility', tier: 'Utility' });
    expect(asJson.unstakeRequests.map((r) => r.requestId)).toEqual([String(requestId)]);

    // Too early: the vault's custom error, decoded, in one line.
    const early = revert(await conclave(['--account', String(owner), 'agent', 'withdraw', String(agentId), String(requestId)]), 'StakingStillUnbonding');
    expect(early).toContain(String(requestId));

    await ok(['devnet', 'advance', '14d']);
    const balance = () => chain().readContract({ address: addresses().token, abi: erc20, functionName: 'balanceOf', args: [account(owner).address] });
    const before = await balance();
    const withdrawn = await ok(['--account', String(owner), 'agent', 'withdraw', String(agentId), String(requestId)]);
    expect(withdrawn).toContain(`Withdrew 1,000 CNCL of unstake request ${requestId} (agent ${agentId})`);
    expect((await balance()) - before).toBe(parseEther('1000'));
    expect(await chain().getUnbondingRequest({ requestId })).toBeNull();
    expect(await ok(['agent', 'status', String(agentId)])).not.toMatch(/Request \d/);
  });

  test('register with --stake and --operator names the operator in the same transaction', async () => {
    const operator = account(15).address;
    const r = await json<{ agentId: string }>([
      '--account', String(owner), 'agent', 'register', '--uri', 'https://example.com/b.json', '--role', 'Specialized', '--stake', '5000', '--operator', operator,
    ]);
    expect(await chain().getAgent({ agentId: BigInt(r.agentId) })).toMatchObject({ operator, stake: parseEther('5000'), tier: 'Specialized' });
  });

  test('delegate moves the votes', async () => {
    const to = account(16).address;
    const out = await ok(['--account', String(owner), 'delegate', to]);
    expect(out).toContain(`${account(owner).address} delegates to ${to}, which now has 10,000.5 CNCL of votes`);
    expect((await chain().getVotes({ account: to })).votes).toBe(parseEther('10000.5'));
    await ok(['--account', String(owner), 'delegate', account(owner).address]);
    expect((await chain().getVotes({ account: to })).votes).toBe(0n);
  });
});

const erc20 = parseAbi(['function balanceOf(address) view returns (uint256)']);

/**
 * A failed run that reports the contract's custom error `errorName` decoded, in one or two lines (the SDK's
 * `Name(values)`, then what it means where it says), with no stack and nothing on stdout. Returns stderr.
 */
function revert(run: Run, errorName: string): string {
  expect(run.code, run.stderr).toBe(1);
  expect(run.stdout).toBe('');
  expect(run.stderr).toMatch(new RegExp(`^error: ${errorName}\\([^\\n]*\\)\\n( {2}[^\\n]+\\n)?$`));
  return run.stderr;
}

describe('governance', () => {
  test('actions from a JSON file, decoded by show; the state in words as the vote goes against it', async () => {
    const file = path.join(scratch, 'actions.json');
    const unbonding = encodeFunctionData({ abi: parseAbi(['function setUnbondingPeriod(uint256)']), functionName: 'setUnbondingPeriod', args: [20n * 86_400n] });
    writeFileSync(
      file,
      JSON.stringify([
        { target: 'vault', signature: 'setMaxSlashBps(uint256)', args: ['4500'] },
        { target: addresses().vault, data: unbonding },
      ]),
    );
    const proposed = await json<{ proposalId: string; category: string; state: string }>([
      '--account', '3', 'proposal', 'propose', '--description', 'Two vault parameters', '--actions', file,
    ]);
    expect(proposed).toMatchObject({ category: 'EconomicParameter', state: 'Pending' });
    const id = proposed.proposalId;

    const pending = await ok(['proposal', 'show', id]);
    expect(pending).toMatch(/State\s+Pending: voting opens in (2 d|47 h) \(\d{4}-\d\d-\d\d \d\d:\d\d UTC\)/);
    expect(pending).toMatch(/Description\s+Two vault parameters\n/);
    expect(pending).toContain('Actions      vault.setMaxSlashBps(4500)');
    expect(pending).toContain('vault.setUnbondingPeriod(1728000)');
    expect(pending).toMatch(/Quorum\s+4 % of the stake at the snapshot/);

    // Too early to vote: the Governor's error, with the state in words on a second line.
    const early = revert(await conclave(['--account', '3', 'proposal', 'vote', id, 'for']), 'GovernorUnexpectedProposalState');
    expect(early).toContain(id);
    expect(early).toContain('Pending');

    const advanced = await ok(['devnet', 'advance', '--to-voting', id]);
    expect(advanced).toMatch(new RegExp(`proposal ${id}: Active: voting closes in (7 d|6 d 23 h)`));
    expect((await chain().getProposal({ proposalId: BigInt(id) })).state).toBe('Active');

    await ok(['--account', '3', 'proposal', 'vote', id, 'against', '--reason', 'too long']);
    const vote = await json<{ support: string; weight: string }>(['--account', '5', 'proposal', 'vote', id, 'abstain']);
    expect(vote).toMatchObject({ support: 'Abstain', weight: parseEther('10000').toString() });
    expect((await chain().getProposal({ proposalId: BigInt(id) })).votes).toEqual({
      for: 0n,
      against: parseEther('10000'),
      abstain: parseEther('10000'),
    });

    await ok(['devnet', 'advance', '7d']);
    const defeated = await json<{ state: string; stateText: string }>(['proposal', 'show', id]);
    expect(defeated).toMatchObject({ state: 'Defeated', stateText: 'Defeated: not enough votes for it' });
    expect(revert(await conclave(['--account', '3', 'proposal', 'queue', id]), 'GovernorUnexpectedProposalState')).toContain('Defeated');
  });

  test('a proposal with no action, or a call that does not parse, is refused before anything is sent', async () => {
    const none = await conclave(['--account', '1', 'proposal', 'propose', '--description', 'nothing']);
    expect(none).toMatchObject({ code: 1, stderr: 'error: a proposal needs at least one action: --call or --actions\n' });
    const bad = await conclave(['--account', '1', 'proposal', 'propose', '--description', 'x', '--call', 'vault:setMaxSlashBps(uint256):lots']);
    expect(bad.stderr).toBe("error: --call 'vault:setMaxSlashBps(uint256):lots' argument 1 must be an integer for uint256 (got 'lots')\n");
  });
});

describe('devnet', () => {
  test('fund adds ETH and sends CNCL from account 0', async () => {
    const to = '0x000000000000000000000000000000000000c11a';
    const out = await json<{ eth: string; cncl: string }>(['devnet', 'fund', to, '--eth', '2.5', '--cncl', '1234.5']);
    expect(out).toMatchObject({ eth: parseEther('2.5').toString(), cncl: parseEther('1234.5').toString() });
    expect(await chain().getBalance({ address: to })).toBe(parseEther('2.5'));
    expect(await chain().readContract({ address: addresses().token, abi: erc20, functionName: 'balanceOf', args: [to] })).toBe(parseEther('1234.5'));
    expect(await ok(['devnet', 'fund', to])).toBe(`${getAddress(to)} now holds 12.5 ETH and 1,234.5 CNCL\n`);
  });

  test('advance moves the chain clock by the duration given', async () => {
    const before = (await chain().getBlock()).timestamp;
    await ok(['devnet', 'advance', '1d12h']);
    const after = (await chain().getBlock()).timestamp;
    expect(after - before).toBeGreaterThanOrEqual(36n * 3600n);
    expect(after - before).toBeLessThan(36n * 3600n + 60n);
    const bad = await conclave(['devnet', 'advance', 'soon']);
    expect(bad.stderr).toBe("error: duration must look like 48h, 7d, 90m, 1d12h or 30s (got 'soon')\n");
  });
});

describe('tools', () => {
  test('register, list, price, pause and resume, checked on chain', async () => {
    const { uri } = await computeCid({ name: 'shout', description: 'Upper-cases a text' });
    const listed = await json<{ toolId: string }>([
      '--account', '2', 'tool', 'register', '--provider', '2', '--uri', uri, '--endpoint', 'http://127.0.0.1:4022/shout', '--price', '0.01',
    ]);
    const toolId = BigInt(listed.toolId);
    expect(await chain().getTool({ toolId })).toMatchObject({ providerAgentId: 2n, pricePerCall: parseEther('0.01'), status: 'active', metadataURI: uri });

    const list = await ok(['tool', 'list', '--provider', '2']);
    expect(list).toMatch(new RegExp(`tool ${toolId}\\s+agent 2\\s+active\\s+0\\.01 CNCL per call  http://127\\.0\\.0\\.1:4022/shout`));
    const all = await json<{ toolId: string }[]>(['tool', 'list']);
    expect(all.map((t) => t.toolId)).toContain(String(toolId));
    expect(await json<unknown[]>(['tool', 'list', '--provider', '3'])).toEqual([]);

    expect(await ok(['--account', '2', 'tool', 'price', String(toolId), '0.02'])).toContain(`Tool ${toolId} now costs 0.02 CNCL per call`);
    expect((await chain().getTool({ toolId })).pricePerCall).toBe(parseEther('0.02'));

    await ok(['--account', '2', 'tool', 'pause', String(toolId)]);
    expect(await chain().getTool({ toolId })).toMatchObject({ status: 'paused', servable: false });
    expect(await ok(['tool', 'show', String(toolId)])).toMatch(/Status\s+paused, not servable/);

    // Another agent's owner may not touch it: the registry's error, decoded.
    const stranger = revert(await conclave(['--account', '3', 'tool', 'resume', String(toolId)]), 'ToolNotProvider');
    expect(stranger.toLowerCase()).toContain(account(3).address.toLowerCase());

    await ok(['--account', '2', 'tool', 'resume', String(toolId)]);
    expect(await chain().getTool({ toolId })).toMatchObject({ status: 'active', servable: true });
  });
});

describe('channels and redemption', () => {
  const consumer = 17;
  const providerOwner = 2; // owns agent 2, the demo CTO

  beforeAll(async () => {
    await ok(['devnet', 'fund', account(consumer).address, '--cncl', '100']);
  });

  test('open, show, close, and withdraw the rest after the challenge window', async () => {
    const opened = await json<{ channelId: Hex; terms: { providerAgentId: string; consumer: string } }>([
      '--account', String(consumer), 'channel', 'open', '--provider', '2', '--deposit', '10',
    ]);
    const { channelId } = opened;
    expect(opened.terms).toMatchObject({ providerAgentId: '2', consumer: account(consumer).address });
    expect(await chain().getChannel({ channelId })).toMatchObject({ status: 'open', deposit: parseEther('10') });
    expect(await ok(['channel', 'show', channelId])).toMatch(/Status\s+open\n\s+Consumer\s+0x/);

    const close = await ok(['--account', String(consumer), 'channel', 'close', channelId]);
    expect(close).toMatch(/the provider may redeem until .* \(in 24 h\)/);
    expect((await chain().getChannel({ channelId })).status).toBe('closing');

    expect(revert(await conclave(['--account', String(consumer), 'channel', 'withdraw', channelId]), 'EscrowChallengeWindowOpen')).toContain(channelId);

    await ok(['devnet', 'advance', '24h']);
    const balance = () => chain().readContract({ address: addresses().token, abi: erc20, functionName: 'balanceOf', args: [account(consumer).address] });
    const before = await balance();
    expect(await ok(['--account', String(consumer), 'channel', 'withdraw', channelId])).toContain(`Closed channel ${channelId}: 10 CNCL back to`);
    expect((await balance()) - before).toBe(parseEther('10'));
    expect((await chain().getChannel({ channelId })).status).toBe('closed');
  });

  test('provider redeem: from an x402 fileStore, from a voucher file, and a closing channel redeemed and closed', async () => {
    const opened = await json<{ channelId: Hex; terms: Record<string, string> }>([
      '--account', String(consumer), 'channel', 'open', '--provider', '2', '--deposit', '5',
    ]);
    const { channelId } = opened;
    const terms = {
      consumer: opened.terms.consumer as Hex,
      providerAgentId: BigInt(opened.terms.providerAgentId!),
      token: opened.terms.token as Hex,
      voucherKey: opened.terms.voucherKey as Hex,
      salt: BigInt(opened.terms.salt!),
    };
    expect(channelIdOf(terms)).toBe(channelId);
    const domain = { chainId: 31337, escrow: addresses().escrow };
    const sign = (amount: string) => signVoucher(account(consumer), { ...domain, channelId, cumulativeAmount: parseEther(amount) });

    // The provider's server side: its x402 file store holds the newest voucher it accepted.
    const storePath = path.join(scratch, 'vouchers.log');
    const accept = async (amount: string) => {
      const store = fileStore(storePath, { fsync: false });
      const provider = await createChannelProvider(wallet(providerOwner), { providerAgentId: 2n, store, addresses: addresses() });
      const accepted = await provider.accept({ terms, voucher: await sign(amount), price: parseEther('0.01'), token: terms.token });
      await accepted.commit();
      await provider.stop();
      store.close();
    };
    await accept('0.3');

    const noKey = await conclave(['provider', 'redeem', '--store', storePath]);
    expect(noKey.stderr).toMatch(/^error: this command sends a transaction and needs a key/);
    expect((await chain().getChannel({ channelId })).paid).toBe(0n);

    const first = await ok(['--account', String(providerOwner), 'provider', 'redeem', '--store', storePath]);
    expect(first).toMatch(/^Redeemed 0\.3 CNCL for agent 2 \(protocol fee [\d.]+ CNCL, [\d.]+ CNCL paid out\)\n  1 channel\(s\) of agent 2: transaction 0x[0-9a-f]{64}\n$/);
    expect((await chain().getChannel({ channelId })).paid).toBe(parseEther('0.3'));
    expect(await ok(['--account', String(providerOwner), 'provider', 'redeem', '--store', storePath, '--provider', '2'])).toBe(
      'Nothing owed to agent 2: every stored voucher is redeemed\n',
    );
    const otherProvider = await conclave(['--account', String(providerOwner), 'provider', 'redeem', '--store', storePath, '--provider', '3']);
    expect(otherProvider.stderr).toMatch(/^error: no vouchers of agent 3 for this chain's escrow/);

    // A voucher handed over as JSON, bigints as decimal strings.
    const voucher = await sign('0.5');
    const voucherFile = path.join(scratch, 'voucher.json');
    writeFileSync(voucherFile, JSON.stringify({ terms, voucher }, (_, v) => (typeof v === 'bigint' ? v.toString() : v)));
    const second = await json<{ amount: string }>(['--account', String(providerOwner), 'provider', 'redeem', '--voucher', voucherFile]);
    expect(second.amount).toBe(parseEther('0.2').toString());
    expect((await chain().getChannel({ channelId })).paid).toBe(parseEther('0.5'));

    // The consumer asks to close while the provider holds a newer voucher: redeemed and closed at once.
    await accept('0.7');
    await ok(['--account', String(consumer), 'channel', 'close', channelId]);
    await ok(['--account', String(providerOwner), 'provider', 'redeem', '--store', storePath]);
    expect(await chain().getChannel({ channelId })).toMatchObject({ status: 'closed', paid: parseEther('0.7') });
  });
});

describe('errors', () => {
  test('a write without a key fails in one line, and sends nothing', async () => {
    const c = chain();
    const [block, nonce] = await Promise.all([c.getBlockNumber(), c.getTransactionCount({ address: account(1).address })]);
    const run = await conclave(['agent', 'stake', '1', '10']);
    expect(run).toEqual({
      code: 1,
      stdout: '',
      stderr: 'error: this command sends a transaction and needs a key: --private-key <key>, CONCLAVE_PRIVATE_KEY, or --account <n> on the devnet\n',
    });
    expect(await c.getBlockNumber()).toBe(block);
    expect(await c.getTransactionCount({ address: account(1).address })).toBe(nonce);
  });

  test('a key from CONCLAVE_PRIVATE_KEY or --private-key signs', async () => {
    const key = readDevnetKey(1);
    await ok(['devnet', 'fund', account(1).address, '--cncl', '2']);
    const before = (await chain().getAgent({ agentId: 1n })).stake;
    await ok(['agent', 'stake', '1', '1'], { CONCLAVE_PRIVATE_KEY: key });
    await ok(['--private-key', key, 'agent', 'stake', '1', '1']);
    expect((await chain().getAgent({ agentId: 1n })).stake - before).toBe(parseEther('2'));
  });

  test('a revert is its decoded custom error in one line; with --json an error object on stderr', async () => {
    const stderr = revert(await conclave(['--account', '1', 'agent', 'unstake', '1', '999999']), 'StakingInsufficientStake');
    expect(stderr).toContain('999999000000000000000000');

    const asJson = await conclave(['--json', '--account', '1', 'agent', 'unstake', '1', '999999']);
    expect(asJson.code).toBe(1);
    expect(asJson.stdout).toBe('');
    const { error } = JSON.parse(asJson.stderr);
    expect(error).toMatchObject({ name: 'ConclaveContractError', errorName: 'StakingInsufficientStake' });
    expect(error.args[2]).toBe('999999000000000000000000');
  });

  test('the SDK refusing an input is its message; a bad amount or id is named', async () => {
    const uri = await conclave(['--account', '1', 'agent', 'register', '--uri', 'ftp://example.com/a.json']);
    expect(uri.stderr).toMatch(/^error: Invalid agentURI: [^\n]+\n$/);
    const amount = await conclave(['--account', '1', 'agent', 'stake', '1', 'lots']);
    expect(amount.stderr).toBe("error: amount must be a decimal number of tokens such as 5000 or 0.01 (got 'lots')\n");
    expect(revert(await conclave(['agent', 'status', '999']), 'ERC721NonexistentToken')).toContain('999');
  });

  test("commander's messages for an unknown command, a bad choice and a missing option", async () => {
    const unknown = await conclave(['frobnicate']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/^error: unknown command 'frobnicate'/);
    const choice = await conclave(['--account', '1', 'proposal', 'vote', '1', 'maybe']);
    expect(choice.code).toBe(1);
    expect(choice.stderr).toMatch(/error: command-argument value 'maybe' is invalid for argument 'support'\. Allowed choices are for, against, abstain\./);
    const missing = await conclave(['tool', 'register', '--provider', '2']);
    expect(missing.stderr).toMatch(/^error: required option '--uri <metadataURI>' not specified/);
  });

  test('no devnet, and an RPC that does not answer, are one or two lines', async () => {
    const none = await conclave(['status'], { CONCLAVE_DEVNET: path.join(scratch, 'missing.json') });
    expect(none.stderr).toBe(`error: no devnet file ${path.join(scratch, 'missing.json')}\n`);
    const down = await conclave(['--rpc-url', 'http://127.0.0.1:9', 'status'], { CONCLAVE_DEVNET: undefined });
    expect(down.code).toBe(1);
    expect(down.stderr).toMatch(/^error: HTTP request failed\. \(http:\/\/127\.0\.0\.1:9\/?\)\n( {2}[^\n]+\n)?$/);
  });
});

function readDevnetKey(index: number): string {
  return JSON.parse(readFileSync(devnetFile(), 'utf8')).accounts[index].privateKey;
}
