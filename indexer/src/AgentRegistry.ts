import { agentRegistryAbi } from '@conclave/sdk/abis';
import type { Context } from 'ponder:registry';
import { agent, agentMetadataValue } from 'ponder:schema';
import { bumpStats, indexContract } from './lib/audit';
import { roleName, setParameter, tierMinimum, tierOfRole } from './lib/roles';

/** Recomputes role, tier and active after the base role or the seat changed. */
async function refreshRole(context: Context, agentId: bigint, change: { baseRole?: string; seat?: string }, at: bigint) {
  const current = await context.db.find(agent, { id: agentId });
  if (!current) return;
  const baseRole = change.baseRole ?? current.baseRole;
  const seat = change.seat ?? current.seat;
  const role = seat !== 'None' ? seat : baseRole;
  const tier = tierOfRole(role);
  const active = current.stake >= (await tierMinimum(context, tier));
  await context.db.update(agent, { id: agentId }).set({ baseRole, seat, role, tier, active, updatedAt: at });
}

indexContract('AgentRegistry', agentRegistryAbi, {
  Registered: async ({ event, context }) => {
    const { agentId, agentURI, owner } = event.args;
    await context.db.insert(agent).values({
      id: agentId,
      owner,
      agentURI,
      baseRole: 'None',
      seat: 'None',
      role: 'None',
      tier: 'None',
      operator: null,
      wallet: owner,
      stake: 0n,
      unbonding: 0n,
      active: false,
      registeredAt: event.block.timestamp,
      updatedAt: event.block.timestamp,
    });
    await bumpStats(context, { agents: 1 });
  },
  RoleChanged: async ({ event, context }) => {
    const { agentId, newRole } = event.args;
    await refreshRole(context, agentId, { baseRole: roleName(newRole) }, event.block.timestamp);
  },
  SeatGranted: async ({ event, context }) => {
    const { agentId, seat } = event.args;
    await refreshRole(context, agentId, { seat: roleName(seat) }, event.block.timestamp);
  },
  SeatRevoked: async ({ event, context }) => {
    const { agentId } = event.args;
    await refreshRole(context, agentId, { seat: 'None' }, event.block.timestamp);
  },
  URIUpdated: async ({ event, context }) => {
    const { agentId, newURI } = event.args;
    await context.db.update(agent, { id: agentId }).set({ agentURI: newURI, updatedAt: event.block.timestamp });
  },
  MetadataSet: async ({ event, context }) => {
    const { agentId, metadataKey, metadataValue } = event.args;
    if (metadataKey === 'agentWallet') {
      // The registering owner's wallet is set with Registered; this event reports later changes.
      const wallet = metadataValue === '0x' ? null : metadataValue;
      await context.db.update(agent, { id: agentId }).set({ wallet, updatedAt: event.block.timestamp });
      return;
    }
    await context.db
      .insert(agentMetadataValue)
      .values({ id: `${agentId}:${metadataKey}`, agentId, key: metadataKey, value: metadataValue, updatedAt: event.block.timestamp })
      .onConflictDoUpdate({ value: metadataValue, updatedAt: event.block.timestamp });
  },
  OperatorSet: async ({ event, context }) => {
    const { agentId, operator } = event.args;
    const value = /^0x0{40}$/.test(operator) ? null : operator;
    await context.db.update(agent, { id: agentId }).set({ operator: value, updatedAt: event.block.timestamp });
  },
  Transfer: async ({ event, context }) => {
    const { from, to, tokenId } = event.args;
    // The mint's Transfer follows Registered, which created the row with the same owner.
    if (/^0x0{40}$/.test(from)) return;
    await context.db.update(agent, { id: tokenId }).set({ owner: to, updatedAt: event.block.timestamp });
  },
  StakingVaultSet: async ({ event, context }) => {
    const { stakingVault } = event.args;
    await setParameter(context, 'AgentRegistry', 'stakingVault', stakingVault, event.block.timestamp);
  },
});
