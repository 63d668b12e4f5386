import { encodeFunctionData } from 'viem';
import { describe, expect, test } from 'vitest';
import { addresses, clientFor, waitOutPauseCooldown } from '../../../test/fixtures.js';
import { ConclaveValidationError, isConclaveError } from '../../errors.js';
import { conclaveTreasuryAbi, stakingVaultAbi } from '../../generated.js';

// Guardian owners: anvil accounts 6-10, 3-of-5.
const owners = [6, 7, 8, 9, 10].map(clientFor);
const relayer = clientFor(20);

async function approvals(target: `0x${string}`, data: `0x${string}`, count: number) {
  const deadline = (await relayer.getBlock()).timestamp + 600n;
  const signed = await Promise.all(owners.slice(0, count).map((o) => o.signGuardianApproval({ target, data, deadline })));
  return { deadline, approvals: signed.reverse() }; // unsorted on purpose: the SDK sorts them
}

describe('guardian', () => {
  test('three owners pause and unpause staking', async () => {
    await waitOutPauseCooldown();
    const pause = encodeFunctionData({ abi: stakingVaultAbi, functionName: 'pause' });
    await relayer.executeGuardian({ target: addresses().vault, data: pause, ...(await approvals(addresses().vault, pause, 3)) });
    expect(await relayer.readContract({ address: addresses().vault, abi: stakingVaultAbi, functionName: 'paused' })).toBe(true);

    const unpause = encodeFunctionData({ abi: stakingVaultAbi, functionName: 'unpause' });
    await relayer.executeGuardian({
      target: addresses().vault,
      data: unpause,
      ...(await approvals(addresses().vault, unpause, 3)),
    });
    expect(await relayer.readContract({ address: addresses().vault, abi: stakingVaultAbi, functionName: 'paused' })).toBe(false);
  });

  test('two approvals are GuardianBelowThreshold', async () => {
    const pause = encodeFunctionData({ abi: stakingVaultAbi, functionName: 'pause' });
    const error = await relayer
      .executeGuardian({ target: addresses().vault, data: pause, ...(await approvals(addresses().vault, pause, 2)) })
      .catch((e: unknown) => e);
    expect(isConclaveError(error, 'GuardianBelowThreshold')).toBe(true);
    if (isConclaveError(error, 'GuardianBelowThreshold')) expect(error.args).toEqual([2n, 3n]);
  });

  test('moving funds is GuardianCallNotAllowed, even with every approval', async () => {
    const spend = encodeFunctionData({
      abi: conclaveTreasuryAbi,
      functionName: 'spend',
      args: [addresses().token, relayer.account.address, 1n],
    });
    const error = await relayer
      .executeGuardian({ target: addresses().treasury, data: spend, ...(await approvals(addresses().treasury, spend, 5)) })
      .catch((e: unknown) => e);
    expect(isConclaveError(error, 'GuardianCallNotAllowed')).toBe(true);
  });

  test('no approvals is rejected before sending', async () => {
    await expect(
      relayer.executeGuardian({ target: addresses().vault, data: '0x8456cb59', deadline: 1n, approvals: [] }),
    ).rejects.toBeInstanceOf(ConclaveValidationError);
  });
});
