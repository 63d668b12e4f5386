import { stakingVaultAbi } from '@conclave/sdk/abis';
import { eq, sql } from 'ponder';
import type { Context } from 'ponder:registry';
import { account, agent, delegation, slashing, treasuryFlow, unbondingRequest } from 'ponder:schema';
import { bumpStats, indexContract } from './lib/audit';
import { setParameter, tierMinimum, tierName } from './lib/roles';

/** Sets an agent's own and unbonding stake (`undefined`: unchanged) and recomputes `active` and the totals. */
async function setStake(context: Context, agentId: bigint, ownOrSame: bigint | undefined, unbondingOrSame: bigint | undefined, at: bigint) {
  const current = await context.db.find(agent, { id: agentId });
  if (!current) return;
  // Read everything from `current` before updating: Ponder's cache may hand back the row it then updates.
  const before = { stake: current.stake, unbonding: current.unbonding };
  const own = ownOrSame ?? before.stake;
  const unbonding = unbondingOrSame ?? before.unbonding;
  const delta = { totalStaked: own - before.stake, totalUnbonding: unbonding - before.unbonding };
  const active = own >= (await tierMinimum(context, current.tier));
  await context.db.update(agent, { id: agentId }).set({ stake: own, unbonding, active, updatedAt: at });
  await bumpStats(context, delta);
}

indexContract('StakingVault', stakingVaultAbi, {
  Staked: async ({ event, context }) => {
    const { agentId, ownStake } = event.args;
    await setStake(context, agentId, ownStake, undefined, event.block.timestamp);
  },
  UnstakeRequested: async ({ event, context }) => {
    const a = event.args;
    await context.db.insert(unbondingRequest).values({
      id: a.requestId,
      agentId: a.agentId,
      owner: a.owner,
      amount: a.amount,
      shares: a.shares,
      releaseTime: BigInt(a.releaseTime),
      status: 'Pending',
      requestedAt: event.block.timestamp,
    });
    await setStake(context, a.agentId, a.ownStake, a.unbondingStake, event.block.timestamp);
  },
  Withdrawn: async ({ event, context }) => {
    const a = event.args;
    await context.db
      .update(unbondingRequest, { id: a.requestId })
      .set({ status: 'Withdrawn', withdrawnAmount: a.amount, withdrawnAt: event.block.timestamp });
    await setStake(context, a.agentId, undefined, a.unbondingStake, event.block.timestamp);
  },
  Slashed: async ({ event, context }) => {
    const a = event.args;
    await context.db.insert(slashing).values({
      id: event.id,
      agentId: a.agentId,
      slasher: a.slasher,
      recipient: a.recipient,
      amount: a.amount,
      fromOwn: a.fromOwn,
      fromUnbonding: a.fromUnbonding,
      timestamp: event.block.timestamp,
    });
    if (a.recipient.toLowerCase() === context.contracts.ConclaveTreasury.address.toLowerCase()) {
      await context.db.insert(treasuryFlow).values({
        id: event.id,
        token: context.contracts.ConclaveToken.address,
        direction: 'in',
        kind: 'slash',
        counterparty: event.log.address,
        amount: a.amount,
        timestamp: event.block.timestamp,
      });
    }
    await setStake(context, a.agentId, a.ownStake, a.unbondingStake, event.block.timestamp);
    await bumpStats(context, { slashes: 1 });
  },
  DelegateChanged: async ({ event, context }) => {
    const a = event.args;
    await context.db.insert(delegation).values({
      id: event.id,
      delegator: a.delegator,
      fromDelegate: a.fromDelegate,
      toDelegate: a.toDelegate,
      timestamp: event.block.timestamp,
    });
    await context.db
      .insert(account)
      .values({ id: a.delegator, delegate: a.toDelegate, votes: 0n, updatedAt: event.block.timestamp })
      .onConflictDoUpdate({ delegate: a.toDelegate, updatedAt: event.block.timestamp });
  },
  DelegateVotesChanged: async ({ event, context }) => {
    const a = event.args;
    await context.db
      .insert(account)
      .values({ id: a.delegate, delegate: null, votes: a.newVotes, updatedAt: event.block.timestamp })
      .onConflictDoUpdate({ votes: a.newVotes, updatedAt: event.block.timestamp });
  },
  TierMinimumSet: async ({ event, context }) => {
    const a = event.args;
    const tier = tierName(a.tier);
    await setParameter(context, 'StakingVault', `tierMinimum:${tier}`, a.newMinimum.toString(), event.block.timestamp);
    // Every agent of the tier may change status: one set-based UPDATE, however many agents there are.
    await context.db.sql
      .update(agent)
      .set({ active: sql`${agent.stake} >= ${a.newMinimum}` })
      .where(eq(agent.tier, tier));
  },
  UnbondingPeriodSet: async ({ event, context }) => {
    const { newPeriod } = event.args;
    await setParameter(context, 'StakingVault', 'unbondingPeriod', newPeriod.toString(), event.block.timestamp);
  },
  MaxSlashBpsSet: async ({ event, context }) => {
    const { newBps } = event.args;
    await setParameter(context, 'StakingVault', 'maxSlashBps', newBps.toString(), event.block.timestamp);
  },
  SlashRecipientSet: async ({ event, context }) => {
    const { newRecipient } = event.args;
    await setParameter(context, 'StakingVault', 'slashRecipient', newRecipient, event.block.timestamp);
  },
  Paused: async ({ event, context }) => {
    await setParameter(context, 'StakingVault', 'paused', 'true', event.block.timestamp);
  },
  // A pause lifts by itself at `pausedUntil`: readers compare it with the time, since no event marks the expiry.
  PauseExpirySet: async ({ event, context }) => {
    const { pausedUntil } = event.args;
    await setParameter(context, 'StakingVault', 'pausedUntil', pausedUntil.toString(), event.block.timestamp);
  },
  PauseDurationSet: async ({ event, context }) => {
    const { newDuration } = event.args;
    await setParameter(context, 'StakingVault', 'pauseDuration', newDuration.toString(), event.block.timestamp);
  },
  Unpaused: async ({ event, context }) => {
    await setParameter(context, 'StakingVault', 'paused', 'false', event.block.timestamp);
  },
});
