// Serving GraphQL: the per-block answer cache never serves a stale answer, and read-only `ponder serve` processes on
// the indexer's PostgreSQL give the same answers as the indexing process.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  type Indexer,
  type Storage,
  dumpAll,
  readDeployment,
  startChain,
  startIndexer,
  startPostgres,
  startServer,
  status,
  waitForHead,
} from './harness';
import { clients } from './scenario';

const QUERY = '{ agents(limit: 100, orderBy: "id") { items { id owner } totalCount } protocolStat(id: "protocol") { agents events } }';

async function post(server: Indexer, query: string) {
  const res = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  return { cache: res.headers.get('x-cache'), text: await res.text() };
}

/** Sends a transaction that registers a new agent and waits until `servers` report the block that holds it. */
async function registerAgentAndWait(chain: Awaited<ReturnType<typeof startChain>>, who: number, servers: Indexer[]) {
  const { client } = clients(chain.anvil.url, await readDeployment(chain.deploymentFile));
  const { agentId } = await client(who).registerAgent({ agentURI: `https://agent-${who}.example/card.json` });
  const head = Number(await chain.anvil.rpc('eth_blockNumber'));
  for (const server of servers) {
    while (((await status(server)) ?? 0) < head) await new Promise((r) => setTimeout(r, 20));
  }
  return agentId;
}

describe.each(['pglite', 'postgres'] as const)('GraphQL answers on %s', (kind) => {
  let chain: Awaited<ReturnType<typeof startChain>>;
  let postgres: Awaited<ReturnType<typeof startPostgres>> | undefined;
  let storage: Storage;
  let indexer: Indexer;
  const servers: Indexer[] = [];

  beforeAll(async () => {
    chain = await startChain();
    if (kind === 'postgres') {
      postgres = await startPostgres();
      storage = { kind: 'postgres', url: postgres.url };
    } else {
      storage = { kind: 'pglite', dir: `${chain.deploymentFile}.serving.pglite` };
    }
    indexer = await startIndexer({ rpcUrl: chain.anvil.url, deploymentFile: chain.deploymentFile, storage, schema: 'serving' });
    await waitForHead(indexer, chain.anvil);
  });

  afterAll(async () => {
    await Promise.all([indexer, ...servers].map((s) => s?.stop('SIGKILL')));
    await postgres?.stop();
    await chain?.stop();
  });

  test('an answer is cached for the indexed block and is never served once a newer block is indexed', async () => {
    const first = await post(indexer, QUERY);
    expect(first.cache).toBe('MISS');
    const again = await post(indexer, QUERY);
    expect(again).toEqual({ cache: 'HIT', text: first.text });
    const before = JSON.parse(first.text).data;

    // Each round: once the indexer reports the block of a new registration, the very next answer includes it.
    for (let round = 0; round < 3; round++) {
      const agentId = await registerAgentAndWait(chain, 20 + round, [indexer]);
      const after = await post(indexer, QUERY);
      expect(after.cache).toBe('MISS');
      const data = JSON.parse(after.text).data;
      expect(data.agents.totalCount).toBe(before.agents.totalCount + round + 1);
      expect(data.agents.items.map((a: { id: string }) => a.id)).toContain(agentId.toString());
      expect(data.protocolStat.agents).toBe(before.protocolStat.agents + round + 1);
      expect((await post(indexer, QUERY)).cache).toBe('HIT');
    }
  });

  test('identical requests that miss together run one query and get the same answer', async () => {
    await registerAgentAndWait(chain, 25, [indexer]);
    const answers = await Promise.all(Array.from({ length: 40 }, () => post(indexer, QUERY)));
    expect(answers.filter((a) => a.cache === 'MISS')).toHaveLength(1);
    expect(answers.every((a) => a.cache === 'MISS' || a.cache === 'SHARED' || a.cache === 'HIT')).toBe(true);
    expect(new Set(answers.map((a) => a.text)).size).toBe(1);
  });

  test('errors are never cached', async () => {
    const bad = '{ agents(where: { nope: 1 }) { totalCount } }';
    for (let i = 0; i < 2; i++) {
      const answer = await post(indexer, bad);
      expect(answer.cache).toBeNull();
      expect(JSON.parse(answer.text).errors).toBeDefined();
    }
  });

  test.runIf(kind === 'postgres')(
    'two read-only `ponder serve` processes on the same PostgreSQL give the indexer’s answers, block for block',
    async () => {
      for (let i = 0; i < 2; i++) {
        const server = await startServer({
          rpcUrl: chain.anvil.url,
          deploymentFile: chain.deploymentFile,
          storage: storage as { kind: 'postgres'; url: string },
          schema: 'serving',
        });
        servers.push(server);
        await waitForHead(server, chain.anvil);
      }
      const all = [indexer, ...servers];
      const reference = await dumpAll(indexer);
      expect(reference.agents!.length).toBeGreaterThan(7);
      for (const server of servers) expect(await dumpAll(server)).toEqual(reference);

      // Warm every cache, index a new block, and ask again: every process answers with the new agent.
      for (const server of all) await post(server, QUERY);
      const agentId = await registerAgentAndWait(chain, 26, all);
      // (graphql-js may order an answer's top-level fields as its resolvers finish: compare values, not text.)
      const answers = (await Promise.all(all.map((s) => post(s, QUERY)))).map((a) => JSON.parse(a.text).data);
      for (const answer of answers) expect(answer).toEqual(answers[0]);
      expect(answers[0].agents.items.map((a: { id: string }) => a.id)).toContain(agentId.toString());
    },
  );
});
