import { parseEther } from 'viem';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { agentRegistryAbi } from '@conclave/sdk';
import {
  type Indexer,
  dumpAll,
  readDeployment,
  seedHistory,
  startChain,
  startIndexer,
  startPostgres,
  status,
  waitForHead,
} from './harness';
import { clients } from './scenario';

describe.each(['pglite', 'postgres'] as const)('resilience on %s', (kind) => {
  let chain: Awaited<ReturnType<typeof startChain>>;
  let postgres: Awaited<ReturnType<typeof startPostgres>> | undefined;
  let databaseUrl: string | undefined;
  const running: Indexer[] = [];

  const storage = (name: string) =>
    kind === 'postgres'
      ? ({ kind: 'postgres', url: databaseUrl! } as const)
      : ({ kind: 'pglite', dir: `${chain.deploymentFile}.${name}.pglite` } as const);

  async function indexer(name: string, schema = name) {
    const i = await startIndexer({
      rpcUrl: chain.anvil.url,
      deploymentFile: chain.deploymentFile,
      storage: storage(name),
      schema,
    });
    running.push(i);
    return i;
  }

  /** A fresh indexer's view of the chain as it is now: the reference state. */
  async function freshSync(name: string) {
    const fresh = await indexer(name);
    await waitForHead(fresh, chain.anvil);
    const dump = await dumpAll(fresh);
    await fresh.stop();
    return dump;
  }

  beforeAll(async () => {
    if (kind === 'postgres') postgres = await startPostgres();
  });

  afterAll(async () => {
    await Promise.all(running.map((i) => i.stop('SIGKILL')));
    await chain?.stop();
    await postgres?.stop();
  });

  /** Each test gets its own chain, so that no indexer backfills another test's history. */
  async function newChain() {
    await Promise.all(running.splice(0).map((i) => i.stop('SIGKILL')));
    await chain?.stop();
    chain = await startChain();
    if (postgres) databaseUrl = postgres.newDatabase();
  }

  test('kill -9 in the middle of a backfill, restart: the state equals a fresh sync', async () => {
    await newChain();
    const events = await seedHistory(chain.anvil, chain.deployment, 12, 80);
    expect(events).toBeGreaterThan(6000);
    const head = Number(await chain.anvil.rpc('eth_blockNumber'));

    const first = await indexer('crash');
    // Kill as soon as indexing has started but is not finished.
    let killedAt: number | null = null;
    for (let i = 0; i < 6000 && killedAt === null; i++) {
      const block = await status(first);
      if (block !== null && block > chain.deployment.startBlock && block < head) killedAt = block;
      else await new Promise((r) => setTimeout(r, 10));
    }
    await first.stop('SIGKILL');
    expect(killedAt, 'killed part-way through the backfill').not.toBeNull();
    expect(killedAt!).toBeLessThan(head);

    const restarted = await indexer('crash');
    await waitForHead(restarted, chain.anvil);
    const recovered = await dumpAll(restarted);
    await restarted.stop();

    const reference = await freshSync('crash-reference');
    expect(recovered.auditEvents!.length).toBeGreaterThan(6000);
    expect(recovered).toEqual(reference);
  });

  test('a reorg under a running indexer: the state equals a fresh sync', async () => {
    await newChain();
    const deployment = await readDeployment(chain.deploymentFile);
    const { client } = clients(chain.anvil.url, deployment);
    const live = await indexer('reorg');
    await waitForHead(live, chain.anvil);

    // Activity that the reorg will erase.
    const doomed = client(13);
    await client(0).writeContract({
      address: deployment.contracts.ConclaveToken,
      abi: [{ type: 'function', name: 'transfer', stateMutability: 'nonpayable', inputs: [{ name: 'to', type: 'address' }, { name: 'v', type: 'uint256' }], outputs: [{ type: 'bool' }] }],
      functionName: 'transfer',
      args: [doomed.account.address, parseEther('5000')],
    });
    const { agentId: doomedAgent } = await doomed.registerAgent({ agentURI: '' });
    await doomed.stake({ agentId: doomedAgent, amount: parseEther('3000') });
    await waitForHead(live, chain.anvil);
    const before = await dumpAll(live);
    expect(before.agents!.some((a: any) => a.id === doomedAgent.toString())).toBe(true);

    // Replace the last 4 blocks (transfer, register, approve, stake) with empty ones, then build on the new fork.
    await chain.anvil.rpc('anvil_reorg', [4, []]);
    const survivor = client(14);
    await survivor.registerAgent({ agentURI: 'https://survivor.example/card.json' });
    await waitForHead(live, chain.anvil);

    const afterReorg = await dumpAll(live);
    const totalAgents = await client(0).readContract({
      address: deployment.contracts.AgentRegistry,
      abi: agentRegistryAbi,
      functionName: 'totalAgents',
    });
    expect(afterReorg.agents!.length).toBe(Number(totalAgents));
    expect((afterReorg.agents!.find((a: any) => a.id === doomedAgent.toString()) as { owner?: string } | undefined)?.owner).toBe(
      survivor.account.address.toLowerCase(),
    );
    await live.stop();
    expect(afterReorg).toEqual(await freshSync('reorg-reference'));
  });
});
