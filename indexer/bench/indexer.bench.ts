// `npm run bench:indexer`: generates a large protocol history on anvil (through the protocol's own functions, via
// test/utils/mocks/HistorySeeder.sol), measures a fresh backfill (events per second) and GraphQL latency under
// concurrent clients, and prints the figures with the machine they came from.
//   BENCH_AGENTS=8000 BENCH_CLIENTS=100 BENCH_REQUESTS=50 BENCH_STORAGE=pglite|postgres npm run bench:indexer
import { cpus, totalmem } from 'node:os';
import { graphql, seedHistory, startChain, startIndexer, startPostgres, waitForHead } from '../test/harness';

const agents = Number(process.env.BENCH_AGENTS ?? 8000);
const clients = Number(process.env.BENCH_CLIENTS ?? 100);
const requestsPerClient = Number(process.env.BENCH_REQUESTS ?? 50);
const storageKind = process.env.BENCH_STORAGE ?? 'pglite';
const perBatch = 80;

const QUERIES = [
  '{ agents(limit: 20, orderBy: "stake", orderDirection: "desc") { items { id owner role tier stake active } } }',
  '{ agents(where: { tier: "Specialized", active: true }, limit: 20) { items { id stake } totalCount } }',
  '{ unbondingRequests(where: { status: "Pending" }, limit: 20) { items { id agentId amount releaseTime } } }',
  '{ stats(id: "protocol") { agents totalStaked totalUnbonding events } }',
  '{ auditEvents(limit: 20, orderBy: "blockNumber", orderDirection: "desc") { items { id eventName blockNumber } } }',
];

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function main() {
  const chain = await startChain();
  const postgres = storageKind === 'postgres' ? await startPostgres() : undefined;
  let indexer: Awaited<ReturnType<typeof startIndexer>> | undefined;
  try {
    console.log(`seeding ${agents} agents on anvil...`);
    const t0 = Date.now();
    const events = await seedHistory(chain.anvil, chain.deployment, Math.ceil(agents / perBatch), perBatch);
    console.log(`  ${events} protocol events in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

    indexer = await startIndexer({
      rpcUrl: chain.anvil.url,
      deploymentFile: chain.deploymentFile,
      storage: postgres ? { kind: 'postgres', url: postgres.url } : { kind: 'pglite', dir: `${chain.deploymentFile}.bench.pglite` },
      schema: 'bench',
    });
    const start = Date.now();
    await waitForHead(indexer, chain.anvil, 1_800_000);
    const backfillSeconds = (Date.now() - start) / 1000;
    const { auditEvents } = await graphql(indexer, '{ auditEvents(limit: 1) { totalCount } }');

    // Warm up, then `clients` concurrent clients each send `requestsPerClient` queries back to back.
    for (const q of QUERIES) await graphql(indexer, q);
    const latencies: number[] = [];
    const loadStart = Date.now();
    await Promise.all(
      Array.from({ length: clients }, async (_, c) => {
        for (let r = 0; r < requestsPerClient; r++) {
          const query = QUERIES[(c + r) % QUERIES.length]!;
          const t = performance.now();
          await graphql(indexer!, query);
          latencies.push(performance.now() - t);
        }
      }),
    );
    const loadSeconds = (Date.now() - loadStart) / 1000;
    latencies.sort((a, b) => a - b);

    const cpu = cpus()[0]?.model ?? 'unknown CPU';
    console.log('\nConclave indexer benchmark');
    console.log(`  machine            ${cpus().length} × ${cpu}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`);
    console.log(`  storage            ${postgres ? 'PostgreSQL 15' : 'PGlite'}`);
    console.log(`  history            ${auditEvents.totalCount} events (${agents} agents, ${Math.ceil(agents / perBatch)} seed transactions)`);
    console.log(`  backfill           ${backfillSeconds.toFixed(1)} s, ${(auditEvents.totalCount / backfillSeconds).toFixed(0)} events/s`);
    console.log(`  GraphQL load       ${clients} concurrent clients, ${latencies.length} requests in ${loadSeconds.toFixed(1)} s (${(latencies.length / loadSeconds).toFixed(0)} req/s)`);
    console.log(`  GraphQL latency    p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms, max ${latencies[latencies.length - 1]!.toFixed(1)} ms`);
  } finally {
    await indexer?.stop();
    await postgres?.stop();
    await chain.stop();
  }
}

// Exit explicitly: keep-alive sockets of the load clients would otherwise hold the process open.
main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
