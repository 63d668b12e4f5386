import type { IndexedAuditEvent } from '@conclave/sdk';
import { zeroAddress } from 'viem';
import { Link, useParams } from 'react-router';
import { useConclave, useIndexerList, useIndexerRow } from '../conclave';
import { cncl, int, multiplier, parseId, percentWad, plural, relative, utc, words } from '../format';
import { useLive } from '../live';
import { Badge, Card, Empty, Loading, PageHeader, ProposalLink, Stat, Table } from '../ui';
import { SlashState } from './Slashes';
import { toolName } from './Tools';

const STAKE_EVENTS = ['Staked', 'UnstakeRequested', 'Withdrawn', 'Slashed', 'StakeHeld', 'StakeReleased', 'StakeOwnerChanged'];

/** A stake event as a signed change of the agent's own stake and what its own and unbonding stake became. */
function stakeChange(e: IndexedAuditEvent): { change: string; own?: bigint; unbonding?: bigint; note: string } {
  const a = e.args as Record<string, string | undefined>;
  const big = (v: string | undefined) => (v === undefined ? undefined : BigInt(v));
  const amount = big(a.amount) ?? 0n;
  switch (e.eventName) {
    case 'Staked':
      return { change: `+${cncl(amount, 2)}`, own: big(a.ownStake), note: 'staked' };
    case 'UnstakeRequested':
      return { change: `−${cncl(amount, 2)}`, own: big(a.ownStake), unbonding: big(a.unbondingStake), note: `unbonding until ${utc(BigInt(a.releaseTime ?? 0))}` };
    case 'Withdrawn':
      return { change: cncl(amount, 2), unbonding: big(a.unbondingStake), note: 'withdrawn from unbonding' };
    case 'Slashed':
      return { change: `−${cncl(amount, 2)}`, own: big(a.ownStake), unbonding: big(a.unbondingStake), note: 'slashed' };
    case 'StakeHeld':
      return { change: cncl(amount, 2), note: `held back for a proposed slash (${cncl(big(a.held) ?? 0n, 2)} held)` };
    case 'StakeReleased':
      return { change: cncl(amount, 2), note: `released (${cncl(big(a.held) ?? 0n, 2)} still held)` };
    case 'StakeOwnerChanged':
      return { change: '–', own: big(a.ownStake), note: 'identity moved to a new owner' };
    default:
      return { change: '–', note: words(e.eventName).toLowerCase() };
  }
}

/** A small chart of a WAD series in [0, 1] (score, completion) over its updates, with an optional target line. */
function Trend({ values, label, target }: { values: bigint[]; label: string; target?: bigint }) {
  const w = 300;
  const h = 72;
  const y = (v: bigint) => 4 + (h - 8) * (1 - Number((v * 1000n) / 10n ** 18n) / 1000);
  const x = (i: number) => (values.length < 2 ? w : (i / (values.length - 1)) * w);
  const line = values.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
  const last = values[values.length - 1];
  return (
    <figure className="trend">
      <figcaption>
        <span className="muted small">{label}</span> <strong>{last === undefined ? '–' : percentWad(last)}</strong>
      </figcaption>
      <svg viewBox={`0 0 ${w} ${h}`} role="img" aria-label={label} preserveAspectRatio="none">
        <rect x="0" y="0" width={w} height={h} className="trend-bg" />
        {target !== undefined && <line x1="0" x2={w} y1={y(target)} y2={y(target)} className="trend-target" />}
        {values.length > 1 && <polygon points={`0,${h} ${line} ${w},${h}`} className="trend-area" />}
        {values.length > 1 && <polyline points={line} className="trend-line" />}
      </svg>
    </figure>
  );
}

export function Agent() {
  const { config } = useConclave();
  const { now } = useLive();
  const param = useParams().id;
  const id = parseId(param) ?? 0n;
  const agent = useIndexerRow('agent', parseId(param));
  const a = agent.data;
  const stakeEvents = useIndexerList('auditEvent', { where: { agentId: id, eventName_in: STAKE_EVENTS }, orderBy: 'id', orderDirection: 'desc', limit: 20 });
  const snapshots = useIndexerList('performanceSnapshot', { where: { agentId: id }, orderBy: 'timestamp', orderDirection: 'desc', limit: 100 });
  const tools = useIndexerList('tool', { where: { providerAgentId: id }, orderBy: 'id' });
  const slashes = useIndexerList('slashProposal', { where: { agentId: id }, orderBy: 'id', orderDirection: 'desc' });
  const voters = a ? [a.owner, ...(a.operator !== zeroAddress ? [a.operator] : [])] : [];
  const votes = useIndexerList('vote', { where: { voter_in: voters }, orderBy: 'timestamp', orderDirection: 'desc', limit: 20 }, voters.length > 0);
  const rewards = useIndexerList('rewardShare', { where: { agentId: id }, orderBy: 'epoch', orderDirection: 'desc' });

  if (agent.isLoading) return <Loading />;
  if (!a) return <Empty>No agent {param} in the indexer.</Empty>;
  const history = [...(snapshots.data?.items ?? [])].reverse();

  return (
    <>
      <PageHeader
        title={
          <>
            Agent {a.id.toString()} <span className="muted">· {a.role}</span>
          </>
        }
        subtitle={
          <>
            <Badge tone="blue">{words(a.tier)}</Badge> <Badge tone={a.active ? 'green' : 'red'}>{a.active ? 'Active' : 'Inactive'}</Badge>{' '}
            <span className="muted">registered {relative(a.registeredAt, now)}</span>
          </>
        }
      />
      <div className="stats">
        <Stat label="Own stake" value={cncl(a.stake, 2)} hint={a.unbonding > 0n ? `${cncl(a.unbonding, 2)} unbonding` : 'none unbonding'} testId="agent-stake" />
        <Stat label="Performance score" value={percentWad(a.score)} hint={`reputation multiplier ${multiplier(a.multiplier)}`} />
        <Stat label="Task completion" value={a.tasks > 0 ? percentWad(a.completionRate) : '–'} hint={`${int(a.successes)} of ${plural(a.tasks, 'attested task')} · ${plural(a.ratings, 'rating')}`} />
        <Stat label="Governance participation" value={a.participation === null ? '–' : percentWad(a.participation)} hint="of the latest rewarded epoch's proposals" />
      </div>

      <div className="grid two">
        <Card title="Identity">
          <dl className="facts">
            <dt>Owner</dt>
            <dd className="mono">{a.owner}</dd>
            <dt>Operator</dt>
            <dd className="mono">{a.operator === zeroAddress ? <span className="muted">none</span> : a.operator}</dd>
            <dt>Payout wallet</dt>
            <dd className="mono">{a.wallet === zeroAddress ? <span className="muted">none</span> : a.wallet}</dd>
            <dt>Role</dt>
            <dd>
              {a.role}
              {a.seat !== 'None' && a.seat !== a.baseRole ? <span className="muted"> (seat; base role {a.baseRole})</span> : null}
            </dd>
            <dt>Agent card</dt>
            <dd className="mono ellipsis" title={a.agentURI}>
              {a.agentURI}
            </dd>
          </dl>
        </Card>
        <Card title="Reputation">
          {history.length === 0 ? (
            <Empty>No attested task or rating yet.</Empty>
          ) : (
            <div className="spark-row">
              <Trend values={history.map((s) => s.score)} label={`Score, ${plural(history.length, 'update')}`} />
              <Trend values={history.map((s) => s.completionRate)} label="Completion (target 85 %)" target={(85n * 10n ** 18n) / 100n} />
            </div>
          )}
          <p className="note">Score is a decaying average of attested task quality and paid-for ratings; the multiplier maps it to 1.0x–3.0x.</p>
        </Card>
      </div>

      <Card title="Stake history">
        <Table head={['Event', 'Change', 'Own stake after', 'Unbonding after', 'Note', 'When']} empty="No stake movement." testId="stake-history">
          {(stakeEvents.data?.items ?? []).map((e) => {
            const c = stakeChange(e);
            return (
              <tr key={e.id}>
                <td>{words(e.eventName)}</td>
                <td className="num">{c.change}</td>
                <td className="num">{c.own === undefined ? '–' : cncl(c.own, 2)}</td>
                <td className="num">{c.unbonding === undefined ? '–' : cncl(c.unbonding, 2)}</td>
                <td className="muted">{c.note}</td>
                <td className="muted nowrap">{relative(e.blockTimestamp, now)}</td>
              </tr>
            );
          })}
        </Table>
      </Card>

      <div className="grid two">
        <Card title="Tools">
          <Table head={['Tool', 'Price per call', 'Status']} empty="Lists no tool.">
            {(tools.data?.items ?? []).map((t) => (
              <tr key={t.id.toString()}>
                <td>
                  <Link to={`/providers/${a.id}`}>{toolName(t, config.toolNames)}</Link>
                </td>
                <td className="num">{cncl(t.pricePerCall)}</td>
                <td>
                  <Badge>{t.status}</Badge>
                </td>
              </tr>
            ))}
          </Table>
        </Card>
        <Card title="Votes">
          <Table head={['Proposal', 'Support', 'Weight', 'When']} empty="No vote by its owner or operator.">
            {(votes.data?.items ?? []).map((v) => (
              <tr key={v.id}>
                <td>
                  <ProposalLink id={v.proposalId} />
                </td>
                <td>
                  <Badge>{v.support}</Badge>
                </td>
                <td className="num">{cncl(v.weight, 0)}</td>
                <td className="muted nowrap">{relative(v.timestamp, now)}</td>
              </tr>
            ))}
          </Table>
        </Card>
      </div>

      <div className="grid two">
        <Card title="Slashes">
          <Table head={['Slash', 'Amount', 'Origin', 'State']} empty="Never proposed for slashing.">
            {(slashes.data?.items ?? []).map((s) => (
              <tr key={s.id.toString()}>
                <td>
                  <Link to="/slashes">#{s.id.toString()}</Link>
                </td>
                <td className="num">{cncl(s.executedAmount ?? s.amount, 2)}</td>
                <td>{words(s.origin)}</td>
                <td>
                  <SlashState slash={s} />
                </td>
              </tr>
            ))}
          </Table>
        </Card>
        <Card title="Rewards">
          <Table head={['Epoch', 'Participation', 'Claimed']} empty="Not registered for any epoch.">
            {(rewards.data?.items ?? []).map((r) => (
              <tr key={r.id}>
                <td>
                  <Link to="/rewards">Epoch {r.epoch.toString()}</Link>
                </td>
                <td className="num">{percentWad(r.participation)}</td>
                <td className="num">{r.claimed === null ? <span className="muted">not yet</span> : cncl(r.claimed, 2)}</td>
              </tr>
            ))}
          </Table>
        </Card>
      </div>
    </>
  );
}
