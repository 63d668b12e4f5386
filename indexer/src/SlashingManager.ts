import { slashingManagerAbi } from '@conclave/sdk/abis';
import { slashProposal } from 'ponder:schema';
import { indexContract } from './lib/audit';
import { setParameter } from './lib/roles';

const origins = ['Governance', 'Reviewer', 'PerformanceRule', 'Dispute'] as const;

indexContract('SlashingManager', slashingManagerAbi, {
  SlashProposed: async ({ event, context }) => {
    const a = event.args;
    await context.db.insert(slashProposal).values({
      id: a.slashId,
      agentId: a.agentId,
      proposer: a.proposer,
      origin: origins[a.origin] ?? `Unknown(${a.origin})`,
      amount: a.amount,
      vetoDeadline: a.vetoDeadline,
      evidenceURI: a.evidenceURI,
      disputeId: a.disputeId === 0n ? null : a.disputeId,
      state: 'Proposed',
      proposedAt: event.block.timestamp,
    });
  },
  SlashContested: async ({ event, context }) => {
    await context.db.update(slashProposal, { id: event.args.slashId }).set({ contestedBy: event.args.proposalId });
  },
  GovernorSet: async ({ event, context }) => {
    await setParameter(context, 'SlashingManager', 'governor', event.args.governor, event.block.timestamp);
  },
  SlashVetoed: async ({ event, context }) => {
    await context.db
      .update(slashProposal, { id: event.args.slashId })
      .set({ state: 'Vetoed', vetoer: event.args.vetoer, decidedAt: event.block.timestamp });
  },
  SlashExecuted: async ({ event, context }) => {
    await context.db
      .update(slashProposal, { id: event.args.slashId })
      .set({ state: 'Executed', executedAmount: event.args.amount, decidedAt: event.block.timestamp });
  },
  VetoWindowSet: async ({ event, context }) => {
    await setParameter(context, 'SlashingManager', 'vetoWindow', event.args.newWindow.toString(), event.block.timestamp);
  },
  PerformanceRuleSet: async ({ event, context }) => {
    const a = event.args;
    await setParameter(context, 'SlashingManager', 'completionFloorBps', a.completionFloorBps.toString(), event.block.timestamp);
    await setParameter(context, 'SlashingManager', 'minTasks', a.minTasks.toString(), event.block.timestamp);
  },
});
