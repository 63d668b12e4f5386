#!/usr/bin/env node
// An example paid tool server: a provider agent lists the demo tools on-chain (once) and sells them per call over
// x402, as HTTP routes and as MCP tools, paid with vouchers on Conclave fee-escrow channels.
//
//   RPC_URL=http://127.0.0.1:8545 node examples/tool-server/server.mjs
//
// Environment (defaults suit `npm run dev`):
//   RPC_URL            the chain (required)
//   DEPLOYMENT         the deployment file (default deployments/<chainId>.json)
//   PROVIDER_KEY       private key of the provider agent's owner or operator (default: anvil account 2, the demo CTO)
//   AGENT_ID           the provider agent (default 2)
//   PORT               where to serve (default 4021)
//   STORE              the voucher store (default examples/tool-server/.data/vouchers-<chainId>-<agent>.log)
//   REDEEM_THRESHOLD   redeem by itself once this much (in wei) is owed (default 10 CNCL)
//   PRICE              price per call of new listings, in wei (default 0.01 CNCL)
// Prints one JSON line {"ready": true, "url", "tools": {name: toolId}} once it serves.
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import { addressesFromDeployment, computeCid, createChannelProvider, createConclaveClient } from '@conclave/sdk';
import { createToolSeller, fileStore } from '@conclave/x402';
import { Hono } from 'hono';
import { http, parseEther } from 'viem';
import { mnemonicToAccount, privateKeyToAccount } from 'viem/accounts';
import { getChainId } from 'viem/actions';
import { z } from 'zod';
import { demoTools, describe, validArguments } from './tools.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const rpcUrl = process.env.RPC_URL;
if (!rpcUrl) throw new Error('RPC_URL is required');
const chainId = await getChainId(createConclaveClient({ deployment: 31337, transport: http(rpcUrl) }));
const deployment = JSON.parse(readFileSync(process.env.DEPLOYMENT ?? path.join(root, 'deployments', `${chainId}.json`), 'utf8'));
const addresses = addressesFromDeployment(deployment);
const account = process.env.PROVIDER_KEY
  ? privateKeyToAccount(process.env.PROVIDER_KEY)
  : mnemonicToAccount('test test test test test test test test test test test junk', { addressIndex: 2 });
const agentId = BigInt(process.env.AGENT_ID ?? 2);
const port = Number(process.env.PORT ?? 4021);
const base = `http://127.0.0.1:${port}`;
const client = createConclaveClient({ deployment, transport: http(rpcUrl), account, pollingInterval: 500 });

// List each demo tool once: a listing by this agent at this endpoint that is not retired is reused.
const tools = {};
const total = await client.readContract({ address: addresses.tools, abi: (await import('@conclave/sdk/abis')).toolRegistryAbi, functionName: 'totalTools' });
const listed = await Promise.all(Array.from({ length: Number(total) }, (_, i) => client.getTool({ toolId: BigInt(i + 1) })));
for (const tool of demoTools) {
  const endpoint = `${base}/tools/${tool.name}`;
  const existing = listed.find((t) => t.providerAgentId === agentId && t.endpoint === endpoint && t.status !== 'retired');
  if (existing) {
    tools[tool.name] = existing.toolId;
    continue;
  }
  const { uri } = await computeCid(describe(tool));
  const price = BigInt(process.env.PRICE ?? parseEther('0.01'));
  ({ toolId: tools[tool.name] } = await client.listTool({ providerAgentId: agentId, metadataURI: uri, endpoint, pricePerCall: price }));
}

const storePath = process.env.STORE ?? path.join(here, '.data', `vouchers-${chainId}-${agentId}.log`);
mkdirSync(path.dirname(storePath), { recursive: true });
const store = fileStore(storePath);
const provider = await createChannelProvider(client, {
  providerAgentId: agentId,
  store,
  addresses,
  redeemThreshold: BigInt(process.env.REDEEM_THRESHOLD ?? parseEther('10')),
  onError: (error) => console.error('[provider]', error.shortMessage ?? error.message ?? error),
  onRedeemed: ({ channelIds, amount, fee, hash }) =>
    console.error(`[provider] redeemed ${amount} (fee ${fee}) on ${channelIds.length} channel(s) in ${hash}`),
});
await provider.start({ pollingInterval: 500 });
const seller = await createToolSeller({ client, provider, addresses });

const app = new Hono();
app.get('/health', (c) => c.json({ ok: true, agentId: agentId.toString(), tools: Object.fromEntries(Object.entries(tools).map(([k, v]) => [k, v.toString()])) }));
for (const tool of demoTools) {
  app.post(`/tools/${tool.name}`, ...seller.http(tools[tool.name], { description: tool.description, mimeType: 'application/json' }), async (c) => {
    const args = await c.req.json().catch(() => undefined);
    // A bad request fails with 400, and a failed call is not charged.
    if (!validArguments(args)) return c.json({ error: 'expected {"text": string}' }, 400);
    return c.json(tool.run(args));
  });
}

// MCP over Streamable HTTP, stateless: a server per request with the paid tools registered.
app.all('/mcp', async (c) => {
  const mcp = new McpServer({ name: 'conclave-demo-tools', version: '0.1.0' });
  for (const tool of demoTools) {
    seller.mcp(mcp, tool.name, tools[tool.name], { description: tool.description, inputSchema: { text: z.string() } }, (args) => {
      if (!validArguments(args)) return { isError: true, content: [{ type: 'text', text: 'expected {"text": string}' }] };
      const result = tool.run(args);
      return { content: [{ type: 'text', text: JSON.stringify(result) }], structuredContent: result };
    });
  }
  const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
  await mcp.connect(transport);
  return transport.handleRequest(c.req.raw);
});

const server = serve({ fetch: app.fetch, port, hostname: '127.0.0.1' });
await new Promise((resolve) => server.once('listening', resolve));
console.log(JSON.stringify({ ready: true, url: base, mcp: `${base}/mcp`, agentId: agentId.toString(), tools: Object.fromEntries(Object.entries(tools).map(([k, v]) => [k, v.toString()])) }));

const stop = async () => {
  server.close();
  await provider.stop();
  store.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
