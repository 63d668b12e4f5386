#!/usr/bin/env node
// Another agent pays for 100 calls of the demo tools (50 over HTTP, 50 over MCP) on one fee-escrow channel, then
// asks to close it: the tool server redeems at once, the protocol fee is swept to the treasury, and the indexer
// shows the provider's revenue and the treasury's fee.
//
//   npm run demo:pay      (with `npm run dev` running)
//
// Environment (defaults: what `npm run dev` wrote to .dev/dev.json):
//   RPC_URL        the chain
//   DEPLOYMENT     the deployment file (default deployments/<chainId>.json)
//   CONSUMER_KEY   the paying account's private key (default: anvil account 5, owner of the demo CMO agent)
//   SERVER         the tool server (default http://127.0.0.1:4021)
//   INDEXER_URL    the indexer (default http://127.0.0.1:42069); INDEXER_URL= to skip the GraphQL check
//   CALLS          how many calls (default 100)
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { addressesFromDeployment, createChannelConsumer, createConclaveClient, memoryStore } from '@conclave/sdk';
import { readDevnet } from '@conclave/sdk/devnet';
import { createToolBuyer } from '@conclave/x402';
import { http, erc20Abi, formatEther } from 'viem';
import { mnemonicToAccount, privateKeyToAccount } from 'viem/accounts';
import { getChainId } from 'viem/actions';

const here = path.dirname(fileURLToPath(import.meta.url));
// `npm run dev` writes where everything runs to .dev/dev.json (or $CONCLAVE_DEVNET).
const dev = process.env.RPC_URL ? {} : readDevnet();
const rpcUrl = process.env.RPC_URL ?? dev.rpcUrl;
if (!rpcUrl) throw new Error('RPC_URL is required (or run `npm run dev` first)');
const chainId = await getChainId(createConclaveClient({ deployment: 31337, transport: http(rpcUrl) }));
const deployment = JSON.parse(
  readFileSync(process.env.DEPLOYMENT ?? path.resolve(here, '../../deployments', `${chainId}.json`), 'utf8'),
);
const addresses = addressesFromDeployment(deployment);
const mnemonic = 'test test test test test test test test test test test junk';
const account = process.env.CONSUMER_KEY
  ? privateKeyToAccount(process.env.CONSUMER_KEY)
  : mnemonicToAccount(mnemonic, { addressIndex: 5 });
const client = createConclaveClient({ deployment, transport: http(rpcUrl), account, pollingInterval: 500 });
const serverUrl = process.env.SERVER ?? dev.toolServerUrl ?? 'http://127.0.0.1:4021';
const indexerUrl = process.env.INDEXER_URL ?? dev.indexerUrl ?? 'http://127.0.0.1:42069';
const calls = Number(process.env.CALLS ?? 100);

const health = await fetch(`${serverUrl}/health`).then((r) => r.json());
const providerAgentId = BigInt(health.agentId);
const tool = await client.getTool({ toolId: BigInt(health.tools['text-stats']) });
const deposit = tool.pricePerCall * BigInt(calls) * 2n;

// On a local chain the deployer tops the consumer up with the protocol token.
const balance = await client.readContract({ address: addresses.token, abi: erc20Abi, functionName: 'balanceOf', args: [account.address] });
if (balance < deposit && chainId === 31337) {
  const deployer = createConclaveClient({ deployment, transport: http(rpcUrl), account: mnemonicToAccount(mnemonic) });
  const hash = await deployer.writeContract({ address: addresses.token, abi: erc20Abi, functionName: 'transfer', args: [account.address, deposit] });
  await deployer.waitForTransactionReceipt({ hash });
}

const consumer = await createChannelConsumer(client, { addresses, store: memoryStore(), autoDeposit: () => deposit });
const buyer = createToolBuyer({ consumer, client, addresses });
const mcp = new Client({ name: 'conclave-demo-payer', version: '0.1.0' });
await mcp.connect(new StreamableHTTPClientTransport(new URL(`${serverUrl}/mcp`)));

const started = Date.now();
for (let i = 0; i < calls; i++) {
  const name = i % 4 < 2 ? 'text-stats' : 'sha256';
  const text = `call ${i}: the quick brown fox`;
  if (i % 2 === 0) {
    const response = await buyer.fetch(`${serverUrl}/tools/${name}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text }),
    });
    if (!response.ok || !response.headers.get('PAYMENT-RESPONSE')) throw new Error(`HTTP call ${i}: ${response.status} ${await response.text()}`);
    await response.json();
  } else {
    const result = await buyer.callTool(mcp, { name, arguments: { text } });
    if (result.isError || !result.payment?.success) throw new Error(`MCP call ${i}: ${JSON.stringify(result.content)}`);
  }
}
await mcp.close();
const channel = await consumer.channel({ providerAgentId });
console.log(`paid ${calls} calls in ${Date.now() - started} ms: ${formatEther(channel.spent)} CNCL owed on channel ${channel.channelId}`);

// Ask to close: the provider watches for this and redeems the newest voucher at once, closing the channel.
await consumer.requestClose({ providerAgentId });
for (let i = 0; ; i++) {
  const state = await client.getChannel({ channelId: channel.channelId });
  if (state.status === 'closed') {
    console.log(`the provider redeemed ${formatEther(state.paid)} CNCL and closed the channel; the rest came back`);
    break;
  }
  if (i > 120) throw new Error('the provider did not redeem within 60 s: is the tool server running?');
  await new Promise((r) => setTimeout(r, 500));
}
const { amount: fee } = await client.sweepFees();
console.log(`swept ${formatEther(fee)} CNCL of protocol fees to the treasury`);

// The channel is settled: what was paid on it backs one rating of the provider (ERC-8004 feedback, weighted by it).
await client.giveFeedback({ agentId: providerAgentId, value: 95n, tag1: 'demo-tools', endpoint: serverUrl });
console.log(`rated agent ${providerAgentId} 95/100, backed by the ${formatEther(channel.spent)} CNCL paid`);

if (indexerUrl) {
  const query = `{ providerRevenues(where: { providerAgentId: "${providerAgentId}" }) { items { gross fees net redemptions } }
    treasuryFlows(where: { kind: "protocol fee" }) { items { amount } } }`;
  for (let i = 0; ; i++) {
    const { data } = await fetch(`${indexerUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query }),
    }).then((r) => r.json());
    const revenue = data?.providerRevenues.items[0];
    const fees = data?.treasuryFlows.items.reduce((sum, f) => sum + BigInt(f.amount), 0n) ?? 0n;
    if (revenue && fees > 0n) {
      console.log(`indexer: agent ${providerAgentId} earned ${formatEther(BigInt(revenue.net))} CNCL net (${revenue.redemptions} redemption(s)); treasury fees ${formatEther(fees)} CNCL`);
      break;
    }
    if (i > 120) throw new Error('the indexer did not show the revenue within 60 s');
    await new Promise((r) => setTimeout(r, 500));
  }
}
