import { type ChannelProvider, type ConclaveAddresses, type GetToolReturnType, getTool, resolveAddressesFor } from './sdk.js';
import type { PaymentPayload, PaymentRequired, PaymentRequirements } from '@x402/core/types';
import { x402ResourceServer } from '@x402/core/server';
import { paymentMiddleware } from '@x402/hono';
import type { Context, MiddlewareHandler } from 'hono';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { Account, Address, Chain, Client, Transport } from 'viem';
import { readContract } from 'viem/actions';
import { feeEscrowAbi } from '@conclave/sdk/abis';
import { type ChannelRequirementsExtra, SCHEME, channelFacilitator, channelSchemeServer, networkOf } from './scheme.js';

/** The `_meta` keys of x402's MCP transport. */
export const MCP_PAYMENT = 'x402/payment';
export const MCP_PAYMENT_RESPONSE = 'x402/payment-response';

export type CreateToolSellerParameters = {
  /** Reads the tools' on-chain listings (any client on the chain; the provider redeems with its own). */
  client: Client<Transport, Chain | undefined, Account | undefined>;
  /** Accepts and stores vouchers (`createChannelProvider`). */
  provider: ChannelProvider;
  addresses?: ConclaveAddresses | undefined;
  /** How long a consumer has to pay after a 402 (default 300 s). */
  maxTimeoutSeconds?: number | undefined;
};

type Offer = { tool: GetToolReturnType; payTo: Address };
const OFFER = 'conclave.offer';

/**
 * Sells a provider agent's listed tools per call over x402: paid HTTP routes (`@x402/hono`'s payment middleware
 * with the `conclave-channel` scheme and an in-process facilitator) and paid MCP tools (x402's MCP transport). Each
 * call's price is the tool's on-chain price, read when the call arrives; a tool that is not servable (paused,
 * retired, its provider inactive) answers 503 / an MCP error and is not charged. A call that fails (HTTP status
 * 400 or more, an MCP `isError` result, or a throw) is not charged.
 */
export async function createToolSeller(parameters: CreateToolSellerParameters) {
  const { client, provider, maxTimeoutSeconds = 300 } = parameters;
  const { addresses, chainId } = await resolveAddressesFor(client, parameters.addresses);
  const network = networkOf(chainId);
  const facilitator = channelFacilitator(provider, { chainId, holdSeconds: maxTimeoutSeconds });
  const server = new x402ResourceServer(facilitator).register('eip155:*', channelSchemeServer());
  server.onVerifiedPaymentCanceled(async ({ paymentPayload }) => facilitator.cancel(paymentPayload as PaymentPayload));
  await server.initialize();

  const offerFor = async (toolId: bigint): Promise<Offer> => {
    const [tool, payTo] = await Promise.all([
      getTool(client, { addresses, toolId }),
      readContract(client, {
        address: addresses.escrow,
        abi: feeEscrowAbi,
        functionName: 'payoutAddress',
        args: [provider.providerAgentId],
      }),
    ]);
    if (tool.providerAgentId !== provider.providerAgentId) {
      throw new Error(`tool ${toolId} belongs to agent ${tool.providerAgentId}, not ${provider.providerAgentId}`);
    }
    return { tool, payTo };
  };

  const option = ({ tool, payTo }: Offer) => {
    const extra: ChannelRequirementsExtra = {
      escrow: addresses.escrow,
      providerAgentId: tool.providerAgentId.toString(),
      toolId: tool.toolId.toString(),
      name: 'Conclave Fee Escrow',
      version: '1',
    };
    return {
      scheme: SCHEME,
      network,
      payTo,
      price: { amount: tool.pricePerCall.toString(), asset: tool.token, extra },
      maxTimeoutSeconds,
    } as const;
  };

  const notServable = (toolId: bigint) => ({ error: 'tool_not_servable', toolId: toolId.toString() });

  return {
    network,
    server,

    /**
     * The middleware of a paid HTTP route for `toolId`: `app.post('/search', ...seller.http(toolId), handler)`.
     * A tuple (the price check, then x402's payment middleware), so that Hono types the spread.
     * Unpaid requests get 402 with `PAYMENT-REQUIRED`; paid ones run the handler and get `PAYMENT-RESPONSE`.
     */
    http(toolId: bigint, route: { description?: string; mimeType?: string } = {}): [MiddlewareHandler, MiddlewareHandler] {
      const offered = (ctx: { adapter: unknown }) =>
        ((ctx.adapter as { c?: Context }).c?.get(OFFER) as Offer | undefined) ?? offerFor(toolId);
      const gate: MiddlewareHandler = async (c, next) => {
        const offer = await offerFor(toolId);
        if (!offer.tool.servable) return c.json(notServable(toolId), 503);
        c.set(OFFER, offer);
        await next();
      };
      const pay = paymentMiddleware(
        {
          accepts: {
            scheme: SCHEME,
            network,
            maxTimeoutSeconds,
            payTo: async (ctx) => (await offered(ctx)).payTo,
            price: async (ctx) => option(await offered(ctx)).price,
          },
          ...route,
        },
        server,
      );
      return [gate, pay];
    },

    /**
     * Registers a paid MCP tool for `toolId`. Without `_meta["x402/payment"]` the result is `isError` with the
     * PaymentRequired object in `structuredContent` and as JSON text; with it, the handler runs and the receipt
     * comes back in `_meta["x402/payment-response"]`.
     */
    mcp<Args>(
      mcpServer: McpServer,
      name: string,
      toolId: bigint,
      config: { title?: string; description?: string; inputSchema?: unknown },
      handler: (args: Args) => CallToolResult | Promise<CallToolResult>,
    ) {
      const callback = async (...callArgs: unknown[]): Promise<CallToolResult> => {
        const args = (callArgs.length > 1 ? callArgs[0] : undefined) as Args;
        const extra = callArgs[callArgs.length - 1] as { _meta?: Record<string, unknown> };
        const offer = await offerFor(toolId);
        if (!offer.tool.servable) {
          return { isError: true, content: [{ type: 'text', text: JSON.stringify(notServable(toolId)) }] };
        }
        const requirements = await server.buildPaymentRequirements(option(offer));
        const required = async (error?: string): Promise<CallToolResult> => {
          const paymentRequired: PaymentRequired = await server.createPaymentRequiredResponse(
            requirements,
            { url: `mcp://tool/${name}`, description: config.description ?? name, mimeType: 'application/json' },
            error,
          );
          return {
            isError: true,
            structuredContent: paymentRequired as unknown as Record<string, unknown>,
            content: [{ type: 'text', text: JSON.stringify(paymentRequired) }],
          };
        };
        const payload = extra?._meta?.[MCP_PAYMENT] as PaymentPayload | undefined;
        if (!payload) return required();
        const matched: PaymentRequirements | undefined = server.findMatchingRequirements(requirements, payload);
        if (!matched) return required('no_matching_requirements');
        const verified = await server.verifyPayment(payload, matched);
        if (!verified.isValid) return required(verified.invalidReason ?? 'invalid_payment');
        let result: CallToolResult;
        try {
          result = await handler(args);
        } catch (error) {
          facilitator.cancel(payload);
          throw error;
        }
        if (result.isError) {
          facilitator.cancel(payload);
          return result;
        }
        const settled = await server.settlePayment(payload, matched);
        if (!settled.success) return required(settled.errorReason ?? 'settlement_failed');
        return { ...result, _meta: { ...result._meta, [MCP_PAYMENT_RESPONSE]: settled } };
      };
      return mcpServer.registerTool(name, config as never, callback as never);
    },
  };
}

export type ToolSeller = Awaited<ReturnType<typeof createToolSeller>>;
