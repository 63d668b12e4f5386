import { zeroAddress } from 'viem';
import { conclaveTreasuryAbi } from '@conclave/sdk/abis';
import { treasuryFlow } from 'ponder:schema';
import { indexContract } from './lib/audit';
import { setParameter } from './lib/roles';

indexContract('ConclaveTreasury', conclaveTreasuryAbi, {
  Spent: async ({ event, context }) => {
    const a = event.args;
    await context.db.insert(treasuryFlow).values({
      id: event.id,
      token: a.token,
      direction: 'out',
      kind: a.emergency ? 'emergencySpend' : 'spend',
      counterparty: a.to,
      amount: a.amount,
      timestamp: event.block.timestamp,
    });
  },
  NativeReceived: async ({ event, context }) => {
    const a = event.args;
    await context.db.insert(treasuryFlow).values({
      id: event.id,
      token: zeroAddress,
      direction: 'in',
      kind: 'native',
      counterparty: a.from,
      amount: a.amount,
      timestamp: event.block.timestamp,
    });
  },
  ReserveFloorSet: async ({ event, context }) => {
    const { newBps } = event.args;
    await setParameter(context, 'ConclaveTreasury', 'reserveFloorBps', newBps.toString(), event.block.timestamp);
  },
});
