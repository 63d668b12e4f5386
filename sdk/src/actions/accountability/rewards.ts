import { type Account, type Chain, type Client, type Transport, parseEventLogs } from 'viem';
import type { SigningClient } from '../../internal/account.js';
import { readContract } from 'viem/actions';
import { type WithAddresses, resolveAddresses } from '../../deployment.js';
import {
  type ConclaveContractErrorType,
  type ConclaveValidationErrorType,
  toConclaveError,
  withConclaveErrors,
} from '../../errors.js';
import { rewardsDistributorAbi } from '../../generated.js';
import { assertId } from '../../internal/validate.js';
import { type WriteResult, write } from '../../internal/write.js';

/** Reward epoch phases, in the contract's enum order (`IRewardsDistributor.Phase`). */
export const epochPhases = ['running', 'recording', 'registration', 'claims', 'closed'] as const;
/** A reward epoch's phase: one of {@link epochPhases}. */
export type EpochPhase = (typeof epochPhases)[number];

/** The parameters of {@link recordProposalForRewards}. */
export type RecordProposalParameters = WithAddresses & { proposalId: bigint };
/** The parameters of {@link recordVoteForRewards}. */
export type RecordVoteParameters = WithAddresses & { proposalId: bigint; agentId: bigint };
/** The parameters of {@link registerForRewards}, {@link claimReward} and {@link getClaimable}: an agent in an epoch. */
export type EpochAgentParameters = WithAddresses & { epoch: bigint; agentId: bigint };
/** The parameters of {@link sweepEpoch}: the epoch. */
export type EpochParameters = WithAddresses & { epoch: bigint };
export type RegisterForRewardsReturnType = WriteResult & {
  weight: bigint;
  score: bigint;
  multiplier: bigint;
  participation: bigint;
};
export type ClaimRewardReturnType = WriteResult & { amount: bigint };
export type SweepEpochReturnType = WriteResult & { amount: bigint };
export type GetEpochReturnType = {
  epoch: bigint;
  phase: EpochPhase;
  /** Unix seconds. */
  start: bigint;
  budget: bigint;
  claimed: bigint;
  totalWeight: bigint;
  proposals: number;
  registered: number;
  swept: boolean;
};
/** The errors the rewards actions throw. */
export type RewardsErrorType = ConclaveValidationErrorType | ConclaveContractErrorType;

/** Records a proposal whose voting closed as one of its epoch's votable proposals (anyone). */
export async function recordProposalForRewards(
  client: SigningClient,
  parameters: RecordProposalParameters,
): Promise<WriteResult> {
  assertId('proposalId', parameters.proposalId);
  const { rewards } = resolveAddresses(client, parameters.addresses);
  return write(client, {
    address: rewards,
    abi: rewardsDistributorAbi,
    functionName: 'recordProposal',
    args: [parameters.proposalId],
  });
}

/** Records that an agent (its owner or the owner's delegate) voted on a recorded proposal (anyone). */
export async function recordVoteForRewards(
  client: SigningClient,
  parameters: RecordVoteParameters,
): Promise<WriteResult> {
  assertId('proposalId', parameters.proposalId);
  assertId('agentId', parameters.agentId);
  const { rewards } = resolveAddresses(client, parameters.addresses);
  return write(client, {
    address: rewards,
    abi: rewardsDistributorAbi,
    functionName: 'recordVote',
    args: [parameters.proposalId, parameters.agentId],
  });
}

/** Registers an active agent for an epoch's rewards in its registration phase (anyone), fixing its weight. */
export async function registerForRewards(
  client: SigningClient,
  parameters: EpochAgentParameters,
): Promise<RegisterForRewardsReturnType> {
  assertId('epoch', parameters.epoch);
  assertId('agentId', parameters.agentId);
  const { rewards } = resolveAddresses(client, parameters.addresses);
  const result = await write(client, {
    address: rewards,
    abi: rewardsDistributorAbi,
    functionName: 'register',
    args: [parameters.epoch, parameters.agentId],
  });
  const [log] = parseEventLogs({ abi: rewardsDistributorAbi, eventName: 'AgentRegistered', logs: result.receipt.logs });
  const { weight, score, multiplier, participation } = log!.args;
  return { ...result, weight, score, multiplier, participation };
}

/** Claims an agent's reward for an epoch (its owner or operator; paid to the owner). */
export async function claimReward(
  client: SigningClient,
  parameters: EpochAgentParameters,
): Promise<ClaimRewardReturnType> {
  assertId('epoch', parameters.epoch);
  assertId('agentId', parameters.agentId);
  const { rewards } = resolveAddresses(client, parameters.addresses);
  const result = await write(client, {
    address: rewards,
    abi: rewardsDistributorAbi,
    functionName: 'claim',
    args: [parameters.epoch, parameters.agentId],
  });
  const [log] = parseEventLogs({ abi: rewardsDistributorAbi, eventName: 'RewardClaimed', logs: result.receipt.logs });
  return { ...result, amount: log!.args.amount };
}

/** Returns what an epoch did not pay to the treasury, after its claim window (anyone). */
export async function sweepEpoch(
  client: SigningClient,
  parameters: EpochParameters,
): Promise<SweepEpochReturnType> {
  assertId('epoch', parameters.epoch);
  const { rewards } = resolveAddresses(client, parameters.addresses);
  const result = await write(client, {
    address: rewards,
    abi: rewardsDistributorAbi,
    functionName: 'sweep',
    args: [parameters.epoch],
  });
  const [log] = parseEventLogs({ abi: rewardsDistributorAbi, eventName: 'EpochSwept', logs: result.receipt.logs });
  return { ...result, amount: log!.args.amount };
}

/** An epoch's phase, budget and registrations; without `epoch`, the current one. */
export async function getEpoch(
  client: Client<Transport, Chain | undefined, Account | undefined>,
  parameters: WithAddresses & { epoch?: bigint | undefined } = {},
): Promise<GetEpochReturnType> {
  const { rewards } = resolveAddresses(client, parameters.addresses);
  const r = { address: rewards, abi: withConclaveErrors(rewardsDistributorAbi) } as const;
  try {
    const epoch = parameters.epoch ?? (await readContract(client, { ...r, functionName: 'currentEpoch' }));
    assertId('epoch', epoch);
    const [state, phase, start] = await Promise.all([
      readContract(client, { ...r, functionName: 'getEpoch', args: [epoch] }),
      readContract(client, { ...r, functionName: 'phaseOf', args: [epoch] }),
      readContract(client, { ...r, functionName: 'epochStart', args: [epoch] }),
    ]);
    return {
      epoch,
      phase: epochPhases[phase]!,
      start,
      budget: state.budget,
      claimed: state.claimed,
      totalWeight: state.totalWeight,
      proposals: state.proposals,
      registered: state.registered,
      swept: state.swept,
    };
  } catch (error) {
    throw toConclaveError(error);
  }
}

/** What an agent can claim for an epoch now (0 outside the claim phase, or once claimed). */
export async function getClaimable(
  client: Client<Transport, Chain | undefined, Account | undefined>,
  parameters: EpochAgentParameters,
): Promise<bigint> {
  assertId('epoch', parameters.epoch);
  assertId('agentId', parameters.agentId);
  const { rewards } = resolveAddresses(client, parameters.addresses);
  return readContract(client, {
    address: rewards,
    abi: rewardsDistributorAbi,
    functionName: 'claimable',
    args: [parameters.epoch, parameters.agentId],
  });
}
