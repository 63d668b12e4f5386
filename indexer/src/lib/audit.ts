import type { Abi } from 'viem';
import { replaceBigInts } from 'ponder';
import { type Context, type Event, type EventNames, type IndexingFunctionArgs, ponder } from 'ponder:registry';
import { auditEvent, protocolStat } from 'ponder:schema';

/** The contract events the indexer follows (`ponder.config.ts`), as `Contract:Event`; block intervals excluded. */
export type ContractEventName = Exclude<EventNames, `${string}:block`>;
/** A contract event (a log, with its transaction). */
export type LogEvent = Event<ContractEventName>;
/** The contracts the indexer follows. */
export type ContractName = ContractEventName extends `${infer C}:${string}` ? C : never;
/** The events of `contract`, by name. */
export type EventNameOf<C extends ContractName> =
  Extract<ContractEventName, `${C}:${string}`> extends `${C}:${infer N}` ? N : never;
/** A handler of one event, typed by Ponder from the ABI and the schema. */
export type Handler<name extends EventNames> = (args: IndexingFunctionArgs<name>) => Promise<void>;
/** Handlers of some events of `contract`; every other event of its ABI is recorded in the audit log only. */
export type Handlers<C extends ContractName> = {
  [N in EventNameOf<C>]?: Handler<Extract<EventNames, `${C}:${N}`>>;
};

/** Appends `event` to the audit log and counts it. Every event of every protocol contract passes here once. */
export async function record(contract: ContractName, eventName: string, event: LogEvent, context: Context) {
  const args: Record<string, unknown> = 'args' in event && event.args ? { ...event.args } : {};
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
export async function bumpStats(context: Context, delta: StatsDelta) {
  await context.db
    .insert(protocolStat)
    .values({
      id: 'protocol',
      agents: delta.agents ?? 0,
      totalStaked: delta.totalStaked ?? 0n,
      totalUnbonding: delta.totalUnbonding ?? 0n,
      proposals: delta.proposals ?? 0,
      votes: delta.votes ?? 0,
      slashes: delta.slashes ?? 0,
      events: delta.events ?? 0,
      nextStateCheckAt: null,
    })
    .onConflictDoUpdate((row) => ({
      agents: row.agents + (delta.agents ?? 0),
      totalStaked: row.totalStaked + (delta.totalStaked ?? 0n),
      totalUnbonding: row.totalUnbonding + (delta.totalUnbonding ?? 0n),
      proposals: row.proposals + (delta.proposals ?? 0),
      votes: row.votes + (delta.votes ?? 0),
      slashes: row.slashes + (delta.slashes ?? 0),
      events: row.events + (delta.events ?? 0),
    }));
}

/** The names of the events in `abi` (overloads once). */
export function eventNames(abi: Abi): string[] {
  return [...new Set(abi.flatMap((item) => (item.type === 'event' ? [item.name] : [])))];
}

/**
 * Registers `handlers` for `contract`, each followed by the audit record, and an audit-only handler for every other
 * event of its ABI, so that no event of a protocol contract escapes the audit log, even one the ABI gains later.
 * `register` is Ponder's registry (a stand-in in the unit test).
 */
export function indexContract<C extends ContractName>(
  contract: C,
  abi: Abi,
  handlers: Handlers<C>,
  register: Pick<typeof ponder, 'on'> = ponder,
): string[] {
  const names = eventNames(abi);
  for (const name of Object.keys(handlers)) {
    if (!names.includes(name)) throw new Error(`${contract} has no event ${name}`);
  }
  for (const name of names) {
    const handler = (handlers as Record<string, Handler<EventNames> | undefined>)[name];
    // The one place where a name built at run time meets Ponder's literal event names: the ABI is the config's, so
    // `${contract}:${name}` is one of them; each handler above was typed by its literal name.
    register.on(`${contract}:${name}` as EventNames, async ({ event, context }) => {
      if (handler) await handler({ event, context } as IndexingFunctionArgs<EventNames>);
      await record(contract, name, event as LogEvent, context);
    });
  }
  return names;
}
