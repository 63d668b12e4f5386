import { parseEther } from 'viem';
import { expect, test } from 'vitest';
import { addresses, advance, clientFor, fund } from '../../test/fixtures.js';
import { createChannelConsumer } from './consumer.js';
import { createChannelProvider } from './provider.js';
import { memoryStore } from './store.js';

test('a channel closed while the provider was away does not sink the batch redemption of the others', async () => {
  const consumerClient = clientFor(25);
  await fund(consumerClient.account.address, parseEther('100'));
  // Two consumers' ledgers on one account: two channels to the demo CEO (agent 1).
  const first = await createChannelConsumer(consumerClient, { addresses: addresses() });
  const second = await createChannelConsumer(consumerClient, { addresses: addresses() });
  const a = await first.fund({ providerAgentId: 1n, amount: parseEther('5') });
  const provider = await createChannelProvider(clientFor(1), { providerAgentId: 1n, store: memoryStore(), addresses: addresses() });
  const payA = await first.authorize({ providerAgentId: 1n, price: parseEther('1') });
  await (await provider.accept({ ...payA, token: addresses().token })).commit();
  await payA.commit();

  // The consumer closes channel A and withdraws after the challenge window; the provider never redeemed it.
  await first.requestClose({ providerAgentId: 1n });
  await advance(25n * 3600n);
  await first.withdraw({ providerAgentId: 1n });
  const b = await second.fund({ providerAgentId: 1n, amount: parseEther('5') });
  expect(b.channelId).not.toBe(a.channelId);
  const payB = await second.authorize({ providerAgentId: 1n, price: parseEther('2') });
  await (await provider.accept({ ...payB, token: addresses().token })).commit();
  await payB.commit();

  const redeemed = await provider.redeem();
  expect(redeemed?.channelIds).toEqual([b.channelId]);
  expect((await consumerClient.getChannel({ channelId: b.channelId })).paid).toBe(parseEther('2'));
  expect(provider.unredeemed()).toBe(parseEther('1')); // A's voucher, lost with its window
});
