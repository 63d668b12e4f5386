import { type Address, BaseError, type Hex } from 'viem';
import type { Category, ProposalState, Role, Tier, Verdict } from '../types.js';

/** An indexer answer that could not be had: HTTP failure or GraphQL errors. */
export class ConclaveIndexerError extends BaseError {
  override name = 'ConclaveIndexerError' as const;
  readonly status: number | undefined;
  readonly errors: unknown;

  constructor({ message, status, errors }: { message: string; status?: number; errors?: unknown }) {
    super(message, { name: 'ConclaveIndexerError' });
    this.status = status;
    this.errors = errors;
  }
}

export type IndexedAgent = {
  id: bigint;
  owner: Address;
  agentURI: string;
  role: Role;
  baseRole: Role;
  seat: Role;
  tier: Tier;
  operator: Address | null;
  wallet: Address | null;
  stake: bigint;
  unbonding: bigint;
  active: boolean;
  registeredAt: bigint;
  updatedAt: bigint;
};

export type IndexedProposal = {
  id: bigint;
  proposer: Address;
  description: string;
  category: Category;
  expedited: boolean;
  fellBack: boolean;
  reviewRequired: boolean;
  /** Event-driven: Created, Queued, Executed or Canceled. */
  status: 'Created' | 'Queued' | 'Executed' | 'Canceled';
  /** The Governor's `state()` as of the newest indexed block (expedited mark, fall-back and extensions included). */
  state: ProposalState;
  verdict: Verdict;
  reviewCID: string | null;
  voteStart: bigint;
  voteEnd: bigint;
  forVotes: bigint;
  againstVotes: bigint;
  abstainVotes: bigint;
  voterCount: number;
  totalStakeAtCreation: bigint;
  eta: bigint | null;
  timelockOperationId: Hex | null;
  createdAt: bigint;
};

export type IndexedVote = {
  proposalId: bigint;
  voter: Address;
  support: 'For' | 'Against' | 'Abstain';
  weight: bigint;
  reason: string;
  timestamp: bigint;
};

export type IndexedAuditEvent = {
  id: string;
  contract: string;
  eventName: string;
  blockNumber: bigint;
  blockTimestamp: bigint;
  transactionHash: Hex;
  agentId: bigint | null;
  proposalId: bigint | null;
  args: Record<string, unknown>;
};

export type IndexedStats = {
  agents: number;
  totalStaked: bigint;
  totalUnbonding: bigint;
  proposals: number;
  votes: number;
  slashes: number;
  events: number;
};

export type Page<T> = { items: T[]; totalCount: number; hasNextPage: boolean; endCursor: string | null };
export type PageParameters<where> = {
  where?: where | undefined;
  limit?: number | undefined;
  after?: string | undefined;
  orderBy?: string | undefined;
  orderDirection?: 'asc' | 'desc' | undefined;
};

const AGENT_FIELDS = 'id owner agentURI role baseRole seat tier operator wallet stake unbonding active registeredAt updatedAt';
const PROPOSAL_FIELDS =
  'id proposer description category expedited fellBack reviewRequired status state verdict reviewCID voteStart voteEnd forVotes againstVotes abstainVotes voterCount totalStakeAtCreation eta timelockOperationId createdAt';
const VOTE_FIELDS = 'proposalId voter support weight reason timestamp';
const AUDIT_FIELDS = 'id contract eventName blockNumber blockTimestamp transactionHash agentId proposalId args';

const big = (v: unknown) => (v === null || v === undefined ? null : BigInt(v as string));

function toAgent(r: any): IndexedAgent {
  return { ...r, id: BigInt(r.id), stake: BigInt(r.stake), unbonding: BigInt(r.unbonding), registeredAt: BigInt(r.registeredAt), updatedAt: BigInt(r.updatedAt) };
}

function toProposal(r: any): IndexedProposal {
  return {
    ...r,
    id: BigInt(r.id),
    voteStart: BigInt(r.voteStart),
    voteEnd: BigInt(r.voteEnd),
    forVotes: BigInt(r.forVotes),
    againstVotes: BigInt(r.againstVotes),
    abstainVotes: BigInt(r.abstainVotes),
    totalStakeAtCreation: BigInt(r.totalStakeAtCreation),
    eta: big(r.eta),
    createdAt: BigInt(r.createdAt),
  };
}

const toVote = (r: any): IndexedVote => ({ ...r, proposalId: BigInt(r.proposalId), weight: BigInt(r.weight), timestamp: BigInt(r.timestamp) });
const toAudit = (r: any): IndexedAuditEvent => ({
  ...r,
  blockNumber: BigInt(r.blockNumber),
  blockTimestamp: BigInt(r.blockTimestamp),
  agentId: big(r.agentId),
  proposalId: big(r.proposalId),
});

/**
 * Typed queries against a Conclave indexer (GraphQL at `${url}/graphql`). Amounts and ids come back as bigint.
 *
 *     const indexer = createIndexerClient({ url: 'http://127.0.0.1:42069' });
 *     const { items } = await indexer.agents({ where: { role: 'CLO' } });
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
    const body = (await res.json().catch(() => ({}))) as { data?: T; errors?: unknown };
    if (!res.ok || body.errors || !body.data) {
      throw new ConclaveIndexerError({
        message: `The indexer answered ${res.status}${body.errors ? `: ${JSON.stringify(body.errors)}` : ''}`,
        status: res.status,
        errors: body.errors,
      });
    }
    return body.data;
  }

  async function page<T>(table: string, fields: string, map: (r: any) => T, p: PageParameters<unknown> = {}): Promise<Page<T>> {
    // Only the arguments given are sent: Ponder reads a null orderBy as a column named "null".
    const args: [string, string, unknown][] = [
      ['where', `${table.slice(0, -1)}Filter`, p.where],
      ['limit', 'Int', p.limit ?? 50],
      ['after', 'String', p.after],
      ['orderBy', 'String', p.orderBy],
      ['orderDirection', 'String', p.orderDirection],
    ].filter(([, , value]) => value !== undefined) as [string, string, unknown][];
    const declared = args.map(([name, type]) => `$${name}: ${type}`).join(', ');
    const passed = args.map(([name]) => `${name}: $${name}`).join(', ');
    const data = await query<Record<string, any>>(
      `query(${declared}) { ${table}(${passed}) { items { ${fields} } totalCount pageInfo { hasNextPage endCursor } } }`,
      Object.fromEntries(args.map(([name, , value]) => [name, value])),
    );
    const result = data[table];
    return {
      items: result.items.map(map),
      totalCount: result.totalCount,
      hasNextPage: result.pageInfo.hasNextPage,
      endCursor: result.pageInfo.endCursor,
    };
  }

  return {
    /** A raw GraphQL query. */
    query,
    /** The indexer's progress: the latest indexed block, or null before it has one. */
    async status(): Promise<{ chainId: number; block: { number: number; timestamp: number } | null }> {
      const res = await fetchFn(`${base}/status`).catch((error: Error) => {
        throw new ConclaveIndexerError({ message: `The indexer at ${base} did not answer: ${error.message}` });
      });
      const body = (await res.json()) as Record<string, { id: number; block?: { number: number; timestamp: number } }>;
      const chain = Object.values(body)[0];
      return { chainId: chain?.id ?? 0, block: chain?.block ?? null };
    },
    async agent(id: bigint): Promise<IndexedAgent | null> {
      const data = await query<{ agent: unknown }>(`query($id: BigInt!) { agent(id: $id) { ${AGENT_FIELDS} } }`, { id: id.toString() });
      return data.agent ? toAgent(data.agent) : null;
    },
    agents: (p?: PageParameters<Partial<Record<'owner' | 'role' | 'tier' | 'active', unknown>> & Record<string, unknown>>) =>
      page('agents', AGENT_FIELDS, toAgent, p),
    async proposal(id: bigint): Promise<IndexedProposal | null> {
      const data = await query<{ proposal: unknown }>(`query($id: BigInt!) { proposal(id: $id) { ${PROPOSAL_FIELDS} } }`, { id: id.toString() });
      return data.proposal ? toProposal(data.proposal) : null;
    },
    proposals: (p?: PageParameters<Record<string, unknown>>) => page('proposals', PROPOSAL_FIELDS, toProposal, p),
    votes: (p?: PageParameters<Record<string, unknown>>) => page('votes', VOTE_FIELDS, toVote, p),
    auditEvents: (p?: PageParameters<Record<string, unknown>>) => page('auditEvents', AUDIT_FIELDS, toAudit, p),
    async stats(): Promise<IndexedStats | null> {
      const data = await query<{ protocolStat: any }>(
        '{ protocolStat(id: "protocol") { agents totalStaked totalUnbonding proposals votes slashes events } }',
      );
      const row = data.protocolStat;
      if (!row) return null;
      return { ...row, totalStaked: BigInt(row.totalStaked), totalUnbonding: BigInt(row.totalUnbonding) };
    },
  };
}

export type ConclaveIndexerClient = ReturnType<typeof createIndexerClient>;
