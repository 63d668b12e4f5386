import { type EpochPhase, claimReward, getClaimable, getEpoch } from '@conclave/sdk';
import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { zeroAddress } from 'viem';
import { useConnection, usePublicClient } from 'wagmi';
import { useConclave, useIndexerAll, useIndexerList } from '../conclave';
import { cncl, int, multiplier, parseId, percentWad, plural, share, utc } from '../format';
import { ActionButton, AgentLink, Badge, Card, Empty, ErrorNote, Loading, PageHeader, Stat, Table, useTransaction } from '../ui';

const PHASES: Record<EpochPhase, [string, string]> = {
  running: ['Running', 'blue'],
  recording: ['Recording votes', 'blue'],
  registration: ['Registration', 'amber'],
  claims: ['Claimable', 'green'],
  closed: ['Closed', 'grey'],
};

/** An epoch's phase from the chain (the indexer has no clock for it). */
function useEpoch(epoch: bigint | undefined) {
  const { addresses } = useConclave();
  const client = usePublicClient();
  return useQuery({
    queryKey: ['chain', 'epoch', epoch?.toString() ?? 'current'],
    queryFn: () => getEpoch(client!, { addresses, epoch }),
    enabled: !!client,
  });
}

function Phase({ epoch }: { epoch: bigint }) {
  const e = useEpoch(epoch);
  if (!e.data) return <span className="muted">…</span>;
  const [label, tone] = PHASES[e.data.phase];
  return <Badge tone={tone}>{label}</Badge>;
}

export function Rewards() {
  const [params, setParams] = useSearchParams();
  const current = useEpoch(undefined);
  const epochs = useIndexerList('rewardEpoch', { orderBy: 'id', orderDirection: 'desc', limit: 50 });
  const selected = parseId(params.get('epoch')) ?? epochs.data?.items.find((e) => e.registered > 0)?.id;

  return (
    <>
      <PageHeader title="Rewards" subtitle="Seven-day epochs funded by governance: reward = budget share by performance × reputation × governance participation, claimed by each agent." />
      <div className="stats">
        <Stat label="Current epoch" value={current.data ? current.data.epoch.toString() : '…'} hint={current.data ? `started ${utc(current.data.start)}` : undefined} />
        <Stat label="Current phase" value={current.data ? PHASES[current.data.phase][0] : '…'} hint={current.data ? `budget ${cncl(current.data.budget, 0)}` : undefined} />
        <Stat label="Paid in all" value={cncl((epochs.data?.items ?? []).reduce((s, e) => s + e.claimed, 0n), 2)} hint={plural((epochs.data?.items ?? []).reduce((s, e) => s + e.claims, 0), 'claim')} />
      </div>
      <Card title="Epochs">
        {epochs.error ? (
          <ErrorNote error={epochs.error} />
        ) : !epochs.data ? (
          <Loading />
        ) : (
          <Table head={['Epoch', 'Phase', 'Budget', 'Claimed', 'Registered agents', 'Claims', 'Returned to treasury']} empty="No epoch has been funded yet." testId="epochs">
            {epochs.data.items.map((e) => (
              <tr key={e.id.toString()} className={e.id === selected ? 'clickable selected' : 'clickable'} onClick={() => setParams({ epoch: e.id.toString() }, { replace: true })}>
                <td>
                  <strong>Epoch {e.id.toString()}</strong>
                </td>
                <td>
                  <Phase epoch={e.id} />
                </td>
                <td className="num">{cncl(e.budget, 2)}</td>
                <td className="num">
                  {cncl(e.claimed, 2)} <span className="muted small">({share(e.claimed, e.budget)})</span>
                </td>
                <td className="num">{int(e.registered)}</td>
                <td className="num">{int(e.claims)}</td>
                <td className="num">{e.swept === null ? <span className="muted">–</span> : cncl(e.swept, 2)}</td>
              </tr>
            ))}
          </Table>
        )}
      </Card>
      {selected !== undefined && <Claims epoch={selected} />}
    </>
  );
}

function Claims({ epoch }: { epoch: bigint }) {
  const shares = useIndexerAll('rewardShare', { where: { epoch }, orderBy: 'weight', orderDirection: 'desc' });
  const agents = useIndexerList('agent', { where: { id_in: (shares.data ?? []).map((s) => s.agentId) }, limit: 1000 }, (shares.data?.length ?? 0) > 0);
  const totalWeight = (shares.data ?? []).reduce((sum, s) => sum + s.weight, 0n);
  return (
    <Card title={`Epoch ${epoch} claims`}>
      {!shares.data ? (
        <Loading />
      ) : shares.data.length === 0 ? (
        <Empty>No agent registered for this epoch.</Empty>
      ) : (
        <Table head={['Agent', 'Share', 'Score', 'Multiplier', 'Participation', 'Claimable now', 'Claimed', '']} testId="claims">
          {shares.data.map((s) => {
            const agent = agents.data?.items.find((a) => a.id === s.agentId);
            return (
              <tr key={s.id}>
                <td>
                  <AgentLink id={s.agentId} role={agent?.role} />
                </td>
                <td className="num">{share(s.weight, totalWeight)}</td>
                <td className="num">{percentWad(s.score)}</td>
                <td className="num">{multiplier(s.multiplier)}</td>
                <td className="num">{percentWad(s.participation)}</td>
                <Claim epoch={epoch} agentId={s.agentId} owners={agent ? [agent.owner, agent.operator] : []} claimed={s.claimed} />
              </tr>
            );
          })}
        </Table>
      )}
    </Card>
  );
}

function Claim({ epoch, agentId, owners, claimed }: { epoch: bigint; agentId: bigint; owners: string[]; claimed: bigint | null }) {
  const { addresses } = useConclave();
  const client = usePublicClient();
  const { address } = useConnection();
  const claimable = useQuery({
    queryKey: ['chain', 'claimable', epoch.toString(), agentId.toString()],
    queryFn: () => getClaimable(client!, { addresses, epoch, agentId }),
    enabled: !!client,
  });
  const action = useTransaction((c, a) => claimReward(c, { addresses: a, epoch, agentId }));
  const mine = !!address && owners.some((o) => o !== zeroAddress && o.toLowerCase() === address.toLowerCase());
  return (
    <>
      <td className="num" data-testid={`claimable-${agentId}`}>
        {claimable.data === undefined ? '…' : claimable.data > 0n ? cncl(claimable.data, 2) : <span className="muted">–</span>}
      </td>
      <td className="num">{claimed === null ? <span className="muted">not yet</span> : cncl(claimed, 2)}</td>
      <td>{mine && (claimable.data ?? 0n) > 0n ? <ActionButton label="Claim" action={action} done="Claimed." /> : null}</td>
    </>
  );
}
