import { encodeFunctionData, parseEther, parseGwei } from 'viem';
import { beforeAll, describe, expect, test } from 'vitest';
import { account, addresses, advance, clientFor, fund, testClient, waitOutPauseCooldown } from '../../../test/fixtures.js';
import { ConclaveTransactionRevertedError, ConclaveValidationError, isConclaveError } from '../../errors.js';
import { conclaveTokenAbi, guardianMultisigAbi, stakingVaultAbi } from '../../generated.js';

const owner = clientFor(15);
const other = clientFor(16);
let agentId: bigint;

describe('staking', () => {
  beforeAll(async () => {
    await fund(owner.account.address, parseEther('100000'));
    await fund(other.account.address, parseEther('10000'));
    ({ agentId } = await owner.registerAgent({ agentURI: '', role: 'Utility' }));
  });

  test('stake approves when needed and counts as votes at once', async () => {
    const result = await owner.stake({ agentId, amount: parseEther('1500') });
    expect(result.approval?.receipt.status).toBe('success');
    const agent = await owner.getAgent({ agentId });
    expect(agent.stake).toBe(parseEther('1500'));
    expect(agent.active).toBe(true);
    expect(await owner.getVotes({ account: owner.account.address })).toEqual({
      votes: parseEther('1500'),
      delegate: owner.account.address,
    });
  });

  test('stakeWithPermit stakes without a prior approval', async () => {
    await owner.stakeWithPermit({ agentId, amount: parseEther('500') });
    expect((await owner.getAgent({ agentId })).stake).toBe(parseEther('2000'));
  });

  test('requestUnstake, then withdraw after the unbonding period', async () => {
    const { requestId, releaseTime } = await owner.requestUnstake({ agentId, amount: parseEther('1200') });
    expect(await owner.getUnbondingRequest({ requestId })).toEqual({
      agentId,
      amount: parseEther('1200'),
      releaseTime,
    });
    const agent = await owner.getAgent({ agentId });
    expect(agent.stake).toBe(parseEther('800'));
    expect(agent.active).toBe(false);

    const early = await owner.withdraw({ requestId }).catch((e: unknown) => e);
    expect(isConclaveError(early, 'StakingStillUnbonding')).toBe(true);

    await advance(14n * 24n * 3600n);
    const { amount } = await owner.withdraw({ requestId });
    expect(amount).toBe(parseEther('1200'));
    expect(await owner.getUnbondingRequest({ requestId })).toBeNull();
  });

  test('delegate moves the votes', async () => {
    await owner.delegate({ delegatee: account(17).address });
    expect((await owner.getVotes({ account: account(17).address })).votes).toBe(parseEther('800'));
    await owner.delegate({ delegatee: owner.account.address });
  });

  test('a delegation mined in a later second than it was estimated in still goes through', async () => {
    // Votes checkpoints are keyed by timestamp: estimated in the second of the owner's last checkpoint, a delegation
    // updates it in place; mined a second later, it writes new checkpoints, which costs more gas than estimated.
    const t = testClient();
    await owner.delegate({ delegatee: account(18).address });
    const nonce = await owner.getTransactionCount({ address: owner.account.address });
    await t.setAutomine(false);
    try {
      const sent = owner.delegate({ delegatee: owner.account.address });
      while ((await owner.getTransactionCount({ address: owner.account.address, blockTag: 'pending' })) === nonce) {
        await new Promise((r) => setTimeout(r, 10));
      }
      await t.increaseTime({ seconds: 60 });
      await t.mine({ blocks: 1 });
      const r = await sent;
      expect(r.receipt.status).toBe('success');
    } finally {
      await t.setAutomine(true);
    }
    expect((await owner.getVotes({ account: owner.account.address })).votes).toBe(parseEther('800'));
  });

  test('unstaking more than the stake is StakingInsufficientStake with the values', async () => {
    const error = await owner.requestUnstake({ agentId, amount: parseEther('5000') }).catch((e: unknown) => e);
    expect(isConclaveError(error, 'StakingInsufficientStake')).toBe(true);
    if (isConclaveError(error, 'StakingInsufficientStake')) {
      expect(error.args).toEqual([agentId, parseEther('800'), parseEther('5000')]);
    }
  });

  test('a stranger staking is StakingNotAuthorized, and no approval is left behind', async () => {
    const nonce = await other.getTransactionCount({ address: other.account.address });
    const error = await other.stake({ agentId, amount: parseEther('10') }).catch((e: unknown) => e);
    expect(isConclaveError(error, 'StakingNotAuthorized')).toBe(true);
    if (isConclaveError(error, 'StakingNotAuthorized')) expect(error.args).toEqual([agentId, other.account.address]);
    expect(await other.getTransactionCount({ address: other.account.address })).toBe(nonce);
  });

  test('a short allowance surfaces the token’s ERC20InsufficientAllowance', async () => {
    const { agentId: otherAgent } = await other.registerAgent({ agentURI: '' });
    const error = await other.stake({ agentId: otherAgent, amount: parseEther('10'), approve: false }).catch((e: unknown) => e);
    expect(isConclaveError(error, 'ERC20InsufficientAllowance')).toBe(true);
  });

  test('amounts are validated before sending', async () => {
    await expect(owner.stake({ agentId, amount: 0n })).rejects.toBeInstanceOf(ConclaveValidationError);
    await expect(owner.requestUnstake({ agentId, amount: -1n })).rejects.toBeInstanceOf(ConclaveValidationError);
    await expect(owner.stake({ agentId, amount: 5 as never })).rejects.toThrow(/bigint/);
    await expect(owner.delegate({ delegatee: 'alice' as never })).rejects.toBeInstanceOf(ConclaveValidationError);
  });

  test('a transaction that simulated fine but was mined as reverted is ConclaveTransactionRevertedError', async () => {
    const racer = clientFor(19);
    await fund(racer.account.address, parseEther('3000'));
    const { agentId: racerAgent } = await racer.registerAgent({ agentURI: '' });
    await racer.stake({ agentId: racerAgent, amount: parseEther('2000') });
    // Approve the racing stake now, so that only the stake itself waits in the pool with the pause.
    const approval = await racer.writeContract({
      address: addresses().token,
      abi: conclaveTokenAbi,
      functionName: 'approve',
      args: [addresses().vault, parseEther('1000')],
    });
    await racer.waitForTransactionReceipt({ hash: approval });
    await waitOutPauseCooldown();
    // The guardian's pause, approved in advance and sent by another account with a far higher priority fee.
    const pause = encodeFunctionData({ abi: stakingVaultAbi, functionName: 'pause' });
    const unpause = encodeFunctionData({ abi: stakingVaultAbi, functionName: 'unpause' });
    const relayer = clientFor(20);
    const sign = async (data: `0x${string}`, nonce: bigint) => {
      const deadline = (await relayer.getBlock()).timestamp + 600n;
      const approvals = await Promise.all(
        [6, 7, 8].map((i) => clientFor(i).signGuardianApproval({ target: addresses().vault, data, deadline, nonce })),
      );
      approvals.sort((x, y) => (BigInt(x.signer) < BigInt(y.signer) ? -1 : 1));
      return { deadline, approvals };
    };
    const nonce = await relayer.readContract({ address: addresses().guardian, abi: guardianMultisigAbi, functionName: 'nonce' });
    const pauseApproval = await sign(pause, nonce);

    const chain = testClient();
    await chain.setAutomine(false);
    try {
      // New stake is what a pause stops (unstake requests keep working).
      const request = racer.stake({ agentId: racerAgent, amount: parseEther('1000') }).catch((e: unknown) => e);
      await new Promise((r) => setTimeout(r, 300)); // simulated and sent, waiting in the pool
      await relayer.writeContract({
        address: addresses().guardian,
        abi: guardianMultisigAbi,
        functionName: 'execute',
        args: [addresses().vault, pause, pauseApproval.deadline, pauseApproval.approvals],
        gas: 300_000n,
        maxPriorityFeePerGas: parseGwei('500'),
        maxFeePerGas: parseGwei('1000'),
      });
      await chain.mine({ blocks: 1 });
      const error = await request;
      expect(error).toBeInstanceOf(ConclaveTransactionRevertedError);
      expect((error as ConclaveTransactionRevertedError).hash).toMatch(/^0x[0-9a-f]{64}$/);
      expect((await racer.getAgent({ agentId: racerAgent })).stake).toBe(parseEther('2000'));
    } finally {
      await chain.setAutomine(true);
      const unpauseApproval = await sign(unpause, nonce + 1n);
      await relayer.executeGuardian({ target: addresses().vault, data: unpause, ...unpauseApproval });
    }
  });
});
