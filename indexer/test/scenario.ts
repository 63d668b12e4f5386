// Drives the protocol through the SDK, as an integrator would: agents, stake, unstake, delegation, a reviewed
// proposal through to execution, and a guardian pause.
import { http, createTestClient, encodeFunctionData, parseEther, zeroAddress } from 'viem';
import { mnemonicToAccount } from 'viem/accounts';
import { anvil } from 'viem/chains';
import {
  type DeploymentFile,
  addressesFromDeployment,
  computeCid,
  conclaveGovernorAbi,
  conclaveTokenAbi,
  conclaveTreasuryAbi,
  createConclaveClient,
  feeEscrowAbi,
  reputationRegistryAbi,
  rewardsDistributorAbi,
  slashingManagerAbi,
  stakingVaultAbi,
  toolRegistryAbi,
} from '@conclave/sdk';

const MNEMONIC = 'test test test test test test test test test test test junk';

export function clients(rpcUrl: string, deployment: DeploymentFile) {
  const client = (i: number) =>
    createConclaveClient({ deployment, transport: http(rpcUrl), account: mnemonicToAccount(MNEMONIC, { addressIndex: i }) });
  const test = createTestClient({ mode: 'anvil', chain: anvil, transport: http(rpcUrl) });
  const advance = async (seconds: bigint) => {
    await test.increaseTime({ seconds: Number(seconds) });
    await test.mine({ blocks: 1 });
  };
  return { client, test, advance, addresses: addressesFromDeployment(deployment) };
}

export async function runScenario(rpcUrl: string, deployment: DeploymentFile) {
  const { client, advance, addresses } = clients(rpcUrl, deployment);
  const deployer = client(0);
  const [alice, bob] = [client(11), client(12)];
  for (const who of [alice, bob]) {
    const hash = await deployer.writeContract({
      address: addresses.token,
      abi: conclaveTokenAbi,
      functionName: 'transfer',
      args: [who.account.address, parseEther('20000')],
    });
    await deployer.waitForTransactionReceipt({ hash });
  }

  const card = await computeCid({ name: 'indexer-test-agent' });
  const { agentId: aliceAgent } = await alice.registerAgent({
    agentURI: card.uri,
    role: 'Specialized',
    metadata: [{ key: 'specialty', value: 'security' }],
  });
  await alice.stake({ agentId: aliceAgent, amount: parseEther('6000') });
  const { requestId } = await alice.requestUnstake({ agentId: aliceAgent, amount: parseEther('2000') });
  await alice.setOperator({ agentId: aliceAgent, operator: bob.account.address });

  const { agentId: bobAgent } = await bob.registerAgent({ agentURI: 'https://bob.example/card.json' });
  await bob.stakeWithPermit({ agentId: bobAgent, amount: parseEther('1500') });
  await bob.delegate({ delegatee: alice.account.address });

  // A protocol upgrade: reviewed by the CLO (account 4), voted by the C-suite, queued and executed.
  await advance(1n);
  const ceo = client(1);
  const actions = [
    {
      target: addresses.governor,
      data: encodeFunctionData({ abi: conclaveGovernorAbi, functionName: 'setExpeditedQuorum', args: [1100] }),
    },
  ];
  const { proposalId, description } = await ceo.propose({
    actions,
    description: 'Expedited quorum 11 %',
    category: 'ProtocolUpgrade',
  });
  const report = await computeCid('feasible');
  await client(4).review({ proposalId, verdict: 'Favourable', reportCID: report.cid });
  const p = await ceo.getProposal({ proposalId });
  await advance(p.snapshot - (await ceo.getBlock()).timestamp + 1n);
  await ceo.castVote({ proposalId, support: 'For' });
  await client(2).castVote({ proposalId, support: 'For', reason: 'good' });
  await client(3).castVote({ proposalId, support: 'Against' });
  await advance(p.deadline - (await ceo.getBlock()).timestamp + 1n);
  await ceo.queue({ actions, description });
  await advance(48n * 3600n + 1n);
  await ceo.execute({ actions, description });

  // A guardian pause and unpause (owners: accounts 6-10).
  for (const fn of ['pause', 'unpause'] as const) {
    const data = encodeFunctionData({ abi: stakingVaultAbi, functionName: fn });
    const deadline = (await ceo.getBlock()).timestamp + 600n;
    const approvals = await Promise.all(
      [6, 7, 8].map((i) => client(i).signGuardianApproval({ target: addresses.vault, data, deadline })),
    );
    await client(20).executeGuardian({ target: addresses.vault, data, deadline, approvals });
  }

  // A paid tool: the CEO's agent lists it; bob opens a channel, one voucher pays for three calls, the provider
  // redeems it and closes the channel at once, and anyone sweeps the fee to the treasury.
  const provider = client(1);
  const toolCard = await computeCid({ name: 'search', description: 'Web search', inputSchema: { type: 'object' } });
  const send = async (who: typeof bob, hash: Promise<`0x${string}`>) => who.waitForTransactionReceipt({ hash: await hash });
  await send(provider, provider.writeContract({
    address: addresses.tools,
    abi: toolRegistryAbi,
    functionName: 'listTool',
    args: [1n, toolCard.uri, 'https://tools.example/search', addresses.token, parseEther('1')],
  }));
  const terms = { consumer: bob.account.address, providerAgentId: 1n, token: addresses.token, voucherKey: zeroAddress, salt: 0n };
  await send(bob, bob.writeContract({ address: addresses.token, abi: conclaveTokenAbi, functionName: 'approve', args: [addresses.escrow, parseEther('100')] }));
  await send(bob, bob.writeContract({ address: addresses.escrow, abi: feeEscrowAbi, functionName: 'open', args: [terms, parseEther('100')] }));
  const channelId = await bob.readContract({ address: addresses.escrow, abi: feeEscrowAbi, functionName: 'channelId', args: [terms] });
  const voucher = await bob.signTypedData({
    domain: { name: 'Conclave Fee Escrow', version: '1', chainId: 31337, verifyingContract: addresses.escrow },
    types: { Voucher: [{ name: 'channelId', type: 'bytes32' }, { name: 'cumulativeAmount', type: 'uint128' }] },
    primaryType: 'Voucher',
    message: { channelId, cumulativeAmount: parseEther('3') },
  });
  await send(provider, provider.writeContract({
    address: addresses.escrow,
    abi: feeEscrowAbi,
    functionName: 'redeemAndClose',
    args: [terms, parseEther('3'), voucher],
  }));
  await send(client(20), client(20).writeContract({ address: addresses.escrow, abi: feeEscrowAbi, functionName: 'sweepFees', args: [addresses.token] }));

  // Accountability: governance (the Timelock, impersonated) names a validator and funds the current reward epoch; the
  // validator attests tasks of agents 1 and 2; bob rates agent 1 with the 3 CNCL he settled; the CLO proposes two
  // slashes of agent 2, one of which the Timelock vetoes.
  const { test } = clients(rpcUrl, deployment);
  const asTimelock = async (to: `0x${string}`, data: `0x${string}`) => {
    await test.impersonateAccount({ address: addresses.timelock });
    await test.setBalance({ address: addresses.timelock, value: parseEther('1') });
    const receipt = await send(deployer, deployer.sendTransaction({ account: addresses.timelock, to, data, chain: deployer.chain }));
    if (receipt.status !== 'success') throw new Error(`governance call to ${to} reverted`);
    await test.stopImpersonatingAccount({ address: addresses.timelock });
  };
  const validator = client(21);
  await asTimelock(
    addresses.reputation,
    encodeFunctionData({ abi: reputationRegistryAbi, functionName: 'setValidator', args: [validator.account.address, true] }),
  );
  for (const [agentId, responses] of [[1n, [90, 80, 30]], [2n, [60]]] as const) {
    for (const response of responses) await validator.attest({ agentId, response, tag: 'indexer-test' });
  }
  await bob.giveFeedback({ agentId: 1n, value: 80n, tag1: 'search', endpoint: 'https://tools.example/search' });
  await asTimelock(
    addresses.treasury,
    encodeFunctionData({ abi: conclaveTreasuryAbi, functionName: 'spend', args: [addresses.token, addresses.rewards, parseEther('500')] }),
  );
  const { epoch } = await deployer.getEpoch();
  await asTimelock(
    addresses.rewards,
    encodeFunctionData({ abi: rewardsDistributorAbi, functionName: 'fundEpoch', args: [epoch, parseEther('500')] }),
  );
  const clo = client(4);
  const kept = await clo.proposeSlash({ agentId: 2n, amount: parseEther('100'), evidenceURI: 'ipfs://evidence-kept' });
  const vetoed = await clo.proposeSlash({ agentId: 2n, amount: parseEther('50'), evidenceURI: 'ipfs://evidence-vetoed' });
  await asTimelock(
    addresses.slashing,
    encodeFunctionData({ abi: slashingManagerAbi, functionName: 'veto', args: [vetoed.slashId] }),
  );

  await advance(14n * 24n * 3600n);
  await alice.withdraw({ requestId });
  return {
    agentIds: [1n, 2n, 3n, 4n, 5n, aliceAgent, bobAgent],
    proposalId,
    requestId,
    channelId,
    accounts: [alice, bob],
    provider: provider.account.address,
    slashes: { kept: kept.slashId, vetoed: vetoed.slashId },
    rewardEpoch: epoch,
  };
}
