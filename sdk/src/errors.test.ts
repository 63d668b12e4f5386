import { inspect } from 'node:util';
import { http, encodeFunctionData, parseEther } from 'viem';
import { describe, expect, inject, test } from 'vitest';
import { addresses, advance, clientFor, deployment } from '../test/fixtures.js';
import { castVote } from './actions/governance/castVote.js';
import { delegate } from './actions/staking/delegate.js';
import { registerAgent } from './actions/agents/registerAgent.js';
import { requestUnstake } from './actions/staking/requestUnstake.js';
import { createConclaveClient } from './client.js';
import { conclaveWriteActionNames } from './decorator.js';
import { ConclaveContractError, ConclaveValidationError, isConclaveError } from './errors.js';
import { stakingVaultAbi } from './generated.js';

const readOnly = () => createConclaveClient({ deployment: deployment(), transport: http(inject('rpcUrl')) });
const ceo = clientFor(1);
const cfo = clientFor(3);

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

const lowerSlash = () => [
  {
    target: addresses().vault,
    data: encodeFunctionData({ abi: stakingVaultAbi, functionName: 'setMaxSlashBps', args: [3500n] }),
  },
];

describe('a client without an account', () => {
  test('every write action fails before sending, with ConclaveValidationError naming the account', async () => {
    const client = readOnly();
    const block = await client.getBlockNumber();
    expect(conclaveWriteActionNames.length).toBeGreaterThan(40);
    for (const name of conclaveWriteActionNames) {
      const error = await rejection((client[name] as (p: unknown) => Promise<unknown>)({}));
      expect(error, name).toBeInstanceOf(ConclaveValidationError);
      expect((error as ConclaveValidationError).field, name).toBe('account');
      expect((error as ConclaveValidationError).shortMessage, name).toContain(`${name} sends a transaction or signs`);
    }
    expect(await client.getBlockNumber()).toBe(block);
  });

  test('the standalone actions of the report fail the same way instead of with a misleading revert', async () => {
    // The reported failures: ERC721InvalidReceiver(0x0), StakingNotOwnerOrApproved(…, 0x0), AccountNotFoundError.
    const client = readOnly();
    const block = await client.getBlockNumber();
    const attempts = [
      registerAgent(client as never, { agentURI: 'https://example.com/agent.json' }),
      requestUnstake(client as never, { agentId: 1n, amount: parseEther('1') }),
      delegate(client as never, { delegatee: ceo.account.address }),
      castVote(client as never, { proposalId: 1n, support: 'For' }),
    ];
    for (const attempt of attempts) {
      const error = await rejection(attempt);
      expect(error).toBeInstanceOf(ConclaveValidationError);
      expect((error as ConclaveValidationError).field).toBe('account');
    }
    expect(await client.getBlockNumber()).toBe(block);
  });

  test('the types say an account is needed', async () => {
    const client = readOnly();
    // The parameter of a write action on an account-less client is the reason it cannot run (`AccountRequired`).
    // @ts-expect-error an account-less client's write actions do not type-check
    const attempt = client.registerAgent({ agentURI: 'https://example.com/agent.json' });
    await expect(attempt).rejects.toBeInstanceOf(ConclaveValidationError);
    // Reads type-check and work.
    expect((await client.getAgent({ agentId: 1n })).role).toBe('CEO');
  });
});

describe('governor errors in words', () => {
  test('a vote before voting opens names the states and says when voting opens', async () => {
    await advance(1);
    const { proposalId } = await ceo.propose({
      actions: lowerSlash(),
      description: `Lower the largest slash to 35 % (${Date.now()})`,
      category: 'EconomicParameter',
    });
    const error = await rejection(cfo.castVote({ proposalId, support: 'For' }));
    expect(isConclaveError(error, 'GovernorUnexpectedProposalState')).toBe(true);
    const e = error as ConclaveContractError<'GovernorUnexpectedProposalState'>;
    expect(e.values).toEqual({ proposalId, current: 'Pending', expectedStates: ['Active'] });
    expect(e.explanation).toMatch(
      new RegExp(`^Proposal ${proposalId} is Pending; this needs it Active\\. Voting opens at \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ \\(in (1 d 23 h|2 d)\\)\\.$`),
    );
    expect(e.shortMessage).toBe(
      `GovernorUnexpectedProposalState(proposalId: ${proposalId}, current: Pending, expectedStates: [Active])`,
    );
    expect(e.message).toContain(e.explanation);
  });

  test('a category mismatch names the function and both categories', async () => {
    const error = await rejection(
      ceo.propose({ actions: lowerSlash(), description: 'Mistyped', category: 'ProtocolUpgrade' }),
    );
    expect(isConclaveError(error, 'GovernanceCategoryMismatch')).toBe(true);
    const e = error as ConclaveContractError;
    expect(e.values).toEqual({
      target: addresses().vault,
      selector: 'StakingVault.setMaxSlashBps',
      required: 'EconomicParameter',
      category: 'ProtocolUpgrade',
    });
    expect(e.explanation).toBe(
      'StakingVault.setMaxSlashBps is a EconomicParameter action, but the proposal is typed ProtocolUpgrade: propose it as EconomicParameter.',
    );
  });
});

describe('printing an error', () => {
  test('shows the message, the decoded error and its values, not the ABI', async () => {
    const error = await rejection(ceo.requestUnstake({ agentId: 1n, amount: parseEther('1000000') }));
    expect(isConclaveError(error, 'StakingInsufficientStake')).toBe(true);
    // What Node prints for an uncaught error (and console.log / console.error).
    const printed = inspect(error);
    expect(printed.split('\n')[0]).toBe(
      'ConclaveContractError: StakingInsufficientStake(agentId: 1, stake: 10000000000000000000000, amount: 1000000000000000000000000)',
    );
    expect(printed).toContain("errorName: 'StakingInsufficientStake'");
    expect(printed).not.toContain('stateMutability');
    // About 60 lines: the stack and the failed call (address, function, arguments, sender) from viem's cause; with
    // the ABIs it was about 1,500.
    expect(printed.split('\n').length).toBeLessThan(80);
    // The cause keeps everything for whoever needs it.
    expect((error as ConclaveContractError).cause).toHaveProperty('abi');
  });
});
