import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Client as McpClient } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { addressesFromDeployment, createChannelConsumer } from '@conclave/sdk';
import { decodePaymentRequiredHeader, decodePaymentResponseHeader, encodePaymentRequiredHeader } from '@x402/core/http';
import { parseEther } from 'viem';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
// @ts-expect-error: plain ESM helper shared with `npm run dev`
import { freePort } from '../../tools/devnet.mjs';
import { clientFor, deployment, fund } from '../../sdk/test/fixtures.js';
import { ConclavePaymentRefusedError, createToolBuyer } from '../src/index.js';
import { type RunningServer, scratch, startServer } from './server.js';

const addresses = () => addressesFromDeployment(deployment());
const PRICE = parseEther('0.01');

async function waitFor<T>(what: string, read: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function payer(index: number, options: { fetch?: typeof fetch } = {}) {
  const client = clientFor(index);
  await fund(client.account.address, parseEther('100'));
  const consumer = await createChannelConsumer(client, { addresses: addresses(), autoDeposit: () => parseEther('5') });
  const buyer = createToolBuyer({ consumer, client, addresses: addresses(), fetch: options.fetch });
  return { client, consumer, buyer };
}

const call = (buyer: ReturnType<typeof createToolBuyer>, server: RunningServer, text = 'x') =>
  buyer.fetch(`${server.url}/tools/sha256`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ text }),
  });

/** The newest voucher amount a provider's store file holds for `channelId`. */
function stored(file: string, channelId: string): bigint {
  let newest = 0n;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.endsWith('}')) continue;
    const { k, v } = JSON.parse(line) as { k: string; v: string };
    if (!k.endsWith(channelId.toLowerCase())) continue;
    newest = BigInt((JSON.parse(v) as { voucher: { cumulativeAmount: string } }).voucher.cumulativeAmount.slice(0, -1));
  }
  return newest;
}

describe('the provider', () => {
  test('killed with SIGKILL mid-stream it loses no voucher, and carries on where it stopped', async () => {
    const store = path.join(scratch(), 'vouchers.log');
    const port = await freePort();
    let server = await startServer({ agentId: 3, port, store });
    const { client, consumer, buyer } = await payer(15);
    const target = { providerAgentId: 3n };

    let answered = 0;
    let failure: unknown;
    for (let i = 0; i < 400 && !failure; i++) {
      // After 30 answered calls, kill the server at a random moment of the next one.
      if (answered === 30) setTimeout(() => server.child.kill('SIGKILL'), Math.random() * 4);
      try {
        const response = await call(buyer, server, `call ${i}`);
        expect(response.status).toBe(200);
        answered++;
      } catch (error) {
        failure = error;
      }
    }
    expect(failure).toBeDefined();
    await new Promise((resolve) => (server.child.exitCode !== null || server.child.signalCode ? resolve(undefined) : server.child.once('exit', resolve)));
    expect(server.child.signalCode).toBe('SIGKILL');

    const channel = (await consumer.channel(target))!;
    expect(channel.spent).toBe(BigInt(answered) * PRICE);
    // Every answered call's voucher is on disk; at most the call in flight is there too (stored, never answered).
    const onDisk = stored(store, channel.channelId);
    expect(onDisk === channel.spent || onDisk === channel.spent + PRICE).toBe(true);
    expect(channel.inDoubt?.cumulativeAmount).toBe(channel.spent + PRICE);

    // Restarted on the same store, it takes the next calls: the consumer counts the in-doubt voucher only if the
    // provider holds it (it is refused as not newer), then pays on.
    server = await startServer({ agentId: 3, port, store });
    for (let i = 0; i < 10; i++) expect((await call(buyer, server)).status).toBe(200);
    const after = (await consumer.channel(target))!;
    expect(after.spent).toBe(onDisk + 10n * PRICE);
    expect(stored(store, channel.channelId)).toBe(after.spent);

    await consumer.requestClose(target);
    const closed = await waitFor('the redemption', async () => {
      const state = await client.getChannel({ channelId: channel.channelId });
      return state.status === 'closed' ? state : undefined;
    });
    expect(closed.paid).toBe(after.spent);
    await server.stop();
  });

  test('an answer lost on the way: the consumer settles the in-doubt voucher and pays on', async () => {
    const server = await startServer({ agentId: 3, port: await freePort(), store: path.join(scratch(), 'v.log') });
    let lose = false;
    const { consumer, buyer } = await payer(16, {
      fetch: async (input, init) => {
        const response = await fetch(input, init);
        if (lose && response.headers.get('PAYMENT-RESPONSE')) {
          lose = false;
          throw new TypeError('fetch failed: the connection was reset');
        }
        return response;
      },
    });
    expect((await call(buyer, server)).status).toBe(200);
    lose = true;
    await expect(call(buyer, server)).rejects.toThrow('connection was reset');
    expect((await consumer.channel({ providerAgentId: 3n }))!.spent).toBe(PRICE);
    // The provider stored the second voucher: the third call is refused as not newer, settles it, and pays anew.
    expect((await call(buyer, server)).status).toBe(200);
    expect((await consumer.channel({ providerAgentId: 3n }))!.spent).toBe(3n * PRICE);
    await server.stop();
  });
});

describe('prices and status come from the chain', () => {
  let server: RunningServer;
  const provider = () => clientFor(4);

  beforeAll(async () => {
    server = await startServer({
      agentId: 4,
      port: await freePort(),
      store: path.join(scratch(), 'vouchers.log'),
      env: { REDEEM_THRESHOLD: (5n * PRICE).toString() },
    });
  });
  afterAll(() => server?.stop());

  test('the provider redeems by itself once what it is owed reaches its threshold', async () => {
    const { client, consumer, buyer } = await payer(17);
    for (let i = 0; i < 4; i++) expect((await call(buyer, server)).status).toBe(200);
    const { channelId } = (await consumer.channel({ providerAgentId: 4n }))!;
    expect((await client.getChannel({ channelId })).paid).toBe(0n);
    expect((await call(buyer, server)).status).toBe(200);
    const paid = await waitFor('the redemption', async () => {
      const state = await client.getChannel({ channelId });
      return state.paid > 0n ? state.paid : undefined;
    });
    expect(paid).toBe(5n * PRICE);
    expect((await client.getChannel({ channelId })).status).toBe('open');
  });

  test('a price change applies to the calls paid after it', async () => {
    const { consumer, buyer } = await payer(18);
    expect((await call(buyer, server)).status).toBe(200);
    const toolId = server.tools.sha256!;
    await provider().setToolPrice({ toolId, pricePerCall: 3n * PRICE });
    try {
      const response = await call(buyer, server);
      expect(response.status).toBe(200);
      expect(decodePaymentResponseHeader(response.headers.get('PAYMENT-RESPONSE')!).amount).toBe((3n * PRICE).toString());
      expect((await consumer.channel({ providerAgentId: 4n }))!.spent).toBe(4n * PRICE);
    } finally {
      await provider().setToolPrice({ toolId, pricePerCall: PRICE });
    }
  });

  test('a paused tool is neither sold nor charged, over HTTP and MCP', async () => {
    const { consumer, buyer } = await payer(19);
    expect((await call(buyer, server)).status).toBe(200);
    const toolId = server.tools.sha256!;
    await provider().setToolStatus({ toolId, status: 'paused' });
    try {
      const response = await call(buyer, server);
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({ error: 'tool_not_servable', toolId: toolId.toString() });
      const mcp = new McpClient({ name: 'test', version: '0' });
      await mcp.connect(new StreamableHTTPClientTransport(new URL(server.mcp)));
      const result = await buyer.callTool(mcp, { name: 'sha256', arguments: { text: 'x' } });
      expect(result.isError).toBe(true);
      expect(result.payment).toBeUndefined();
      await mcp.close();
      expect((await consumer.channel({ providerAgentId: 4n }))!.spent).toBe(PRICE);
    } finally {
      await provider().setToolStatus({ toolId, status: 'active' });
    }
    expect((await call(buyer, server)).status).toBe(200);
  });

  test('the buyer refuses a price other than the listing, before signing anything', async () => {
    const real = decodePaymentRequiredHeader(
      (await fetch(`${server.url}/tools/sha256`, { method: 'POST', body: '{}' })).headers.get('PAYMENT-REQUIRED')!,
    );
    const inflated = { ...real, accepts: [{ ...real.accepts[0]!, amount: (2n * PRICE).toString() }] };
    const { consumer, buyer } = await payer(20, {
      fetch: async () =>
        new Response('{}', { status: 402, headers: { 'PAYMENT-REQUIRED': encodePaymentRequiredHeader(inflated) } }),
    });
    const error = await call(buyer, server).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConclavePaymentRefusedError);
    expect((error as ConclavePaymentRefusedError).reason).toBe('PriceMismatch');
    expect(await consumer.channel({ providerAgentId: 4n })).toBeUndefined();
  });
});
