import { rewardsDistributorAbi } from '@conclave/sdk/abis';
import type { Context } from 'ponder:registry';
import { agent, rewardEpoch, rewardShare } from 'ponder:schema';
import { indexContract } from './lib/audit';
import { setParameter } from './lib/roles';

type EpochDelta = Partial<Record<'budget' | 'claimed' | 'totalWeight', bigint>> &
  Partial<Record<'proposals' | 'registered' | 'claims', number>>;

async function bumpEpoch(context: Context, epoch: bigint, delta: EpochDelta) {
  await context.db
    .insert(rewardEpoch)
    .values({
      id: epoch,
      budget: delta.budget ?? 0n,
      claimed: delta.claimed ?? 0n,
      totalWeight: delta.totalWeight ?? 0n,
      proposals: delta.proposals ?? 0,
      registered: delta.registered ?? 0,
      claims: delta.claims ?? 0,
    })
    .onConflictDoUpdate((row) => ({
      budget: row.budget + (delta.budget ?? 0n),
      claimed: row.claimed + (delta.claimed ?? 0n),
      totalWeight: row.totalWeight + (delta.totalWeight ?? 0n),
      proposals: row.proposals + (delta.proposals ?? 0),
      registered: row.registered + (delta.registered ?? 0),
      claims: row.claims + (delta.claims ?? 0),
    }));
}

indexContract('RewardsDistributor', rewardsDistributorAbi, {
  EpochFunded: async ({ event, context }) => {
    await bumpEpoch(context, event.args.epoch, { budget: event.args.amount });
  },
  ProposalRecorded: async ({ event, context }) => {
    await bumpEpoch(context, event.args.epoch, { proposals: 1 });
  },
  AgentRegistered: async ({ event, context }) => {
    const a = event.args;
    await context.db.insert(rewardShare).values({
      id: `${a.epoch}:${a.agentId}`,
      epoch: a.epoch,
      agentId: a.agentId,
      weight: a.weight,
      score: a.score,
      multiplier: a.multiplier,
      participation: a.participation,
      registeredAt: event.block.timestamp,
    });
    await bumpEpoch(context, a.epoch, { totalWeight: a.weight, registered: 1 });
    await context.db.update(agent, { id: a.agentId }).set({ participation: a.participation });
  },
  RewardClaimed: async ({ event, context }) => {
    const a = event.args;
    await context.db
      .update(rewardShare, { id: `${a.epoch}:${a.agentId}` })
      .set({ claimed: a.amount, claimedBy: a.to, claimedAt: event.block.timestamp });
    await bumpEpoch(context, a.epoch, { claimed: a.amount, claims: 1 });
  },
  EpochSwept: async ({ event, context }) => {
    await bumpEpoch(context, event.args.epoch, {});
    await context.db.update(rewardEpoch, { id: event.args.epoch }).set({ swept: event.args.amount });
  },
  ClaimWindowSet: async ({ event, context }) => {
    await setParameter(context, 'RewardsDistributor', 'claimWindow', event.args.newWindow.toString(), event.block.timestamp);
  },
  GovernorSet: async ({ event, context }) => {
    await setParameter(context, 'RewardsDistributor', 'governor', event.args.governor, event.block.timestamp);
  },
});
