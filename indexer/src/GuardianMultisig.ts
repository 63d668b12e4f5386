import { guardianMultisigAbi } from '@conclave/sdk/abis';
import type { Context, Event } from 'ponder:registry';
import type { LogEvent } from './lib/audit';
import { guardianAction } from 'ponder:schema';
import { indexContract } from './lib/audit';

async function action(context: Context, event: LogEvent, values: Partial<typeof guardianAction.$inferInsert> & { kind: string }) {
  await context.db.insert(guardianAction).values({ id: event.id, timestamp: event.block.timestamp, ...values });
}

indexContract('GuardianMultisig', guardianMultisigAbi, {
  Executed: async ({ event, context }) => {
    const a = event.args;
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
    action(context, event, { kind: 'OwnerAdded', subject: event.args.owner }),
  OwnerRemoved: async ({ event, context }) =>
    action(context, event, { kind: 'OwnerRemoved', subject: event.args.owner }),
  ThresholdChanged: async ({ event, context }) =>
    action(context, event, { kind: 'ThresholdChanged', value: event.args.newThreshold }),
  CallAllowed: async ({ event, context }) => {
    const a = event.args;
    await action(context, event, {
      kind: a.allowed ? 'CallAllowed' : 'CallDisallowed',
      target: a.target,
      selector: a.selector,
    });
  },
});
