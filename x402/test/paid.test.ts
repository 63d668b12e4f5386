import path from 'node:path';
import { Client as McpClient } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import {
  type ChannelConsumer,
  addressesFromDeployment,
  createChannelConsumer,
  feeEscrowAbi,
  signVoucher,
} from '@conclave/sdk';
import { decodePaymentRequiredHeader, decodePaymentResponseHeader } from '@x402/core/http';
import { erc20Abi, parseEther, parseEventLogs } from 'viem';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
// @ts-expect-error: plain ESM helper shared with `npm run dev`
import { freePort } from '../../tools/devnet.mjs';
import { clientFor, deployment, fund } from '../../sdk/test/fixtures.js';
import { createToolBuyer, fileStore } from '../src/index.js';
import { type RunningServer, scratch, startServer } from './server.js';

const addresses = () => addressesFromDeployment(deployment());
const PRICE = parseEther('0.01');
const PROVIDER = 2n; // the demo CTO, owned by anvil account 2

const balanceOf = (who: `0x${string}`) =>
  clientFor(0).readContract({ address: addresses().token, abi: erc20Abi, functionName: 'balanceOf', args: [who] });

async function waitFor<T>(what: string, read: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** A fresh paying agent: anvil account `index` with CNCL, a consumer that opens channels of `deposit` as needed. */
async function payer(index: number, deposit = parseEther('5')) {
  const client = clientFor(index);
  await fund(client.account.address, parseEther('100'));
  const consumer = await createChannelConsumer(client, { addresses: addresses(), autoDeposit: () => deposit });
  const buyer = createToolBuyer({ consumer, client, addresses: addresses() });
  return { client, consumer, buyer };
}

const post = (buyer: ReturnType<typeof createToolBuyer>, url: string, body: unknown) =>
  buyer.fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

async function mcpClient(url: string) {
  const mcp = new McpClient({ name: 'test', version: '0' });
  await mcp.connect(new StreamableHTTPClientTransport(new URL(url)));
  return mcp;
}

const spent = async (consumer: ChannelConsumer, providerAgentId = PROVIDER) =>
  (await consumer.channel({ providerAgentId }))?.spent ?? 0n;

describe('paid tools over x402 (the example server, HTTP and MCP)', () => {
  let server: RunningServer;
  const requests: string[] = [];

  beforeAll(async () => {
    server = await startServer({ agentId: 2, port: await freePort(), store: path.join(scratch(), 'vouchers.log') });
  });
  afterAll(() => server?.stop());

  test('100 paid calls over HTTP and MCP, one redemption, the fee in the treasury', async () => {
    const { client, consumer, buyer } = await payer(11);
    const counting = createToolBuyer({
      consumer,
      client,
      addresses: addresses(),
      fetch: (input, init) => {
        requests.push(input instanceof Request ? input.url : String(input));
        return fetch(input, init);
      },
    });
    const mcp = await mcpClient(server.mcp);
    const payee = await client.readContract({
      address: addresses().escrow,
      abi: feeEscrowAbi,
      functionName: 'payoutAddress',
      args: [PROVIDER],
    });
    const treasury = addresses().treasury;
    const [payeeBefore, treasuryBefore] = await Promise.all([balanceOf(payee), balanceOf(treasury)]);

    for (let i = 0; i < 50; i++) {
      const response = await post(counting, `${server.url}/tools/text-stats`, { text: `one two three ${i}` });
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ words: 4, characters: 14 + String(i).length, lines: 1 });
      const receipt = decodePaymentResponseHeader(response.headers.get('PAYMENT-RESPONSE')!);
      expect(receipt).toMatchObject({ success: true, network: 'eip155:31337', amount: PRICE.toString() });
      expect(receipt.payer?.toLowerCase()).toBe(client.account.address.toLowerCase());

      const result = await buyer.callTool(mcp, { name: 'sha256', arguments: { text: 'abc' } });
      expect(result.isError).toBeFalsy();
      expect(result.structuredContent).toEqual({
        sha256: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
      });
      expect(result.payment).toMatchObject({ success: true, amount: PRICE.toString() });
    }
    await mcp.close();
    // One unpaid request learnt the price; every later one paid up front.
    expect(requests).toHaveLength(51);
    expect(await spent(consumer)).toBe(100n * PRICE);

    // The consumer asks to close; the provider, watching, redeems the newest voucher at once and closes.
    const channel = (await consumer.channel({ providerAgentId: PROVIDER }))!;
    await consumer.requestClose({ providerAgentId: PROVIDER });
    const closed = await waitFor('the provider to redeem and close', async () => {
      const state = await client.getChannel({ channelId: channel.channelId });
      return state.status === 'closed' ? state : undefined;
    });
    expect(closed.paid).toBe(100n * PRICE);
    const redemptions = await client.getContractEvents({
      address: addresses().escrow,
      abi: feeEscrowAbi,
      eventName: 'VoucherRedeemed',
      args: { channelId: channel.channelId },
      fromBlock: 0n,
    });
    expect(redemptions).toHaveLength(1);
    const fee = (100n * PRICE * 250n) / 10_000n;
    expect(redemptions[0]!.args).toMatchObject({ cumulativeAmount: 100n * PRICE, amount: 100n * PRICE, fee });
    expect((await balanceOf(payee)) - payeeBefore).toBe(100n * PRICE - fee);

    const swept = await clientFor(0).sweepFees();
    expect(swept.amount).toBeGreaterThanOrEqual(fee);
    expect((await balanceOf(treasury)) - treasuryBefore).toBe(swept.amount);
  });

  test('a call that fails is not charged, over HTTP and MCP', async () => {
    const { consumer, buyer } = await payer(12);
    const ok = await post(buyer, `${server.url}/tools/text-stats`, { text: 'paid' });
    expect(ok.status).toBe(200);
    expect(await spent(consumer)).toBe(PRICE);

    const bad = await post(buyer, `${server.url}/tools/text-stats`, { words: 'not text' });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('PAYMENT-RESPONSE')).toBeNull();
    expect(await spent(consumer)).toBe(PRICE);

    const mcp = await mcpClient(server.mcp);
    const failed = await buyer.callTool(mcp, { name: 'sha256', arguments: { text: 42 } });
    expect(failed.isError).toBe(true);
    expect(failed.payment).toBeUndefined();
    expect(await spent(consumer)).toBe(PRICE);

    // The next good call pays exactly one price more: the failed calls' vouchers were never counted.
    const next = await buyer.callTool(mcp, { name: 'sha256', arguments: { text: '' } });
    expect(next.payment?.success).toBe(true);
    expect(await spent(consumer)).toBe(2n * PRICE);
    await mcp.close();
  });

  test('without payment: HTTP 402 with PAYMENT-REQUIRED, MCP isError with the PaymentRequired object', async () => {
    const response = await fetch(`${server.url}/tools/sha256`, { method: 'POST', body: '{"text":"x"}' });
    expect(response.status).toBe(402);
    const required = decodePaymentRequiredHeader(response.headers.get('PAYMENT-REQUIRED')!);
    expect(required.x402Version).toBe(2);
    expect(required.accepts).toEqual([
      {
        scheme: 'conclave-channel',
        network: 'eip155:31337',
        amount: PRICE.toString(),
        asset: addresses().token,
        payTo: expect.stringMatching(/^0x[0-9a-fA-F]{40}$/),
        maxTimeoutSeconds: 300,
        extra: {
          escrow: addresses().escrow,
          providerAgentId: '2',
          toolId: server.tools.sha256!.toString(),
          name: 'Conclave Fee Escrow',
          version: '1',
        },
      },
    ]);

    const mcp = await mcpClient(server.mcp);
    const result = await mcp.callTool({ name: 'sha256', arguments: { text: 'x' } });
    expect(result.isError).toBe(true);
    expect(result.structuredContent).toMatchObject({ x402Version: 2, accepts: required.accepts });
    expect(JSON.parse((result.content as { text: string }[])[0]!.text)).toEqual(result.structuredContent);
    await mcp.close();
  });

  test('a forged or replayed payment is refused with its reason and charges nothing', async () => {
    const { consumer, buyer } = await payer(13);
    const first = await post(buyer, `${server.url}/tools/sha256`, { text: 'a' });
    expect(first.status).toBe(200);

    // Replay: the same PAYMENT-SIGNATURE again is not newer than what the provider holds.
    const payment = await consumer.authorize({ providerAgentId: PROVIDER, price: PRICE });
    const required = decodePaymentRequiredHeader(
      (await fetch(`${server.url}/tools/sha256`, { method: 'POST', body: '{}' })).headers.get('PAYMENT-REQUIRED')!,
    );
    const { encodePaymentSignatureHeader } = await import('@x402/core/http');
    const { encodePayload } = await import('../src/scheme.js');
    const send = (voucher: typeof payment.voucher) =>
      fetch(`${server.url}/tools/sha256`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'PAYMENT-SIGNATURE': encodePaymentSignatureHeader({
            x402Version: 2,
            accepted: required.accepts[0]!,
            payload: encodePayload({ kind: 'voucher', terms: payment.terms, voucher }),
          }),
        },
        body: '{"text":"b"}',
      });
    const reason = async (response: Response) => {
      expect(response.status).toBe(402);
      return decodePaymentRequiredHeader(response.headers.get('PAYMENT-REQUIRED')!).error;
    };
    // A signature moved onto another amount recovers to someone else.
    expect(await reason(await send({ ...payment.voucher, cumulativeAmount: payment.voucher.cumulativeAmount - 1n }))).toBe(
      'invalid_signer',
    );
    // The consumer's own voucher, adding less than the price.
    const domain = { chainId: 31337, escrow: addresses().escrow };
    const cheap = await signVoucher(clientFor(13).account, {
      ...domain,
      channelId: payment.voucher.channelId,
      cumulativeAmount: PRICE + 1n,
    });
    expect(await reason(await send(cheap))).toBe('insufficient_amount');
    // An older voucher: not above what the provider holds.
    expect(await reason(await send({ ...payment.voucher, cumulativeAmount: PRICE }))).toBe('voucher_not_newer');
    const twice = await send(payment.voucher);
    expect(twice.status).toBe(200);
    expect(await reason(await send(payment.voucher))).toBe('voucher_not_newer');
    await payment.commit();
    expect(await spent(consumer)).toBe(2n * PRICE);
  });
});

describe('a voucher store that survives a crash', () => {
  test('a line cut short by a crash is dropped, the rest kept and compacted', async () => {
    const file = path.join(scratch(), 'store.log');
    const store = fileStore(file);
    await store.set('a', '1');
    await store.set('b', '2');
    await store.set('a', '3');
    store.close();
    const { appendFileSync, readFileSync } = await import('node:fs');
    appendFileSync(file, '{"k":"c","v":"tor');
    const reopened = fileStore(file);
    expect(await reopened.entries()).toEqual([
      ['a', '3'],
      ['b', '2'],
    ]);
    expect(readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(2);
    reopened.close();
  });

  test('a consumer restarted on its store continues its ledger', async () => {
    const file = path.join(scratch(), 'ledger.log');
    const client = clientFor(14);
    await fund(client.account.address, parseEther('10'));
    const first = await createChannelConsumer(client, { addresses: addresses(), store: fileStore(file) });
    await first.fund({ providerAgentId: PROVIDER, amount: parseEther('1') });
    const payment = await first.authorize({ providerAgentId: PROVIDER, price: PRICE });
    await payment.commit();
    const restarted = await createChannelConsumer(client, { addresses: addresses(), store: fileStore(file) });
    const next = await restarted.authorize({ providerAgentId: PROVIDER, price: PRICE });
    expect(next.voucher.cumulativeAmount).toBe(2n * PRICE);
    expect(next.terms).toEqual(payment.terms);
    await next.abandon();
    expect((await restarted.channel({ providerAgentId: PROVIDER }))?.spent).toBe(PRICE);
  });
});
