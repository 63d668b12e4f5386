import { type ChannelConsumer, type ConclaveAddresses, getTool } from '@conclave/sdk';
import { x402Client, x402HTTPClient } from '@x402/core/client';
import { decodePaymentResponseHeader } from '@x402/core/http';
import type { PaymentPayload, PaymentRequired, PaymentRequirements, SettleResponse } from '@x402/core/types';
import type { Client as McpClient } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolRequest, CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { Account, Chain, Client, Transport } from 'viem';
import { SCHEME, channelSchemeClient, invalidReasons, readRequirements } from './scheme.js';
import { MCP_PAYMENT, MCP_PAYMENT_RESPONSE } from './seller.js';

export type PaymentRefusal = 'ToolNotServable' | 'PriceMismatch' | 'AbovePriceLimit' | 'WrongProvider' | 'NoChannelOffer';

/** The buyer refused to pay: nothing was signed or spent. */
export class ConclavePaymentRefusedError extends Error {
  override name = 'ConclavePaymentRefusedError' as const;
  constructor(
    readonly reason: PaymentRefusal,
    detail: string,
  ) {
    super(`Payment refused (${reason}): ${detail}`);
  }
}

export type CreateToolBuyerParameters = {
  /** Pays from its channels (`createChannelConsumer`; give it `autoDeposit` to open channels as needed). */
  consumer: ChannelConsumer;
  /** Reads each tool's on-chain listing before paying: the price asked must be the listed price. */
  client: Client<Transport, Chain | undefined, Account | undefined>;
  addresses?: ConclaveAddresses | undefined;
  /** Refuse any call priced above this (in the token's units). */
  maxPricePerCall?: bigint | undefined;
  fetch?: typeof fetch | undefined;
};

export type PaidResult<T> = T & { payment?: SettleResponse | undefined };

/**
 * Pays for tool calls over x402 with the `conclave-channel` scheme: an HTTP `fetch` that answers a 402 by paying
 * and retrying, and an MCP `callTool` that does the same over x402's MCP transport. Before signing, it checks the
 * tool's on-chain listing: servable, by the provider the channel pays, at the price asked. A voucher counts in the
 * consumer's ledger only once the call succeeded with a receipt; a failed call is not charged. After the first
 * call to a resource it pays up front with the requirements it was given (a 402 with new ones is paid once more).
 */
export function createToolBuyer(parameters: CreateToolBuyerParameters) {
  const { consumer, client, maxPricePerCall } = parameters;
  const fetchImpl = parameters.fetch ?? fetch;
  const check = async (requirements: PaymentRequirements) => {
    const { toolId, providerAgentId, price, token } = readRequirements(requirements);
    if (maxPricePerCall !== undefined && price > maxPricePerCall) {
      throw new ConclavePaymentRefusedError('AbovePriceLimit', `${price} is above ${maxPricePerCall}`);
    }
    const tool = await getTool(client, { addresses: parameters.addresses, toolId });
    if (!tool.servable) throw new ConclavePaymentRefusedError('ToolNotServable', `tool ${toolId} is ${tool.status}`);
    if (tool.providerAgentId !== providerAgentId) {
      throw new ConclavePaymentRefusedError('WrongProvider', `tool ${toolId} is agent ${tool.providerAgentId}'s`);
    }
    if (tool.pricePerCall !== price || tool.token.toLowerCase() !== token.toLowerCase()) {
      throw new ConclavePaymentRefusedError('PriceMismatch', `asked ${price} of ${token}, listed ${tool.pricePerCall} of ${tool.token}`);
    }
  };
  const scheme = channelSchemeClient(consumer, { check });
  const x402 = new x402Client((_, accepts) => {
    const ours = accepts.find((r) => r.scheme === SCHEME);
    if (!ours) throw new ConclavePaymentRefusedError('NoChannelOffer', `no ${SCHEME} among ${accepts.map((r) => r.scheme)}`);
    return ours;
  })
    .register('eip155:*', scheme)
    // Our own checks above replace x402's default spend controls (which know only USDC-like default assets).
    .setSpendControls(false);
  const http = new x402HTTPClient(x402);
  const known = new Map<string, PaymentRequired>();

  const pay = async (required: PaymentRequired) => x402.createPaymentPayload(required);
  const resolveInDoubt = async (required: Omit<PaymentRequired, 'error'>) => {
    const ours = required.accepts.find((r) => r.scheme === SCHEME);
    if (!ours) return false;
    const { providerAgentId, token } = readRequirements(ours);
    return consumer.resolveInDoubt({ providerAgentId, token });
  };

  /** Pays up front with the requirements last given for `key`; if they no longer hold (a new price, a paused
   * tool), forgets them and asks anew without paying. */
  const first = async <T>(key: string, send: (required: PaymentRequired | undefined) => Promise<T>) => {
    const cached = known.get(key);
    if (cached) {
      try {
        return await send(cached);
      } catch (error) {
        if (!(error instanceof ConclavePaymentRefusedError)) throw error;
        known.delete(key);
      }
    }
    return send(undefined);
  };

  return {
    /** `fetch` that pays: resolves to the final response; `X-Conclave-Paid` is not added, read `PAYMENT-RESPONSE`. */
    async fetch(input: string | URL | Request, init?: RequestInit): Promise<Response> {
      const request = new Request(input, init);
      const key = `${request.method} ${request.url}`;
      const send = async (required: PaymentRequired | undefined) => {
        const attempt = request.clone();
        if (!required) return { response: await fetchImpl(attempt), payload: undefined };
        const payload = await pay(required);
        const headers = new Headers(attempt.headers);
        for (const [name, value] of Object.entries(http.encodePaymentSignatureHeader(payload))) headers.set(name, value);
        try {
          const response = await fetchImpl(new Request(attempt, { headers }));
          const receipt = response.headers.get('PAYMENT-RESPONSE');
          const success = response.ok && !!receipt && decodePaymentResponseHeader(receipt).success;
          await scheme.settled(payload, success ? 'success' : 'failed');
          return { response, payload };
        } catch (error) {
          await scheme.settled(payload, 'unknown');
          throw error;
        }
      };
      let { response } = await first(key, send);
      // Unpaid, or paid up front on requirements that changed (a new price): pay what the 402 asks, once.
      for (let retry = 0; retry < 2 && response.status === 402 && response.headers.get('PAYMENT-REQUIRED'); retry++) {
        const { error, ...required } = http.getPaymentRequiredResponse((name) => response.headers.get(name));
        // Refused as not newer: the provider holds the voucher of a call whose answer we lost; count it, pay anew.
        if (error === invalidReasons.NotNewer && !(await resolveInDoubt(required))) break;
        if (error && error !== invalidReasons.NotNewer && error !== 'no_matching_requirements' && retry > 0) break;
        known.set(key, required);
        await response.body?.cancel();
        ({ response } = await send(required));
      }
      return response;
    },

    /** MCP `tools/call` that pays: the result carries the receipt in `payment`. */
    async callTool(mcp: McpClient, params: CallToolRequest['params']): Promise<PaidResult<CallToolResult>> {
      const key = `mcp ${params.name}`;
      const send = async (required: PaymentRequired | undefined) => {
        if (!required) return { result: (await mcp.callTool(params)) as CallToolResult, payload: undefined };
        const payload: PaymentPayload = await pay(required);
        try {
          const result = (await mcp.callTool({ ...params, _meta: { ...params._meta, [MCP_PAYMENT]: payload } })) as CallToolResult;
          const receipt = result._meta?.[MCP_PAYMENT_RESPONSE] as SettleResponse | undefined;
          await scheme.settled(payload, !result.isError && receipt?.success === true ? 'success' : 'failed');
          return { result, payload };
        } catch (error) {
          await scheme.settled(payload, 'unknown');
          throw error;
        }
      };
      const requiredIn = (result: CallToolResult) => {
        const content = result.structuredContent as Partial<PaymentRequired> | undefined;
        return result.isError && content?.x402Version === 2 && Array.isArray(content.accepts)
          ? (content as PaymentRequired)
          : undefined;
      };
      let { result } = await first(key, send);
      for (let retry = 0, asked = requiredIn(result); retry < 2 && asked; retry++, asked = requiredIn(result)) {
        const { error, ...required } = asked;
        if (error === invalidReasons.NotNewer && !(await resolveInDoubt(required))) break;
        if (error && error !== invalidReasons.NotNewer && error !== 'no_matching_requirements' && retry > 0) break;
        known.set(key, required);
        ({ result } = await send(required));
      }
      return { ...result, payment: result._meta?.[MCP_PAYMENT_RESPONSE] as SettleResponse | undefined };
    },
  };
}

export type ToolBuyer = ReturnType<typeof createToolBuyer>;
