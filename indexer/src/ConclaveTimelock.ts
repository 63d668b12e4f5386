import { conclaveTimelockAbi } from '@conclave/sdk/abis';
import { proposal, timelockOperation } from 'ponder:schema';
import { indexContract } from './lib/audit';
import { setParameter } from './lib/roles';

indexContract('ConclaveTimelock', conclaveTimelockAbi, {
  CallScheduled: async ({ event, context }) => {
    const a = event.args;
    await context.db
      .insert(timelockOperation)
      .values({
        id: a.id,
        status: 'Scheduled',
        readyAt: event.block.timestamp + a.delay,
        scheduledAt: event.block.timestamp,
        updatedAt: event.block.timestamp,
      })
      .onConflictDoNothing();
  },
  CallExecuted: async ({ event, context }) => {
    const { id } = event.args;
    await context.db.update(timelockOperation, { id }).set({ status: 'Executed', updatedAt: event.block.timestamp });
  },
  Cancelled: async ({ event, context }) => {
    const { id } = event.args;
    const op = await context.db.find(timelockOperation, { id });
    if (!op) return;
    await context.db.update(timelockOperation, { id }).set({ status: 'Cancelled', updatedAt: event.block.timestamp });
    // A guardian cancel of a queued operation cancels the proposal too (the Governor reports it as Canceled).
    if (op.proposalId !== null) {
      const p = await context.db.find(proposal, { id: op.proposalId });
      if (p && p.status === 'Queued') {
        await context.db
          .update(proposal, { id: op.proposalId })
          .set({ status: 'Canceled', state: 'Canceled', stateCheckAt: null, updatedAt: event.block.timestamp });
      }
    }
  },
  MinDelayChange: async ({ event, context }) => {
    const { newDuration } = event.args;
    await setParameter(context, 'ConclaveTimelock', 'minDelay', newDuration.toString(), event.block.timestamp);
  },
});
