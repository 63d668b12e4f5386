import type { Command } from 'commander';
import { deploymentNames } from '../parse.js';
import { table, utc } from '../format.js';
import { handler } from '../run.js';

/** The indexer's newest indexed block, or why it could not be had (it is optional: nothing else needs it). */
async function indexerStatus(url: string): Promise<{ block: number | null; error?: string }> {
  try {
    const response = await fetch(`${url.replace(/\/$/, '')}/status`, { signal: AbortSignal.timeout(2000) });
    if (!response.ok) return { block: null, error: `HTTP ${response.status}` };
    const status = (await response.json()) as Record<string, { block?: { number?: number } }>;
    return { block: Object.values(status)[0]?.block?.number ?? null };
  } catch (error) {
    return { block: null, error: error instanceof Error ? error.message : String(error) };
  }
}

export function statusCommand(program: Command) {
  program
    .command('status')
    .description('the chain and the deployment: chain id, RPC, block, contract addresses, indexer')
    .action(
      handler({ writes: false }, async (ctx) => {
        const [block, indexer] = await Promise.all([
          ctx.client.getBlock(),
          ctx.indexerUrl ? indexerStatus(ctx.indexerUrl) : Promise.resolve(undefined),
        ]);
        // The deployment file's names (StakingVault, …), as in deployments/<chainId>.json.
        const contracts = Object.fromEntries(
          (Object.entries(ctx.addresses) as [keyof typeof ctx.addresses, string][]).map(([short, address]) => [deploymentNames[short], address]),
        );
        const rows: [string, string][] = [
          ['Chain', `${ctx.chainId}${ctx.chainId === 31_337 ? ' (local devnet)' : ''}`],
          ['RPC', ctx.rpcUrl],
          ['Block', `${block.number} at ${utc(block.timestamp)}`],
          ['Deployment', `${ctx.deploymentSource}, start block ${ctx.startBlock}`],
        ];
        if (ctx.indexerUrl) {
          rows.push(['Indexer', `${ctx.indexerUrl} (${indexer?.block != null ? `indexed to block ${indexer.block}` : `not answering: ${indexer?.error}`})`]);
        }
        if (ctx.account) rows.push(['Signer', ctx.account.address]);
        return {
          json: {
            chainId: ctx.chainId,
            rpcUrl: ctx.rpcUrl,
            block: block.number,
            timestamp: block.timestamp,
            deployment: ctx.deploymentSource,
            startBlock: ctx.startBlock,
            contracts: contracts,
            indexer: ctx.indexerUrl ? { url: ctx.indexerUrl, ...indexer } : null,
            signer: ctx.account?.address ?? null,
          },
          text: ['Conclave', ...table(rows), '  Contracts', ...table(Object.entries(contracts), '    ')],
        };
      }),
    );
}
