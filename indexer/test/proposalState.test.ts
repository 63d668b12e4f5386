// The indexer's live proposal state agrees with the Governor's state() at every point of a proposal's life, with
// time moving and nothing else happening (no event marks the start of voting, the expedited mark or the deadline).
import { encodeFunctionData } from 'viem';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { stakingVaultAbi } from '@conclave/sdk';
import { type Indexer, graphql, readDeployment, startChain, startIndexer, waitForHead } from './harness';
import { clients } from './scenario';

describe('live proposal state', () => {
  let chain: Awaited<ReturnType<typeof startChain>>;
  let indexer: Indexer;
  let env: ReturnType<typeof clients>;

  beforeAll(async () => {
    chain = await startChain();
    indexer = await startIndexer({
      rpcUrl: chain.anvil.url,
      deploymentFile: chain.deploymentFile,
      storage: { kind: 'pglite', dir: `${chain.deploymentFile}.pglite` },
      schema: 'state',
    });
    await waitForHead(indexer, chain.anvil);
    env = clients(chain.anvil.url, await readDeployment(chain.deploymentFile));
    await env.advance(1n); // the demo agents' stake counts from the next second
  });

  afterAll(async () => {
    await indexer?.stop();
    await chain?.stop();
  });

  /** The indexer's state of `proposalId` once it has the chain's head, and the Governor's at the head. */
  async function both(proposalId: bigint) {
    await waitForHead(indexer, chain.anvil);
    const data = await graphql(indexer, 'query($id: BigInt!) { proposal(id: $id) { state voteEnd } }', {
      id: proposalId.toString(),
    });
    const onChain = await env.client(0).getProposal({ proposalId });
    return { indexed: data.proposal.state as string, onChain: onChain.state, voteEnd: data.proposal.voteEnd, deadline: onChain.deadline };
  }

  async function expectState(proposalId: bigint, state: string) {
    const { indexed, onChain, voteEnd, deadline } = await both(proposalId);
    expect(onChain).toBe(state);
    expect(indexed).toBe(state);
    if (state === 'Active') expect(voteEnd).toBe(deadline.toString());
  }

  const action = (bps: bigint) => [
    {
      target: env.addresses.vault,
      data: encodeFunctionData({ abi: stakingVaultAbi, functionName: 'setMaxSlashBps', args: [bps] }),
    },
  ];

  test('an expedited proposal that falls back with no vote at its mark, succeeds, is queued and executed', async () => {
    const ceo = env.client(1);
    const actions = action(4500n);
    const { proposalId, description } = await ceo.propose({
      actions,
      description: 'Live state',
      category: 'EconomicParameter',
      expedited: true,
    });
    await expectState(proposalId, 'Pending');

    let p = await ceo.getProposal({ proposalId });
    const now = async () => (await ceo.getBlock()).timestamp;
    await env.advance(p.snapshot - (await now()) + 1n);
    await expectState(proposalId, 'Active');

    // Nobody votes: at the mark the expedited rules are not met and the proposal continues as a standard one.
    await env.advance(p.expeditedDeadline - (await now()) + 1n);
    await expectState(proposalId, 'Active');
    p = await ceo.getProposal({ proposalId });
    expect(p.deadline).toBeGreaterThan(p.expeditedDeadline);

    await ceo.castVote({ proposalId, support: 'For' });
    await env.client(2).castVote({ proposalId, support: 'For' });
    await env.advance(p.deadline - (await now()) + 1n);
    await expectState(proposalId, 'Succeeded');

    await ceo.queue({ actions, description });
    await expectState(proposalId, 'Queued');
    await env.advance(48n * 3600n + 1n);
    await ceo.execute({ actions, description });
    await expectState(proposalId, 'Executed');

    const active = await graphql(indexer, '{ proposals(where: { state: "Executed" }) { items { id } } }');
    expect(active.proposals.items.map((i: { id: string }) => i.id)).toContain(proposalId.toString());
  });

  test('an expedited proposal that passes at its mark, and one defeated without votes', async () => {
    const ceo = env.client(1);
    const now = async () => (await ceo.getBlock()).timestamp;
    const fast = await ceo.propose({ actions: action(4000n), description: 'Fast', category: 'EconomicParameter', expedited: true });
    const slow = await ceo.propose({ actions: action(3000n), description: 'Ignored', category: 'EconomicParameter' });
    const p = await ceo.getProposal({ proposalId: fast.proposalId });
    await env.advance(p.snapshot - (await now()) + 1n);
    await expectState(fast.proposalId, 'Active');
    await expectState(slow.proposalId, 'Active');
    for (const i of [1, 2, 3]) await env.client(i).castVote({ proposalId: fast.proposalId, support: 'For' });
    const marked = await ceo.getProposal({ proposalId: fast.proposalId });
    await env.advance(marked.expeditedDeadline - (await now()) + 1n);
    await expectState(fast.proposalId, 'Succeeded');
    await expectState(slow.proposalId, 'Active');
    const s = await ceo.getProposal({ proposalId: slow.proposalId });
    await env.advance(s.deadline - (await now()) + 1n);
    await expectState(slow.proposalId, 'Defeated');
    const defeated = await graphql(indexer, '{ proposals(where: { state: "Defeated" }) { items { id } } }');
    expect(defeated.proposals.items).toEqual([{ id: slow.proposalId.toString() }]);
  });
});
