import { type Address, type Hex, getAddress, zeroAddress } from 'viem';
import { ConclaveError } from '../baseError.js';
import type { Category, ProposalState, Role, Tier, Verdict } from '../types.js';
import { indexerSchema } from './schema.js';

/** An indexer answer that could not be had: HTTP failure or GraphQL errors. */
export class ConclaveIndexerError extends ConclaveError {
  override name = 'ConclaveIndexerError' as const;
  readonly status: number | undefined;
  readonly errors: unknown;

  constructor({ message, status, errors }: { message: string; status?: number; errors?: unknown }) {
    super(message, { name: 'ConclaveIndexerError' });
    this.status = status;
    this.errors = errors;
  }
}

type Schema = typeof indexerSchema;
/** The indexer's tables, by their GraphQL singular name (`agent`; the list is `agents`). */
export type IndexerTable = keyof Schema;
type Columns<table extends IndexerTable> = Schema[table];
type Kind = 'bigint' | 'hex' | 'text' | 'boolean' | 'integer' | 'json';
type KindOf<spec> = spec extends `${infer kind extends Kind}?` ? kind : spec extends Kind ? spec : never;
type ValueOfKind<kind> = kind extends 'bigint'
  ? bigint
  : kind extends 'hex'
    ? Hex
    : kind extends 'text'
      ? string
      : kind extends 'boolean'
        ? boolean
        : kind extends 'integer'
          ? number
          : unknown;

/** Columns whose text holds one of the protocol's names: typed by them in rows and filters. */
type Named = {
  agent: { role: Role; baseRole: Role; seat: Role; tier: Tier };
  proposal: { category: Category; state: ProposalState; verdict: Verdict; status: 'Created' | 'Queued' | 'Executed' | 'Canceled' };
  vote: { support: 'For' | 'Against' | 'Abstain' };
};
type NamedValue<table, column> = table extends keyof Named ? (column extends keyof Named[table] ? Named[table][column] : never) : never;
type Value<table extends IndexerTable, column extends keyof Columns<table>> = [NamedValue<table, column>] extends [never]
  ? ValueOfKind<KindOf<Columns<table>[column]>>
  : NamedValue<table, column>;
type Nullable<spec> = spec extends `${string}?` ? null : never;

/**
 * A row of an indexer table as the client returns it: amounts and ids as bigint, addresses checksummed (as the
 * SDK's chain reads return them), `null` where the indexer has no value, except the agent's `operator` and
 * `wallet`, which are the zero address when unset (as `getAgent` returns them).
 */
export type IndexerRow<table extends IndexerTable> = {
  -readonly [column in keyof Columns<table>]: Value<table, column> | (table extends 'agent' ? (column extends 'operator' | 'wallet' ? never : Nullable<Columns<table>[column]>) : Nullable<Columns<table>[column]>);
};

type Operators<table extends IndexerTable, column extends keyof Columns<table>> = KindOf<Columns<table>[column]> extends 'json'
  ? {}
  : {
      '': Value<table, column> | Nullable<Columns<table>[column]>;
      _not: Value<table, column> | Nullable<Columns<table>[column]>;
      _in: readonly Value<table, column>[];
      _not_in: readonly Value<table, column>[];
    } & (KindOf<Columns<table>[column]> extends 'bigint' | 'integer'
      ? { _gt: Value<table, column>; _lt: Value<table, column>; _gte: Value<table, column>; _lte: Value<table, column> }
      : {}) &
      (KindOf<Columns<table>[column]> extends 'text' | 'hex'
        ? { _contains: string; _not_contains: string; _starts_with: string; _ends_with: string; _not_starts_with: string; _not_ends_with: string }
        : {}) &
      (KindOf<Columns<table>[column]> extends 'text'
        ? { _contains_nocase: string; _not_contains_nocase: string; _starts_with_nocase: string; _ends_with_nocase: string }
        : {});
type Conditions<table extends IndexerTable> = {
  [column in keyof Columns<table> & string]: {
    [operator in keyof Operators<table, column> & string]: [`${column}${operator}`, Operators<table, column>[operator]];
  }[keyof Operators<table, column> & string];
}[keyof Columns<table> & string];

/**
 * A filter on an indexer table, typed from the indexer's schema: `{ tier: 'CSuite', stake_gte: 10n ** 22n }`, with
 * Ponder's operators (`_not`, `_in`, `_not_in`, `_gt`, `_lt`, `_gte`, `_lte`, `_contains`, `_starts_with`, …) and
 * `AND` / `OR` lists. A misspelt column (`tierr`) or a value of the wrong type does not compile.
 */
export type IndexerWhere<table extends IndexerTable> = { [entry in Conditions<table> as entry[0]]?: entry[1] } & {
  AND?: readonly IndexerWhere<table>[];
  OR?: readonly IndexerWhere<table>[];
};

/** A column to order by. */
export type IndexerOrderBy<table extends IndexerTable> = keyof Columns<table> & string;

/** One page of rows, and how to ask for the next (`after: endCursor`). */
export type Page<T> = { items: T[]; totalCount: number; hasNextPage: boolean; endCursor: string | null };
/** Which rows of `table` to list, in what order, and where the page starts. */
export type PageParameters<table extends IndexerTable> = {
  where?: IndexerWhere<table> | undefined;
  /** At most 1,000 (Ponder's limit); default 50. */
  limit?: number | undefined;
  /** The previous page's `endCursor`. */
  after?: string | undefined;
  orderBy?: IndexerOrderBy<table> | undefined;
  orderDirection?: 'asc' | 'desc' | undefined;
};

/** An agent as the indexer has it. */
export type IndexedAgent = IndexerRow<'agent'>;
/** A proposal as the indexer has it. */
export type IndexedProposal = IndexerRow<'proposal'>;
/** A vote as the indexer has it. */
export type IndexedVote = IndexerRow<'vote'>;
/** One protocol event from the indexer's append-only audit log. */
export type IndexedAuditEvent = IndexerRow<'auditEvent'>;
/** The protocol's totals as the indexer has them. */
export type IndexedStats = IndexerRow<'protocolStat'>;

/** Addresses checksummed; other hex values (hashes, ids) as the indexer gives them, lowercase. */
const fromHex = (value: string) => (value.length === 42 ? getAddress(value) : (value as Hex));

/** @internal Converts one GraphQL row to the client's conventions. */
export function toRow<table extends IndexerTable>(table: table, raw: Record<string, unknown>): IndexerRow<table> {
  const columns = indexerSchema[table] as Record<string, string>;
  const row: Record<string, unknown> = {};
  for (const [column, spec] of Object.entries(columns)) {
    const value = raw[column];
    if (value === undefined) continue;
    const kind = spec.replace('?', '');
    if (value === null) row[column] = table === 'agent' && (column === 'operator' || column === 'wallet') ? zeroAddress : null;
    else if (kind === 'bigint') row[column] = BigInt(value as string);
    else if (kind === 'hex') row[column] = fromHex(value as string);
    else row[column] = value;
  }
  return row as IndexerRow<table>;
}

/** GraphQL variables from a typed filter: bigints as strings, hex lowercase (as the indexer stores it). */
function toVariables(table: IndexerTable, where: unknown): unknown {
  if (where === null || typeof where !== 'object') return where;
  const columns = indexerSchema[table] as Record<string, string>;
  const convert = (key: string, value: unknown): unknown => {
    if (key === 'AND' || key === 'OR') return (value as unknown[]).map((w) => toVariables(table, w));
    if (Array.isArray(value)) return value.map((v) => convert(key, v));
    if (typeof value === 'bigint') return value.toString();
    const column = Object.keys(columns).find((c) => key === c || (key.startsWith(c) && key[c.length] === '_' && !(key in columns)));
    if (typeof value === 'string' && column && columns[column]!.startsWith('hex')) return value.toLowerCase();
    return value;
  };
  return Object.fromEntries(Object.entries(where).map(([key, value]) => [key, convert(key, value)]));
}

/**
 * Typed queries against a Conclave indexer (GraphQL at `${url}/graphql`). Amounts and ids come back as bigint,
 * addresses checksummed, and `where` / `orderBy` are typed from the indexer's schema.
 *
 *     const indexer = createIndexerClient({ url: 'http://127.0.0.1:42069' });
 *     const { items } = await indexer.agents({ where: { role: 'CLO' } });
 *     const tools = await indexer.list('tool', { where: { pricePerCall_lte: 10n ** 16n }, orderBy: 'pricePerCall' });
 */
export function createIndexerClient({ url, fetch: fetchFn = globalThis.fetch }: { url: string; fetch?: typeof fetch }) {
  const base = url.replace(/\/+$/, '');

  async function query<T = unknown>(document: string, variables: Record<string, unknown> = {}): Promise<T> {
    let res: Response;
    try {
      res = await fetchFn(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: document, variables }),
      });
    } catch (error) {
      throw new ConclaveIndexerError({ message: `The indexer at ${base} did not answer: ${(error as Error).message}` });
    }
    const body = (await res.json().catch(() => ({}))) as { data?: T; errors?: { message?: string }[] };
    if (body.errors?.length) {
      const messages = body.errors.map((e) => e.message ?? JSON.stringify(e));
      throw new ConclaveIndexerError({ message: `The indexer refused the query: ${messages.join('; ')}`, status: res.status, errors: body.errors });
    }
    if (!res.ok || !body.data) {
      throw new ConclaveIndexerError({ message: `The indexer at ${base} answered HTTP ${res.status} without data`, status: res.status });
    }
    return body.data;
  }

  const fieldsOf = (table: IndexerTable) => Object.keys(indexerSchema[table]).join(' ');

  /** A page of a table's rows: typed filter, order and row. */
  async function list<table extends IndexerTable>(table: table, p: PageParameters<table> = {}): Promise<Page<IndexerRow<table>>> {
    const plural = `${table}s`;
    // Only the arguments given are sent: Ponder reads a null orderBy as a column named "null".
    const args = (
      [
        ['where', `${table}Filter`, p.where === undefined ? undefined : toVariables(table, p.where)],
        ['limit', 'Int', p.limit ?? 50],
        ['after', 'String', p.after],
        ['orderBy', 'String', p.orderBy],
        ['orderDirection', 'String', p.orderDirection],
      ] as [string, string, unknown][]
    ).filter(([, , value]) => value !== undefined);
    const declared = args.map(([name, type]) => `$${name}: ${type}`).join(', ');
    const passed = args.map(([name]) => `${name}: $${name}`).join(', ');
    const data = await query<Record<string, any>>(
      `query(${declared}) { ${plural}(${passed}) { items { ${fieldsOf(table)} } totalCount pageInfo { hasNextPage endCursor } } }`,
      Object.fromEntries(args.map(([name, , value]) => [name, value])),
    );
    const result = data[plural];
    return {
      items: result.items.map((r: Record<string, unknown>) => toRow(table, r)),
      totalCount: result.totalCount,
      hasNextPage: result.pageInfo.hasNextPage,
      endCursor: result.pageInfo.endCursor,
    };
  }

  /** One row by its id, or null. */
  async function get<table extends IndexerTable>(
    table: table,
    id: IndexerRow<table> extends { id: infer I } ? I : never,
  ): Promise<IndexerRow<table> | null> {
    const spec = (indexerSchema[table] as Record<string, string>).id;
    const type = spec === 'bigint' ? 'BigInt!' : 'String!';
    const data = await query<Record<string, Record<string, unknown> | null>>(
      `query($id: ${type}) { ${table}(id: $id) { ${fieldsOf(table)} } }`,
      { id: typeof id === 'bigint' ? id.toString() : spec === 'hex' ? String(id).toLowerCase() : id },
    );
    const row = data[table];
    return row ? toRow(table, row) : null;
  }

  return {
    /** A raw GraphQL query. */
    query,
    /** One page of a table's rows, filtered and ordered. */
    list,
    /** One row by its id, or null. */
    get,
    /** The indexer's progress: the latest indexed block, or null before it has one. */
    async status(): Promise<{ chainId: number; block: { number: number; timestamp: number } | null }> {
      const res = await fetchFn(`${base}/status`).catch((error: Error) => {
        throw new ConclaveIndexerError({ message: `The indexer at ${base} did not answer: ${error.message}` });
      });
      const body = (await res.json()) as Record<string, { id: number; block?: { number: number; timestamp: number } }>;
      const chain = Object.values(body)[0];
      return { chainId: chain?.id ?? 0, block: chain?.block ?? null };
    },
    /** One agent by its id, or null. */
    agent: (id: bigint) => get('agent', id),
    /** A page of agents. */
    agents: (p?: PageParameters<'agent'>) => list('agent', p),
    /** One proposal by its id, or null. */
    proposal: (id: bigint) => get('proposal', id),
    /** A page of proposals. */
    proposals: (p?: PageParameters<'proposal'>) => list('proposal', p),
    /** A page of votes. */
    votes: (p?: PageParameters<'vote'>) => list('vote', p),
    /** A page of the audit log. */
    auditEvents: (p?: PageParameters<'auditEvent'>) => list('auditEvent', p),
    /** The protocol's totals, or null before the first event. */
    stats: () => get('protocolStat', 'protocol'),
  };
}

/** What {@link createIndexerClient} returns. */
export type ConclaveIndexerClient = ReturnType<typeof createIndexerClient>;
