import { type ChannelTerms, feeEscrowAbi } from '@conclave/sdk';
import type { Command } from 'commander';
import type { Hex } from 'viem';
import { type Context, signer } from '../context.js';
import { cncl, duration, table, utc } from '../format.js';
import { UsageError, parseAddress, parseAmount, parseChannelId, parseId } from '../parse.js';
import { handler } from '../run.js';

/** A channel's terms, from the escrow's `ChannelOpened` event (the id is their hash, so they cannot be read back). */
export async function channelTerms(ctx: Context, channelId: Hex): Promise<ChannelTerms> {
  const [opened] = await ctx.client.getContractEvents({
    address: ctx.addresses.escrow,
    abi: feeEscrowAbi,
    eventName: 'ChannelOpened',
    args: { channelId },
    fromBlock: ctx.startBlock,
  });
  if (!opened) throw new UsageError(`no channel ${channelId} was opened on this escrow`);
  const { consumer, providerAgentId, token, voucherKey, salt } = opened.args;
  return { consumer: consumer!, providerAgentId: providerAgentId!, token: token!, voucherKey: voucherKey!, salt: salt! };
}

export function channelCommands(program: Command) {
  const channel = program.command('channel').description("open, show, close and withdraw a consumer's payment channels");

  channel
    .command('open')
    .description('open a channel from the signer to a provider agent, with a deposit (approves the escrow when needed)')
    .requiredOption('--provider <agentId>', 'the provider agent to pay')
    .requiredOption('--deposit <CNCL>', 'the deposit, e.g. 10')
    .option('--voucher-key <address>', 'another key that may sign vouchers (e.g. an agent’s hot key)')
    .action(
      handler({ writes: true }, async (ctx, _args, o) => {
        const providerAgentId = parseId(String(o.provider), '--provider');
        const amount = parseAmount(String(o.deposit), '--deposit');
        const voucherKey = o.voucherKey === undefined ? undefined : parseAddress(String(o.voucherKey), '--voucher-key');
        const result = await signer(ctx).openChannel({ providerAgentId, amount, voucherKey });
        return {
          json: { channelId: result.channelId, terms: result.terms, deposit: amount, hash: result.hash, approval: result.approval?.hash },
          text: [
            `Opened channel ${result.channelId} to agent ${providerAgentId} with ${cncl(amount)}`,
            `  transaction ${result.hash}`,
          ],
        };
      }),
    );

  channel
    .command('show')
    .description("a channel's terms, deposit, what it has paid, and whether it is open, closing or closed")
    .argument('<channelId>')
    .action(
      handler({ writes: false }, async (ctx, [id]) => {
        const channelId = parseChannelId(id!);
        const [state, terms, block] = await Promise.all([
          ctx.client.getChannel({ channelId }),
          channelTerms(ctx, channelId),
          ctx.client.getBlock(),
        ]);
        const status =
          state.status === 'closing'
            ? state.closeDeadline > block.timestamp
              ? `closing: the provider may redeem for ${duration(state.closeDeadline - block.timestamp)} more (${utc(state.closeDeadline)}), then withdraw`
              : 'closing: the challenge window is over: withdraw'
            : state.status;
        return {
          json: { ...state, terms },
          text: [
            `Channel ${channelId}`,
            ...table([
              ['Status', status],
              ['Consumer', terms.consumer],
              ['Provider', `agent ${terms.providerAgentId}`],
              ['Deposit', cncl(state.deposit)],
              ['Paid', cncl(state.paid)],
            ]),
          ],
        };
      }),
    );

  channel
    .command('close')
    .description('ask to close a channel (the consumer); the provider may redeem during the challenge window')
    .argument('<channelId>')
    .action(
      handler({ writes: true }, async (ctx, [id]) => {
        const channelId = parseChannelId(id!);
        const terms = await channelTerms(ctx, channelId);
        const result = await signer(ctx).requestChannelClose({ terms });
        const [state, block] = await Promise.all([ctx.client.getChannel({ channelId }), ctx.client.getBlock()]);
        return {
          json: { channelId, status: state.status, closeDeadline: state.closeDeadline, hash: result.hash },
          text: [
            `Asked to close channel ${channelId}: the provider may redeem until ${utc(state.closeDeadline)} (in ${duration(state.closeDeadline - block.timestamp)}); then: conclave channel withdraw ${channelId}`,
            `  transaction ${result.hash}`,
          ],
        };
      }),
    );

  channel
    .command('withdraw')
    .description('after the challenge window: close the channel and take back what it did not pay')
    .argument('<channelId>')
    .action(
      handler({ writes: true }, async (ctx, [id]) => {
        const channelId = parseChannelId(id!);
        const terms = await channelTerms(ctx, channelId);
        const result = await signer(ctx).withdrawFromChannel({ terms });
        return {
          json: { channelId, refund: result.refund, hash: result.hash },
          text: [`Closed channel ${channelId}: ${cncl(result.refund)} back to ${terms.consumer}`, `  transaction ${result.hash}`],
        };
      }),
    );
}
