// `npm run bench -w sdk`: how many vouchers a provider verifies per second on one core (offline, as a paid tool
// server does before answering each call). Target: at least 2,000.
import { cpus } from 'node:os';
import { parseEther } from 'viem';
import { mnemonicToAccount } from 'viem/accounts';
import { channelIdOf, createVoucherVerifier, signVoucher } from '../dist/index.js';

const count = Number(process.env.BENCH_VOUCHERS ?? 5000);
const consumer = mnemonicToAccount('test test test test test test test test test test test junk', { addressIndex: 21 });
const domain = { chainId: 31337, escrow: '0x0165878A594ca255338adfa4d48449f69242Eb8F' };
const terms = {
  consumer: consumer.address,
  providerAgentId: 1n,
  token: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
  voucherKey: '0x0000000000000000000000000000000000000000',
  salt: 0n,
};
const channelId = channelIdOf(terms);
const price = parseEther('0.001');
const vouchers = [];
for (let i = 1; i <= count; i++) {
  vouchers.push(await signVoucher(consumer, { ...domain, channelId, cumulativeAmount: price * BigInt(i) }));
}

const verify = createVoucherVerifier(domain);
const channel = { terms, channelId, deposit: price * BigInt(count), accepted: 0n };
// Warm up the JIT, then measure one voucher after another, each newer than the last.
for (const v of vouchers.slice(0, 200)) await verify(v, { ...channel, accepted: v.cumulativeAmount - price });
const start = performance.now();
for (const v of vouchers) {
  await verify(v, channel);
  channel.accepted = v.cumulativeAmount;
}
const seconds = (performance.now() - start) / 1000;
console.log(`voucher verification: ${count} in ${seconds.toFixed(2)} s, ${Math.round(count / seconds)} per second`);
console.log(`  on one core of ${cpus()[0]?.model ?? 'an unknown CPU'}, Node ${process.version}`);
