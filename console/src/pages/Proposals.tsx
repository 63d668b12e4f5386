import { type IndexedProposal, conclaveGovernorAbi } from '@conclave/sdk';
import { Link, useSearchParams } from 'react-router';
import { useReadContracts } from 'wagmi';
import { useConclave, useIndexerList } from '../conclave';
import { cncl, int, percentBps, plainDescription, share, words } from '../format';
import { ProposalState } from '../proposal';
import { Badge, Card, ErrorNote, Loading, Meter, PageHeader, ProposalLink, Table } from '../ui';

const FILTERS = {
  open: ['Pending', 'Active', 'Succeeded', 'Queued'],
  closed: ['Executed', 'Defeated', 'Canceled', 'Expired'],
} as const;

/** The quorum of each proposal (in tokens), read from the Governor; null before the snapshot, when it is not known. */
export function useQuorums(proposals: readonly IndexedProposal[]) {
  const { addresses } = useConclave();
  const reads = useReadContracts({
    contracts: proposals.map((p) => ({ address: addresses.governor, abi: conclaveGovernorAbi, functionName: 'proposalQuorum', args: [p.id] }) as const),
  });
  return new Map(proposals.map((p, i) => [p.id, reads.data?.[i]?.status === 'success' ? (reads.data[i]!.result as bigint) : null]));
}

/** Turnout counted towards quorum (For and Abstain, as OpenZeppelin counts it) against the quorum. */
export function QuorumMeter({ proposal, quorum }: { proposal: IndexedProposal; quorum: bigint | null | undefined }) {
  if (quorum == null) return <span className="muted small">{percentBps(proposal.quorumBps)} of stake at the snapshot</span>;
  const counted = proposal.forVotes + proposal.abstainVotes;
  return (
    <div className="quorum">
      <Meter value={counted} max={quorum === 0n ? 1n : quorum} tone={counted >= quorum ? 'good' : 'warn'} />
      <span className="small muted">{counted >= quorum ? 'quorum reached' : `${share(counted, quorum, 0)} of quorum`}</span>
    </div>
  );
}

export function Proposals() {
  const [params, setParams] = useSearchParams();
  const filter = (params.get('show') ?? 'all') as 'all' | 'open' | 'closed';
  const proposals = useIndexerList('proposal', {
    where: filter === 'all' ? undefined : { state_in: [...FILTERS[filter]] },
    orderBy: 'createdAt',
    orderDirection: 'desc',
    limit: 50,
  });
  const items = proposals.data?.items ?? [];
  const quorums = useQuorums(items);

  return (
    <>
      <PageHeader title="Proposals" subtitle="Typed governance proposals: discussion (48 h), voting (7 days), the Timelock (48 h), then execution.">
        <Link to="/proposals/new" className="button primary">
          New proposal
        </Link>
      </PageHeader>
      <Card>
        <div className="toolbar tabs">
          {(['all', 'open', 'closed'] as const).map((f) => (
            <button key={f} type="button" className={filter === f ? 'tab active' : 'tab'} onClick={() => setParams(f === 'all' ? {} : { show: f }, { replace: true })}>
              {words(f)}
            </button>
          ))}
          <span className="muted">{proposals.data ? `${int(proposals.data.totalCount)} proposal${proposals.data.totalCount === 1 ? '' : 's'}` : ''}</span>
        </div>
        {proposals.error ? (
          <ErrorNote error={proposals.error} />
        ) : !proposals.data ? (
          <Loading />
        ) : (
          <Table head={['Proposal', 'Category', 'State', 'Review', 'For', 'Against', 'Abstain', 'Quorum']} empty="No proposal." testId="proposals">
            {items.map((p) => (
              <tr key={p.id.toString()}>
                <td className="proposal-cell">
                  <ProposalLink id={p.id} />
                  <div className="ellipsis">{plainDescription(p.description)}</div>
                </td>
                <td>
                  {words(p.category)}
                  {p.expedited && <div className="small muted">expedited{p.fellBack ? ', fell back' : ''}</div>}
                </td>
                <td>
                  <ProposalState proposal={p} quorum={quorums.get(p.id)} />
                </td>
                <td>{p.verdict !== 'None' ? <Badge>{p.verdict}</Badge> : <span className="muted small">{p.reviewRequired ? 'required, none yet' : 'none'}</span>}</td>
                <td className="num">{cncl(p.forVotes, 0)}</td>
                <td className="num">{cncl(p.againstVotes, 0)}</td>
                <td className="num">{cncl(p.abstainVotes, 0)}</td>
                <td>
                  <QuorumMeter proposal={p} quorum={quorums.get(p.id)} />
                </td>
              </tr>
            ))}
          </Table>
        )}
      </Card>
    </>
  );
}
