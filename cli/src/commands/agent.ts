import { stakingVaultAbi } from '@conclave/sdk';
import { type Command, Option } from 'commander';
import { formatEther } from 'viem';
import { signer } from '../context.js';
import { cncl, duration, table, utc } from '../format.js';
import { UsageError, parseAddress, parseAmount, parseId } from '../parse.js';
import { handler } from '../run.js';

export function agentCommands(program: Command) {
  const agent = program.command('agent').description('register agents, stake and unstake, show an agent');

  agent
    .command('register')
    .description('register an agent owned by the signer; with --stake, register and stake in one transaction')
    .requiredOption('--uri <agentURI>', 'the agent card: ipfs://<CID>, https://… or data:…')
    .addOption(new Option('--role <role>', 'the base role').choices(['Utility', 'Specialized']).default('Utility'))
    .option('--stake <CNCL>', 'stake to put up at once (signed permit, same transaction)')
    .option('--operator <address>', 'with --stake: the operator key to name')
    .addHelpText('after', '\nExample:\n  $ conclave --account 11 agent register --uri https://example.com/agent.json --role Specialized --stake 5000')
    .action(
      handler({ writes: true }, async (ctx, _args, o) => {
        const stake = o.stake === undefined ? undefined : parseAmount(String(o.stake), '--stake');
        const operator = o.operator === undefined ? undefined : parseAddress(String(o.operator), '--operator');
        if (operator && stake === undefined) throw new UsageError('--operator is named at registration only with --stake');
        const role = o.role as 'Utility' | 'Specialized';
        const result = await signer(ctx).registerAgent({ agentURI: String(o.uri), role, stake, operator });
        const owner = signer(ctx).account.address;
        return {
          json: { agentId: result.agentId, owner, role, stake: stake ?? 0n, operator, hash: result.hash },
          text: [
            `Registered agent ${result.agentId} (${role}), owned by ${owner}${stake ? `, ${cncl(stake)} staked` : ''}`,
            `  transaction ${result.hash}`,
          ],
        };
      }),
    );

  agent
    .command('stake')
    .description("add to an agent's stake from the signer's CNCL (approves the vault when needed)")
    .argument('<agentId>')
    .argument('<CNCL>', 'amount, e.g. 1000')
    .action(
      handler({ writes: true }, async (ctx, [id, amountText]) => {
        const agentId = parseId(id!, 'agentId');
        const amount = parseAmount(amountText!);
        const result = await signer(ctx).stake({ agentId, amount });
        const { stake, tier } = await ctx.client.getAgent({ agentId });
        return {
          json: { agentId, amount, stake, tier, hash: result.hash, approval: result.approval?.hash },
          text: [`Staked ${cncl(amount)} for agent ${agentId}: its stake is ${cncl(stake)} (tier ${tier})`, `  transaction ${result.hash}`],
        };
      }),
    );

  agent
    .command('unstake')
    .description('move stake into unbonding (requestUnstake); withdraw it with `agent withdraw` once released')
    .argument('<agentId>')
    .argument('<CNCL>', 'amount, e.g. 1000')
    .action(
      handler({ writes: true }, async (ctx, [id, amountText]) => {
        const agentId = parseId(id!, 'agentId');
        const amount = parseAmount(amountText!);
        const result = await signer(ctx).requestUnstake({ agentId, amount });
        const now = (await ctx.client.getBlock()).timestamp;
        return {
          json: { agentId, amount, requestId: result.requestId, releaseTime: result.releaseTime, hash: result.hash },
          text: [
            `Unstake request ${result.requestId} of agent ${agentId}: ${cncl(amount)}, withdrawable in ${duration(result.releaseTime - now)} (${utc(result.releaseTime)})`,
            `  withdraw it then with: conclave agent withdraw ${agentId} ${result.requestId}`,
            `  transaction ${result.hash}`,
          ],
        };
      }),
    );

  agent
    .command('withdraw')
    .description("withdraw a released unstake request to the agent's owner")
    .argument('<agentId>')
    .argument('<requestId>')
    .action(
      handler({ writes: true }, async (ctx, [id, request]) => {
        const agentId = parseId(id!, 'agentId');
        const requestId = parseId(request!, 'requestId');
        const pending = await ctx.client.getUnbondingRequest({ requestId });
        if (pending && pending.agentId !== agentId) {
          throw new UsageError(`unstake request ${requestId} is agent ${pending.agentId}'s, not agent ${agentId}'s`);
        }
        const result = await signer(ctx).withdraw({ requestId });
        return {
          json: { agentId, requestId, amount: result.amount, hash: result.hash },
          text: [`Withdrew ${cncl(result.amount)} of unstake request ${requestId} (agent ${agentId})`, `  transaction ${result.hash}`],
        };
      }),
    );

  agent
    .command('status')
    .description("an agent's identity, role, tier, stake, reputation and pending unstake requests")
    .argument('<agentId>')
    .action(
      handler({ writes: false }, async (ctx, [id]) => {
        const agentId = parseId(id!, 'agentId');
        const [a, reputation, requested, block] = await Promise.all([
          ctx.client.getAgent({ agentId }),
          ctx.client.getReputation({ agentId }),
          ctx.client.getContractEvents({
            address: ctx.addresses.vault,
            abi: stakingVaultAbi,
            eventName: 'UnstakeRequested',
            args: { agentId },
            fromBlock: ctx.startBlock,
          }),
          ctx.client.getBlock(),
        ]);
        const requests = (
          await Promise.all(
            requested.map(async (log) => {
              const requestId = log.args.requestId!;
              const pending = await ctx.client.getUnbondingRequest({ requestId });
              return pending && { requestId, amount: pending.amount, releaseTime: pending.releaseTime };
            }),
          )
        ).filter((r) => r !== null);
        const now = block.timestamp;
        const none = (address: string) => (/^0x0{40}$/.test(address) ? 'none' : address);
        const wad = (value: bigint) => Number(formatEther(value)).toFixed(2);
        const rows: [string, string][] = [
          ['Owner', a.owner],
          ['Role', a.seat !== 'None' ? `${a.seat} (seat; base role ${a.baseRole})` : a.role],
          ['Tier', `${a.tier}${a.active ? ', active' : ', not active'} (minimum ${cncl(a.minimumStake)})`],
          ['Stake', cncl(a.stake)],
          ['Unbonding', cncl(a.unbonding)],
          ['Operator', none(a.operator)],
          ['Wallet', none(a.wallet)],
          ['Agent card', a.agentURI || '(none)'],
          [
            'Reputation',
            `score ${wad(reputation.score)}, multiplier ${wad(reputation.multiplier)}x, ${reputation.tasks} tasks (${reputation.successes} successful), ${reputation.ratings} ratings`,
          ],
        ];
        for (const r of requests) {
          const when = r.releaseTime <= now ? 'withdrawable now' : `withdrawable in ${duration(r.releaseTime - now)} (${utc(r.releaseTime)})`;
          rows.push([`Request ${r.requestId}`, `${cncl(r.amount)}, ${when}`]);
        }
        return {
          json: { ...a, reputation, unstakeRequests: requests },
          text: [`Agent ${agentId}`, ...table(rows)],
        };
      }),
    );
}

export function delegateCommand(program: Command) {
  program
    .command('delegate')
    .description("delegate the signer's voting power (its agents' own stake) to an address")
    .argument('<address>', 'the delegate, e.g. an operator key, or the signer itself to take the votes back')
    .action(
      handler({ writes: true }, async (ctx, [to]) => {
        const delegatee = parseAddress(to!, 'address');
        const result = await signer(ctx).delegate({ delegatee });
        const { votes } = await ctx.client.getVotes({ account: delegatee });
        return {
          json: { delegator: signer(ctx).account.address, delegatee, votes, hash: result.hash },
          text: [`${signer(ctx).account.address} delegates to ${delegatee}, which now has ${cncl(votes)} of votes`, `  transaction ${result.hash}`],
        };
      }),
    );
}
