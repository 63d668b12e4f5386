import { type Account, type Chain, type Client, type Hex, type Transport, parseEventLogs } from 'viem';
import type { SigningClient } from '../../internal/account.js';
import { type WithAddresses, resolveAddresses } from '../../deployment.js';
import { ConclaveValidationError, type ConclaveContractErrorType, type ConclaveValidationErrorType } from '../../errors.js';
import { feeEscrowAbi } from '../../generated.js';
import { type WriteResult, write } from '../../internal/write.js';
import { type ChannelTerms, type SignedVoucher, channelIdOf } from '../../escrow/voucher.js';

export type RedeemVoucherParameters = WithAddresses & { terms: ChannelTerms; voucher: SignedVoucher };
/** `amount` is what this redemption paid (before the protocol fee); `fee` the protocol's part of it. */
export type RedeemVoucherReturnType = WriteResult & { amount: bigint; fee: bigint };
export type RedeemVouchersParameters = WithAddresses & {
  redemptions: readonly { terms: ChannelTerms; voucher: SignedVoucher }[];
};
export type RedeemVouchersReturnType = WriteResult & { amount: bigint; fee: bigint; redeemed: Hex[] };
export type RedeemAndCloseParameters = RedeemVoucherParameters;
export type RedeemAndCloseReturnType = RedeemVoucherReturnType & { refund: bigint };
/** The parameters of {@link requestChannelClose} and {@link withdrawFromChannel}: the channel's terms. */
export type ChannelCloseParameters = WithAddresses & { terms: ChannelTerms };
export type WithdrawFromChannelReturnType = WriteResult & { refund: bigint };
/** The errors the redeem and close actions throw. */
export type SettleChannelErrorType = ConclaveValidationErrorType | ConclaveContractErrorType;

function assertVoucherFor(terms: ChannelTerms, voucher: SignedVoucher, field = 'voucher') {
  if (voucher.channelId.toLowerCase() !== channelIdOf(terms).toLowerCase()) {
    throw new ConclaveValidationError({ field, reason: `is for channel ${voucher.channelId}, not these terms` });
  }
}

function redeemed(result: WriteResult) {
  const logs = parseEventLogs({ abi: feeEscrowAbi, eventName: 'VoucherRedeemed', logs: result.receipt.logs });
  return {
    amount: logs.reduce((sum, log) => sum + log.args.amount, 0n),
    fee: logs.reduce((sum, log) => sum + log.args.fee, 0n),
    redeemed: logs.map((log) => log.args.channelId),
  };
}

function refunded(result: WriteResult) {
  const [closed] = parseEventLogs({ abi: feeEscrowAbi, eventName: 'ChannelClosed', logs: result.receipt.logs });
  return closed?.args.refund ?? 0n;
}

/** Redeems a channel's newest voucher (the provider's owner or operator): pays the difference to what was paid. */
export async function redeemVoucher(
  client: SigningClient,
  parameters: RedeemVoucherParameters,
): Promise<RedeemVoucherReturnType> {
  const { terms, voucher } = parameters;
  assertVoucherFor(terms, voucher);
  const { escrow } = resolveAddresses(client, parameters.addresses);
  const result = await write(client, {
    address: escrow,
    abi: feeEscrowAbi,
    functionName: 'redeem',
    args: [terms, voucher.cumulativeAmount, voucher.signature],
  });
  const { amount, fee } = redeemed(result);
  return { ...result, amount, fee };
}

/** Redeems the vouchers of many channels in one transaction, paying each recipient once. */
export async function redeemVouchers(
  client: SigningClient,
  parameters: RedeemVouchersParameters,
): Promise<RedeemVouchersReturnType> {
  const { redemptions } = parameters;
  if (redemptions.length === 0) throw new ConclaveValidationError({ field: 'redemptions', reason: 'is empty' });
  redemptions.forEach(({ terms, voucher }, i) => assertVoucherFor(terms, voucher, `redemptions[${i}].voucher`));
  const { escrow } = resolveAddresses(client, parameters.addresses);
  const result = await write(client, {
    address: escrow,
    abi: feeEscrowAbi,
    functionName: 'redeemMany',
    args: [
      redemptions.map(({ terms, voucher }) => ({
        channel: terms,
        cumulativeAmount: voucher.cumulativeAmount,
        signature: voucher.signature,
      })),
    ],
  });
  return { ...result, ...redeemed(result) };
}

/** Redeems a voucher and closes the channel at once (the provider), refunding the consumer the rest. */
export async function redeemAndClose(
  client: SigningClient,
  parameters: RedeemAndCloseParameters,
): Promise<RedeemAndCloseReturnType> {
  const { terms, voucher } = parameters;
  assertVoucherFor(terms, voucher);
  const { escrow } = resolveAddresses(client, parameters.addresses);
  const result = await write(client, {
    address: escrow,
    abi: feeEscrowAbi,
    functionName: 'redeemAndClose',
    args: [terms, voucher.cumulativeAmount, voucher.signature],
  });
  const { amount, fee } = redeemed(result);
  return { ...result, amount, fee, refund: refunded(result) };
}

/** Asks to close a channel (the consumer); the provider may redeem during the challenge window. */
export async function requestChannelClose(
  client: SigningClient,
  parameters: ChannelCloseParameters,
): Promise<WriteResult> {
  const { escrow } = resolveAddresses(client, parameters.addresses);
  return write(client, { address: escrow, abi: feeEscrowAbi, functionName: 'requestClose', args: [parameters.terms] });
}

/** After the challenge window: closes the channel and returns the consumer what was not paid. */
export async function withdrawFromChannel(
  client: SigningClient,
  parameters: ChannelCloseParameters,
): Promise<WithdrawFromChannelReturnType> {
  const { escrow } = resolveAddresses(client, parameters.addresses);
  const result = await write(client, {
    address: escrow,
    abi: feeEscrowAbi,
    functionName: 'withdraw',
    args: [parameters.terms],
  });
  return { ...result, refund: refunded(result) };
}
