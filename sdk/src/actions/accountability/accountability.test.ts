import { encodeFunctionData, parseEther } from 'viem';
import { beforeAll, describe, expect, test } from 'vitest';
import { addresses, clientFor, fund, testClient } from '../../../test/fixtures.js';
import { ConclaveValidationError, isConclaveError } from '../../errors.js';
import { reputationRegistryAbi, slashingManagerAbi } from '../../generated.js';

const owner = clientFor(22);
const validator = clientFor(23);
const anyone = clientFor(24);
const guardianOwners = [6, 7, 8].map(clientFor);
let agentId: bigint;

/** Runs `data` on `target` as the Timelock (governance), impersonated on anvil. */
async function asGovernance(target: `0x${string}`, data: `0x${string}`) {
  const t = testClient();
  const timelock = addresses().timelock;
  await t.impersonateAccount({ address: timelock });
  await t.setBalance({ address: timelock, value: parseEther('1') });
  const hash = await anyone.sendTransaction({ account: timelock, to: target, data, chain: anyone.chain });
  await anyone.waitForTransactionReceipt({ hash });
  await t.stopImpersonatingAccount({ address: timelock });
}

describe('accountability', () => {
  beforeAll(async () => {
    await fund(owner.account.address, parseEther('10000'));
    ({ agentId } = await owner.registerAgent({ agentURI: '', role: 'Utility', stake: parseEther('2000') }));
    await asGovernance(
      addresses().reputation,
      encodeFunctionData({
        abi: reputationRegistryAbi,
        functionName: 'setValidator',
        args: [validator.account.address, true],
      }),
    );
  });

  test('attestations build the reputation; 20 failing tasks let anyone propose a graded slash', async () => {
    for (let i = 0; i < 20; i++) await validator.attest({ agentId, response: i < 8 ? 90 : 10, tag: 'task' });
    const reputation = await anyone.getReputation({ agentId });
    expect(reputation).toMatchObject({ tasks: 20n, successes: 8n, windowTasks: 20n, completionRate: parseEther('0.4') });
    expect(reputation.multiplier).toBeGreaterThan(parseEther('1'));

    const maximum = await anyone.readContract({
      address: addresses().slashing,
      abi: slashingManagerAbi,
      functionName: 'maxSlashOf',
      args: [agentId],
    });
    const proposed = await anyone.proposePerformanceSlash({ agentId, evidenceURI: 'ipfs://record' });
    const slash = await anyone.getSlash({ slashId: proposed.slashId });
    expect(slash).toMatchObject({ agentId, state: 'proposed', origin: 'performanceRule', amount: proposed.amount });
    // Graded: the per-slash maximum of the stake times (1 - score).
    expect(maximum).toBeGreaterThan(0n);
    expect(proposed.amount).toBe((maximum * (parseEther('1') - reputation.score)) / parseEther('1'));

    // The guardian vetoes it within the window (three of its five owners).
    const data = encodeFunctionData({ abi: slashingManagerAbi, functionName: 'veto', args: [proposed.slashId] });
    const deadline = (await anyone.getBlock()).timestamp + 600n;
    const approvals = await Promise.all(
      guardianOwners.map((o) => o.signGuardianApproval({ target: addresses().slashing, data, deadline })),
    );
    await anyone.executeGuardian({ target: addresses().slashing, data, deadline, approvals });
    expect((await anyone.getSlash({ slashId: proposed.slashId })).state).toBe('vetoed');
  });

  test('errors are typed, and bad input sends nothing', async () => {
    const noPayment = await anyone.giveFeedback({ agentId, value: 90n }).catch((e: unknown) => e);
    expect(isConclaveError(noPayment, 'ReputationNoPaymentBehindRating')).toBe(true);
    const notCLO = await anyone
      .proposeSlash({ agentId, amount: parseEther('1'), evidenceURI: 'ipfs://x' })
      .catch((e: unknown) => e);
    expect(isConclaveError(notCLO, 'SlashingNotAuthorized')).toBe(true);
    await expect(validator.attest({ agentId, response: 101 })).rejects.toBeInstanceOf(ConclaveValidationError);
    await expect(anyone.getSlash({ slashId: 999n })).rejects.toBeInstanceOf(ConclaveValidationError);
  });

  test('the current reward epoch is running', async () => {
    const epoch = await anyone.getEpoch();
    expect(epoch.phase).toBe('running');
    expect(await anyone.getClaimable({ epoch: epoch.epoch, agentId })).toBe(0n);
  });
});
