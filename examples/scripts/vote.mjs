#!/usr/bin/env node
// The demo CFO votes on the demo proposal, then the proposal is read from the chain and from the indexer.
//
//   node examples/scripts/vote.mjs      (with `npm run dev` running)
import { http, formatEther } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { createConclaveClient, createIndexerClient, isConclaveError } from '@conclave/sdk';
import { readDevnet } from '@conclave/sdk/devnet';

const dev = readDevnet();
const cfo = dev.accounts[dev.agents.CFO.account];
const conclave = createConclaveClient({
  deployment: dev.deployment,
  transport: http(dev.rpcUrl),
  account: privateKeyToAccount(cfo.privateKey),
});
const proposalId = BigInt(dev.demo.proposalId);

try {
  await conclave.castVote({ proposalId, support: 'For', reason: 'A 40 % cap still deters.' });
} catch (error) {
  // Run twice, the second vote is refused with the Governor's error, decoded.
  if (!isConclaveError(error, 'GovernorAlreadyCastVote')) throw error;
  console.log(`already voted: ${error.shortMessage}`);
}
const proposal = await conclave.getProposal({ proposalId });
console.log(`on chain: ${proposal.state}, for ${formatEther(proposal.votes.for)} CNCL, against ${formatEther(proposal.votes.against)}`);

// The indexer follows within a block or two.
const indexer = createIndexerClient({ url: dev.indexerUrl });
for (let i = 0; i < 50; i++) {
  const { items } = await indexer.votes({ where: { proposalId, voter: cfo.address } });
  if (items.length > 0) {
    console.log(`indexed: ${items[0].voter} voted ${items[0].support} with ${formatEther(items[0].weight)} CNCL`);
    break;
  }
  await new Promise((resolve) => setTimeout(resolve, 200));
}
