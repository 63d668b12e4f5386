import { encodeFunctionData, getAddress } from 'viem';
import { expect, test } from 'vitest';
import { addresses } from '../test/fixtures.js';
import { proposalDescription } from './internal/proposal.js';
import { stakingVaultAbi } from './generated.js';
import { decodeProposalAction, plainProposalDescription } from './proposalActions.js';

test('a proposal action decodes against the contract at its target', () => {
  const data = encodeFunctionData({ abi: stakingVaultAbi, functionName: 'setMaxSlashBps', args: [4000n] });
  const vault = addresses().vault;
  expect(decodeProposalAction(addresses(), { target: vault.toLowerCase() as `0x${string}`, data })).toEqual({
    target: getAddress(vault),
    value: 0n,
    data,
    contract: 'StakingVault',
    functionName: 'setMaxSlashBps',
    args: [4000n],
  });
  // The same call aimed at another protocol contract does not decode there; elsewhere, nothing is known.
  expect(decodeProposalAction(addresses(), { target: addresses().treasury, data })).toMatchObject({
    contract: 'ConclaveTreasury',
    functionName: null,
    args: [],
  });
  const other = '0x000000000000000000000000000000000000dEaD';
  expect(decodeProposalAction(addresses(), { target: other, value: 5n, data })).toMatchObject({
    contract: null,
    functionName: null,
    value: 5n,
  });
});

test('the plain description is what the proposer wrote, whatever tags the Governor recorded', () => {
  const proposer = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
  for (const tags of [{}, { category: 'EconomicParameter' as const }, { category: 'Emergency' as const, expedited: true }]) {
    expect(plainProposalDescription(proposalDescription({ description: 'Cap a slash at 30 %', proposer, ...tags }))).toBe(
      'Cap a slash at 30 %',
    );
  }
  expect(plainProposalDescription('No tags here')).toBe('No tags here');
});
