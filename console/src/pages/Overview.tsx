import { type IndexerWhere, conclaveTreasuryAbi, tiers } from '@conclave/sdk';
import { useQueries } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useReadContracts } from 'wagmi';
import { AuditArgs } from '../audit';
import { INDEXER, useConclave, useIndexerList, useIndexerRow } from '../conclave';
import { amount, cncl, int, percentBps, percentWad, plainDescription, plural, relative, share, words } from '../format';
import { useLive } from '../live';
import { ProposalState } from '../proposal';
import { AgentLink, Card, Loading, Meter, PageHeader, ProposalLink, Stat, Table } from '../ui';

const WAD = 10n ** 18n;
const PARTICIPATION_TARGET = (70n * WAD) / 100n;
const COMPLETION_TARGET = (85n * WAD) / 100n;
const TIERS = tiers.filter((t) => t !== 'None');

export function Overview() {
  const { addresses, indexer } = useConclave();
  const { now } = useLive();
  const stats = useIndexerRow('protocolStat', 'protocol');
  // Counts per tier from the indexer's totals (one small query each), so the page does not grow with the registry.
  const tierCounts = useQueries({
    queries: TIERS.flatMap((tier) =>
      [false, true].map((activeOnly) => {
        const where: IndexerWhere<'agent'> = activeOnly ? { tier, active: true } : { tier };
        return {
          queryKey: [INDEXER, 'count', 'agent', where],
          queryFn: () => indexer.list('agent', { where, limit: 1 }).then((page) => page.totalCount),
        };
      }),
    ),
  });
  const treasury = useReadContracts({
    contracts: [
      { address: addresses.treasury, abi: conclaveTreasuryAbi, functionName: 'holdings', args: [addresses.token] },
      { address: addresses.treasury, abi: conclaveTreasuryAbi, functionName: 'reserveFloor', args: [addresses.token] },
      { address: addresses.treasury, abi: conclaveTreasuryAbi, functionName: 'reserveFloorBps' },
    ],
    allowFailure: false,
  });
  const events = useIndexerList('auditEvent', { orderBy: 'id', orderDirection: 'desc', limit: 12 });
  const proposals = useIndexerList('proposal', { where: { state_in: ['Pending', 'Active', 'Succeeded', 'Queued'] }, orderBy: 'createdAt', orderDirection: 'desc', limit: 5 });

  const s = stats.data;
  const [holdings, floor, floorBps] = treasury.data ?? [];
  const participation = s?.stakeVotedShare ?? 0n;
  const completion = s?.averageCompletionRate ?? 0n;

  return (
    <>
      <PageHeader title="Protocol overview" subtitle="The agent DAO at a glance: stake, treasury, how well it governs and performs, and what just happened." />
      <div className="stats">
        <Stat label="Agents" value={s ? int(s.agents) : '…'} hint={s ? `${plural(s.proposals, 'proposal')} · ${plural(s.votes, 'vote')}` : undefined} testId="stat-agents" />
        <Stat label="Total stake" value={s ? cncl(s.totalStaked, 0) : '…'} hint={s && s.totalUnbonding > 0n ? `${cncl(s.totalUnbonding, 0)} unbonding` : 'none unbonding'} testId="stat-stake" />
        <Stat
          label="Treasury"
          value={holdings !== undefined ? cncl(holdings, 0) : '…'}
          hint={floor !== undefined && floorBps !== undefined ? `reserve floor ${cncl(floor, 0)} (${percentBps(floorBps)})` : undefined}
          testId="stat-treasury"
        />
        <Stat label="Slashes executed" value={s ? int(s.slashes) : '…'} hint={s ? `${int(s.events)} events in the audit log` : undefined} />
      </div>

      <div className="grid two">
        <Card title="Governance participation">
          <div className="target-row">
            <div className="big">{percentWad(participation)}</div>
            <div className="muted">of stake voted · target 70 %</div>
          </div>
          <Meter value={participation} max={WAD} target={PARTICIPATION_TARGET} tone={participation >= PARTICIPATION_TARGET ? 'good' : 'warn'} />
          <p className="note">Votes cast over the stake staked when each proposal was created, summed over all proposals.</p>
        </Card>
        <Card title="Task completion">
          <div className="target-row">
            <div className="big">{percentWad(completion)}</div>
            <div className="muted">average over agents with attested tasks · target 85 %</div>
          </div>
          <Meter value={completion} max={WAD} target={COMPLETION_TARGET} tone={completion >= COMPLETION_TARGET ? 'good' : 'warn'} />
          <p className="note">{s ? `${int(s.agentsWithTasks)} agents have attested tasks.` : ''}</p>
        </Card>
      </div>

      <div className="grid two">
        <Card title="Agents by tier" actions={<Link to="/agents">All agents →</Link>}>
          <Table head={['Tier', 'Agents', 'Active', 'Active share']} testId="tiers">
            {TIERS.map((tier, i) => {
              const all = tierCounts[i * 2]?.data;
              const active = tierCounts[i * 2 + 1]?.data;
              return (
                <tr key={tier}>
                  <td>{words(tier)}</td>
                  <td className="num">{all === undefined ? '…' : int(all)}</td>
                  <td className="num">{active === undefined ? '…' : int(active)}</td>
                  <td className="num">{all === undefined || active === undefined ? '…' : share(BigInt(active), BigInt(all), 0)}</td>
                </tr>
              );
            })}
          </Table>
        </Card>
        <Card title="Treasury and reserve" actions={<Link to="/guardian">Guardian →</Link>}>
          {holdings === undefined || floor === undefined ? (
            <Loading />
          ) : (
            <>
              <div className="target-row">
                <div className="big">
                  {amount(holdings, 0)} <span className="unit">CNCL</span>
                </div>
                <div className="muted">held · {cncl(holdings > floor ? holdings - floor : 0n, 0)} above the reserve floor</div>
              </div>
              <Meter value={holdings} max={holdings === 0n ? 1n : holdings} target={floor} tone="good" />
              <p className="note">
                An ordinary spend may not leave less than {floorBps !== undefined ? percentBps(floorBps) : '…'} of the holdings ({cncl(floor, 2)}); spending below
                it needs an expedited emergency proposal.
              </p>
            </>
          )}
        </Card>
      </div>

      <Card title="Open proposals" actions={<Link to="/proposals">All proposals →</Link>}>
        <Table head={['Proposal', 'Description', 'Category', 'State', 'For', 'Against']} empty="No open proposal.">
          {(proposals.data?.items ?? []).map((p) => (
            <tr key={p.id.toString()}>
              <td>
                <ProposalLink id={p.id} />
              </td>
              <td className="ellipsis">{plainDescription(p.description)}</td>
              <td>{words(p.category)}</td>
              <td>
                <ProposalState proposal={p} />
              </td>
              <td className="num">{cncl(p.forVotes, 0)}</td>
              <td className="num">{cncl(p.againstVotes, 0)}</td>
            </tr>
          ))}
        </Table>
      </Card>

      <Card title="Recent audit events" actions={<span className="muted">append-only log of every protocol event</span>}>
        {events.isLoading ? (
          <Loading />
        ) : (
          <Table head={['Block', 'Event', 'Subject', 'Details', 'When']} testId="audit-events">
            {(events.data?.items ?? []).map((e) => (
              <tr key={e.id}>
                <td className="num">{int(e.blockNumber)}</td>
                <td>
                  <strong>{e.eventName}</strong>
                  <div className="muted small">{e.contract}</div>
                </td>
                <td>{e.agentId !== null ? <AgentLink id={e.agentId} /> : e.proposalId !== null ? <ProposalLink id={e.proposalId} /> : <span className="muted">–</span>}</td>
                <td>
                  <AuditArgs event={e} max={3} />
                </td>
                <td className="muted nowrap">{relative(e.blockTimestamp, now)}</td>
              </tr>
            ))}
          </Table>
        )}
      </Card>
    </>
  );
}
