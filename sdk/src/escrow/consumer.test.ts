import { parseEther } from 'viem';
import { expect, test } from 'vitest';
import { addresses, clientFor, fund } from '../../test/fixtures.js';
import { createChannelConsumer } from './consumer.js';
import { createChannelProvider } from './provider.js';
import { memoryStore } from './store.js';
import { ConclaveVoucherError } from './voucher.js';

// Found by the reference agent's restart test: a consumer killed after the provider stored its voucher and answered,
// but before its own ledger counted the call, stayed one call behind for good (every later voucher was refused as
// not newer, with nothing in doubt to resolve).
test('a consumer killed between the paid answer and its commit pays on after a restart', async () => {
  const consumerClient = clientFor(26);
  await fund(consumerClient.account.address, parseEther('100'));
  const token = addresses().token;
  const store = memoryStore();
  const provider = await createChannelProvider(clientFor(1), { providerAgentId: 1n, store: memoryStore(), addresses: addresses() });
  const before = await createChannelConsumer(consumerClient, { addresses: addresses(), store });
  await before.fund({ providerAgentId: 1n, amount: parseEther('5') });
  const lost = await before.authorize({ providerAgentId: 1n, price: parseEther('1') });
  await (await provider.accept({ ...lost, token })).commit(); // stored and answered; the consumer dies now

  // Restarted over the same store: the voucher handed out is on record as in doubt.
  const after = await createChannelConsumer(consumerClient, { addresses: addresses(), store });
  expect((await after.channel({ providerAgentId: 1n }))?.inDoubt?.cumulativeAmount).toBe(parseEther('1'));
  const refused = await after.authorize({ providerAgentId: 1n, price: parseEther('1') });
  expect(refused.voucher.cumulativeAmount).toBe(parseEther('1'));
  await expect(provider.accept({ ...refused, token })).rejects.toSatisfy(
    (error) => error instanceof ConclaveVoucherError && error.reason === 'NotNewer',
  );
  await refused.abandon(); // a refused call leaves what was in doubt in doubt
  expect(await after.resolveInDoubt({ providerAgentId: 1n })).toBe(true);
  const next = await after.authorize({ providerAgentId: 1n, price: parseEther('1') });
  expect(next.voucher.cumulativeAmount).toBe(parseEther('2'));
  await (await provider.accept({ ...next, token })).commit();
  await next.commit();
  const settled = await after.channel({ providerAgentId: 1n });
  expect(settled?.spent).toBe(parseEther('2'));
  expect(settled?.inDoubt).toBeUndefined();
});
