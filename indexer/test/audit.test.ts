import { auditEvent } from 'ponder:schema';
import type { Abi } from 'viem';
import { describe, expect, test } from 'vitest';
import { stakingVaultAbi } from '@conclave/sdk/abis';
import { eventNames, indexContract } from '../src/lib/audit';

type Registered = { name: string; fn: (args: { event: unknown; context: unknown }) => Promise<void> };

/** A registry that keeps what is registered, and a context whose database keeps what is inserted. */
function harness() {
  const registered: Registered[] = [];
  const registry = { on: (name: string, fn: Registered['fn']) => registered.push({ name, fn }) };
  const inserted: { table: unknown; values: Record<string, unknown> }[] = [];
  const context = {
    db: {
      insert: (table: unknown) => ({
        values: (values: Record<string, unknown>) => {
          inserted.push({ table, values });
          return { onConflictDoUpdate: async () => undefined, then: (resolve: () => void) => resolve() };
        },
      }),
    },
  };
  return { registered, registry: registry as never, inserted, context };
}

const grown = [
  ...stakingVaultAbi,
  { type: 'event', name: 'SomethingNew', inputs: [{ name: 'agentId', type: 'uint256', indexed: true }], anonymous: false },
] as const satisfies Abi;

describe('audit log coverage', () => {
  test('every event of a contract is registered, including one its ABI gains', () => {
    const { registered, registry } = harness();
    indexContract('StakingVault', grown, { Staked: async () => undefined }, registry);
    const names = registered.map((r) => r.name);
    for (const name of eventNames(stakingVaultAbi)) expect(names).toContain(`StakingVault:${name}`);
    expect(names).toContain('StakingVault:SomethingNew');
    expect(new Set(names).size).toBe(names.length);
  });

  test('an event without a handler still lands in the audit log, with its agent id', async () => {
    const { registered, registry, inserted, context } = harness();
    indexContract('StakingVault', grown, {}, registry);
    const handler = registered.find((r) => r.name === 'StakingVault:SomethingNew')!;
    const event = {
      id: 'log-1',
      args: { agentId: 7n },
      block: { number: 12n, timestamp: 1_700_000_000n },
      transaction: { hash: '0xabc' },
      log: { logIndex: 3, address: '0x0000000000000000000000000000000000000001' },
    };
    await handler.fn({ event, context });
    const audit = inserted.find((i) => i.table === auditEvent);
    expect(audit?.values).toMatchObject({ id: 'log-1', contract: 'StakingVault', eventName: 'SomethingNew', agentId: 7n });
  });

  test('a handler for an event the ABI does not have is refused', () => {
    const { registry } = harness();
    expect(() => indexContract('StakingVault', stakingVaultAbi, { Nope: async () => undefined } as never, registry)).toThrow(
      /StakingVault has no event Nope/,
    );
  });
});
