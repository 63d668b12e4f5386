import { encodeAbiParameters, hexToString, keccak256, pad, stringToHex, toHex, trim } from 'viem';
import { categories, conclaveGovernorAbi, supports, verdicts } from '@conclave/sdk/abis';
import type { Context, Event } from 'ponder:registry';
import type { LogEvent } from './lib/audit';
import { proposal, proposalTransition, protocolStat, timelockOperation, vote } from 'ponder:schema';
import { bumpStats, indexContract } from './lib/audit';
import { setProposalState } from './lib/proposalState';
import { setParameter } from './lib/roles';

async function transition(context: Context, event: LogEvent, proposalId: bigint, name: string) {
  await context.db.insert(proposalTransition).values({
    id: event.id,
    proposalId,
    transition: name,
    timestamp: event.block.timestamp,
    blockNumber: event.block.number,
  });
}

/** The Timelock operation id GovernorTimelockControl schedules: salt = bytes20(governor) ^ descriptionHash. */
function timelockOperationId(
  governor: `0x${string}`,
  p: { targets: string[]; values: string[]; calldatas: string[]; description: string },
) {
  const descriptionHash = BigInt(keccak256(stringToHex(p.description)));
  const governorWord = BigInt(pad(governor, { dir: 'right', size: 32 }));
  const salt = toHex(governorWord ^ descriptionHash, { size: 32 });
  return keccak256(
    encodeAbiParameters(
      [{ type: 'address[]' }, { type: 'uint256[]' }, { type: 'bytes[]' }, { type: 'bytes32' }, { type: 'bytes32' }],
      [
        p.targets as `0x${string}`[],
        p.values.map(BigInt),
        p.calldatas as `0x${string}`[],
        pad('0x00', { size: 32 }),
        salt,
      ],
    ),
  );
}

/** A vote, plain or with params: both events carry the same fields. */
async function castVote(
  context: Context,
  event: Event<'ConclaveGovernor:VoteCast'> | Event<'ConclaveGovernor:VoteCastWithParams'>,
) {
  const a = event.args;
  const support = supports[a.support] ?? `Unknown(${a.support})`;
  await context.db.insert(vote).values({
    id: `${a.proposalId}:${a.voter}`,
    proposalId: a.proposalId,
    voter: a.voter,
    support,
    weight: a.weight,
    reason: a.reason,
    timestamp: event.block.timestamp,
  });
  await context.db.update(proposal, { id: a.proposalId }).set((row) => ({
    forVotes: row.forVotes + (support === 'For' ? a.weight : 0n),
    againstVotes: row.againstVotes + (support === 'Against' ? a.weight : 0n),
    abstainVotes: row.abstainVotes + (support === 'Abstain' ? a.weight : 0n),
    voterCount: row.voterCount + 1,
    updatedAt: event.block.timestamp,
  }));
  await bumpStats(context, { votes: 1 });
  // The share of stake that voted: votes cast over the stake staked at each proposal's creation.
  await context.db.update(protocolStat, { id: 'protocol' }).set((row) => {
    const votedStake = row.votedStake + a.weight;
    return { votedStake, stakeVotedShare: row.stakeAtProposals === 0n ? 0n : (votedStake * 10n ** 18n) / row.stakeAtProposals };
  });
}

/** A setting event whose last argument is the new value (OpenZeppelin's `…Set` events). */
const param =
  (name: string) =>
  async ({ event, context }: { event: LogEvent; context: Context }) => {
    const values = Object.values(event.args);
    await setParameter(context, 'ConclaveGovernor', name, String(values[values.length - 1]), event.block.timestamp);
  };

indexContract('ConclaveGovernor', conclaveGovernorAbi, {
  ProposalCreated: async ({ event, context }) => {
    const a = event.args;
    const totals = await context.db.find(protocolStat, { id: 'protocol' });
    await context.db.insert(proposal).values({
      id: a.proposalId,
      proposer: a.proposer,
      description: a.description,
      targets: [...a.targets],
      values: a.values.map(String),
      calldatas: [...a.calldatas],
      // ProposalTyped follows in the same transaction and fills in the type.
      category: 'StrategicPartnership',
      expedited: false,
      fellBack: false,
      reviewRequired: false,
      quorumBps: 0,
      expeditedQuorumBps: 0,
      expeditedDeadline: 0n,
      voteStart: a.voteStart,
      voteEnd: a.voteEnd,
      status: 'Created',
      state: 'Pending',
      stateCheckAt: null,
      verdict: 'None',
      forVotes: 0n,
      againstVotes: 0n,
      abstainVotes: 0n,
      voterCount: 0,
      totalStakeAtCreation: totals?.totalStaked ?? 0n,
      createdAt: event.block.timestamp,
      updatedAt: event.block.timestamp,
    });
    await transition(context, event, a.proposalId, 'Created');
    await bumpStats(context, { proposals: 1 });
    await context.db.update(protocolStat, { id: 'protocol' }).set((row) => {
      const stakeAtProposals = row.stakeAtProposals + (totals?.totalStaked ?? 0n);
      return {
        stakeAtProposals,
        stakeVotedShare: stakeAtProposals === 0n ? 0n : (row.votedStake * 10n ** 18n) / stakeAtProposals,
      };
    });
    await setProposalState(context, a.proposalId, 'Pending', a.voteStart + 1n, event.block.timestamp);
  },
  ProposalTyped: async ({ event, context }) => {
    const a = event.args;
    const expeditedDeadline = BigInt(a.expeditedDeadline);
    await context.db.update(proposal, { id: a.proposalId }).set({
      category: categories[a.category] ?? `Unknown(${a.category})`,
      expedited: a.expedited,
      reviewRequired: a.reviewRequired,
      quorumBps: a.quorumBps,
      expeditedQuorumBps: a.expeditedQuorumBps,
      expeditedDeadline,
      // While the expedited rules apply, voting closes at the mark.
      ...(a.expedited ? { voteEnd: expeditedDeadline } : {}),
      updatedAt: event.block.timestamp,
    });
    await transition(context, event, a.proposalId, a.expedited ? 'TypedExpedited' : 'Typed');
  },
  ProposalReviewed: async ({ event, context }) => {
    const a = event.args;
    await context.db.update(proposal, { id: a.proposalId }).set({
      verdict: verdicts[a.verdict] ?? `Unknown(${a.verdict})`,
      reviewCID: a.reportCID,
      reviewerAgentId: a.reviewerAgentId,
      updatedAt: event.block.timestamp,
    });
    await transition(context, event, a.proposalId, 'Reviewed');
  },
  ProposalFellBackToStandard: async ({ event, context }) => {
    const a = event.args;
    await context.db
      .update(proposal, { id: a.proposalId })
      .set({ fellBack: true, voteEnd: a.deadline, updatedAt: event.block.timestamp });
    await setProposalState(context, a.proposalId, 'Active', a.deadline + 1n, event.block.timestamp);
    await transition(context, event, a.proposalId, 'FellBack');
  },
  ExpeditedMarkExtended: async ({ event, context }) => {
    const a = event.args;
    const mark = BigInt(a.mark);
    await context.db
      .update(proposal, { id: a.proposalId })
      .set({ expeditedDeadline: mark, voteEnd: mark, updatedAt: event.block.timestamp });
    await setProposalState(context, a.proposalId, 'Active', mark + 1n, event.block.timestamp);
    await transition(context, event, a.proposalId, 'MarkExtended');
  },
  ProposalExtended: async ({ event, context }) => {
    const a = event.args;
    await context.db
      .update(proposal, { id: a.proposalId })
      .set({ voteEnd: BigInt(a.extendedDeadline), updatedAt: event.block.timestamp });
    await setProposalState(context, a.proposalId, 'Active', BigInt(a.extendedDeadline) + 1n, event.block.timestamp);
    await transition(context, event, a.proposalId, 'Extended');
  },
  VoteCast: async ({ event, context }) => castVote(context, event),
  VoteCastWithParams: async ({ event, context }) => castVote(context, event),
  ProposalQueued: async ({ event, context }) => {
    const a = event.args;
    const row = await context.db.find(proposal, { id: a.proposalId });
    const operationId = row ? timelockOperationId(event.log.address, row) : null;
    await context.db.update(proposal, { id: a.proposalId }).set({
      status: 'Queued',
      state: 'Queued',
      stateCheckAt: null,
      eta: a.etaSeconds,
      timelockOperationId: operationId,
      updatedAt: event.block.timestamp,
    });
    if (operationId) {
      await context.db
        .insert(timelockOperation)
        .values({ id: operationId, status: 'Scheduled', proposalId: a.proposalId, scheduledAt: event.block.timestamp, updatedAt: event.block.timestamp })
        .onConflictDoUpdate({ proposalId: a.proposalId });
    }
    await transition(context, event, a.proposalId, 'Queued');
  },
  ProposalExecuted: async ({ event, context }) => {
    const { proposalId } = event.args;
    await context.db
      .update(proposal, { id: proposalId })
      .set({ status: 'Executed', state: 'Executed', stateCheckAt: null, updatedAt: event.block.timestamp });
    await transition(context, event, proposalId, 'Executed');
  },
  ProposalCanceled: async ({ event, context }) => {
    const { proposalId } = event.args;
    await context.db
      .update(proposal, { id: proposalId })
      .set({ status: 'Canceled', state: 'Canceled', stateCheckAt: null, updatedAt: event.block.timestamp });
    await transition(context, event, proposalId, 'Canceled');
  },
  GovernanceParameterSet: async ({ event, context }) => {
    const a = event.args;
    const name = hexToString(trim(a.parameter, { dir: 'right' }));
    const key = name === 'categoryQuorum' || name === 'categoryRequiresReview' ? `${name}:${categories[a.category]}` : name;
    await setParameter(context, 'ConclaveGovernor', key, a.newValue.toString(), event.block.timestamp);
  },
  ActionCategorySet: async ({ event, context }) => {
    const a = event.args;
    await setParameter(
      context,
      'ConclaveGovernor',
      `actionCategory:${a.target.toLowerCase()}:${a.selector}`,
      a.assigned ? (categories[a.category] ?? String(a.category)) : 'None',
      event.block.timestamp,
    );
  },
  VotingDelaySet: param('votingDelay'),
  VotingPeriodSet: param('votingPeriod'),
  ProposalThresholdSet: param('proposalThreshold'),
  LateQuorumVoteExtensionSet: param('lateQuorumVoteExtension'),
  ProposalGuardianSet: param('proposalGuardian'),
  TimelockChange: param('timelock'),
});
