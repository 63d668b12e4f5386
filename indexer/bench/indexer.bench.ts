// `npm run bench:indexer`: generates a large protocol history on anvil (through the protocol's own functions, via
// test/utils/mocks/HistorySeeder.sol), then measures
//   - backfill: events per second of the full indexer and of the same Ponder configuration with empty handlers
//     (bench/empty), from Ponder's own "Started/Completed backfill indexing" log lines, best of BENCH_BACKFILLS runs
//     each, and their ratio;
//   - GraphQL under load: closed-loop clients on loopback (each sends its next query when the answer arrives) at
//     each client count, while a block with a transaction is mined every BENCH_BLOCK_MS, so the per-block cache is
//     dropped as it would be on a live chain; p50/p99, throughput and the cache's hit rate;
//   - the same query mix sent straight to the database (PostgreSQL through a pool as large as Ponder's read pool, or
//     PGlite in process), at the same client counts: GraphQL's latency as a ratio of the database's own.
//   BENCH_AGENTS=8000 BENCH_CLIENTS=100,1000 BENCH_SECONDS=10 BENCH_BLOCK_MS=2000 BENCH_BACKFILLS=2
//   BENCH_STORAGE=pglite|postgres
import { cpus, totalmem } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { Client } from 'undici';
import { http as viemHttp, createWalletClient, parseEther, publicActions } from 'viem';
import { mnemonicToAccount } from 'viem/accounts';
import { anvil } from 'viem/chains';
import { conclaveTokenAbi } from '@conclave/sdk/abis';
import { INDEXER_DIR, type Indexer, graphql, seedHistory, startChain, startIndexer, startPostgres, waitForHead } from '../test/harness';

const agents = Number(process.env.BENCH_AGENTS ?? 8000);
const clientCounts = (process.env.BENCH_CLIENTS ?? '100,1000').split(',').map(Number);
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const blockMs = Number(process.env.BENCH_BLOCK_MS ?? 2000);
const storageKind = process.env.BENCH_STORAGE ?? 'pglite';
const perBatch = 80;
const SCHEMA = 'bench';

/** The query mix: each GraphQL query and the SQL Ponder runs for it (a list with `totalCount` runs a count too). */
type Query = { graphql: string; variables?: (r: number) => Record<string, unknown>; sql: (r: number) => string[] };
const ALL_QUERIES: Query[] = [
  {
    graphql: '{ agents(limit: 20, orderBy: "stake", orderDirection: "desc") { items { id owner role tier stake active } } }',
    sql: () => ['SELECT id, owner, role, tier, stake, active FROM agent ORDER BY stake DESC, id DESC LIMIT 21'],
  },
  {
    graphql: '{ agents(where: { tier: "Specialized", active: true }, limit: 20) { items { id stake } totalCount } }',
    sql: () => [
      "SELECT id, stake FROM agent WHERE tier = 'Specialized' AND active ORDER BY id LIMIT 21",
      "SELECT count(*) FROM agent WHERE tier = 'Specialized' AND active",
    ],
  },
  {
    graphql: '{ unbondingRequests(where: { status: "Pending" }, limit: 20) { items { id agentId amount releaseTime } } }',
    sql: () => ["SELECT id, agent_id, amount, release_time FROM unbonding_request WHERE status = 'Pending' ORDER BY id LIMIT 21"],
  },
  {
    graphql: '{ protocolStat(id: "protocol") { agents totalStaked totalUnbonding events } }',
    sql: () => ["SELECT agents, total_staked, total_unbonding, events FROM protocol_stat WHERE id = 'protocol'"],
  },
  {
    graphql: '{ auditEvents(limit: 20, orderBy: "blockNumber", orderDirection: "desc") { items { id eventName blockNumber } } }',
    sql: () => ['SELECT id, event_name, block_number FROM audit_event ORDER BY block_number DESC, id DESC LIMIT 21'],
  },
  {
    // One agent among all of them: a long tail of distinct requests, most of them misses.
    graphql: 'query($id: BigInt!) { agent(id: $id) { id owner role tier stake active } }',
    variables: (r) => ({ id: String(1 + (r % agents)) }),
    sql: (r) => [`SELECT id, owner, role, tier, stake, active FROM agent WHERE id = ${1 + (r % agents)}`],
  },
];

/** The dashboard mix (the five queries every client sends, as in earlier runs) and the same with a long tail. */
const MIXES = [
  { name: 'dashboard', queries: ALL_QUERIES.slice(0, 5) },
  { name: 'long tail', queries: ALL_QUERIES },
];
type Mix = (typeof MIXES)[number];

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const random = () => Math.floor(Math.random() * 2 ** 31);
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Load = { clients: number; requests: number; seconds: number; p50: number; p99: number; hitRate?: number };

/**
 * `clients` closed-loop clients send `send()` back to back for `seconds`. Each first connects with one untimed
 * request, a hundred at a time: a thousand simultaneous connects would overflow the server's accept backlog (511) and
 * measure TCP's SYN retransmission timer instead of the server.
 */
async function load(clients: number, send: (i: number) => Promise<boolean | void>): Promise<Load> {
  for (let c = 0; c < clients; c += 100) {
    await Promise.all(Array.from({ length: Math.min(100, clients - c) }, (_, k) => send(c + k)));
  }
  const latencies: number[] = [];
  let hits = 0;
  const start = performance.now();
  const deadline = start + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      for (let i = c; performance.now() < deadline; i += clients) {
        const t = performance.now();
        if (await send(i)) hits++;
        latencies.push(performance.now() - t);
      }
    }),
  );
  const elapsed = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  return { clients, requests: latencies.length, seconds: elapsed, p50: percentile(latencies, 50), p99: percentile(latencies, 99), hitRate: hits / latencies.length };
}

/**
 * Closed-loop GraphQL clients, each with its own keep-alive HTTP/1.1 connection (undici: the load generator shares
 * the cores with the server, so it should cost as little as it can).
 */
async function graphqlLoad(indexer: Indexer, mix: Mix, clients: number) {
  const connections = Array.from({ length: clients }, () => new Client(indexer.url, { pipelining: 1 }));
  const send = async (i: number) => {
    const q = mix.queries[i % mix.queries.length]!;
    const body = JSON.stringify({ query: q.graphql, variables: q.variables?.(random()) ?? {} });
    const res = await connections[i % clients]!.request({ path: '/graphql', method: 'POST', headers: { 'content-type': 'application/json' }, body });
    const text = await res.body.text();
    if (res.statusCode !== 200 || text.includes('"errors"')) throw new Error(`GraphQL answered ${res.statusCode}: ${text.slice(0, 300)}`);
    return res.headers['x-cache'] === 'HIT' || res.headers['x-cache'] === 'SHARED';
  };
  try {
    return await load(clients, send);
  } finally {
    await Promise.all(connections.map((c) => c.destroy()));
  }
}

/** The same mix straight to the database. */
async function sqlLoad(run: (sql: string) => Promise<unknown>, mix: Mix, clients: number) {
  return load(clients, async (i) => {
    for (const sql of mix.queries[i % mix.queries.length]!.sql(random())) await run(sql);
  });
}

/** Ponder's own log: seconds from "Started backfill indexing" to "Completed backfill indexing". */
function backfillSeconds(indexer: Indexer) {
  const lines = indexer
    .log()
    .split('\n')
    .flatMap((l) => {
      try {
        return [JSON.parse(l) as { msg?: string; time?: number }];
      } catch {
        return [];
      }
    });
  const started = lines.find((l) => l.msg === 'Started backfill indexing')?.time;
  const completed = lines.find((l) => l.msg === 'Completed backfill indexing across all chains' || l.msg === 'Completed backfill indexing')?.time;
  if (started === undefined || completed === undefined) throw new Error(`no backfill log lines:\n${indexer.log().slice(-2000)}`);
  return (completed - started) / 1000;
}

async function main() {
  const chain = await startChain();
  const postgres = storageKind === 'postgres' ? await startPostgres() : undefined;
  const running: Indexer[] = [];
  const storage = (name: string) =>
    postgres ? ({ kind: 'postgres', url: postgres.newDatabase() } as const) : ({ kind: 'pglite', dir: `${chain.deploymentFile}.${name}.pglite` } as const);
  let producer: ReturnType<typeof setInterval> | undefined;
  try {
    console.log(`seeding ${agents} agents on anvil...`);
    const t0 = Date.now();
    const seeded = await seedHistory(chain.anvil, chain.deployment, Math.ceil(agents / perBatch), perBatch);
    // Past Ponder's 30 unfinalised blocks, so that the whole history is backfilled rather than followed live.
    await chain.anvil.rpc('anvil_mine', ['0x28']);
    console.log(`  ${seeded} protocol events in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

    // Backfill, alternating empty handlers and the full indexer, each run on a fresh database; the best of
    // `BENCH_BACKFILLS` runs of each (backfill times on a shared 2-core machine vary by about 10 % run to run).
    const runs = Number(process.env.BENCH_BACKFILLS ?? 2);
    const backfill = { empty: Infinity, full: Infinity };
    let indexer!: Indexer;
    for (let run = 0; run < runs; run++) {
      for (const kind of ['empty', 'full'] as const) {
        const started = Date.now();
        const ponder = await startIndexer({
          rpcUrl: chain.anvil.url,
          deploymentFile: chain.deploymentFile,
          storage: storage(`${kind}-${run}`),
          schema: SCHEMA,
          root: kind === 'empty' ? path.join(INDEXER_DIR, 'bench', 'empty') : undefined,
        });
        running.push(ponder);
        await waitForHead(ponder, chain.anvil, 1_800_000);
        const seconds = backfillSeconds(ponder);
        backfill[kind] = Math.min(backfill[kind], seconds);
        console.log(`  backfill with ${kind} handlers: ${seconds.toFixed(1)} s (${((Date.now() - started) / 1000).toFixed(1)} s from start to ready)`);
        // The last full indexer stays up for the load.
        if (kind === 'full' && run === runs - 1) indexer = ponder;
        else await ponder.stop();
      }
    }
    const { auditEvents } = await graphql(indexer, '{ auditEvents(limit: 1) { totalCount } }');
    const events = auditEvents.totalCount as number;

    // A block with a transaction every `blockMs` while the clients run: the cache is dropped at each one.
    const account = mnemonicToAccount('test test test test test test test test test test test junk', { addressIndex: 0 });
    const wallet = createWalletClient({ account, chain: anvil, transport: viemHttp(chain.anvil.url) }).extend(publicActions);
    let blocks = 0;
    producer = setInterval(() => {
      wallet
        .writeContract({ address: chain.deployment.contracts.ConclaveToken, abi: conclaveTokenAbi, functionName: 'transfer', args: [account.address, parseEther('1')] })
        .then(() => blocks++, (error) => console.error('block producer:', error));
    }, blockMs);

    const graphqlRuns: Load[] = [];
    for (const q of ALL_QUERIES) await graphql(indexer, q.graphql, q.variables?.(1));
    for (const mix of MIXES) {
      for (const clients of clientCounts) {
        graphqlRuns.push(await graphqlLoad(indexer, mix, clients));
        await pause(1000);
      }
    }
    clearInterval(producer);
    producer = undefined;
    await waitForHead(indexer, chain.anvil);
    console.log(`  ${blocks} blocks were indexed while the GraphQL clients ran`);
    await indexer.stop();

    // The same mix straight to the database the indexer wrote.
    const directRuns: Load[] = [];
    if (postgres) {
      if (indexer.storage.kind !== 'postgres') throw new Error('the indexer ran on PGlite');
      const url = indexer.storage.url;
      const pool = new pg.Pool({ connectionString: url, max: 9, options: `-c search_path=${SCHEMA}` });
      for (const mix of MIXES) for (const clients of clientCounts) directRuns.push(await sqlLoad((sql) => pool.query(sql), mix, clients));
      await pool.end();
    } else {
      const db = await PGlite.create(`${chain.deploymentFile}.full-${runs - 1}.pglite`);
      await db.exec(`SET search_path TO ${SCHEMA}`);
      for (const mix of MIXES) for (const clients of clientCounts) directRuns.push(await sqlLoad((sql) => db.query(sql), mix, clients));
      await db.close();
    }

    const cpu = cpus()[0]?.model ?? 'unknown CPU';
    const ms = (x: number) => `${x.toFixed(1)} ms`;
    console.log('\nConclave indexer benchmark');
    console.log(`  machine            ${cpus().length} × ${cpu}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`);
    console.log(`  storage            ${postgres ? 'PostgreSQL 15' : 'PGlite'}`);
    console.log(`  history            ${events} events (${agents} agents, ${Math.ceil(agents / perBatch)} seed transactions)`);
    const rate = (k: 'empty' | 'full') => events / backfill[k];
    console.log(`  backfill, empty    ${backfill.empty.toFixed(1)} s, ${rate('empty').toFixed(0)} events/s (best of ${runs})`);
    console.log(`  backfill, full     ${backfill.full.toFixed(1)} s, ${rate('full').toFixed(0)} events/s (best of ${runs}; ratio ${(rate('full') / rate('empty')).toFixed(2)})`);
    console.log(`  GraphQL load       closed-loop clients for ${seconds} s each, a new block every ${blockMs} ms`);
    const labels = MIXES.flatMap((mix) => clientCounts.map((clients) => `${mix.name}, ${clients} clients`));
    for (const [i, g] of graphqlRuns.entries()) {
      const d = directRuns[i]!;
      console.log(
        `  ${labels[i]!.padEnd(24)} GraphQL p50 ${ms(g.p50)}, p99 ${ms(g.p99)}, ${(g.requests / g.seconds).toFixed(0)} req/s, ` +
          `${(100 * g.hitRate!).toFixed(0)} % cached | database p50 ${ms(d.p50)}, p99 ${ms(d.p99)}, ${(d.requests / d.seconds).toFixed(0)} req/s | ` +
          `p99 ratio ${(g.p99 / d.p99).toFixed(2)}`,
      );
    }
  } finally {
    if (producer) clearInterval(producer);
    await Promise.all(running.map((r) => r.stop()));
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
