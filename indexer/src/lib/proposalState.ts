import type { Context } from 'ponder:registry';
import { proposal, protocolStat } from 'ponder:schema';

/**
 * Sets a proposal's live state and when it may next change with time alone (`checkAt`, null when only an event can
 * change it), and keeps the protocol-wide earliest check up to date.
 */
export async function setProposalState(
  context: Context,
  proposalId: bigint,
  state: string,
  checkAt: bigint | null,
  at: bigint,
) {
  await context.db.update(proposal, { id: proposalId }).set({ state, stateCheckAt: checkAt, updatedAt: at });
  if (checkAt === null) return;
  const totals = await context.db.find(protocolStat, { id: 'protocol' });
  if (totals && (totals.nextStateCheckAt === null || checkAt < totals.nextStateCheckAt)) {
    await context.db.update(protocolStat, { id: 'protocol' }).set({ nextStateCheckAt: checkAt });
  }
}
