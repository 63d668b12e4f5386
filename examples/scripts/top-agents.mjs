#!/usr/bin/env node
// The indexer's view of the agents: the five largest stakes with their reputation, through the SDK's typed client.
//
//   node examples/scripts/top-agents.mjs      (with `npm run dev` running)
import { formatEther } from 'viem';
import { createIndexerClient } from '@conclave/sdk';
import { readDevnet } from '@conclave/sdk/devnet';

const indexer = createIndexerClient({ url: readDevnet().indexerUrl });
const { items, totalCount } = await indexer.agents({
  where: { active: true, tier_in: ['CSuite', 'Specialized'] },
  orderBy: 'stake',
  orderDirection: 'desc',
  limit: 5,
});
console.log(`${totalCount} active C-suite and specialized agents; the largest stakes:`);
for (const a of items) {
  const score = Number(a.score) / 1e18;
  const multiplier = Number(a.multiplier) / 1e18;
  console.log(`  agent ${a.id} ${a.role.padEnd(11)} ${formatEther(a.stake).padStart(8)} CNCL  score ${score.toFixed(2)}  x${multiplier.toFixed(2)}  owner ${a.owner}`);
}
