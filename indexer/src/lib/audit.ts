import type { Abi } from 'viem';
import { replaceBigInts } from 'ponder';
import { ponder } from 'ponder:registry';
import { auditEvent, stats } from 'ponder:schema';

type AnyEvent = {
  id: string;
  name?: string;
  args: Record<string, unknown>;
  block: { number: bigint; timestamp: bigint };
  transaction: { hash: `0x${string}` };
  log: { logIndex: number; address: `0x${string}` };
};
// Ponder types each handler's context per event; the helpers here serve every event, so they take it untyped.
type AnyContext = any;

/** Appends `event` to the audit log and counts it. Every handler calls this exactly once per event. */
export async function record(contract: string, eventName: string, event: AnyEvent, context: AnyContext) {
  const args = event.args ?? {};
  const agentId =
    typeof args.agentId === 'bigint'
      ? args.agentId
      : contract === 'AgentRegistry' && typeof args.tokenId === 'bigint'
        ? args.tokenId
        : null;
  const proposalId = typeof args.proposalId === 'bigint' ? args.proposalId : null;
  await context.db.insert(auditEvent).values({
    id: event.id,
    contract,
    eventName,
    blockNumber: event.block.number,
    blockTimestamp: event.block.timestamp,
    transactionHash: event.transaction.hash,
    logIndex: event.log.logIndex,
    agentId,
    proposalId,
    args: replaceBigInts(args, (v) => v.toString()),
  });
  await bumpStats(context, { events: 1 });
}

type StatsDelta = Partial<Record<'agents' | 'proposals' | 'votes' | 'slashes' | 'events', number>> &
  Partial<Record<'totalStaked' | 'totalUnbonding', bigint>>;

/** Adds `delta` to the protocol totals. */
export async function bumpStats(context: AnyContext, delta: StatsDelta) {
  await context.db
    .insert(stats)
    .values({
      id: 'protocol',
      agents: delta.agents ?? 0,
      totalStaked: delta.totalStaked ?? 0n,
      totalUnbonding: delta.totalUnbonding ?? 0n,
      proposals: delta.proposals ?? 0,
      votes: delta.votes ?? 0,
      slashes: delta.slashes ?? 0,
      events: delta.events ?? 0,
    })
    .onConflictDoUpdate((row: typeof stats.$inferSelect) => ({
      agents: row.agents + (delta.agents ?? 0),
      totalStaked: row.totalStaked + (delta.totalStaked ?? 0n),
      totalUnbonding: row.totalUnbonding + (delta.totalUnbonding ?? 0n),
      proposals: row.proposals + (delta.proposals ?? 0),
      votes: row.votes + (delta.votes ?? 0),
      slashes: row.slashes + (delta.slashes ?? 0),
      events: row.events + (delta.events ?? 0),
    }));
}

/**
 * Registers `handlers` for `contract`, each followed by the audit record, and an audit-only handler for every other
 * event in the ABI, so that no event of a protocol contract escapes the audit log.
 */
export function indexContract(
  contract: string,
  abi: Abi,
  handlers: Record<string, (args: { event: AnyEvent; context: AnyContext }) => Promise<void>>,
) {
  const names = abi.flatMap((item) => (item.type === 'event' ? [item.name] : []));
  for (const name of Object.keys(handlers)) {
    if (!names.includes(name)) throw new Error(`${contract} has no event ${name}`);
  }
  for (const name of new Set(names)) {
    const handler = handlers[name];
    ponder.on(`${contract}:${name}` as never, (async ({ event, context }: { event: AnyEvent; context: AnyContext }) => {
      if (handler) await handler({ event, context });
      await record(contract, name, event, context);
    }) as never);
  }
}
