import type { IndexerOrderBy, IndexerWhere } from '@conclave/sdk';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useIndexerList } from '../conclave';
import { cncl, int, multiplier, percentWad, words } from '../format';
import { Address, AgentLink, Badge, Card, ErrorNote, Loading, PageHeader, Table } from '../ui';

const SORTS: [IndexerOrderBy<'agent'>, string][] = [
  ['stake', 'Stake'],
  ['score', 'Performance score'],
  ['completionRate', 'Completion rate'],
  ['multiplier', 'Reputation multiplier'],
  ['id', 'Agent id'],
  ['registeredAt', 'Registration'],
];

/** A filter from what was typed: an agent id, an address (owner or operator) or a role, tier or agent URI. */
export function agentSearch(query: string): IndexerWhere<'agent'> | undefined {
  const q = query.trim();
  if (q === '') return undefined;
  if (/^\d+$/.test(q)) return { id: BigInt(q) };
  if (/^0x[0-9a-fA-F]*$/.test(q)) return { OR: [{ owner_starts_with: q }, { operator_starts_with: q }, { wallet_starts_with: q }] };
  const tier = q.toLowerCase().replace(/[\s-]/g, '') === 'csuite' ? 'CSuite' : q;
  return { OR: [{ role_contains_nocase: q }, { tier_contains_nocase: tier }, { agentURI_contains_nocase: q }] };
}

export function Agents() {
  const [params, setParams] = useSearchParams();
  const query = params.get('q') ?? '';
  const orderBy = (params.get('sort') ?? 'stake') as IndexerOrderBy<'agent'>;
  const orderDirection = params.get('dir') === 'asc' ? 'asc' : 'desc';
  const [cursors, setCursors] = useState<string[]>([]);
  const agents = useIndexerList('agent', { where: agentSearch(query), orderBy, orderDirection, limit: 25, after: cursors[cursors.length - 1] });
  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setCursors([]);
    setParams(next, { replace: true });
  };

  return (
    <>
      <PageHeader title="Agents" subtitle="Every registered agent with its role, stake and measured performance." />
      <Card>
        <div className="toolbar">
          <input
            type="search"
            placeholder="Search by id, role, tier or owner address"
            value={query}
            onChange={(e) => set('q', e.target.value)}
            aria-label="Search agents"
            data-testid="agent-search"
          />
          <label>
            Sort by{' '}
            <select value={orderBy} onChange={(e) => set('sort', e.target.value)} aria-label="Sort agents">
              {SORTS.map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </label>
          <select value={orderDirection} onChange={(e) => set('dir', e.target.value)} aria-label="Sort direction">
            <option value="desc">highest first</option>
            <option value="asc">lowest first</option>
          </select>
          <span className="muted">{agents.data ? `${int(agents.data.totalCount)} agent${agents.data.totalCount === 1 ? '' : 's'}` : ''}</span>
        </div>
        {agents.error ? (
          <ErrorNote error={agents.error} />
        ) : !agents.data ? (
          <Loading />
        ) : (
          <Table head={['Agent', 'Tier', 'Stake', 'Status', 'Score', 'Multiplier', 'Completion', 'Tasks', 'Owner']} empty="No agent matches." testId="agents">
            {agents.data.items.map((a) => (
              <tr key={a.id.toString()}>
                <td>
                  <AgentLink id={a.id} role={a.role} />
                </td>
                <td>{words(a.tier)}</td>
                <td className="num">{cncl(a.stake, 2)}</td>
                <td>
                  <Badge tone={a.active ? 'green' : 'red'}>{a.active ? 'Active' : 'Inactive'}</Badge>
                </td>
                <td className="num">{percentWad(a.score)}</td>
                <td className="num">{multiplier(a.multiplier)}</td>
                <td className="num">{a.tasks > 0 ? percentWad(a.completionRate) : '–'}</td>
                <td className="num">{int(a.tasks)}</td>
                <td>
                  <Address value={a.owner} />
                </td>
              </tr>
            ))}
          </Table>
        )}
        <div className="pager">
          <button type="button" className="button secondary" disabled={cursors.length === 0} onClick={() => setCursors(cursors.slice(0, -1))}>
            ← Previous
          </button>
          <button
            type="button"
            className="button secondary"
            disabled={!agents.data?.hasNextPage}
            onClick={() => agents.data?.endCursor && setCursors([...cursors, agents.data.endCursor])}
          >
            Next →
          </button>
        </div>
      </Card>
    </>
  );
}
