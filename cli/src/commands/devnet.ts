import { conclaveTokenAbi, toConclaveError } from '@conclave/sdk';
import type { Command } from 'commander';
import { http, createTestClient, createWalletClient, publicActions } from 'viem';
import { anvil } from 'viem/chains';
import { type Context, DEVNET_CHAIN_ID, devnetAccount } from '../context.js';
import { cncl, duration, eth, utc } from '../format.js';
import { UsageError, parseAddress, parseAmount, parseDuration, parseId } from '../parse.js';
import { handler } from '../run.js';
import { describeState } from './proposal.js';

function devnetOnly(ctx: Context) {
  if (ctx.chainId !== DEVNET_CHAIN_ID) {
    throw new UsageError(`devnet commands work on the local devnet (chain ${DEVNET_CHAIN_ID}) only; this is chain ${ctx.chainId}`);
  }
  return createTestClient({ mode: 'anvil', transport: http(ctx.rpcUrl) });
}

export function devnetCommands(program: Command) {
  const devnet = program.command('devnet').description('the local devnet (chain 31337) only: fund accounts, move the clock');

  devnet
    .command('fund')
    .description("give an address ETH (anvil_setBalance) and CNCL (sent from anvil's account 0, which holds the unallocated CNCL)")
    .argument('<address>')
    .option('--eth <n>', 'ETH to add', '10')
    .option('--cncl <n>', 'CNCL to send', '0')
    .action(
      handler({ writes: false }, async (ctx, [to], o) => {
        const address = parseAddress(to!);
        const ethAmount = parseAmount(String(o.eth), '--eth');
        const cnclAmount = parseAmount(String(o.cncl), '--cncl');
        const test = devnetOnly(ctx);
        let hash: `0x${string}` | undefined;
        if (ethAmount > 0n) {
          const balance = await ctx.client.getBalance({ address });
          await test.setBalance({ address, value: balance + ethAmount });
        }
        if (cnclAmount > 0n) {
          const deployer = createWalletClient({ account: devnetAccount(ctx, 0), chain: anvil, transport: http(ctx.rpcUrl) }).extend(
            publicActions,
          );
          try {
            hash = await deployer.writeContract({
              address: ctx.addresses.token,
              abi: conclaveTokenAbi,
              functionName: 'transfer',
              args: [address, cnclAmount],
            });
            await deployer.waitForTransactionReceipt({ hash });
          } catch (error) {
            throw toConclaveError(error);
          }
        }
        const [ethBalance, cnclBalance] = await Promise.all([
          ctx.client.getBalance({ address }),
          ctx.client.readContract({ address: ctx.addresses.token, abi: conclaveTokenAbi, functionName: 'balanceOf', args: [address] }),
        ]);
        return {
          json: { address, ethAdded: ethAmount, cnclSent: cnclAmount, eth: ethBalance, cncl: cnclBalance, hash },
          text: [`${address} now holds ${eth(ethBalance)} and ${cncl(cnclBalance)}`],
        };
      }),
    );

  devnet
    .command('advance')
    .description("move the devnet's clock forward and mine a block")
    .argument('[duration]', 'e.g. 48h, 7d, 90m, 1d12h, 30s')
    .option('--to-voting <proposalId>', "to the start of a Pending proposal's voting period (skips the 48-hour discussion window)")
    .action(
      handler({ writes: false }, async (ctx, [text], o) => {
        const test = devnetOnly(ctx);
        const before = (await ctx.client.getBlock()).timestamp;
        let seconds: bigint;
        let proposalId: bigint | undefined;
        if (o.toVoting !== undefined) {
          if (text !== undefined) throw new UsageError('give either a duration or --to-voting, not both');
          proposalId = parseId(String(o.toVoting), '--to-voting');
          const p = await ctx.client.getProposal({ proposalId });
          if (p.state !== 'Pending') throw new UsageError(`proposal ${proposalId} is ${p.state}, not Pending`);
          seconds = p.snapshot + 1n - before;
        } else {
          if (text === undefined) throw new UsageError('give a duration (e.g. 48h) or --to-voting <proposalId>');
          seconds = parseDuration(text);
        }
        if (seconds > 0n) await test.increaseTime({ seconds: Number(seconds) });
        await test.mine({ blocks: 1 });
        const block = await ctx.client.getBlock();
        const lines = [`Advanced ${duration(block.timestamp - before)} to ${utc(block.timestamp)} (block ${block.number})`];
        let state: string | undefined;
        if (proposalId !== undefined) {
          state = describeState(await ctx.client.getProposal({ proposalId }), block.timestamp);
          lines.push(`  proposal ${proposalId}: ${state}`);
        }
        return { json: { seconds: block.timestamp - before, timestamp: block.timestamp, block: block.number, proposalId, state }, text: lines };
      }),
    );
}
