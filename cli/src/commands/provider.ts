import { readFileSync } from 'node:fs';
import { type ChannelStore, type ChannelTerms, type SignedVoucher, channelIdOf, createChannelProvider } from '@conclave/sdk';
import { type Command, Option } from 'commander';
import { type Hash, type Hex, getAddress } from 'viem';
import { type Context, signer } from '../context.js';
import { cncl } from '../format.js';
import { UsageError, parseId } from '../parse.js';
import { collect, handler } from '../run.js';

// The SDK's store encoding (bigints as decimal strings tagged `n`), which `createChannelProvider` reads back.
const encode = (value: unknown) => JSON.stringify(value, (_, v) => (typeof v === 'bigint' ? `${v}n` : v));
const big = (value: unknown, what: string) => {
  const text = String(value).replace(/n$/, '');
  if (!/^\d+$/.test(text)) throw new UsageError(`${what} must be a non-negative integer (got '${String(value)}')`);
  return BigInt(text);
};

/**
 * The newest value per key of an `@conclave/x402` `fileStore` file (JSON lines `{"k", "v"}`), read without writing:
 * the provider's server may have it open (fileStore compacts the file when it opens it, so the CLI does not).
 */
function readStoreFile(file: string): Map<string, string> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new UsageError(`cannot read the voucher store ${file}`);
  }
  const values = new Map<string, string>();
  for (const line of text.split('\n')) {
    if (!line) continue;
    try {
      const { k, v } = JSON.parse(line) as { k: unknown; v: unknown };
      if (typeof k === 'string' && typeof v === 'string') values.set(k, v);
    } catch {
      // A line cut short by a crash mid-write: fileStore never acknowledged it either.
    }
  }
  return values;
}

/** A voucher file: `{"terms": {consumer, providerAgentId, token, voucherKey, salt}, "voucher": {channelId, cumulativeAmount, signature}}`. */
function readVoucherFile(file: string): { terms: ChannelTerms; voucher: SignedVoucher } {
  let json: { terms?: Record<string, unknown>; voucher?: Record<string, unknown> };
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    throw new UsageError(`cannot read the JSON voucher file ${file}`);
  }
  const { terms: t, voucher: v } = json;
  if (!t || !v) throw new UsageError(`${file} must hold {"terms": {…}, "voucher": {…}}`);
  try {
    const terms: ChannelTerms = {
      consumer: getAddress(String(t.consumer)),
      providerAgentId: big(t.providerAgentId, 'terms.providerAgentId'),
      token: getAddress(String(t.token)),
      voucherKey: getAddress(String(t.voucherKey)),
      salt: big(t.salt, 'terms.salt'),
    };
    const voucher: SignedVoucher = {
      channelId: String(v.channelId) as Hex,
      cumulativeAmount: big(v.cumulativeAmount, 'voucher.cumulativeAmount'),
      signature: String(v.signature) as Hex,
    };
    if (channelIdOf(terms).toLowerCase() !== voucher.channelId.toLowerCase()) {
      throw new UsageError(`${file}: the voucher is for channel ${voucher.channelId}, the terms are channel ${channelIdOf(terms)}`);
    }
    return { terms, voucher };
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`${file}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  }
}

type Redeemed = { providerAgentId: bigint; channelIds: Hex[]; amount: bigint; fee: bigint; hash: Hash };

/** Redeems what one provider's stored vouchers are owed, the way its server would (`createChannelProvider`). */
async function redeemFor(ctx: Context, providerAgentId: bigint, values: Map<string, string>): Promise<Redeemed[]> {
  const store: ChannelStore = {
    get: async (key) => values.get(key),
    set: async () => {
      throw new Error('the CLI only reads the voucher store');
    },
    entries: async () => [...values],
  };
  const redeemed: Redeemed[] = [];
  const errors: unknown[] = [];
  const provider = await createChannelProvider(signer(ctx), {
    providerAgentId,
    store,
    addresses: ctx.addresses,
    onRedeemed: (r) => redeemed.push({ providerAgentId, ...r }),
    onError: (error) => errors.push(error),
  });
  // start() restores the vouchers and redeems-and-closes channels whose consumer asked to close; redeem() the rest.
  // Each redemption is reported once, through onRedeemed.
  await provider.start({ pollingInterval: 500 });
  try {
    await provider.redeem();
  } finally {
    await provider.stop();
  }
  if (errors.length > 0) throw errors[0];
  return redeemed;
}

export function providerCommands(program: Command) {
  const provider = program.command('provider').description("a tool provider's side of the payment channels");

  provider
    .command('redeem')
    .description(
      "redeem what a provider is owed on its channels, from its server's voucher store or voucher files (the provider agent's owner or operator signs)",
    )
    .option('--store <file>', "the provider's voucher store: an @conclave/x402 fileStore file (e.g. vouchers.log), read only")
    .addOption(new Option('--voucher <file>', 'a JSON voucher {"terms": {…}, "voucher": {…}}, repeatable').argParser(collect))
    .option('--provider <agentId>', 'only this provider agent’s vouchers (default: every provider in the store)')
    .addHelpText(
      'after',
      '\nChannels whose consumer asked to close are redeemed and closed at once; the others are redeemed in one\ntransaction. A voucher already redeemed is skipped.',
    )
    .action(
      handler({ writes: true }, async (ctx, _args, o) => {
        const files = (o.voucher as string[] | undefined) ?? [];
        if (o.store === undefined && files.length === 0) throw new UsageError('give the vouchers: --store <file> or --voucher <file>');
        const only = o.provider === undefined ? undefined : parseId(String(o.provider), '--provider');
        const prefix = `provider:${ctx.chainId}:${ctx.addresses.escrow.toLowerCase()}:`;
        const values = o.store === undefined ? new Map<string, string>() : readStoreFile(String(o.store));
        for (const file of files) {
          const { terms, voucher } = readVoucherFile(file);
          values.set(`${prefix}${terms.providerAgentId}:${voucher.channelId.toLowerCase()}`, encode({ terms, voucher }));
        }
        const providers = new Set<bigint>();
        for (const key of values.keys()) {
          const match = /^(\d+):/.exec(key.startsWith(prefix) ? key.slice(prefix.length) : '');
          if (match && (only === undefined || BigInt(match[1]!) === only)) providers.add(BigInt(match[1]!));
        }
        if (providers.size === 0) {
          throw new UsageError(
            `no vouchers${only === undefined ? '' : ` of agent ${only}`} for this chain's escrow (${ctx.addresses.escrow}) in ${[o.store, ...files].filter(Boolean).join(', ')}`,
          );
        }
        const redeemed: Redeemed[] = [];
        for (const providerAgentId of providers) redeemed.push(...(await redeemFor(ctx, providerAgentId, values)));
        const amount = redeemed.reduce((sum, r) => sum + r.amount, 0n);
        const fee = redeemed.reduce((sum, r) => sum + r.fee, 0n);
        const agents = [...providers].map((id) => `agent ${id}`).join(', ');
        return {
          json: { providers: [...providers], amount, fee, redemptions: redeemed },
          text:
            redeemed.length === 0
              ? [`Nothing owed to ${agents}: every stored voucher is redeemed`]
              : [
                  `Redeemed ${cncl(amount)} for ${agents} (protocol fee ${cncl(fee)}, ${cncl(amount - fee)} paid out)`,
                  ...redeemed.map((r) => `  ${r.channelIds.length} channel(s) of agent ${r.providerAgentId}: transaction ${r.hash}`),
                ],
        };
      }),
    );
}
