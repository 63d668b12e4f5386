import { describe, expect, test } from 'vitest';
import { account, clientFor } from '../../test/fixtures.js';
import { stakingVaultAbi } from '../generated.js';

describe('the write path', () => {
  // Found by CI: a paid tool server's provider redeeming in the background while the same process paused a tool
  // from the same account: both took the same nonce and one failed with "nonce too low".
  test('concurrent writes from one account in one process all land, in order', async () => {
    const client = clientFor(9);
    const delegatees = [21, 22, 23, 24, 25].map((i) => account(i).address);
    const results = await Promise.all(delegatees.map((delegatee) => client.delegate({ delegatee })));
    const nonces = await Promise.all(results.map(({ hash }) => client.getTransaction({ hash }).then((t) => t.nonce)));
    expect(new Set(nonces).size).toBe(5);
    expect(results.every(({ receipt }) => receipt.status === 'success')).toBe(true);
    // The last one sent is the delegation that stands.
    const last = results.reduce((a, b) => (a.receipt.blockNumber > b.receipt.blockNumber ? a : b));
    const delegate = await client.readContract({
      address: last.receipt.to!,
      abi: stakingVaultAbi,
      functionName: 'delegates',
      args: [client.account.address],
    });
    expect(delegatees[results.indexOf(last)]).toBe(delegate);
  });
});
