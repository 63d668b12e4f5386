import { type Hex, concat, parseEther, size, slice, toHex, zeroAddress } from 'viem';
import { describe, expect, test } from 'vitest';
import { account, addresses, clientFor } from '../../test/fixtures.js';
import { feeEscrowAbi } from '../generated.js';
import {
  type ChannelTerms,
  ConclaveVoucherError,
  channelIdOf,
  createVoucherVerifier,
  signVoucher,
  voucherHasher,
} from './voucher.js';

const N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
const consumer = account(21);
const hotKey = account(22);
const reader = clientFor(21);

describe('vouchers', () => {
  const terms = (): ChannelTerms => ({
    consumer: consumer.address,
    providerAgentId: 1n,
    token: addresses().token,
    voucherKey: hotKey.address,
    salt: 7n,
  });
  const domain = () => ({ chainId: 31337, escrow: addresses().escrow });

  test('channel ids and digests are the escrow’s own', async () => {
    const id = channelIdOf(terms());
    expect(id).toBe(await reader.readContract({ address: addresses().escrow, abi: feeEscrowAbi, functionName: 'channelId', args: [terms()] }));
    const onChain = await reader.readContract({
      address: addresses().escrow,
      abi: feeEscrowAbi,
      functionName: 'voucherDigest',
      args: [id, parseEther('1.5')],
    });
    expect(voucherHasher(domain())(id, parseEther('1.5'))).toBe(onChain);
  });

  test('a provider accepts the newest voucher of the consumer or its voucher key, and nothing else', async () => {
    const id = channelIdOf(terms());
    const verify = createVoucherVerifier(domain());
    const channel = { terms: terms(), channelId: id, deposit: parseEther('10'), accepted: parseEther('1') };
    const byConsumer = await signVoucher(consumer, { ...domain(), channelId: id, cumulativeAmount: parseEther('2') });
    expect(await verify(byConsumer, channel)).toBe(parseEther('1'));
    const byKey = await signVoucher(hotKey, { ...domain(), channelId: id, cumulativeAmount: parseEther('3') });
    expect(await verify(byKey, channel)).toBe(parseEther('2'));

    const reject = async (voucher: { channelId: Hex; cumulativeAmount: bigint; signature: Hex }, reason: string) => {
      const error = await verify(voucher, channel).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConclaveVoucherError);
      expect((error as ConclaveVoucherError).reason).toBe(reason);
    };
    await reject({ ...byConsumer, channelId: channelIdOf({ ...terms(), salt: 8n }) }, 'WrongChannel');
    await reject(await signVoucher(consumer, { ...domain(), channelId: id, cumulativeAmount: parseEther('1') }), 'NotNewer');
    await reject(await signVoucher(consumer, { ...domain(), channelId: id, cumulativeAmount: parseEther('11') }), 'OverDeposit');
    await reject(await signVoucher(account(23), { ...domain(), channelId: id, cumulativeAmount: parseEther('2') }), 'WrongSigner');
    // Signed for another chain or another escrow: the signature recovers to somebody else.
    await reject(await signVoucher(consumer, { chainId: 1, escrow: domain().escrow, channelId: id, cumulativeAmount: parseEther('2') }), 'WrongSigner');
    await reject(await signVoucher(consumer, { chainId: 31337, escrow: zeroAddress, channelId: id, cumulativeAmount: parseEther('2') }), 'WrongSigner');
    await reject({ ...byConsumer, signature: slice(byConsumer.signature, 0, 64) }, 'MalformedSignature');
    // The high-s twin recovers to the same signer, but the escrow refuses it: so does the provider.
    const s = BigInt(slice(byConsumer.signature, 32, 64));
    const v = Number(BigInt(slice(byConsumer.signature, 64, 65)));
    const twin = concat([slice(byConsumer.signature, 0, 32), toHex(N - s, { size: 32 }), toHex(v === 27 ? 28 : 27, { size: 1 })]);
    expect(size(twin)).toBe(65);
    await reject({ ...byConsumer, signature: twin }, 'MalleableSignature');
    // Both keys are known now: a signature moved to another amount, or another signer's, still fails.
    await reject({ ...byKey, cumulativeAmount: parseEther('4') }, 'WrongSigner');
    await reject(await signVoucher(account(24), { ...domain(), channelId: id, cumulativeAmount: parseEther('5') }), 'WrongSigner');
    expect(await verify(await signVoucher(consumer, { ...domain(), channelId: id, cumulativeAmount: parseEther('6') }), channel)).toBe(
      parseEther('5'),
    );
  });

  test('amounts are validated before signing', async () => {
    const id = channelIdOf(terms());
    await expect(signVoucher(consumer, { ...domain(), channelId: id, cumulativeAmount: 0n })).rejects.toThrow(/cumulativeAmount/);
    await expect(signVoucher(consumer, { ...domain(), channelId: id, cumulativeAmount: 2n ** 128n })).rejects.toThrow(/cumulativeAmount/);
  });
});
