import { guardianMultisigAbi } from '../../sdk/src/generated';
import { guardianAction } from 'ponder:schema';
import { indexContract } from './lib/audit';

// Ponder's handler context (typed per event by Ponder; helpers here serve several events).
type Ctx = any;
type Ev = { id: string; block: { timestamp: bigint } };

async function action(context: Ctx, event: Ev, values: Partial<typeof guardianAction.$inferInsert> & { kind: string }) {
  await context.db.insert(guardianAction).values({ id: event.id, timestamp: event.block.timestamp, ...values });
}

indexContract('GuardianMultisig', guardianMultisigAbi, {
  Executed: async ({ event, context }) => {
    const a = event.args as {
      nonce: bigint;
      target: `0x${string}`;
      selector: `0x${string}`;
      data: `0x${string}`;
      signers: readonly `0x${string}`[];
    };
    await action(context, event, {
      kind: 'Executed',
      nonce: a.nonce,
      target: a.target,
      selector: a.selector,
      data: a.data,
      signers: [...a.signers],
    });
  },
  OwnerAdded: async ({ event, context }) =>
    action(context, event, { kind: 'OwnerAdded', subject: (event.args as { owner: `0x${string}` }).owner }),
  OwnerRemoved: async ({ event, context }) =>
    action(context, event, { kind: 'OwnerRemoved', subject: (event.args as { owner: `0x${string}` }).owner }),
  ThresholdChanged: async ({ event, context }) =>
    action(context, event, { kind: 'ThresholdChanged', value: (event.args as { newThreshold: bigint }).newThreshold }),
  CallAllowed: async ({ event, context }) => {
    const a = event.args as { target: `0x${string}`; selector: `0x${string}`; allowed: boolean };
    await action(context, event, {
      kind: a.allowed ? 'CallAllowed' : 'CallDisallowed',
      target: a.target,
      selector: a.selector,
    });
  },
});
