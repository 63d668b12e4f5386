import { and, isNotNull, lte, min } from 'ponder';
import { ponder } from 'ponder:registry';
import { proposal, protocolStat } from 'ponder:schema';
import { conclaveGovernorAbi, proposalStates } from '@conclave/sdk/abis';
import { setProposalState } from './lib/proposalState';

// Brings proposals up to date when time alone changes their state. What the state becomes at a deadline depends on
// the Governor's rules (quorum of the total stake at the snapshot, the expedited supermajority, the fall-back), so
// the Governor answers: `state()` and `proposalDeadline()` read at this block, which Ponder caches per block and
// replays on a reorg like any other data.
ponder.on('ProposalClock:block', async ({ event, context }) => {
  const now = event.block.timestamp;
  const totals = await context.db.find(protocolStat, { id: 'protocol' });
  if (!totals || totals.nextStateCheckAt === null || totals.nextStateCheckAt > now) return;

  const governor = { abi: conclaveGovernorAbi, address: context.contracts.ConclaveGovernor.address } as const;
  const due = await context.db.sql
    .select({ id: proposal.id })
    .from(proposal)
    .where(and(isNotNull(proposal.stateCheckAt), lte(proposal.stateCheckAt, now)));
  for (const { id } of due) {
    const index = await context.client.readContract({ ...governor, functionName: 'state', args: [id] });
    const state = proposalStates[index] ?? `Unknown(${index})`;
    let checkAt: bigint | null = state === 'Pending' ? now + 1n : null;
    if (state === 'Active') {
      // Still voting: check again after the deadline the Governor now reports (an expedited proposal past its mark
      // has fallen back to the standard deadline even if nobody has voted since).
      const deadline = await context.client.readContract({ ...governor, functionName: 'proposalDeadline', args: [id] });
      await context.db.update(proposal, { id }).set({ voteEnd: deadline });
      checkAt = deadline + 1n;
    }
    await setProposalState(context, id, state, checkAt, now);
  }
  const [next] = await context.db.sql.select({ at: min(proposal.stateCheckAt) }).from(proposal);
  await context.db.update(protocolStat, { id: 'protocol' }).set({ nextStateCheckAt: next?.at ?? null });
});
