import type { Account, Address, Chain, Client, Hash, Hex, Transport } from 'viem';
import type { SigningClient } from '../internal/account.js';
import { getBlock, getChainId, waitForTransactionReceipt, watchContractEvent } from 'viem/actions';
import { type ConclaveAddresses, resolveAddresses } from '../deployment.js';
import { feeEscrowAbi } from '../generated.js';
import { getChannel } from '../actions/escrow/getChannel.js';
import { redeemAndClose, redeemVoucher, redeemVouchers } from '../actions/escrow/settle.js';
import { assertId } from '../internal/validate.js';
import { type ChannelStore, KeyedMutex, decodeJson, encodeJson } from './store.js';
import { type ChannelTerms, ConclaveVoucherError, type SignedVoucher, channelIdOf, createVoucherVerifier } from './voucher.js';

/** What a provider knows of one channel. */
export type ProviderChannel = {
  channelId: Hex;
  terms: ChannelTerms;
  deposit: bigint;
  /** What the escrow has paid on it. */
  paid: bigint;
  /** The newest voucher accepted for a call that was answered. */
  voucher?: SignedVoucher | undefined;
  closing: boolean;
};

/** A voucher accepted for one call: commit it before sending the answer, or release it if the call failed. */
export type VoucherAcceptance = {
  channelId: Hex;
  payer: Address;
  /** What the voucher adds to the channel's newest one. */
  amount: bigint;
  /** Stores the voucher durably; only then may the answer be sent. */
  commit(): Promise<void>;
  /** The call failed: the voucher is forgotten and the consumer is not charged. */
  release(): void;
};

export type CreateChannelProviderParameters = {
  providerAgentId: bigint;
  /** Durable store of the newest voucher per channel (`@conclave/x402`'s `fileStore` in Node). */
  store: ChannelStore;
  addresses?: ConclaveAddresses | undefined;
  /** Redeem by itself once the vouchers not yet redeemed add up to this much (default: only when asked or closing). */
  redeemThreshold?: bigint | undefined;
  /** Called with the errors of the provider's own background work (redemptions, watching close requests). */
  onError?: ((error: unknown) => void) | undefined;
  /** Called after each redemption it makes by itself. */
  onRedeemed?: ((redeemed: { channelIds: Hex[]; amount: bigint; fee: bigint; hash: Hash }) => void) | undefined;
};

/** What {@link createChannelProvider} returns. */
export type ChannelProvider = Awaited<ReturnType<typeof createChannelProvider>>;

/**
 * A tool provider's side of the escrow: accepts vouchers offline (checked as the escrow would, against cached
 * channel state), keeps the newest per channel in a durable store written before an answer is sent, and redeems:
 * on request, by itself past `redeemThreshold`, and always when a consumer asks to close (it watches the escrow),
 * inside the challenge window. Call `start()` to restore the store and begin watching; `stop()` to end.
 */
export async function createChannelProvider(
  client: SigningClient,
  parameters: CreateChannelProviderParameters,
) {
  const { providerAgentId, store, redeemThreshold, onError = () => {}, onRedeemed } = parameters;
  assertId('providerAgentId', providerAgentId);
  const addresses = resolveAddresses(client, parameters.addresses);
  const chainId = client.chain?.id ?? (await getChainId(client));
  const verify = createVoucherVerifier({ chainId, escrow: addresses.escrow });
  const prefix = `provider:${chainId}:${addresses.escrow.toLowerCase()}:${providerAgentId}:`;
  const channels = new Map<string, ProviderChannel>();
  const mutex = new KeyedMutex();
  let unwatch: (() => void) | undefined;
  let redeeming: Promise<unknown> = Promise.resolve();

  const accepted = (channel: ProviderChannel) => {
    const newest = channel.voucher?.cumulativeAmount ?? 0n;
    return newest > channel.paid ? newest : channel.paid;
  };
  const unredeemed = (channel: ProviderChannel) =>
    channel.voucher && channel.voucher.cumulativeAmount > channel.paid ? channel.voucher.cumulativeAmount - channel.paid : 0n;
  const totalUnredeemed = () => [...channels.values()].reduce((sum, c) => sum + unredeemed(c), 0n);

  /** Reads a channel's deposit, payments and status from the escrow into the cache. */
  const sync = async (terms: ChannelTerms, cached?: ProviderChannel) => {
    const channelId = channelIdOf(terms);
    const state = await getChannel(client, { addresses, channelId });
    const channel: ProviderChannel = {
      channelId,
      terms,
      deposit: state.deposit,
      paid: state.paid,
      voucher: cached?.voucher,
      closing: state.status === 'closing' || state.status === 'closed',
    };
    if (state.status !== 'none') channels.set(channelId.toLowerCase(), channel);
    return { channel, status: state.status };
  };

  /** Queues a redemption of every channel owed something; one runs at a time. */
  const redeemOwed = () => {
    const run = async () => {
      // Re-read the owed channels first: one closed, or past its challenge window, while the provider was not
      // watching would make the whole batch revert. Redemptions are rare; a read per owed channel is cheap.
      const candidates = [...channels.values()].filter((c) => unredeemed(c) > 0n);
      const now = (await getBlock(client)).timestamp;
      const owed: ProviderChannel[] = [];
      for (const c of candidates) {
        const state = await getChannel(client, { addresses, channelId: c.channelId });
        c.paid = state.paid > c.paid ? state.paid : c.paid;
        c.closing = c.closing || state.status !== 'open';
        const redeemable = state.status === 'open' || (state.status === 'closing' && state.closeDeadline > now);
        if (redeemable && unredeemed(c) > 0n) owed.push(c);
      }
      if (owed.length === 0) return undefined;
      const snapshot = owed.map((c) => ({ terms: c.terms, voucher: c.voucher! }));
      const result =
        snapshot.length === 1
          ? await redeemVoucher(client, { addresses, ...snapshot[0]! })
          : await redeemVouchers(client, { addresses, redemptions: snapshot });
      for (const { voucher } of snapshot) {
        const channel = channels.get(voucher.channelId.toLowerCase());
        if (channel && voucher.cumulativeAmount > channel.paid) channel.paid = voucher.cumulativeAmount;
      }
      const summary = { channelIds: owed.map((c) => c.channelId), amount: result.amount, fee: result.fee, hash: result.hash };
      onRedeemed?.(summary);
      return summary;
    };
    const next = redeeming.then(run, run);
    redeeming = next.catch(() => {});
    return next;
  };

  /** A consumer asked to close: redeem the newest voucher and close at once (refunding the rest early). */
  const closeOnRequest = async (channelId: Hex) => {
    const channel = channels.get(channelId.toLowerCase());
    if (!channel) return;
    channel.closing = true;
    if (!channel.voucher) return;
    const run = async () => {
      const fresh = await getChannel(client, { addresses, channelId });
      if (fresh.status === 'closed') return;
      const result = await redeemAndClose(client, { addresses, terms: channel.terms, voucher: channel.voucher! });
      channel.paid = channel.voucher!.cumulativeAmount;
      onRedeemed?.({ channelIds: [channelId], amount: result.amount, fee: result.fee, hash: result.hash });
    };
    const next = redeeming.then(run, run);
    redeeming = next.catch(onError);
    await redeeming;
  };

  return {
    providerAgentId,

    /**
     * Checks a voucher for a call of `price` in `token`: the channel is this provider's, open, in that token; the
     * voucher is signed by its consumer or voucher key, above the newest accepted, within the deposit, and adds at
     * least `price`. Holds the channel until `commit` or `release`. Pass `funding` (the consumer's open or top-up
     * transaction) to wait for it first. Throws ConclaveVoucherError.
     */
    accept: async (payment: {
      terms: ChannelTerms;
      voucher: SignedVoucher;
      price: bigint;
      token: Address;
      funding?: Hash | undefined;
    }): Promise<VoucherAcceptance> => {
      const { terms, voucher, price, token, funding } = payment;
      const channelId = channelIdOf(terms);
      if (terms.providerAgentId !== providerAgentId) {
        throw new ConclaveVoucherError('WrongProvider', `channel ${channelId} pays agent ${terms.providerAgentId}`);
      }
      if (terms.token.toLowerCase() !== token.toLowerCase()) {
        throw new ConclaveVoucherError('WrongToken', `channel ${channelId} pays in ${terms.token}, the tool in ${token}`);
      }
      const release = await mutex.acquire(channelId.toLowerCase());
      try {
        let channel = channels.get(channelId.toLowerCase());
        if (!channel || voucher.cumulativeAmount > channel.deposit) {
          if (funding) await waitForTransactionReceipt(client, { hash: funding, timeout: 30_000 });
          const synced = await sync(terms, channel);
          if (synced.status === 'none') throw new ConclaveVoucherError('UnknownChannel', `no channel ${channelId}`);
          channel = synced.channel;
        }
        if (channel.closing) throw new ConclaveVoucherError('ChannelClosing', `channel ${channelId} is closing or closed`);
        const base = accepted(channel);
        const amount = await verify(voucher, { terms, channelId, deposit: channel.deposit, accepted: base });
        if (amount < price) {
          throw new ConclaveVoucherError('Underpaid', `the voucher adds ${amount}, the call costs ${price}`);
        }
        const target = channel;
        let settled = false;
        return {
          channelId,
          payer: terms.consumer,
          amount,
          commit: async () => {
            if (settled) return;
            settled = true;
            try {
              await store.set(prefix + channelId.toLowerCase(), encodeJson({ terms, voucher }));
              target.voucher = voucher;
            } finally {
              release();
            }
            if (redeemThreshold !== undefined && totalUnredeemed() >= redeemThreshold) {
              redeemOwed().catch(onError);
            }
          },
          release: () => {
            if (settled) return;
            settled = true;
            release();
          },
        };
      } catch (error) {
        release();
        throw error;
      }
    },

    /** Redeems every voucher not yet redeemed (one transaction); undefined when nothing is owed. */
    redeem: () => redeemOwed(),

    /** What the stored vouchers are owed beyond what the escrow has paid. */
    unredeemed: totalUnredeemed,

    /** The channels this provider knows, with their newest vouchers. */
    channels: () => [...channels.values()].map((c) => ({ ...c })),

    /**
     * Restores the stored vouchers (reading each channel's state), redeems at once on channels whose consumer asked
     * to close while the provider was down, and starts watching for close requests.
     */
    start: async (options: { pollingInterval?: number | undefined } = {}) => {
      for (const [key, text] of await store.entries()) {
        if (!key.startsWith(prefix)) continue;
        const { terms, voucher } = decodeJson<{ terms: ChannelTerms; voucher: SignedVoucher }>(text);
        const { channel } = await sync(terms, { voucher } as ProviderChannel);
        channel.voucher = voucher;
        channels.set(channel.channelId.toLowerCase(), channel);
      }
      for (const channel of channels.values()) {
        if (channel.closing && unredeemed(channel) > 0n) await closeOnRequest(channel.channelId).catch(onError);
      }
      unwatch = watchContractEvent(client, {
        address: addresses.escrow,
        abi: feeEscrowAbi,
        eventName: 'ChannelCloseRequested',
        pollingInterval: options.pollingInterval,
        onLogs: (logs) => {
          for (const log of logs) {
            if (log.args.channelId) closeOnRequest(log.args.channelId).catch(onError);
          }
        },
        onError,
      });
      if (redeemThreshold !== undefined && totalUnredeemed() >= redeemThreshold) await redeemOwed().catch(onError);
    },

    /** Stops watching and waits for a redemption under way. */
    stop: async () => {
      unwatch?.();
      unwatch = undefined;
      await redeeming;
    },
  };
}
