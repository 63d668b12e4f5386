import { type GetToolReturnType, toolRegistryAbi } from '@conclave/sdk';
import type { Command } from 'commander';
import { cncl, table } from '../format.js';
import { parseAmount, parseId } from '../parse.js';
import { signer } from '../context.js';
import { handler } from '../run.js';

const line = (t: GetToolReturnType) =>
  `${t.status.padEnd(7)}  ${cncl(t.pricePerCall)} per call  ${t.endpoint}${t.servable || t.status !== 'active' ? '' : ' (provider not active)'}`;

export function toolCommands(program: Command) {
  const tool = program.command('tool').description('list tools, and list, price, pause or resume your own');

  tool
    .command('list')
    .description('the tools listed on chain (every one, or one provider’s)')
    .option('--provider <agentId>', "only this provider agent's tools")
    .action(
      handler({ writes: false }, async (ctx, _args, o) => {
        const provider = o.provider === undefined ? undefined : parseId(String(o.provider), '--provider');
        const total = await ctx.client.readContract({ address: ctx.addresses.tools, abi: toolRegistryAbi, functionName: 'totalTools' });
        const ids = Array.from({ length: Number(total) }, (_, i) => BigInt(i + 1));
        const tools = (await Promise.all(ids.map((toolId) => ctx.client.getTool({ toolId })))).filter(
          (t) => provider === undefined || t.providerAgentId === provider,
        );
        const heading = provider === undefined ? `${tools.length} tool(s)` : `${tools.length} tool(s) of agent ${provider}`;
        return {
          json: tools,
          text: [heading, ...tools.map((t) => `  tool ${String(t.toolId).padEnd(4)} agent ${String(t.providerAgentId).padEnd(4)} ${line(t)}`)],
        };
      }),
    );

  tool
    .command('show')
    .description("a tool's listing")
    .argument('<toolId>')
    .action(
      handler({ writes: false }, async (ctx, [id]) => {
        const t = await ctx.client.getTool({ toolId: parseId(id!, 'toolId') });
        return {
          json: t,
          text: [
            `Tool ${t.toolId}`,
            ...table([
              ['Provider', `agent ${t.providerAgentId}`],
              ['Status', `${t.status}${t.servable ? ', servable' : ', not servable'}`],
              ['Price', `${cncl(t.pricePerCall)} per call${t.token.toLowerCase() === ctx.addresses.token.toLowerCase() ? '' : ` (token ${t.token})`}`],
              ['Endpoint', t.endpoint],
              ['Metadata', t.metadataURI],
            ]),
          ],
        };
      }),
    );

  tool
    .command('register')
    .description('list a tool of an active provider agent (its owner or operator signs)')
    .requiredOption('--provider <agentId>', 'the provider agent')
    .requiredOption('--uri <metadataURI>', "ipfs://<CID> of the tool's MCP description (name, description, input schema)")
    .requiredOption('--endpoint <url>', 'where the tool is served')
    .requiredOption('--price <CNCL>', 'price per call, e.g. 0.01')
    .action(
      handler({ writes: true }, async (ctx, _args, o) => {
        const providerAgentId = parseId(String(o.provider), '--provider');
        const pricePerCall = parseAmount(String(o.price), '--price');
        const result = await signer(ctx).listTool({ providerAgentId, metadataURI: String(o.uri), endpoint: String(o.endpoint), pricePerCall });
        return {
          json: { toolId: result.toolId, providerAgentId, pricePerCall, endpoint: o.endpoint, metadataURI: o.uri, hash: result.hash },
          text: [`Listed tool ${result.toolId} of agent ${providerAgentId} at ${cncl(pricePerCall)} per call`, `  transaction ${result.hash}`],
        };
      }),
    );

  tool
    .command('price')
    .description("set a tool's price per call (applies to the calls paid from now on)")
    .argument('<toolId>')
    .argument('<CNCL>', 'price per call, e.g. 0.02')
    .action(
      handler({ writes: true }, async (ctx, [id, price]) => {
        const toolId = parseId(id!, 'toolId');
        const pricePerCall = parseAmount(price!, 'price');
        const result = await signer(ctx).setToolPrice({ toolId, pricePerCall });
        return {
          json: { toolId, pricePerCall, hash: result.hash },
          text: [`Tool ${toolId} now costs ${cncl(pricePerCall)} per call`, `  transaction ${result.hash}`],
        };
      }),
    );

  for (const [verb, status, done] of [
    ['pause', 'paused', 'paused: calls are refused and not paid until it is resumed'],
    ['resume', 'active', 'active again'],
  ] as const) {
    tool
      .command(verb)
      .description(verb === 'pause' ? 'pause a tool (setToolStatus paused)' : 'resume a paused tool (setToolStatus active)')
      .argument('<toolId>')
      .action(
        handler({ writes: true }, async (ctx, [id]) => {
          const toolId = parseId(id!, 'toolId');
          const result = await signer(ctx).setToolStatus({ toolId, status });
          return { json: { toolId, status, hash: result.hash }, text: [`Tool ${toolId} is ${done}`, `  transaction ${result.hash}`] };
        }),
      );
  }
}
