import { roles, tiers } from '@conclave/sdk/abis';
import type { Context } from 'ponder:registry';
import { parameter } from 'ponder:schema';

export const roleName = (index: number | bigint) => roles[Number(index)] ?? `Unknown(${index})`;
export const tierName = (index: number | bigint) => tiers[Number(index)] ?? `Unknown(${index})`;

/** The tier of an effective role (the contracts' `tierOf`). */
export function tierOfRole(role: string): string {
  if (role === 'Utility') return 'Utility';
  if (role === 'Specialized') return 'Specialized';
  return 'CSuite';
}

/** The minimum own stake of `tier`, as last set on-chain (TierMinimumSet). */
export async function tierMinimum(context: Context, tier: string): Promise<bigint> {
  const row = await context.db.find(parameter, { id: `StakingVault:tierMinimum:${tier}` });
  return row ? BigInt(row.value) : 0n;
}

export async function setParameter(
  context: Context,
  contract: string,
  name: string,
  value: string,
  timestamp: bigint,
) {
  await context.db
    .insert(parameter)
    .values({ id: `${contract}:${name}`, contract, name, value, updatedAt: timestamp })
    .onConflictDoUpdate({ value, updatedAt: timestamp });
}
