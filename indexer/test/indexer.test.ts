import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { agentRegistryAbi, createIndexerClient, stakingVaultAbi } from '@conclave/sdk';
import {
  type Indexer,
  type Storage,
  graphql,
  readDeployment,
  startChain,
  startIndexer,
  startPostgres,
  waitForHead,
} from './harness';
import { clients, runScenario } from './scenario';

describe.each(['pglite', 'postgres'] as const)('indexer on %s', (kind) => {
  let chain: Awaited<ReturnType<typeof startChain>>;
  let postgres: Awaited<ReturnType<typeof startPostgres>> | undefined;
  let indexer: Indexer;
  let scenario: Awaited<ReturnType<typeof runScenario>>;

  beforeAll(async () => {
    chain = await startChain();
    let storage: Storage;
    if (kind === 'postgres') {
      postgres = await startPostgres();
      storage = { kind: 'postgres', url: postgres.url };
    } else {
      storage = { kind: 'pglite', dir: `${chain.deploymentFile}.pglite` };
    }
    // Started before the scenario, so it backfills the deployment and then follows the chain in real time.
    indexer = await startIndexer({ rpcUrl: chain.anvil.url, deploymentFile: chain.deploymentFile, storage, schema: 'e2e' });
    await waitForHead(indexer, chain.anvil);
    scenario = await runScenario(chain.anvil.url, await readDeployment(chain.deploymentFile));
    await waitForHead(indexer, chain.anvil);
  });

  afterAll(async () => {
    await indexer?.stop();
    await postgres?.stop();
    await chain?.stop();
  });

  test('agents equal on-chain state', async () => {
    const { client } = clients(chain.anvil.url, chain.deployment);
    const reader = client(0);
    const data = await graphql(indexer, '{ agents(limit: 100, orderBy: "id") { items { id owner agentURI role baseRole seat tier operator wallet stake unbonding active } } }');
    expect(data.agents.items.map((a: { id: string }) => BigInt(a.id))).toEqual(scenario.agentIds);
    for (const row of data.agents.items) {
      const onChain = await reader.getAgent({ agentId: BigInt(row.id) });
      expect({
        owner: row.owner,
        agentURI: row.agentURI,
        role: row.role,
        baseRole: row.baseRole,
        seat: row.seat,
        tier: row.tier,
        operator: row.operator ?? '0x0000000000000000000000000000000000000000',
        wallet: row.wallet ?? '0x0000000000000000000000000000000000000000',
        stake: BigInt(row.stake),
        unbonding: BigInt(row.unbonding),
        active: row.active,
      }).toEqual({
        owner: onChain.owner.toLowerCase(),
        agentURI: onChain.agentURI,
        role: onChain.role,
        baseRole: onChain.baseRole,
        seat: onChain.seat,
        tier: onChain.tier,
        operator: onChain.operator.toLowerCase(),
        wallet: onChain.wallet.toLowerCase(),
        stake: onChain.stake,
        unbonding: onChain.unbonding,
        active: onChain.active,
      });
    }
  });

  test('voting power, delegations and unbonding requests equal on-chain state', async () => {
    const { client } = clients(chain.anvil.url, chain.deployment);
    const reader = client(0);
    const data = await graphql(indexer, '{ accounts(limit: 100) { items { id votes delegate } } unbondingRequests { items { id status amount withdrawnAmount } } }');
    for (const row of data.accounts.items) {
      const onChain = await reader.getVotes({ account: row.id });
      expect(BigInt(row.votes)).toBe(onChain.votes);
      if (row.delegate) expect(row.delegate).toBe(onChain.delegate.toLowerCase());
    }
    const [alice, bob] = scenario.accounts;
    const byId = Object.fromEntries(data.accounts.items.map((a: { id: string }) => [a.id, a]));
    expect(byId[bob!.account.address.toLowerCase()].delegate).toBe(alice!.account.address.toLowerCase());
    expect(data.unbondingRequests.items).toEqual([
      { id: scenario.requestId.toString(), status: 'Withdrawn', amount: '2000000000000000000000', withdrawnAmount: '2000000000000000000000' },
    ]);
  });

  test('the proposal, its review, votes and Timelock operation equal on-chain state', async () => {
    const { client } = clients(chain.anvil.url, chain.deployment);
    const onChain = await client(0).getProposal({ proposalId: scenario.proposalId });
    const data = await graphql(
      indexer,
      `query($id: BigInt!) {
        proposal(id: $id) { status category verdict reviewCID forVotes againstVotes abstainVotes voterCount voteStart voteEnd eta timelockOperationId }
        votes(where: { proposalId: $id }) { items { voter support weight reason } }
        proposalTransitions(where: { proposalId: $id }, orderBy: "timestamp") { items { transition } }
        timelockOperations { items { id status proposalId } }
      }`,
      { id: scenario.proposalId.toString() },
    );
    expect(data.proposal).toMatchObject({
      status: onChain.state,
      category: onChain.category,
      verdict: onChain.verdict,
      reviewCID: onChain.reviewReport,
      forVotes: onChain.votes.for.toString(),
      againstVotes: onChain.votes.against.toString(),
      abstainVotes: onChain.votes.abstain.toString(),
      voterCount: 3,
      voteStart: onChain.snapshot.toString(),
      voteEnd: onChain.deadline.toString(),
      eta: onChain.eta.toString(),
    });
    expect(data.votes.items).toHaveLength(3);
    expect(data.proposalTransitions.items.map((t: { transition: string }) => t.transition)).toEqual([
      'Created',
      'Typed',
      'Reviewed',
      'Queued',
      'Executed',
    ]);
    expect(data.timelockOperations.items).toEqual([
      { id: data.proposal.timelockOperationId, status: 'Executed', proposalId: scenario.proposalId.toString() },
    ]);
  });

  test('guardian actions and parameters are indexed', async () => {
    const data = await graphql(
      indexer,
      `{ guardianActions(where: { kind: "Executed" }, orderBy: "nonce") { items { nonce selector signers } }
         parameter(id: "ConclaveGovernor:expeditedQuorum") { value }
         paused: parameter(id: "StakingVault:paused") { value } }`,
    );
    expect(data.guardianActions.items.map((a: { nonce: string }) => a.nonce)).toEqual(['0', '1']);
    expect(data.guardianActions.items[0].signers).toHaveLength(3);
    expect(data.parameter.value).toBe('1100');
    expect(data.paused.value).toBe('false');
  });

  test('the audit log holds every event of every protocol contract, once', async () => {
    const addresses = Object.values(chain.deployment.contracts) as `0x${string}`[];
    const logs = (await chain.anvil.rpc('eth_getLogs', [
      { address: addresses, fromBlock: `0x${chain.deployment.startBlock.toString(16)}`, toBlock: 'latest' },
    ])) as unknown[];
    const data = await graphql(indexer, '{ protocolStat(id: "protocol") { events agents totalStaked } auditEvents(limit: 1) { totalCount } }');
    expect(data.auditEvents.totalCount).toBe(logs.length);
    expect(data.protocolStat.events).toBe(logs.length);

    const { client, addresses: a } = clients(chain.anvil.url, chain.deployment);
    const totalStaked = await client(0).readContract({ address: a.vault, abi: stakingVaultAbi, functionName: 'totalStaked' });
    const totalAgents = await client(0).readContract({ address: a.registry, abi: agentRegistryAbi, functionName: 'totalAgents' });
    expect(BigInt(data.protocolStat.totalStaked)).toBe(totalStaked);
    expect(BigInt(data.protocolStat.agents)).toBe(totalAgents);
  });

  test('tools, channels, redemptions, revenue, spend and the protocol fee in the treasury', async () => {
    const data = await graphql(
      indexer,
      `{ tools { items { id providerAgentId pricePerCall status } }
         channels { items { id consumer status deposit paid fees refund closedByProvider redemptions } }
         providerRevenues { items { providerAgentId gross fees net redemptions } }
         consumerLedgers { items { consumer deposited spent refunded } }
         payouts { items { payee amount } }
         treasuryFlows(where: { kind: "protocol fee" }) { items { amount } } }`,
    );
    const e = (n: string) => (BigInt(Math.round(Number(n) * 1000)) * 10n ** 15n).toString();
    expect(data.tools.items).toEqual([{ id: '1', providerAgentId: '1', pricePerCall: e('1'), status: 'Active' }]);
    expect(data.channels.items).toEqual([
      {
        id: scenario.channelId,
        consumer: scenario.accounts[1]!.account.address.toLowerCase(),
        status: 'Closed',
        deposit: e('100'),
        paid: e('3'),
        fees: e('0.075'),
        refund: e('97'),
        closedByProvider: true,
        redemptions: 1,
      },
    ]);
    expect(data.providerRevenues.items).toEqual([
      { providerAgentId: '1', gross: e('3'), fees: e('0.075'), net: e('2.925'), redemptions: 1 },
    ]);
    expect(data.consumerLedgers.items).toEqual([
      { consumer: scenario.accounts[1]!.account.address.toLowerCase(), deposited: e('100'), spent: e('3'), refunded: e('97') },
    ]);
    expect(data.payouts.items).toEqual([{ payee: scenario.provider.toLowerCase(), amount: e('2.925') }]);
    expect(data.treasuryFlows.items).toEqual([{ amount: e('0.075') }]);
  });

  test('attestations, ratings, performance, slash proposals and the funded epoch', async () => {
    const { client } = clients(chain.anvil.url, await readDeployment(chain.deploymentFile));
    const reader = client(0);
    const data = await graphql(
      indexer,
      `{ agents(where: { id_in: ["1", "2"] }, orderBy: "id") { items { id score multiplier completionRate tasks successes ratings } }
         attestations(where: { agentId: "1" }) { totalCount }
         ratings { items { agentId client value weight tag1 endpoint } }
         performanceSnapshots(where: { agentId: "1" }) { totalCount }
         slashProposals(orderBy: "id") { items { id agentId origin state amount } }
         rewardEpochs { items { id budget } }
         protocolStats { items { agentsWithTasks averageCompletionRate } } }`,
    );
    for (const row of data.agents.items) {
      const onChain = await reader.getReputation({ agentId: BigInt(row.id) });
      expect(row).toEqual({
        id: row.id,
        score: onChain.score.toString(),
        multiplier: onChain.multiplier.toString(),
        completionRate: onChain.completionRate.toString(),
        tasks: Number(onChain.tasks),
        successes: Number(onChain.successes),
        ratings: Number(onChain.ratings),
      });
    }
    expect(data.attestations.totalCount).toBe(3);
    expect(data.performanceSnapshots.totalCount).toBe(4); // three attestations and one rating
    const e = (n: string) => (BigInt(Math.round(Number(n) * 1000)) * 10n ** 15n).toString();
    expect(data.ratings.items).toEqual([
      {
        agentId: '1',
        client: scenario.accounts[1]!.account.address.toLowerCase(),
        value: '80',
        weight: e('3'),
        tag1: 'search',
        endpoint: 'https://tools.example/search',
      },
    ]);
    expect(data.slashProposals.items).toEqual([
      { id: scenario.slashes.kept.toString(), agentId: '2', origin: 'Reviewer', state: 'Proposed', amount: e('100') },
      { id: scenario.slashes.vetoed.toString(), agentId: '2', origin: 'Reviewer', state: 'Vetoed', amount: e('50') },
    ]);
    expect(data.rewardEpochs.items).toEqual([{ id: scenario.rewardEpoch.toString(), budget: e('500') }]);
    // Agent 1 completed 2 of 3, agent 2 1 of 1: the average of 2/3 and 1.
    expect(data.protocolStats.items[0].agentsWithTasks).toBe(2);
    expect(data.protocolStats.items[0].averageCompletionRate).toBe(((2n * 10n ** 18n) / 3n + 10n ** 18n) / 2n + '');
  });

  test('every table reads as English in GraphQL: one row by its singular, lists by its plural', async () => {
    const data = await graphql(indexer, '{ __schema { queryType { fields { name } } } }');
    const names = (data.__schema.queryType.fields as { name: string }[]).map((f) => f.name).sort();
    const tables = [
      ['account', 'accounts'],
      ['agent', 'agents'],
      ['agentMetadataValue', 'agentMetadataValues'],
      ['attestation', 'attestations'],
      ['auditEvent', 'auditEvents'],
      ['channel', 'channels'],
      ['consumerLedger', 'consumerLedgers'],
      ['delegation', 'delegations'],
      ['dispute', 'disputes'],
      ['guardianAction', 'guardianActions'],
      ['parameter', 'parameters'],
      ['payout', 'payouts'],
      ['performanceSnapshot', 'performanceSnapshots'],
      ['proposal', 'proposals'],
      ['proposalTransition', 'proposalTransitions'],
      ['protocolStat', 'protocolStats'],
      ['providerRevenue', 'providerRevenues'],
      ['rating', 'ratings'],
      ['redemption', 'redemptions'],
      ['rewardEpoch', 'rewardEpochs'],
      ['rewardShare', 'rewardShares'],
      ['slashProposal', 'slashProposals'],
      ['slashing', 'slashings'],
      ['timelockOperation', 'timelockOperations'],
      ['tool', 'tools'],
      ['treasuryFlow', 'treasuryFlows'],
      ['unbondingRequest', 'unbondingRequests'],
      ['vote', 'votes'],
    ].flat();
    expect(names).toEqual([...tables, '_meta'].sort());
  });

  test("the SDK's indexer client returns typed results", async () => {
    const client = createIndexerClient({ url: indexer.url });
    const clo = await client.agents({ where: { role: 'CLO' } });
    expect(clo.totalCount).toBe(1);
    expect(clo.items[0]).toMatchObject({ id: 4n, role: 'CLO', tier: 'CSuite', active: true, stake: 10_000n * 10n ** 18n });
    const proposal = await client.proposal(scenario.proposalId);
    expect(proposal).toMatchObject({ status: 'Executed', category: 'ProtocolUpgrade', verdict: 'Favourable', voterCount: 3 });
    const votes = await client.votes({ where: { proposalId: scenario.proposalId } });
    expect(votes.items.map((v) => v.support).sort()).toEqual(['Against', 'For', 'For']);
    const history = await client.auditEvents({ where: { agentId: scenario.agentIds[5]! }, orderBy: 'blockNumber' });
    expect(history.items[0]!.eventName).toBe('Registered');
    expect((await client.stats())!.agents).toBe(7);
    expect((await client.status()).chainId).toBe(31337);
    expect(await client.agent(999n)).toBeNull();
    await expect(client.query('{ nope }')).rejects.toThrow(/^The indexer refused the query: Cannot query field "nope"/);
    // @ts-expect-error a misspelt order column does not compile, and the indexer says why if sent anyway
    await expect(client.agents({ orderBy: 'stakee' })).rejects.toThrow('The indexer refused the query: Unknown column "stakee"');
    // A filter on an address matches whatever its case, and numeric operators take bigints.
    const owner = (await client.agent(4n))!.owner;
    const byOwner = await client.agents({ where: { owner, stake_gte: 10_000n * 10n ** 18n } });
    expect(byOwner.items.map((a) => a.id)).toEqual([4n]);
  });

  test('the same agent looks the same from the chain (SDK) and from the indexer (SDK indexer client)', async () => {
    const { client } = clients(chain.anvil.url, chain.deployment);
    const reader = client(0);
    const indexed = await createIndexerClient({ url: indexer.url }).agents({ limit: 100, orderBy: 'id' });
    expect(indexed.items.map((a) => a.id)).toEqual(scenario.agentIds);
    for (const row of indexed.items) {
      const onChain = await reader.getAgent({ agentId: row.id });
      const fields = ['owner', 'agentURI', 'role', 'baseRole', 'seat', 'tier', 'operator', 'wallet', 'stake', 'unbonding', 'active'] as const;
      expect(Object.fromEntries(fields.map((f) => [f, row[f]]))).toEqual(Object.fromEntries(fields.map((f) => [f, onChain[f]])));
    }
    // Checksummed addresses and the zero address for an unset operator, as on the chain.
    expect(indexed.items.some((a) => a.operator === '0x0000000000000000000000000000000000000000')).toBe(true);
    expect(indexed.items.every((a) => /[A-F]/.test(a.owner))).toBe(true);
  });

  test('/sql says how to use it, and @ponder/client queries below it', async () => {
    const res = await fetch(`${indexer.url}/sql`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ usage: expect.stringContaining(`createClient('${indexer.url}/sql', { schema })`) });
  });
});
