import { type IndexerRow, executeSlash } from '@conclave/sdk';
import { useConclave, useIndexerList } from '../conclave';
import { cncl, duration, int, relative, words } from '../format';
import { useLive } from '../live';
import { ActionButton, Address, AgentLink, Badge, Card, ErrorNote, Loading, PageHeader, ProposalLink, Stat, Table, useTransaction } from '../ui';

type Slash = IndexerRow<'slashProposal'>;

/** A slash's state in words, with the veto window's time left by chain time. */
export function SlashState({ slash }: { slash: Slash }) {
  const { now } = useLive();
  if (slash.state !== 'Proposed') return <Badge>{slash.state}</Badge>;
  const open = now === undefined || now <= slash.vetoDeadline;
  return (
    <span className="state" data-testid={`slash-state-${slash.id}`}>
      <Badge tone={open ? 'amber' : 'red'}>{open ? 'In veto window' : 'Executable'}</Badge>{' '}
      <span className="state-detail">
        {open ? `closes ${now === undefined ? 'soon' : `in ${duration(slash.vetoDeadline - now)}`}` : slash.contestedBy !== null ? 'contested by a proposal' : 'anyone may execute it'}
      </span>
    </span>
  );
}

function ExecuteSlash({ slash }: { slash: Slash }) {
  const { now } = useLive();
  const action = useTransaction((client, addresses) => executeSlash(client, { addresses, slashId: slash.id }));
  if (slash.state !== 'Proposed' || now === undefined || now <= slash.vetoDeadline) return null;
  return <ActionButton label="Execute" action={action} tone="danger" done="Executed." />;
}

export function Slashes() {
  const { now } = useLive();
  const { addresses, config } = useConclave();
  const pending = useIndexerList('slashProposal', { where: { state: 'Proposed' }, orderBy: 'vetoDeadline', orderDirection: 'asc', limit: 100 });
  const decided = useIndexerList('slashProposal', { where: { state_not: 'Proposed' }, orderBy: 'id', orderDirection: 'desc', limit: 50 });
  const proposers = [...new Set((pending.data?.items ?? []).map((s) => s.proposer))];
  const proposerAgents = useIndexerList('agent', { where: { owner_in: proposers } }, proposers.length > 0);
  const agentOf = (owner: string) => proposerAgents.data?.items.find((a) => a.owner.toLowerCase() === owner.toLowerCase());
  const executed = useIndexerList('slashing', { orderBy: 'timestamp', orderDirection: 'desc', limit: 1000 });
  const slashedTotal = (executed.data?.items ?? []).reduce((sum, s) => sum + s.amount, 0n);

  return (
    <>
      <PageHeader
        title="Slashes"
        subtitle="A proposed slash waits out a 3-day veto window, in which the guardian or governance may veto it; after it, anyone may execute it."
      />
      <div className="stats">
        <Stat label="In the veto window" value={pending.data ? int(pending.data.items.filter((s) => now === undefined || now <= s.vetoDeadline).length) : '…'} />
        <Stat label="Awaiting execution" value={pending.data ? int(pending.data.items.filter((s) => now !== undefined && now > s.vetoDeadline).length) : '…'} />
        <Stat label="Executed slashes" value={executed.data ? int(executed.data.items.length) : '…'} hint={`${cncl(slashedTotal, 2)} to the treasury`} />
      </div>
      <Card title="Proposed">
        {pending.error ? (
          <ErrorNote error={pending.error} />
        ) : !pending.data ? (
          <Loading />
        ) : (
          <Table head={['Slash', 'Agent', 'Amount', 'Origin', 'State', 'Evidence', 'Proposed', '']} empty="No slash is waiting." testId="slashes">
            {pending.data.items.map((s) => (
              <tr key={s.id.toString()}>
                <td>#{s.id.toString()}</td>
                <td>
                  <AgentLink id={s.agentId} />
                </td>
                <td className="num">{cncl(s.amount, 2)}</td>
                <td>
                  {words(s.origin)}
                  <div className="small muted">
                    by {agentOf(s.proposer) ? <AgentLink id={agentOf(s.proposer)!.id} role={agentOf(s.proposer)!.role} /> : <Address value={s.proposer} />}
                  </div>
                </td>
                <td>
                  <SlashState slash={s} />
                  {s.contestedBy !== null && (
                    <div className="small muted">
                      contested by proposal <ProposalLink id={s.contestedBy} />
                    </div>
                  )}
                </td>
                <td className="small ellipsis evidence" title={s.evidenceURI}>
                  {s.evidenceURI}
                </td>
                <td className="muted nowrap">{relative(s.proposedAt, now)}</td>
                <td>
                  <ExecuteSlash slash={s} />
                </td>
              </tr>
            ))}
          </Table>
        )}
        {config.source === 'devnet' && <p className="note">A veto comes from the guardian multisig (its owners sign) or from a Governor proposal.</p>}
      </Card>
      <Card title="Decided">
        <Table head={['Slash', 'Agent', 'Amount', 'Outcome', 'Decided']} empty="No slash has been decided yet." testId="slashes-decided">
          {(decided.data?.items ?? []).map((s) => (
            <tr key={s.id.toString()}>
              <td>#{s.id.toString()}</td>
              <td>
                <AgentLink id={s.agentId} />
              </td>
              <td className="num">{cncl(s.executedAmount ?? s.amount, 2)}</td>
              <td>
                <Badge>{s.state}</Badge>
                {s.vetoer && (
                  <span className="small muted">
                    {' '}
                    by{' '}
                    {s.vetoer.toLowerCase() === addresses.guardian.toLowerCase() ? (
                      'the guardian'
                    ) : s.vetoer.toLowerCase() === addresses.timelock.toLowerCase() ? (
                      'governance'
                    ) : (
                      <Address value={s.vetoer} />
                    )}
                  </span>
                )}
              </td>
              <td className="muted nowrap">{s.decidedAt === null ? '–' : relative(s.decidedAt, now)}</td>
            </tr>
          ))}
        </Table>
      </Card>
    </>
  );
}
