import { encodeFunctionData } from 'viem';
import { beforeAll, describe, expect, test } from 'vitest';
import { addresses, advance, clientFor } from '../../../test/fixtures.js';
import { computeCid } from '../../cid.js';
import { ConclaveValidationError, isConclaveError } from '../../errors.js';
import { proposalDescription } from '../../internal/proposal.js';
import { conclaveGovernorAbi, stakingVaultAbi } from '../../generated.js';
import type { ProposalAction } from '../../types.js';

// Demo C-suite agents: accounts 1-5, 10,000 CNCL each, self-delegated; account 4 holds the CLO seat.
const ceo = clientFor(1);
const cto = clientFor(2);
const cfo = clientFor(3);
const clo = clientFor(4);
const relayer = clientFor(20);
const DAY = 24n * 3600n;

async function passVote(proposalId: bigint) {
  const p = await ceo.getProposal({ proposalId });
  const now = (await ceo.getBlock()).timestamp;
  await advance(p.snapshot - now + 1n);
  expect((await ceo.getProposal({ proposalId })).state).toBe('Active');
  await ceo.castVote({ proposalId, support: 'For', reason: 'sdk test' });
  await cfo.castVote({ proposalId, support: 'For' });
}

async function finish(proposalId: bigint, actions: ProposalAction[], description: string) {
  const p = await ceo.getProposal({ proposalId });
  await advance(p.deadline - (await ceo.getBlock()).timestamp + 1n);
  expect((await ceo.getProposal({ proposalId })).state).toBe('Succeeded');
  await relayer.queue({ actions, description });
  expect((await ceo.getProposal({ proposalId })).state).toBe('Queued');
  await advance(2n * DAY + 1n);
  await relayer.execute({ actions, description });
  expect((await ceo.getProposal({ proposalId })).state).toBe('Executed');
}

describe('governance', () => {
  // Proposing counts votes as of the previous second: let the demo agents' stake settle.
  beforeAll(() => advance(1));

  test('a typed proposal runs from propose to execute', async () => {
    const actions = [
      {
        target: addresses().vault,
        data: encodeFunctionData({ abi: stakingVaultAbi, functionName: 'setMaxSlashBps', args: [4000n] }),
      },
    ];
    const { proposalId, description } = await ceo.propose({
      actions,
      description: 'Lower the largest slash to 40 %',
      category: 'EconomicParameter',
    });
    expect(description).toBe(
      `Lower the largest slash to 40 %#category=EconomicParameter#proposer=${ceo.account.address.toLowerCase()}`,
    );
    const created = await ceo.getProposal({ proposalId });
    expect(created).toMatchObject({ state: 'Pending', category: 'EconomicParameter', expedited: false, reviewRequired: false });
    expect(created.deadline - created.snapshot).toBe(7n * DAY);
    expect(created.quorum).toBeNull(); // the total stake at the snapshot is not known yet
    await passVote(proposalId);
    const active = await ceo.getProposal({ proposalId });
    expect(active.quorum).toBeGreaterThan(0n);
    await finish(proposalId, actions, description);
    expect((await ceo.getParameters()).maxSlashBps).toBe(4000n);
  });

  test('a protocol upgrade with the CLO review and a relayed signed ballot', async () => {
    const actions = [
      {
        target: addresses().governor,
        data: encodeFunctionData({ abi: conclaveGovernorAbi, functionName: 'setExpeditedQuorum', args: [1200] }),
      },
    ];
    const { proposalId, description } = await ceo.propose({
      actions,
      description: 'Raise the expedited quorum to 12 %',
      category: 'ProtocolUpgrade',
    });
    const report = await computeCid({ proposal: proposalId.toString(), verdict: 'feasible' });
    await clo.review({ proposalId, verdict: 'Favourable', reportCID: report.cid });
    expect(await ceo.getProposal({ proposalId })).toMatchObject({ verdict: 'Favourable', reviewReport: report.cid });

    await passVote(proposalId);
    const ballot = await cto.signBallot({ proposalId, support: 'Against' });
    await relayer.castVoteBySig({ ballot });
    const { votes } = await ceo.getProposal({ proposalId });
    expect(votes.against).toBe(10_000n * 10n ** 18n);
    await finish(proposalId, actions, description);
    expect((await ceo.getParameters()).expeditedQuorumBps).toBe(1200);
  });

  test('governance failures arrive as typed errors', async () => {
    const ping = [
      { target: addresses().vault, data: encodeFunctionData({ abi: stakingVaultAbi, functionName: 'setMaxSlashBps', args: [3000n] }) },
    ];
    const poor = clientFor(21);
    const noVotes = await poor.propose({ actions: ping, description: 'poor' }).catch((e: unknown) => e);
    expect(isConclaveError(noVotes, 'GovernorInsufficientProposerVotes')).toBe(true);

    const mislabelled = await ceo
      .propose({ actions: ping, description: 'mislabelled', category: 'TreasuryAllocation' })
      .catch((e: unknown) => e);
    expect(isConclaveError(mislabelled, 'GovernanceCategoryMismatch')).toBe(true);

    const { proposalId } = await ceo.propose({ actions: ping, description: 'late review' });
    await passVote(proposalId);
    const report = await computeCid('late');
    const late = await clo.review({ proposalId, verdict: 'Favourable', reportCID: report.cid }).catch((e: unknown) => e);
    expect(isConclaveError(late, 'GovernanceReviewWindowClosed')).toBe(true);
    const twice = await ceo.castVote({ proposalId, support: 'For' }).catch((e: unknown) => e);
    expect(isConclaveError(twice, 'GovernorAlreadyCastVote')).toBe(true);
  });

  test('a proposal names its proposer, so nobody can take it and cancel it', async () => {
    const actions = [
      { target: addresses().vault, data: encodeFunctionData({ abi: stakingVaultAbi, functionName: 'setMaxSlashBps', args: [3500n] }) },
    ];
    const { proposalId, description } = await ceo.propose({ actions, description: 'Named proposer' });
    expect(description).toBe(proposalDescription({ description: 'Named proposer', proposer: ceo.account.address }));
    const p = await ceo.getProposal({ proposalId });
    expect(p).toMatchObject({ category: 'EconomicParameter', proposerBound: true, limitsGuardian: false });
    // The same description from another account is refused by the Governor.
    const taken = await cto
      .writeContract({
        address: addresses().governor,
        abi: conclaveGovernorAbi,
        functionName: 'propose',
        args: [[addresses().vault], [0n], [actions[0]!.data], description],
      })
      .catch((e: unknown) => e);
    expect(String(taken)).toMatch(/GovernorRestrictedProposer/);
    // The SDK's description is the one the contract builds for a typed proposal.
    const onChain = await ceo.readContract({
      address: addresses().governor,
      abi: conclaveGovernorAbi,
      functionName: 'proposalDescription',
      args: ['text#proposer=0x0000000000000000000000000000000000000001', 3, true, ceo.account.address],
    });
    expect(
      proposalDescription({
        description: 'text#proposer=0x0000000000000000000000000000000000000001',
        category: 'TreasuryAllocation',
        expedited: true,
        proposer: ceo.account.address,
      }),
    ).toBe(onChain);
  });

  test('proposal input is validated before sending', async () => {
    await expect(ceo.propose({ actions: [], description: 'x' })).rejects.toBeInstanceOf(ConclaveValidationError);
    await expect(
      ceo.propose({ actions: [{ target: addresses().vault, data: '0x12' }], description: 'x' }),
    ).rejects.toBeInstanceOf(ConclaveValidationError);
    await expect(
      ceo.propose({ actions: [{ target: addresses().vault, data: '0x' }], description: 'x', expedited: true }),
    ).rejects.toThrow(/category/);
    await expect(
      ceo.propose({ actions: [{ target: addresses().vault, data: '0x' }], description: 'x', category: 'Nope' as never }),
    ).rejects.toBeInstanceOf(ConclaveValidationError);
    await expect(ceo.castVote({ proposalId: 1n, support: 'Yes' as never })).rejects.toBeInstanceOf(ConclaveValidationError);
    await expect(clo.review({ proposalId: 1n, verdict: 'Favourable', reportCID: 'nope' })).rejects.toBeInstanceOf(
      ConclaveValidationError,
    );
  });
});
