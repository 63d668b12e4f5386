#!/usr/bin/env node
// `npm run dev`: anvil, the protocol deployed by script/Deploy.s.sol with the demo agents, and a summary of what
// runs where. Ctrl-C (or SIGTERM) stops every process it started.
//   PORT=8545 npm run dev      # choose anvil's port (default: a free one)
//   BLOCK_TIME=2 npm run dev   # mine on an interval instead of on every transaction
import { startAnvil, deploy } from './devnet.mjs';

const children = [];
let stopping = false;

async function shutdown(code = 0) {
  if (stopping) return;
  stopping = true;
  console.log('\nStopping...');
  await Promise.allSettled(children.map((c) => c.stop()));
  console.log('Stopped everything.');
  process.exit(code);
}
process.on('SIGINT', () => shutdown(0));
process.on('SIGTERM', () => shutdown(0));

try {
  const port = process.env.PORT ? Number(process.env.PORT) : undefined;
  // Automine by default (a block per transaction); BLOCK_TIME=N mines every N seconds instead.
  const args = process.env.BLOCK_TIME ? ['--block-time', process.env.BLOCK_TIME] : [];
  const anvil = await startAnvil({ port, args });
  children.push(anvil);
  console.log(`anvil        ${anvil.url} (chain 31337, pid ${anvil.pid})`);

  const deployment = await deploy({ rpcUrl: anvil.url, demo: true });
  console.log(`deployment   deployments/${deployment.chainId}.json (start block ${deployment.startBlock})`);
  for (const [name, address] of Object.entries(deployment.contracts)) {
    console.log(`  ${name.padEnd(22)} ${address}`);
  }
  console.log('demo agents  CEO, CTO, CFO, CLO, CMO: agents 1-5, owned by anvil accounts 1-5, 10,000 CNCL staked each');
  console.log('\nReady. Press Ctrl-C to stop.');
} catch (error) {
  console.error(error.message ?? error);
  await shutdown(1);
}
