import type { FacilitatorClient } from '@x402/core/server';
import type {
  PaymentPayload,
  PaymentRequirements,
  SchemeNetworkClient,
  SchemeNetworkServer,
  SettleResponse,
  SupportedResponse,
  VerifyResponse,
} from '@x402/core/types';
import type { ChannelConsumer, ChannelPayment, ChannelProvider, ChannelTerms, SignedVoucher, VoucherAcceptance } from '@conclave/sdk';
import { ConclaveVoucherError } from '@conclave/sdk';
import type { Address, Hash, Hex } from 'viem';

/** Our x402 scheme: per-call cumulative vouchers on a Conclave fee-escrow channel. */
export const SCHEME = 'conclave-channel';

/** x402's CAIP-2 name of an EVM chain. */
export const networkOf = (chainId: number) => `eip155:${chainId}` as const;

/** What `PaymentRequirements.extra` carries for this scheme. */
export type ChannelRequirementsExtra = {
  /** The fee escrow holding the channel (the vouchers' EIP-712 verifying contract). */
  escrow: Address;
  /** The provider agent the channel must pay. */
  providerAgentId: string;
  /** The tool being paid for (its price is its on-chain listing's). */
  toolId: string;
  name: 'Conclave Fee Escrow';
  version: '1';
};

/**
 * The scheme's payload, modelled on x402 batch-settlement: `voucher` pays on a channel the provider may already know;
 * `deposit` pays with a voucher on a channel the consumer has just opened or topped up, naming that transaction so
 * the provider waits for it. Amounts are decimal strings.
 */
export type ChannelPayload = {
  type: 'voucher' | 'deposit';
  channel: { consumer: Address; providerAgentId: string; token: Address; voucherKey: Address; salt: string };
  voucher: { channelId: Hex; cumulativeAmount: string; signature: Hex };
  transaction?: Hash | undefined;
};

/** Why the provider refused a payment, as x402 `invalidReason` strings. */
export const invalidReasons = {
  WrongChannel: 'invalid_channel',
  UnknownChannel: 'unknown_channel',
  WrongProvider: 'wrong_provider',
  WrongToken: 'wrong_asset',
  ChannelClosing: 'channel_closing',
  NotNewer: 'voucher_not_newer',
  OverDeposit: 'insufficient_deposit',
  Underpaid: 'insufficient_amount',
  MalformedSignature: 'invalid_signature',
  MalleableSignature: 'invalid_signature',
  WrongSigner: 'invalid_signer',
} as const;

export function encodePayload(payment: { kind: 'voucher' | 'deposit'; terms: ChannelTerms; voucher: SignedVoucher; funding?: Hash | undefined }): ChannelPayload {
  const { terms, voucher } = payment;
  return {
    type: payment.kind,
    channel: {
      consumer: terms.consumer,
      providerAgentId: terms.providerAgentId.toString(),
      token: terms.token,
      voucherKey: terms.voucherKey,
      salt: terms.salt.toString(),
    },
    voucher: { ...voucher, cumulativeAmount: voucher.cumulativeAmount.toString() },
    ...(payment.funding ? { transaction: payment.funding } : {}),
  };
}

const HEX32 = /^0x[0-9a-fA-F]{64}$/;
const ADDRESS = /^0x[0-9a-fA-F]{40}$/;
const UINT = /^\d{1,40}$/;

/** Parses a payload from the wire; undefined when it is not a well-formed channel payload. */
export function decodePayload(payload: unknown): { terms: ChannelTerms; voucher: SignedVoucher; funding?: Hash } | undefined {
  const p = payload as Partial<ChannelPayload> | undefined;
  const c = p?.channel;
  const v = p?.voucher;
  if (!p || (p.type !== 'voucher' && p.type !== 'deposit') || !c || !v) return undefined;
  const addresses = [c.consumer, c.token, c.voucherKey];
  if (!addresses.every((a) => typeof a === 'string' && ADDRESS.test(a))) return undefined;
  if (![c.providerAgentId, c.salt, v.cumulativeAmount].every((n) => typeof n === 'string' && UINT.test(n))) return undefined;
  if (typeof v.channelId !== 'string' || !HEX32.test(v.channelId)) return undefined;
  if (typeof v.signature !== 'string' || !/^0x[0-9a-fA-F]*$/.test(v.signature)) return undefined;
  if (p.transaction !== undefined && (typeof p.transaction !== 'string' || !HEX32.test(p.transaction))) return undefined;
  return {
    terms: {
      consumer: c.consumer!,
      providerAgentId: BigInt(c.providerAgentId!),
      token: c.token!,
      voucherKey: c.voucherKey!,
      salt: BigInt(c.salt!),
    },
    voucher: { channelId: v.channelId, cumulativeAmount: BigInt(v.cumulativeAmount!), signature: v.signature as Hex },
    ...(p.transaction ? { funding: p.transaction } : {}),
  };
}

/** @internal Checks requirements are ours and well-formed; returns the provider, tool and price. */
export function readRequirements(requirements: PaymentRequirements) {
  const extra = requirements.extra as Partial<ChannelRequirementsExtra>;
  if (requirements.scheme !== SCHEME) throw new Error(`not a ${SCHEME} requirement: ${requirements.scheme}`);
  if (!extra?.providerAgentId || !UINT.test(extra.providerAgentId) || !extra.toolId || !UINT.test(extra.toolId)) {
    throw new Error('the requirements name no provider agent or tool');
  }
  if (!UINT.test(requirements.amount)) throw new Error(`not an amount: ${requirements.amount}`);
  return {
    providerAgentId: BigInt(extra.providerAgentId),
    toolId: BigInt(extra.toolId),
    escrow: extra.escrow,
    price: BigInt(requirements.amount),
    token: requirements.asset as Address,
  };
}

/**
 * The paying side of the scheme for `x402Client().register('eip155:*', scheme)`: signs a voucher on the consumer's
 * channel for the required amount. `check` may refuse (e.g. the price is not the tool's on-chain price). The
 * payment is held until `settled` reports the outcome of the call (x402Client has no hook of its own for that).
 */
export function channelSchemeClient(
  consumer: ChannelConsumer,
  options: { check?: ((requirements: PaymentRequirements) => Promise<void>) | undefined } = {},
) {
  const pending = new Map<string, ChannelPayment>();
  const scheme: SchemeNetworkClient & {
    /**
     * The outcome of the call a payload paid for: `success` commits its voucher to the ledger, `failed` abandons
     * it, `unknown` (the answer was lost) abandons it as in doubt.
     */
    settled(payload: PaymentPayload, outcome: 'success' | 'failed' | 'unknown'): Promise<void>;
  } = {
    scheme: SCHEME,
    async createPaymentPayload(x402Version, requirements) {
      const { providerAgentId, escrow, price, token } = readRequirements(requirements);
      if (escrow && escrow.toLowerCase() !== consumer.domain.verifyingContract.toLowerCase()) {
        throw new Error(`the tool's escrow ${escrow} is not this consumer's ${consumer.domain.verifyingContract}`);
      }
      await options.check?.(requirements);
      const payment = await consumer.authorize({ providerAgentId, token, price });
      pending.set(payment.voucher.signature, payment);
      return { x402Version, payload: encodePayload(payment) };
    },
    async settled(payload, outcome) {
      const signature = (payload.payload as Partial<ChannelPayload>).voucher?.signature;
      const payment = signature ? pending.get(signature) : undefined;
      if (!payment || !signature) return;
      pending.delete(signature);
      if (outcome === 'success') await payment.commit();
      else await payment.abandon({ inDoubt: outcome === 'unknown' });
    },
  };
  return scheme;
}

/** The resource-server side of the scheme: prices are on-chain amounts of the tool's token. */
export function channelSchemeServer(): SchemeNetworkServer {
  return {
    scheme: SCHEME,
    defaultAssetTransferMethod: 'default',
    paymentFlows: { default: { supported: ['authorization'], default: 'authorization' } },
    async parsePrice(price) {
      if (typeof price !== 'object') throw new Error(`${SCHEME} prices are {amount, asset} in the token's units`);
      return price;
    },
    async enhancePaymentRequirements(requirements) {
      return requirements;
    },
  };
}

/**
 * An in-process facilitator for the scheme (no external service): `verify` accepts the voucher with the provider
 * (offline, holding the channel), `settle` stores it durably (before the answer goes out), and a cancelled payment
 * (the handler failed) is released uncharged. Vouchers are redeemed on-chain later, in batches, by the provider.
 */
export function channelFacilitator(provider: ChannelProvider, options: { chainId: number; holdSeconds?: number }) {
  const network = networkOf(options.chainId);
  const held = new Map<string, { acceptance: VoucherAcceptance; timer: ReturnType<typeof setTimeout> }>();
  const keyOf = (payload: PaymentPayload) => {
    const v = (payload.payload as Partial<ChannelPayload>).voucher;
    return `${v?.channelId}:${v?.cumulativeAmount}:${v?.signature}`;
  };

  const facilitator: FacilitatorClient & { cancel(payload: PaymentPayload): void } = {
    async getSupported(): Promise<SupportedResponse> {
      return { kinds: [{ x402Version: 2, scheme: SCHEME, network }], extensions: [], signers: {} };
    },

    async verify(payload, requirements): Promise<VerifyResponse> {
      const decoded = decodePayload(payload.payload);
      if (!decoded) return { isValid: false, invalidReason: 'invalid_payload' };
      if (requirements.scheme !== SCHEME || requirements.network !== network) {
        return { isValid: false, invalidReason: 'unsupported_scheme' };
      }
      const { price, token } = readRequirements(requirements);
      try {
        const acceptance = await provider.accept({ ...decoded, price, token });
        const key = keyOf(payload);
        // A payment neither settled nor cancelled (a transport that lost track) must not hold the channel forever.
        const timer = setTimeout(() => facilitator.cancel(payload), (options.holdSeconds ?? 300) * 1000);
        timer.unref?.();
        held.get(key)?.acceptance.release();
        held.set(key, { acceptance, timer });
        return { isValid: true, payer: decoded.terms.consumer };
      } catch (error) {
        if (error instanceof ConclaveVoucherError) {
          return { isValid: false, invalidReason: invalidReasons[error.reason], invalidMessage: error.shortMessage, payer: decoded.terms.consumer };
        }
        if (error instanceof Error && error.name.startsWith('Conclave')) return { isValid: false, invalidReason: 'invalid_payment', invalidMessage: String(error.message) };
        throw error;
      }
    },

    async settle(payload, requirements): Promise<SettleResponse> {
      const key = keyOf(payload);
      const entry = held.get(key);
      if (!entry) {
        return { success: false, errorReason: 'payment_not_verified', transaction: '', network, payer: undefined };
      }
      held.delete(key);
      clearTimeout(entry.timer);
      await entry.acceptance.commit();
      const voucher = (payload.payload as ChannelPayload).voucher;
      return {
        success: true,
        // Vouchers settle on-chain later in batches: there is no transaction per call.
        transaction: '',
        network,
        payer: entry.acceptance.payer,
        amount: requirements.amount,
        extra: { channelId: voucher.channelId, cumulativeAmount: voucher.cumulativeAmount },
      };
    },

    cancel(payload) {
      const key = keyOf(payload);
      const entry = held.get(key);
      if (!entry) return;
      held.delete(key);
      clearTimeout(entry.timer);
      entry.acceptance.release();
    },
  };
  return facilitator;
}
