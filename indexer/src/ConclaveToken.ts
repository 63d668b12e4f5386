import { conclaveTokenAbi } from '@conclave/sdk/abis';
import { treasuryFlow } from 'ponder:schema';
import { indexContract } from './lib/audit';

indexContract('ConclaveToken', conclaveTokenAbi, {
  // Token sent to the treasury (allocations, fees, slashes). Slashes are recorded from the vault's event, which
  // names the agent; spends from the treasury's Spent event.
  Transfer: async ({ event, context }) => {
    const a = event.args;
    const treasury = context.contracts.ConclaveTreasury.address.toLowerCase();
    const vault = context.contracts.StakingVault.address.toLowerCase();
    if (a.to.toLowerCase() !== treasury || a.from.toLowerCase() === vault) return;
    await context.db.insert(treasuryFlow).values({
      id: event.id,
      token: event.log.address,
      direction: 'in',
      kind: 'transfer',
      counterparty: a.from,
      amount: a.value,
      timestamp: event.block.timestamp,
    });
  },
});
