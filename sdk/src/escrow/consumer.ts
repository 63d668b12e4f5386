import {
  type Account,
  type Address,
  type Chain,
  type Client,
  type Hash,
  type Hex,
  type LocalAccount,
  type Transport,
  zeroAddress,
} from 'viem';
import type { SigningClient } from '../internal/account.js';
import { getChainId, signTypedData } from 'viem/actions';
import { type ConclaveAddresses, resolveAddresses } from '../deployment.js';
import { ConclaveValidationError } from '../errors.js';
import { openChannel, topUpChannel } from '../actions/escrow/fund.js';
import { requireAccount } from '../internal/account.js';
import { getChannel } from '../actions/escrow/getChannel.js';
import { requestChannelClose, withdrawFromChannel } from '../actions/escrow/settle.js';
import { assertId, assertPositive } from '../internal/validate.js';
import { type ChannelStore, KeyedMutex, decodeJson, encodeJson, memoryStore } from './store.js';
import { type ChannelTerms, type SignedVoucher, voucherDomain, voucherTypes } from './voucher.js';

/** A consumer's channel to one provider in one token, with its ledger. */
export type ConsumerChannel = {
  channelId: Hex;
  terms: ChannelTerms;
  /** What the consumer has deposited, as last read or funded. */
  deposit: bigint;
  /** The cumulative amount of the newest voucher for a call that succeeded: what the provider may redeem. */
  spent: bigint;
  /** The consumer asked to close it: no more vouchers; a new payment opens a new channel. */
  closing: boolean;
  /**
   * A voucher whose call's outcome is unknown: handed out and neither committed nor abandoned (the answer was lost,
   * or the consumer stopped before it came back). The provider may hold it; `resolveInDoubt` counts it when the
   * provider refuses the next voucher as not newer.
   */
  inDoubt?: SignedVoucher | undefined;
};

/** One call's payment: a voucher for the ledger plus the price, held until the call's outcome is known. */
export type ChannelPayment = {
  /** `deposit` when this payment opened or topped up the channel (then `funding` is that transaction). */
  kind: 'voucher' | 'deposit';
  terms: ChannelTerms;
  voucher: SignedVoucher;
  price: bigint;
  funding?: Hash | undefined;
  /** The call succeeded: the voucher's amount is spent (persisted before this resolves). */
  commit(): Promise<void>;
  /**
   * The call failed or was refused: nothing is spent, the next voucher reuses the amount. With `inDoubt` (the answer
   * was lost, the provider may have stored the voucher) the voucher is kept aside for `resolveInDoubt`.
   */
  abandon(options?: { inDoubt?: boolean }): Promise<void>;
};

/** Which channel a consumer pays through: the provider's agent and the token (default: the protocol token). */
export type ChannelTarget = { providerAgentId: bigint; token?: Address | undefined };

export type CreateChannelConsumerParameters = {
  addresses?: ConclaveAddresses | undefined;
  /** Where the channels and the ledger are kept (default: in memory, lost on restart). */
  store?: ChannelStore | undefined;
  /** A voucher key that signs instead of the client's account (named in the channels this consumer opens). */
  voucherSigner?: Pick<LocalAccount, 'address' | 'signTypedData'> | undefined;
  /**
   * How much to deposit when a payment finds no channel, or one too small: given the price, the amount to open with
   * or to add. Without it such a payment fails with a ConclaveValidationError on `deposit`.
   */
  autoDeposit?: ((price: bigint) => bigint) | undefined;
};

/** What {@link createChannelConsumer} returns. */
export type ChannelConsumer = Awaited<ReturnType<typeof createChannelConsumer>>;

/**
 * A consumer of paid tools: opens and funds channels, signs one voucher per call over a persisted cumulative ledger,
 * and closes. Calls on one channel are paid one at a time: a payment holds the channel until it is committed (the
 * call succeeded) or abandoned (it failed, and is not charged).
 */
export async function createChannelConsumer(
  client: SigningClient,
  parameters: CreateChannelConsumerParameters = {},
) {
  const account = requireAccount(client);
  const addresses = resolveAddresses(client, parameters.addresses);
  const store = parameters.store ?? memoryStore();
  const { voucherSigner, autoDeposit } = parameters;
  const chainId = client.chain?.id ?? (await getChainId(client));
  const domain = voucherDomain({ chainId, escrow: addresses.escrow });
  const mutex = new KeyedMutex();

  const keyOf = ({ providerAgentId, token }: ChannelTarget) => {
    assertId('providerAgentId', providerAgentId);
    return `consumer:${chainId}:${addresses.escrow.toLowerCase()}:${account.address.toLowerCase()}:${providerAgentId}:${(token ?? addresses.token).toLowerCase()}`;
  };
  const load = async (key: string) => {
    const text = await store.get(key);
    return text === undefined ? undefined : decodeJson<ConsumerChannel>(text);
  };
  const save = (key: string, channel: ConsumerChannel) => store.set(key, encodeJson(channel));

  const sign = async (channelId: Hex, cumulativeAmount: bigint): Promise<SignedVoucher> => {
    const typed = { domain, types: voucherTypes, primaryType: 'Voucher', message: { channelId, cumulativeAmount } } as const;
    const signature = voucherSigner
      ? await voucherSigner.signTypedData(typed)
      : await signTypedData(client, { account, ...typed });
    return { channelId, cumulativeAmount, signature };
  };

  const open = async (key: string, target: ChannelTarget, amount: bigint) => {
    const opened = await openChannel(client, {
      addresses,
      providerAgentId: target.providerAgentId,
      token: target.token,
      voucherKey: voucherSigner?.address ?? zeroAddress,
      amount,
    });
    const channel: ConsumerChannel = {
      channelId: opened.channelId,
      terms: opened.terms,
      deposit: amount,
      spent: 0n,
      closing: false,
    };
    await save(key, channel);
    return { channel, hash: opened.hash };
  };

  const topUp = async (key: string, channel: ConsumerChannel, amount: bigint) => {
    const { hash } = await topUpChannel(client, { addresses, terms: channel.terms, amount });
    const updated = { ...channel, deposit: channel.deposit + amount };
    await save(key, updated);
    return { channel: updated, hash };
  };

  /** Re-reads a channel's deposit and status from the chain (a top-up by someone else, a close). */
  const refresh = async (key: string, channel: ConsumerChannel) => {
    const state = await getChannel(client, { addresses, channelId: channel.channelId });
    const updated = { ...channel, deposit: state.deposit, closing: channel.closing || state.status !== 'open' };
    await save(key, updated);
    return updated;
  };

  return {
    domain,
    /** The open (or closing) channel to a provider in a token, if any. */
    channel: async (target: ChannelTarget) => load(keyOf(target)),

    /** Every channel this consumer keeps. */
    channels: async () =>
      (await store.entries())
        .filter(([key]) => key.startsWith(`consumer:${chainId}:${addresses.escrow.toLowerCase()}:`))
        .map(([, text]) => decodeJson<ConsumerChannel>(text)),

    /** Opens a channel to a provider with `amount` (a channel still open is topped up instead). */
    fund: async (target: ChannelTarget & { amount: bigint }) => {
      assertPositive('amount', target.amount);
      const key = keyOf(target);
      const release = await mutex.acquire(key);
      try {
        const existing = await load(key);
        const funded =
          existing && !existing.closing ? await topUp(key, existing, target.amount) : await open(key, target, target.amount);
        return funded.channel;
      } finally {
        release();
      }
    },

    /** Signs the voucher for a call of `price`; commit it when the call succeeded, abandon it otherwise. */
    authorize: async (target: ChannelTarget & { price: bigint }): Promise<ChannelPayment> => {
      const { price } = target;
      assertPositive('price', price);
      const key = keyOf(target);
      const release = await mutex.acquire(key);
      try {
        let channel = await load(key);
        let funding: Hash | undefined;
        if (!channel || channel.closing) {
          if (!autoDeposit) {
            throw new ConclaveValidationError({ field: 'deposit', reason: `no open channel to agent ${target.providerAgentId}` });
          }
          ({ channel, hash: funding } = await open(key, target, max(autoDeposit(price), price)));
        }
        if (channel.spent + price > channel.deposit) channel = await refresh(key, channel);
        if (channel.closing) throw new ConclaveValidationError({ field: 'channel', reason: 'the channel is closing' });
        if (channel.spent + price > channel.deposit) {
          if (!autoDeposit) {
            throw new ConclaveValidationError({
              field: 'deposit',
              reason: `${channel.deposit - channel.spent} left on channel ${channel.channelId}, the call costs ${price}`,
            });
          }
          ({ channel, hash: funding } = await topUp(key, channel, max(autoDeposit(price), channel.spent + price - channel.deposit)));
        }
        const voucher = await sign(channel.channelId, channel.spent + price);
        const base = channel;
        // Written ahead: once handed out, the voucher may reach the provider whatever happens here next (a crash
        // before commit), so it is on record as in doubt until the call's outcome is known.
        await save(key, { ...channel, inDoubt: voucher });
        let settled = false;
        return {
          kind: funding ? 'deposit' : 'voucher',
          terms: base.terms,
          voucher,
          price,
          funding,
          commit: async () => {
            if (settled) return;
            settled = true;
            try {
              const latest = (await load(key)) ?? base;
              await save(key, { ...latest, spent: max(latest.spent, voucher.cumulativeAmount), inDoubt: undefined });
            } finally {
              release();
            }
          },
          abandon: async (options = {}) => {
            if (settled) return;
            settled = true;
            try {
              // Refused or failed: what was in doubt before this voucher stays so (it has the same amount or less).
              await save(key, { ...((await load(key)) ?? base), inDoubt: options.inDoubt ? voucher : base.inDoubt });
            } finally {
              release();
            }
          },
        };
      } catch (error) {
        release();
        throw error;
      }
    },

    /**
     * The provider refused a voucher as not newer than its own: it holds the voucher of a call whose answer was lost.
     * Counts that in-doubt voucher as spent (it is this consumer's own, for the price of one call). Returns whether
     * the ledger moved (false when nothing was in doubt).
     */
    resolveInDoubt: async (target: ChannelTarget) => {
      const key = keyOf(target);
      const release = await mutex.acquire(key);
      try {
        const channel = await load(key);
        const voucher = channel?.inDoubt;
        if (!channel || !voucher) return false;
        const moved = voucher.cumulativeAmount > channel.spent && voucher.channelId === channel.channelId;
        await save(key, { ...channel, spent: moved ? voucher.cumulativeAmount : channel.spent, inDoubt: undefined });
        return moved;
      } finally {
        release();
      }
    },

    /** Asks to close the channel; after the challenge window, `withdraw` returns the rest. */
    requestClose: async (target: ChannelTarget) => {
      const key = keyOf(target);
      const channel = await load(key);
      if (!channel) throw new ConclaveValidationError({ field: 'channel', reason: `no channel to agent ${target.providerAgentId}` });
      const result = await requestChannelClose(client, { addresses, terms: channel.terms });
      await save(key, { ...channel, closing: true });
      return result;
    },

    /** Withdraws what the provider was not paid once the challenge window is over, closing the channel. */
    withdraw: async (target: ChannelTarget) => {
      const key = keyOf(target);
      const channel = await load(key);
      if (!channel) throw new ConclaveValidationError({ field: 'channel', reason: `no channel to agent ${target.providerAgentId}` });
      return withdrawFromChannel(client, { addresses, terms: channel.terms });
    },
  };
}

const max = (a: bigint, b: bigint) => (a > b ? a : b);

