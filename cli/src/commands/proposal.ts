import { readFileSync } from 'node:fs';
import {
  type GetProposalReturnType,
  type ProposalAction,
  categories,
  conclaveAddressKeys,
  conclaveGovernorAbi,
  decodeProposalAction,
  plainProposalDescription,
} from '@conclave/sdk';
import { Argument, type Command, Option } from 'commander';
import { type Hex, parseEventLogs } from 'viem';
import { type Context, signer } from '../context.js';
import { cncl, duration, eth, percent, table, utc } from '../format.js';
import { UsageError, parseActionsFile, parseCall, parseId } from '../parse.js';
import { collect, handler } from '../run.js';

/** A proposal's state in words, with what to do next and when (chain time `now`). */
export function describeState(p: GetProposalReturnType, now: bigint): string {
  switch (p.state) {
    case 'Pending': {
      // The Governor counts a proposal Pending up to its snapshot second, Active from the next one.
      const opens = p.snapshot + 1n;
      return `Pending: voting opens in ${duration(opens - now)} (${utc(opens)})`;
    }
    case 'Active': {
      const closes = p.deadline + 1n;
      return `Active: voting closes in ${duration(closes - now)} (${utc(closes)})`;
    }
    case 'Succeeded':
      return p.reviewRequired && p.verdict !== 'Favourable'
        ? 'Succeeded, but it cannot be queued without a favourable CLO review'
        : 'Succeeded: queue it';
    case 'Queued':
      return p.eta > now ? `Queued: executable in ${duration(p.eta - now)} (${utc(p.eta)})` : 'Queued: executable now: execute it';
    case 'Defeated':
      return p.quorum !== null && p.votes.for + p.votes.abstain < p.quorum
        ? `Defeated: quorum not reached (${cncl(p.votes.for + p.votes.abstain)} of ${cncl(p.quorum)})`
        : 'Defeated: not enough votes for it';
    case 'Expired':
      return 'Expired: it was not executed in time';
    default:
      return p.state;
  }
}

/** The proposal as created (actions and recorded description), from the Governor's `ProposalCreated` event. */
export async function proposalCreated(ctx: Context, proposalId: bigint) {
  const logs = await ctx.client.getContractEvents({
    address: ctx.addresses.governor,
    abi: conclaveGovernorAbi,
    eventName: 'ProposalCreated',
    fromBlock: ctx.startBlock,
  });
  const log = logs.find((l) => l.args.proposalId === proposalId);
  if (!log) throw new UsageError(`no proposal ${proposalId} was created on this Governor (searched from block ${ctx.startBlock})`);
  const { targets = [], values = [], calldatas = [], description = '', proposer } = log.args;
  const actions: ProposalAction[] = targets.map((target, i) => ({ target, value: values[i] ?? 0n, data: calldatas[i] ?? '0x' }));
  return { actions, description, proposer };
}


/** `vault.setMaxSlashBps(3000)` when the target is a protocol contract and the call decodes, else the raw call. */
function describeAction(ctx: Context, action: ProposalAction): string {
  const value = action.value ? ` with ${eth(action.value)}` : '';
  const { contract, functionName, args } = decodeProposalAction(ctx.addresses, action);
  if (!contract || !functionName) return `${action.target} ${action.data}${value}`;
  const shown = args.map((a) => (typeof a === 'bigint' ? a.toString() : JSON.stringify(a, (_, v) => (typeof v === 'bigint' ? v.toString() : v))));
  // The CLI names contracts as its --call option does: `vault`, `governor`, …
  return `${conclaveAddressKeys[contract]}.${functionName}(${shown.join(', ')})${value}`;
}

async function loadProposal(ctx: Context, proposalId: bigint) {
  const [proposal, block] = await Promise.all([ctx.client.getProposal({ proposalId }), ctx.client.getBlock()]);
  return { proposal, now: block.timestamp };
}

export function proposalCommands(program: Command) {
  const proposal = program.command('proposal').description('propose, show, vote, queue and execute governance proposals');

  proposal
    .command('propose')
    .description('create a proposal (typed with --category; otherwise the Governor infers the category from the actions)')
    .requiredOption('--description <text>', "the proposal's text")
    .addOption(new Option('--category <category>', 'the proposal type').choices(categories))
    .option('--expedited', 'expedited rules (3 days, two thirds, 10 % quorum); needs --category')
    .addOption(
      new Option(
        '--call <call>',
        'an action, repeatable: <target>:<signature>:<arg,…> with target an address or a contract name (token, registry, vault, governor, timelock, treasury, guardian, escrow, tools, reputation, slashing, rewards), e.g. "vault:setMaxSlashBps(uint256):4000"; or <target>:0x<calldata>',
      ).argParser(collect),
    )
    .option(
      '--actions <file>',
      'actions from a JSON file: [{"target": "treasury", "signature": "spend(address,address,uint256)", "args": ["token", "0x…", "1000000000000000000"], "value": "0"}] or [{"target", "data": "0x…"}]',
    )
    .addHelpText(
      'after',
      '\nIntegers in arguments are raw (wei for amounts); an address argument may be a contract name too.\n\nExample:\n  $ conclave --account 1 proposal propose --category EconomicParameter --description "Cap a slash at 30 %" --call "vault:setMaxSlashBps(uint256):3000"',
    )
    .action(
      handler({ writes: true }, async (ctx, _args, o) => {
        const actions = ((o.call as string[] | undefined) ?? []).map((call) => parseCall(call, ctx.addresses));
        if (o.actions !== undefined) {
          const file = String(o.actions);
          let json: unknown;
          try {
            json = JSON.parse(readFileSync(file, 'utf8'));
          } catch {
            throw new UsageError(`cannot read the JSON actions file ${file}`);
          }
          actions.push(...parseActionsFile(json, ctx.addresses, file));
        }
        if (actions.length === 0) throw new UsageError('a proposal needs at least one action: --call or --actions');
        const category = o.category as (typeof categories)[number] | undefined;
        const result = await signer(ctx).propose({
          actions,
          description: String(o.description),
          category,
          expedited: o.expedited === true,
        });
        const { proposal: p, now } = await loadProposal(ctx, result.proposalId);
        return {
          json: {
            proposalId: result.proposalId,
            description: result.description,
            category: p.category,
            voteStart: result.voteStart,
            voteEnd: result.voteEnd,
            state: p.state,
            hash: result.hash,
          },
          text: [
            `Proposal ${result.proposalId} (${p.category}${p.expedited ? ', expedited' : ''})`,
            `  ${describeState(p, now)}`,
            `  transaction ${result.hash}`,
          ],
        };
      }),
    );

  proposal
    .command('show')
    .description("a proposal's state in words (and what to do next), votes, quorum and actions")
    .argument('<proposalId>')
    .action(
      handler({ writes: false }, async (ctx, [id]) => {
        const proposalId = parseId(id!, 'proposalId');
        const { proposal: p, now } = await loadProposal(ctx, proposalId);
        const created = await proposalCreated(ctx, proposalId);
        const state = describeState(p, now);
        const quorum = p.quorum === null ? `${percent(p.quorumBps)} of the stake at the snapshot` : `${cncl(p.quorum)} (${percent(p.quorumBps)})`;
        const rows: [string, string][] = [
          ['State', state],
          ['Description', plainProposalDescription(created.description)],
          ['Category', `${p.category}${p.expedited ? ', expedited' : ''}${p.fellBack ? ' (fell back to standard rules)' : ''}`],
          ['Proposer', p.proposer],
          ['Voting', `${utc(p.snapshot + 1n)} to ${utc(p.deadline)}`],
          ['Votes', `for ${cncl(p.votes.for)}, against ${cncl(p.votes.against)}, abstain ${cncl(p.votes.abstain)}`],
          ['Quorum', quorum],
        ];
        if (p.reviewRequired) rows.push(['CLO review', p.verdict === 'None' ? 'required, none yet' : `${p.verdict} (${p.reviewReport})`]);
        if (p.eta > 0n) rows.push(['Executable', utc(p.eta)]);
        created.actions.forEach((action, i) => rows.push([i === 0 ? 'Actions' : '', describeAction(ctx, action)]));
        return {
          json: { ...p, stateText: state, now, description: created.description, actions: created.actions },
          text: [`Proposal ${proposalId}`, ...table(rows)],
        };
      }),
    );

  proposal
    .command('vote')
    .description('vote on an Active proposal with the signer’s votes')
    .argument('<proposalId>')
    .addArgument(new Argument('<support>').choices(['for', 'against', 'abstain']))
    .option('--reason <text>', 'a reason, recorded with the vote')
    .action(
      handler({ writes: true }, async (ctx, [id, supportText], o) => {
        const proposalId = parseId(id!, 'proposalId');
        const support = ({ for: 'For', against: 'Against', abstain: 'Abstain' } as const)[supportText as 'for' | 'against' | 'abstain'];
        const result = await signer(ctx).castVote({ proposalId, support, reason: o.reason === undefined ? undefined : String(o.reason) });
        const [cast] = parseEventLogs({ abi: conclaveGovernorAbi, logs: result.receipt.logs, eventName: 'VoteCast' });
        const weight = cast?.args.weight ?? 0n;
        const { proposal: p, now } = await loadProposal(ctx, proposalId);
        return {
          json: { proposalId, support, weight, votes: p.votes, state: p.state, hash: result.hash },
          text: [
            `Voted ${support} on proposal ${proposalId} with ${cncl(weight)}`,
            `  votes now: for ${cncl(p.votes.for)}, against ${cncl(p.votes.against)}, abstain ${cncl(p.votes.abstain)}`,
            `  ${describeState(p, now)}`,
            `  transaction ${result.hash}`,
          ],
        };
      }),
    );

  for (const [verb, description] of [
    ['queue', 'queue a Succeeded proposal in the Timelock (anyone may)'],
    ['execute', 'execute a Queued proposal once the Timelock delay has passed (anyone may)'],
  ] as const) {
    proposal
      .command(verb)
      .description(description)
      .argument('<proposalId>')
      .action(
        handler({ writes: true }, async (ctx, [id]) => {
          const proposalId = parseId(id!, 'proposalId');
          const { actions, description: recorded } = await proposalCreated(ctx, proposalId);
          const result =
            verb === 'queue'
              ? await signer(ctx).queue({ actions, description: recorded })
              : await signer(ctx).execute({ actions, description: recorded });
          const { proposal: p, now } = await loadProposal(ctx, proposalId);
          return {
            json: { proposalId, state: p.state, eta: p.eta, hash: result.hash as Hex },
            text: [`${verb === 'queue' ? 'Queued' : 'Executed'} proposal ${proposalId}`, `  ${describeState(p, now)}`, `  transaction ${result.hash}`],
          };
        }),
      );
  }
}
