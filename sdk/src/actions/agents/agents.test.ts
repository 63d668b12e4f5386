import { hexToString, parseEther, zeroAddress } from 'viem';
import { describe, expect, test } from 'vitest';
import { account, addresses, clientFor, fund } from '../../../test/fixtures.js';
import { computeCid } from '../../cid.js';
import { ConclaveContractError, ConclaveValidationError, isConclaveError } from '../../errors.js';
import { agentRegistryAbi } from '../../generated.js';

const owner = clientFor(11);
const stranger = clientFor(12);

async function expectNothingSent(action: () => Promise<unknown>, field: string) {
  const before = await owner.getTransactionCount({ address: owner.account.address });
  const error = await action().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConclaveValidationError);
  expect((error as ConclaveValidationError).field).toBe(field);
  expect(await owner.getTransactionCount({ address: owner.account.address })).toBe(before);
}

describe('agents', async () => {
  const card = await computeCid({ name: 'sdk-test-agent', services: [{ name: 'MCP', endpoint: 'https://a.example/mcp' }] });

  test('registerAgent, then getAgent reads it back', async () => {
    const { agentId, receipt } = await owner.registerAgent({
      agentURI: card.uri,
      role: 'Specialized',
      metadata: [{ key: 'specialty', value: 'security' }],
    });
    expect(receipt.status).toBe('success');
    const agent = await owner.getAgent({ agentId });
    expect(agent).toMatchObject({
      agentId,
      owner: account(11).address,
      agentURI: card.uri,
      role: 'Specialized',
      baseRole: 'Specialized',
      seat: 'None',
      tier: 'Specialized',
      operator: zeroAddress,
      wallet: account(11).address,
      stake: 0n,
      active: false,
    });
    const value = await owner.readContract({
      address: addresses().registry,
      abi: agentRegistryAbi,
      functionName: 'getMetadata',
      args: [agentId, 'specialty'],
    });
    expect(hexToString(value)).toBe('security');
  });

  test('registerAgent with a stake onboards in one transaction (register, operator key, permit and stake)', async () => {
    const newcomer = clientFor(13);
    await fund(newcomer.account.address, parseEther('5000'));
    const before = await newcomer.getTransactionCount({ address: newcomer.account.address });
    const { agentId, receipt } = await newcomer.registerAgent({
      agentURI: card.uri,
      role: 'Specialized',
      stake: parseEther('5000'),
      operator: account(14).address,
    });
    expect(receipt.status).toBe('success');
    expect(await newcomer.getTransactionCount({ address: newcomer.account.address })).toBe(before + 1);
    expect(await newcomer.getAgent({ agentId })).toMatchObject({
      agentURI: card.uri,
      role: 'Specialized',
      operator: account(14).address,
      stake: parseEther('5000'),
      active: true,
    });
    const wallet = await newcomer.readContract({
      address: addresses().registry,
      abi: agentRegistryAbi,
      functionName: 'getMetadata',
      args: [agentId, 'agentWallet'],
    });
    expect(wallet.toLowerCase()).toBe(account(13).address.toLowerCase());
  });

  test('setAgentURI, setMetadata and setOperator', async () => {
    const { agentId } = await owner.registerAgent({ agentURI: 'https://agents.example/a.json' });
    await owner.setAgentURI({ agentId, agentURI: card.uri });
    await owner.setMetadata({ agentId, key: 'model', value: 'large' });
    await owner.setOperator({ agentId, operator: account(13).address });
    const agent = await owner.getAgent({ agentId });
    expect(agent.agentURI).toBe(card.uri);
    expect(agent.operator).toBe(account(13).address);
    await owner.setOperator({ agentId, operator: null });
    expect((await owner.getAgent({ agentId })).operator).toBe(zeroAddress);
  });

  test('setAgentWallet with the new wallet’s EIP-712 proof', async () => {
    const { agentId } = await owner.registerAgent({ agentURI: card.uri });
    const wallet = clientFor(14);
    const block = await owner.getBlock();
    const proof = await wallet.signAgentWalletProof({
      agentId,
      owner: owner.account.address,
      deadline: block.timestamp + 120n,
    });
    await owner.setAgentWallet({ agentId, wallet: proof.wallet, deadline: proof.deadline, signature: proof.signature });
    expect((await owner.getAgent({ agentId })).wallet).toBe(account(14).address);
  });

  test('a proof signed by another key is RegistryInvalidWalletProof', async () => {
    const { agentId } = await owner.registerAgent({ agentURI: card.uri });
    const block = await owner.getBlock();
    const proof = await stranger.signAgentWalletProof({ agentId, owner: owner.account.address, deadline: block.timestamp + 120n });
    const error = await owner
      .setAgentWallet({ agentId, wallet: account(14).address, deadline: proof.deadline, signature: proof.signature })
      .catch((e: unknown) => e);
    expect(isConclaveError(error, 'RegistryInvalidWalletProof')).toBe(true);
    if (isConclaveError(error, 'RegistryInvalidWalletProof')) {
      expect(error.args).toEqual([agentId, account(14).address]);
    }
  });

  test('an expired proof is RegistryWalletProofExpired', async () => {
    const { agentId } = await owner.registerAgent({ agentURI: card.uri });
    const block = await owner.getBlock();
    const wallet = clientFor(14);
    const proof = await wallet.signAgentWalletProof({ agentId, owner: owner.account.address, deadline: block.timestamp - 10n });
    const error = await owner
      .setAgentWallet({ agentId, wallet: proof.wallet, deadline: proof.deadline, signature: proof.signature })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConclaveContractError);
    expect((error as ConclaveContractError).errorName).toBe('RegistryWalletProofExpired');
  });

  test('a stranger changing the URI gets RegistryNotOwnerOrApproved with the values', async () => {
    const { agentId } = await owner.registerAgent({ agentURI: card.uri });
    const error = await stranger.setAgentURI({ agentId, agentURI: card.uri }).catch((e: unknown) => e);
    expect(isConclaveError(error, 'RegistryNotOwnerOrApproved')).toBe(true);
    expect((error as ConclaveContractError<'RegistryNotOwnerOrApproved'>).args).toEqual([agentId, account(12).address]);
    expect((error as ConclaveContractError).shortMessage).toContain('RegistryNotOwnerOrApproved');
  });

  test('reading an unknown agent is ERC721NonexistentToken', async () => {
    const error = await owner.getAgent({ agentId: 10_000_000n }).catch((e: unknown) => e);
    expect(isConclaveError(error, 'ERC721NonexistentToken')).toBe(true);
  });

  test('bad input is rejected before anything is sent', async () => {
    await expectNothingSent(() => owner.registerAgent({ agentURI: 'http://insecure.example/a.json' }), 'agentURI');
    await expectNothingSent(() => owner.registerAgent({ agentURI: 'ipfs://not-a-cid' }), 'agentURI');
    await expectNothingSent(() => owner.registerAgent({ agentURI: card.uri, role: 'CEO' as never }), 'role');
    await expectNothingSent(() => owner.registerAgent({ agentURI: card.uri, metadata: [{ key: 'agentWallet', value: '0x01' }] }),
      'metadata[0].key',
    );
    await expectNothingSent(() => owner.setOperator({ agentId: 1n, operator: '0x1234' as never }), 'operator');
    await expectNothingSent(() => owner.setMetadata({ agentId: -1n, key: 'k', value: 'v' }), 'agentId');
  });
});
