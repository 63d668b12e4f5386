import { stakingVaultAbi } from '../../sdk/src/generated';
import { eq, sql } from 'ponder';
import { account, agent, delegation, slash, treasuryFlow, unbondingRequest } from 'ponder:schema';
import { bumpStats, indexContract } from './lib/audit';
import { setParameter, tierMinimum, tierName } from './lib/roles';

// Ponder's handler context (typed per event by Ponder; helpers here serve several events).
type Ctx = any;

/** Sets an agent's own and unbonding stake (`undefined`: unchanged) and recomputes `active` and the totals. */
async function setStake(context: Ctx, agentId: bigint, ownOrSame: bigint | undefined, unbondingOrSame: bigint | undefined, at: bigint) {
  const current = await context.db.find(agent, { id: agentId });
  if (!current) return;
  // Read everything from `current` before updating: Ponder's cache may hand back the row it then updates.
  const before = { stake: current.stake as bigint, unbonding: current.unbonding as bigint };
  const own = ownOrSame ?? before.stake;
  const unbonding = unbondingOrSame ?? before.unbonding;
  const delta = { totalStaked: own - before.stake, totalUnbonding: unbonding - before.unbonding };
  const active = own >= (await tierMinimum(context, current.tier));
  await context.db.update(agent, { id: agentId }).set({ stake: own, unbonding, active, updatedAt: at });
  await bumpStats(context, delta);
}

indexContract('StakingVault', stakingVaultAbi, {
  Staked: async ({ event, context }) => {
    const { agentId, ownStake } = event.args as { agentId: bigint; ownStake: bigint };
    await setStake(context, agentId, ownStake, undefined, event.block.timestamp);
  },
  UnstakeRequested: async ({ event, context }) => {
    const a = event.args as {
      agentId: bigint;
      requestId: bigint;
      owner: `0x${string}`;
      amount: bigint;
      shares: bigint;
      releaseTime: number;
      ownStake: bigint;
      unbondingStake: bigint;
    };
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
    const a = event.args as { agentId: bigint; requestId: bigint; amount: bigint; unbondingStake: bigint };
    await context.db
      .update(unbondingRequest, { id: a.requestId })
      .set({ status: 'Withdrawn', withdrawnAmount: a.amount, withdrawnAt: event.block.timestamp });
    await setStake(context, a.agentId, undefined, a.unbondingStake, event.block.timestamp);
  },
  Slashed: async ({ event, context }) => {
    const a = event.args as {
      agentId: bigint;
      slasher: `0x${string}`;
      recipient: `0x${string}`;
      amount: bigint;
      fromOwn: bigint;
      fromUnbonding: bigint;
      ownStake: bigint;
      unbondingStake: bigint;
    };
    await context.db.insert(slash).values({
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
    const a = event.args as { delegator: `0x${string}`; fromDelegate: `0x${string}`; toDelegate: `0x${string}` };
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
    const a = event.args as { delegate: `0x${string}`; newVotes: bigint };
    await context.db
      .insert(account)
      .values({ id: a.delegate, delegate: null, votes: a.newVotes, updatedAt: event.block.timestamp })
      .onConflictDoUpdate({ votes: a.newVotes, updatedAt: event.block.timestamp });
  },
  TierMinimumSet: async ({ event, context }) => {
    const a = event.args as { tier: number; newMinimum: bigint };
    const tier = tierName(a.tier);
    await setParameter(context, 'StakingVault', `tierMinimum:${tier}`, a.newMinimum.toString(), event.block.timestamp);
    // Every agent of the tier may change status: one set-based UPDATE, however many agents there are.
    await context.db.sql
      .update(agent)
      .set({ active: sql`${agent.stake} >= ${a.newMinimum}` })
      .where(eq(agent.tier, tier));
  },
  UnbondingPeriodSet: async ({ event, context }) => {
    const { newPeriod } = event.args as { newPeriod: bigint };
    await setParameter(context, 'StakingVault', 'unbondingPeriod', newPeriod.toString(), event.block.timestamp);
  },
  MaxSlashBpsSet: async ({ event, context }) => {
    const { newBps } = event.args as { newBps: bigint };
    await setParameter(context, 'StakingVault', 'maxSlashBps', newBps.toString(), event.block.timestamp);
  },
  SlashRecipientSet: async ({ event, context }) => {
    const { newRecipient } = event.args as { newRecipient: string };
    await setParameter(context, 'StakingVault', 'slashRecipient', newRecipient, event.block.timestamp);
  },
  Paused: async ({ event, context }) => {
    await setParameter(context, 'StakingVault', 'paused', 'true', event.block.timestamp);
  },
  Unpaused: async ({ event, context }) => {
    await setParameter(context, 'StakingVault', 'paused', 'false', event.block.timestamp);
  },
});
