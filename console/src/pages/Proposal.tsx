import {
  computeCid,
  type IndexedProposal,
  type IndexedVote,
  type ProposalAction,
  type Support,
  castVote,
  conclaveGovernorAbi,
  execute,
  queue,
  review,
} from '@conclave/sdk';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { Address, Hex } from 'viem';
import { useConnection, useReadContracts } from 'wagmi';
import { describeCall } from '../contracts';
import { useConclave, useIndexerList, useIndexerRow } from '../conclave';
import { cncl, duration, int, parseId, percentBps, plainDescription, relative, share, utc, words } from '../format';
import { useLive } from '../live';
import { ProposalState } from '../proposal';
import { ActionButton, Address as Addr, AgentLink, Badge, Card, Empty, Loading, PageHeader, Stat, Table, useTransaction } from '../ui';
import { QuorumMeter, useQuorums } from './Proposals';

const actionsOf = (p: IndexedProposal): ProposalAction[] =>
  (p.targets as Address[]).map((target, i) => ({ target, value: BigInt((p.values as string[])[i] ?? '0'), data: (p.calldatas as Hex[])[i] ?? '0x' }));

export function Proposal() {
  const { addresses, config } = useConclave();
  const { now } = useLive();
  const param = useParams().id;
  const id = parseId(param) ?? 0n;
  const proposal = useIndexerRow('proposal', parseId(param));
  const p = proposal.data;
  const quorum = useQuorums(p ? [p] : []).get(id);
  const votes = useIndexerList('vote', { where: { proposalId: id }, orderBy: 'weight', orderDirection: 'desc', limit: 100 });
  const transitions = useIndexerList('proposalTransition', { where: { proposalId: id }, orderBy: 'id', orderDirection: 'asc' });
  const operation = useIndexerRow('timelockOperation', p?.timelockOperationId ?? undefined);
  const owners = useIndexerList('agent', { where: { owner_in: (votes.data?.items ?? []).map((v) => v.voter) } }, (votes.data?.items.length ?? 0) > 0);
  const agentOf = (voter: string) => owners.data?.items.find((a) => a.owner.toLowerCase() === voter.toLowerCase());
  const proposerAgent = useIndexerList('agent', { where: { owner: p?.proposer }, limit: 1 }, !!p).data?.items[0];

  if (proposal.isLoading) return <Loading />;
  if (!p) return <Empty>No proposal {param} in the indexer.</Empty>;
  const total = p.forVotes + p.againstVotes + p.abstainVotes;

  return (
    <>
      <PageHeader title={plainDescription(p.description)} subtitle={<span className="mono small">Proposal {p.id.toString()}</span>}>
        <ProposalState proposal={p} quorum={quorum} />
      </PageHeader>
      <div className="stats">
        <Stat label="For" value={cncl(p.forVotes, 0)} hint={total > 0n ? `${share(p.forVotes, total)} of votes cast` : 'no votes yet'} testId="tally-for" />
        <Stat label="Against" value={cncl(p.againstVotes, 0)} testId="tally-against" />
        <Stat label="Abstain" value={cncl(p.abstainVotes, 0)} testId="tally-abstain" />
        <Stat
          label="Quorum"
          value={quorum == null ? percentBps(p.quorumBps) : cncl(quorum, 0)}
          hint={<QuorumMeter proposal={p} quorum={quorum} />}
          testId="tally-quorum"
        />
      </div>

      <div className="grid two">
        <Card title="Details">
          <dl className="facts">
            <dt>Category</dt>
            <dd>
              {words(p.category)}
              {p.expedited ? <span className="muted"> · expedited{p.fellBack ? ' (fell back to standard rules)' : ''}</span> : null}
            </dd>
            <dt>Proposer</dt>
            <dd>
              {proposerAgent && (
                <>
                  <AgentLink id={proposerAgent.id} role={proposerAgent.role} />{' '}
                </>
              )}
              <span className="mono small">{p.proposer}</span>
            </dd>
            <dt>Voting</dt>
            <dd>
              {utc(p.voteStart + 1n)} to {utc(p.voteEnd)}
            </dd>
            <dt>Quorum</dt>
            <dd>
              {percentBps(p.expedited && !p.fellBack ? Math.max(p.quorumBps, p.expeditedQuorumBps) : p.quorumBps)} of total stake
              {quorum != null ? ` (${cncl(quorum, 0)})` : ''}
            </dd>
            <dt>CLO review</dt>
            <dd data-testid="review">
              {p.verdict !== 'None' ? (
                <>
                  <Badge>{p.verdict}</Badge> {p.reviewerAgentId !== null && <AgentLink id={p.reviewerAgentId} />}
                  {p.reviewCID && <div className="mono small ellipsis">{p.reviewCID}</div>}
                </>
              ) : (
                <span className="muted">{p.reviewRequired ? 'required before queuing; none yet' : 'none (not required for this category)'}</span>
              )}
            </dd>
            <dt>Timelock</dt>
            <dd>
              {p.timelockOperationId ? (
                <>
                  <Badge tone="violet">{operation.data?.status ?? 'Scheduled'}</Badge>{' '}
                  {p.eta !== null && <span>executable {relative(p.eta, now)} ({utc(p.eta)})</span>}
                  <div className="mono small ellipsis" title={p.timelockOperationId}>
                    operation {p.timelockOperationId}
                  </div>
                </>
              ) : (
                <span className="muted">not queued</span>
              )}
            </dd>
          </dl>
        </Card>
        <YourActions proposal={p} votes={votes.data?.items ?? []} />
      </div>

      <Card title={`Actions (${(p.targets as string[]).length})`}>
        <Table head={['Target', 'Call']}>
          {actionsOf(p).map((a, i) => {
            const call = describeCall(addresses, a.target, a.data, a.value);
            return (
              <tr key={i}>
                <td>{call.contract}</td>
                <td className="mono">{call.call}</td>
              </tr>
            );
          })}
        </Table>
      </Card>

      <div className="grid two">
        <Card title={`Votes (${int(p.voterCount)})`}>
          <Table head={['Voter', 'Support', 'Weight', 'When']} empty="No vote yet." testId="votes">
            {(votes.data?.items ?? []).map((v) => {
              const agent = agentOf(v.voter);
              return (
                <tr key={v.id}>
                  <td>
                    {agent ? <AgentLink id={agent.id} role={agent.role} /> : <Addr value={v.voter} />}
                    {v.reason && <div className="small muted ellipsis">“{v.reason}”</div>}
                  </td>
                  <td>
                    <Badge>{v.support}</Badge>
                  </td>
                  <td className="num">{cncl(v.weight, 0)}</td>
                  <td className="muted nowrap">{relative(v.timestamp, now)}</td>
                </tr>
              );
            })}
          </Table>
        </Card>
        <Card title="History">
          <Table head={['Step', 'When', 'Block']}>
            {(transitions.data?.items ?? []).map((t) => (
              <tr key={t.id}>
                <td>{words(t.transition)}</td>
                <td className="muted">{utc(t.timestamp)}</td>
                <td className="num">{int(t.blockNumber)}</td>
              </tr>
            ))}
          </Table>
          {config.source === 'devnet' && <p className="note">
              On the devnet, <code>npx conclave devnet advance 7d</code> moves the clock (and mines a block: this page follows) to see a proposal through.
            </p>}
        </Card>
      </div>
    </>
  );
}

/** What the connected account can do with the proposal now: vote, queue, execute, or review as the CLO. */
function YourActions({ proposal: p, votes }: { proposal: IndexedProposal; votes: IndexedVote[] }) {
  const { addresses } = useConclave();
  const { now } = useLive();
  const { address } = useConnection();
  const clo = useIndexerList('agent', { where: { seat: 'CLO' }, limit: 1 });
  const cloAgent = clo.data?.items[0];
  const isClo = !!address && !!cloAgent && [cloAgent.owner, cloAgent.operator].some((a) => a.toLowerCase() === address.toLowerCase());
  const reads = useReadContracts({
    contracts: address
      ? [
          { address: addresses.governor, abi: conclaveGovernorAbi, functionName: 'hasVoted', args: [p.id, address] },
          { address: addresses.governor, abi: conclaveGovernorAbi, functionName: 'getVotes', args: [address, p.voteStart] },
        ]
      : [],
    query: { enabled: !!address && p.state === 'Active' },
  });
  const hasVoted = reads.data?.[0]?.result as boolean | undefined;
  const mine = votes.find((v) => v.voter.toLowerCase() === address?.toLowerCase());
  const power = reads.data?.[1]?.result as bigint | undefined;
  const [reason, setReason] = useState('');
  const [support, setSupport] = useState<Support>('For');
  const [verdict, setVerdict] = useState<'Favourable' | 'Unfavourable'>('Favourable');
  const [report, setReport] = useState('');

  const vote = useTransaction((client, a) => castVote(client, { addresses: a, proposalId: p.id, support, reason }));
  const queueIt = useTransaction((client, a) => queue(client, { addresses: a, actions: actionsOf(p), description: p.description }));
  const executeIt = useTransaction((client, a) => execute(client, { addresses: a, actions: actionsOf(p), description: p.description }));
  const reviewIt = useTransaction(async (client, a) => {
    const { cid } = await computeCid({ proposalId: p.id.toString(), verdict, report });
    return review(client, { addresses: a, proposalId: p.id, verdict, reportCID: cid });
  });

  if (!address) {
    return (
      <Card title="Your actions">
        <Empty>Connect a wallet (top right) to vote, queue, execute or review.</Empty>
      </Card>
    );
  }
  const executable = p.state === 'Queued' && p.eta !== null && now !== undefined && p.eta <= now;
  return (
    <Card title="Your actions">
      {p.state === 'Active' && (
        <div className="form" data-testid="vote-form">
          <div className="muted small">
            Your voting power at the snapshot: {power === undefined ? '…' : cncl(power, 2)}
            {hasVoted && !mine ? ' · you have voted (the indexer has not shown it yet)' : ''}
          </div>
          {mine && (
            <div data-testid="my-vote">
              You voted <Badge>{mine.support}</Badge> with {cncl(mine.weight, 2)}
              {mine.reason ? ` (“${mine.reason}”)` : ''}.
            </div>
          )}
          {!hasVoted && (
            <>
              <div className="segmented" role="radiogroup" aria-label="Support">
                {(['For', 'Against', 'Abstain'] as const).map((s) => (
                  <button key={s} type="button" role="radio" aria-checked={support === s} className={support === s ? 'active' : ''} onClick={() => setSupport(s)}>
                    {s}
                  </button>
                ))}
              </div>
              <input type="text" placeholder="Reason (optional, recorded with the vote)" value={reason} onChange={(e) => setReason(e.target.value)} aria-label="Reason" />
              <ActionButton label={`Vote ${support}`} action={vote} disabled={power === 0n} done="Vote cast: the tally updates once the indexer has it." testId="cast-vote" />
              {power === 0n && <div className="muted small">This account had no votes at the snapshot (stake, or votes delegated to it, before voting opened).</div>}
            </>
          )}
        </div>
      )}
      {p.state === 'Pending' && (
        <div className="form">
          {isClo ? (
            <>
              <div className="muted small">
                As the CLO, record a feasibility review during the discussion window
                {p.verdict !== 'None' ? `: a ${p.verdict.toLowerCase()} one is recorded, and a new one replaces it` : ''}.
              </div>
              <div className="segmented" role="radiogroup" aria-label="Verdict">
                {(['Favourable', 'Unfavourable'] as const).map((v) => (
                  <button key={v} type="button" role="radio" aria-checked={verdict === v} className={verdict === v ? 'active' : ''} onClick={() => setVerdict(v)}>
                    {v}
                  </button>
                ))}
              </div>
              <textarea placeholder="The report (its CID is recorded on-chain; pin the same JSON to IPFS)" value={report} onChange={(e) => setReport(e.target.value)} rows={3} />
              <ActionButton label="Record review" action={reviewIt} disabled={report.trim() === ''} done="Review recorded." />
            </>
          ) : (
            <div className="muted">
              Voting opens {now !== undefined ? `in ${duration(p.voteStart + 1n - now)}` : 'soon'}. Only the CLO{cloAgent ? ` (agent ${cloAgent.id})` : ''} can record a
              review before then.
            </div>
          )}
        </div>
      )}
      {p.state === 'Succeeded' && (
        <div className="form">
          <div className="muted small">It passed: anyone may queue it in the Timelock.</div>
          <ActionButton label="Queue" action={queueIt} done="Queued." />
        </div>
      )}
      {p.state === 'Queued' && (
        <div className="form">
          <div className="muted small">{executable ? 'The Timelock delay has passed: anyone may execute it.' : `Executable ${p.eta !== null ? relative(p.eta, now) : 'after the delay'}.`}</div>
          <ActionButton label="Execute" action={executeIt} disabled={!executable} done="Executed." />
        </div>
      )}
      {['Executed', 'Defeated', 'Canceled', 'Expired'].includes(p.state) && <div className="muted">Nothing left to do: the proposal is {p.state.toLowerCase()}.</div>}
      <p className="note">
        Sent from <Addr value={address} /> through the SDK; a revert shows its decoded error. See <Link to="/proposals">all proposals</Link>.
      </p>
    </Card>
  );
}
