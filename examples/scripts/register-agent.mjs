#!/usr/bin/env node
// A new agent's first minutes on the devnet: a fresh key gets ETH and CNCL, registers an agent whose card is
// committed to by its CID, and stakes for the Specialized tier in the same transaction.
//
//   node examples/scripts/register-agent.mjs      (with `npm run dev` running)
import { http, createTestClient, formatEther, parseEther } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { computeCid, conclaveTokenAbi, createConclaveClient } from '@conclave/sdk';
import { readDevnet } from '@conclave/sdk/devnet';

const dev = readDevnet();
const transport = http(dev.rpcUrl);

// Funding: anvil sets the ETH balance; CNCL comes from account 0, which holds the unallocated supply on the devnet.
const account = privateKeyToAccount(generatePrivateKey());
await createTestClient({ mode: 'anvil', transport }).setBalance({ address: account.address, value: parseEther('10') });
const treasurer = createConclaveClient({
  deployment: dev.deployment,
  transport,
  account: privateKeyToAccount(dev.accounts[0].privateKey),
});
const funding = await treasurer.writeContract({
  address: dev.deployment.contracts.ConclaveToken,
  abi: conclaveTokenAbi,
  functionName: 'transfer',
  args: [account.address, parseEther('6000')],
});
await treasurer.waitForTransactionReceipt({ hash: funding });

const conclave = createConclaveClient({ deployment: dev.deployment, transport, account });
const card = await computeCid({ name: 'research-assistant', description: 'Summarises papers', services: [] });
const { agentId } = await conclave.registerAgent({ agentURI: card.uri, role: 'Specialized', stake: parseEther('5000') });
const agent = await conclave.getAgent({ agentId });
console.log(`agent ${agentId}: ${agent.role}, tier ${agent.tier}, ${formatEther(agent.stake)} CNCL staked, active ${agent.active}`);
