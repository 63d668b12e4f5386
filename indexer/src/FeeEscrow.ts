import { feeEscrowAbi } from '@conclave/sdk/abis';
import type { Context } from 'ponder:registry';
import { channel, consumerLedger, dispute, payout, providerRevenue, redemption, treasuryFlow } from 'ponder:schema';
import { indexContract } from './lib/audit';
import { setParameter } from './lib/roles';

type Hex = `0x${string}`;

/** Adds to a consumer's spend in `token`. */
async function spend(context: Context, consumer: Hex, token: Hex, delta: { deposited?: bigint; spent?: bigint; refunded?: bigint }) {
  await context.db
    .insert(consumerLedger)
    .values({
      id: `${consumer.toLowerCase()}:${token.toLowerCase()}`,
      consumer,
      token,
      deposited: delta.deposited ?? 0n,
      spent: delta.spent ?? 0n,
      refunded: delta.refunded ?? 0n,
    })
    .onConflictDoUpdate((row) => ({
      deposited: row.deposited + (delta.deposited ?? 0n),
      spent: row.spent + (delta.spent ?? 0n),
      refunded: row.refunded + (delta.refunded ?? 0n),
    }));
}

indexContract('FeeEscrow', feeEscrowAbi, {
  ChannelOpened: async ({ event, context }) => {
    const a = event.args;
    await context.db.insert(channel).values({
      id: a.channelId,
      consumer: a.consumer,
      providerAgentId: a.providerAgentId,
      token: a.token,
      voucherKey: a.voucherKey,
      salt: a.salt,
      deposit: a.deposit,
      paid: 0n,
      fees: 0n,
      redemptions: 0,
      status: 'Open',
      openedAt: event.block.timestamp,
      updatedAt: event.block.timestamp,
    });
    await spend(context, a.consumer, a.token, { deposited: a.deposit });
  },
  ChannelToppedUp: async ({ event, context }) => {
    const a = event.args;
    const row = await context.db.find(channel, { id: a.channelId });
    if (!row) return;
    const { consumer, token } = row;
    await context.db.update(channel, { id: a.channelId }).set({ deposit: a.deposit, updatedAt: event.block.timestamp });
    await spend(context, consumer, token, { deposited: a.amount });
  },
  VoucherRedeemed: async ({ event, context }) => {
    const a = event.args;
    const row = await context.db.find(channel, { id: a.channelId });
    if (!row) return;
    const { consumer, token, providerAgentId } = row;
    const [paid, fees, redemptions] = [row.paid + a.amount, row.fees + a.fee, row.redemptions + 1];
    await context.db.update(channel, { id: a.channelId }).set({ paid, fees, redemptions, updatedAt: event.block.timestamp });
    await context.db.insert(redemption).values({
      id: event.id,
      channelId: a.channelId,
      providerAgentId,
      consumer,
      token,
      cumulativeAmount: a.cumulativeAmount,
      amount: a.amount,
      fee: a.fee,
      blockNumber: event.block.number,
      timestamp: event.block.timestamp,
      transactionHash: event.transaction.hash,
    });
    await context.db
      .insert(providerRevenue)
      .values({
        id: `${providerAgentId}:${token.toLowerCase()}`,
        providerAgentId,
        token,
        gross: a.amount,
        fees: a.fee,
        net: a.amount - a.fee,
        redemptions: 1,
      })
      .onConflictDoUpdate((r) => ({
        gross: r.gross + a.amount,
        fees: r.fees + a.fee,
        net: r.net + a.amount - a.fee,
        redemptions: r.redemptions + 1,
      }));
    await spend(context, consumer, token, { spent: a.amount });
  },
  PayoutSent: async ({ event, context }) => {
    const a = event.args;
    await context.db.insert(payout).values({
      id: event.id,
      payee: a.payee,
      token: a.token,
      amount: a.amount,
      timestamp: event.block.timestamp,
      transactionHash: event.transaction.hash,
    });
  },
  ChannelCloseRequested: async ({ event, context }) => {
    const a = event.args;
    await context.db
      .update(channel, { id: a.channelId })
      .set({ status: 'Closing', closeDeadline: a.deadline, updatedAt: event.block.timestamp });
  },
  ChannelClosed: async ({ event, context }) => {
    const a = event.args;
    const row = await context.db.find(channel, { id: a.channelId });
    if (!row) return;
    const { token } = row;
    await context.db
      .update(channel, { id: a.channelId })
      .set({ status: 'Closed', refund: a.refund, closedByProvider: a.byProvider, updatedAt: event.block.timestamp });
    await spend(context, a.consumer, token, { refunded: a.refund });
  },
  FeesSwept: async ({ event, context }) => {
    const a = event.args;
    await context.db.insert(treasuryFlow).values({
      id: event.id,
      token: a.token,
      direction: 'in',
      kind: 'protocol fee',
      counterparty: event.log.address,
      amount: a.amount,
      timestamp: event.block.timestamp,
    });
  },
  DisputeRecorded: async ({ event, context }) => {
    const a = event.args;
    await context.db.insert(dispute).values({
      id: a.disputeId,
      channelId: a.channelId,
      providerAgentId: a.providerAgentId,
      consumer: a.consumer,
      evidenceURI: a.evidenceURI,
      timestamp: event.block.timestamp,
    });
  },
  ProtocolFeeSet: async ({ event, context }) => {
    await setParameter(context, 'FeeEscrow', 'protocolFeeBps', event.args.newBps.toString(), event.block.timestamp);
  },
  ChallengeWindowSet: async ({ event, context }) => {
    await setParameter(context, 'FeeEscrow', 'challengeWindow', event.args.newWindow.toString(), event.block.timestamp);
  },
  PaymentTokenSet: async ({ event, context }) => {
    const a = event.args;
    await setParameter(context, 'FeeEscrow', `paymentToken:${a.token.toLowerCase()}`, String(a.allowed), event.block.timestamp);
  },
  PauseExpirySet: async ({ event, context }) => {
    await setParameter(context, 'FeeEscrow', 'pausedUntil', event.args.pausedUntil.toString(), event.block.timestamp);
  },
  PauseDurationSet: async ({ event, context }) => {
    await setParameter(context, 'FeeEscrow', 'pauseDuration', event.args.newDuration.toString(), event.block.timestamp);
  },
  Paused: async ({ event, context }) => {
    await setParameter(context, 'FeeEscrow', 'paused', 'true', event.block.timestamp);
  },
  Unpaused: async ({ event, context }) => {
    await setParameter(context, 'FeeEscrow', 'paused', 'false', event.block.timestamp);
  },
});
