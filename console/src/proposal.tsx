import type { IndexedProposal } from '@conclave/sdk';
import { proposalState } from './format';
import { useLive } from './live';
import { Badge } from './ui';

/** A proposal's state in words with the time left, by chain time. */
export function ProposalState({ proposal, quorum }: { proposal: IndexedProposal; quorum?: bigint | null }) {
  const { now } = useLive();
  const { word, detail } = proposalState(proposal, now, quorum);
  return (
    <span className="state" data-testid={`state-${proposal.id}`}>
      <Badge>{word}</Badge> <span className="state-detail">{detail}</span>
    </span>
  );
}
