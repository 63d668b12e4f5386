import type { Account, Address, Chain, Client, Transport } from 'viem';
import { readContract } from 'viem/actions';
import { type WithAddresses, resolveAddresses } from '../../deployment.js';
import {
  type ConclaveContractErrorType,
  type ConclaveValidationErrorType,
  isConclaveError,
  toConclaveError,
  withConclaveErrors,
} from '../../errors.js';
import { conclaveGovernorAbi } from '../../generated.js';
import { assertId } from '../../internal/validate.js';
import { type Category, type ProposalState, type Verdict, categories, proposalStates, verdicts } from '../../types.js';

export type GetProposalParameters = WithAddresses & { proposalId: bigint };
export type GetProposalReturnType = {
  proposalId: bigint;
  state: ProposalState;
  proposer: Address;
  category: Category;
  expedited: boolean;
  fellBack: boolean;
  reviewRequired: boolean;
  verdict: Verdict;
  reviewReport: string;
  /** Unix seconds: votes are counted as of `snapshot`; voting closes at `deadline` (the expedited mark while
   * expedited rules apply). */
  snapshot: bigint;
  deadline: bigint;
  expeditedDeadline: bigint;
  eta: bigint;
  votes: { against: bigint; for: bigint; abstain: bigint };
  /** The category quorum fixed at creation, in basis points of total stake. */
  quorumBps: number;
  /** Expedited proposals: the higher of the expedited and the category quorum (0 otherwise). */
  expeditedQuorumBps: number;
  /** The quorum that decides the proposal now, in tokens; null before the snapshot (total stake then is unknown). */
  quorum: bigint | null;
  /** Every action only reduces the guardian's powers or lifts a pause: once passed by two thirds of the votes cast,
   * the guardian cannot cancel it. */
  limitsGuardian: boolean;
  /** The description names the proposer, who may then cancel it while pending. */
  proposerBound: boolean;
};
export type GetProposalErrorType = ConclaveValidationErrorType | ConclaveContractErrorType;

/** Reads a proposal's state, deadlines, type, review and tallies. */
export async function getProposal(
  client: Client<Transport, Chain | undefined, Account | undefined>,
  parameters: GetProposalParameters,
): Promise<GetProposalReturnType> {
  const { proposalId } = parameters;
  assertId('proposalId', proposalId);
  const { governor } = resolveAddresses(client, parameters.addresses);
  const g = { address: governor, abi: withConclaveErrors(conclaveGovernorAbi) } as const;
  try {
    const state = await readContract(client, { ...g, functionName: 'state', args: [proposalId] });
    const [proposer, type, reviewReport, snapshot, deadline, eta, [against, forVotes, abstain], quorum] = await Promise.all([
      readContract(client, { ...g, functionName: 'proposalProposer', args: [proposalId] }),
      readContract(client, { ...g, functionName: 'proposalType', args: [proposalId] }),
      readContract(client, { ...g, functionName: 'reviewReport', args: [proposalId] }),
      readContract(client, { ...g, functionName: 'proposalSnapshot', args: [proposalId] }),
      readContract(client, { ...g, functionName: 'proposalDeadline', args: [proposalId] }),
      readContract(client, { ...g, functionName: 'proposalEta', args: [proposalId] }),
      readContract(client, { ...g, functionName: 'proposalVotes', args: [proposalId] }),
      // Before the snapshot the total stake it counts is not known yet: the vault answers ERC5805FutureLookup.
      readContract(client, { ...g, functionName: 'proposalQuorum', args: [proposalId] }).catch((error: unknown) => {
        if (isConclaveError(toConclaveError(error), 'ERC5805FutureLookup')) return null;
        throw error;
      }),
    ]);
    return {
      proposalId,
      state: proposalStates[state]!,
      proposer,
      category: categories[type.category]!,
      expedited: type.expedited,
      fellBack: type.fellBack,
      reviewRequired: type.reviewRequired,
      verdict: verdicts[type.verdict]!,
      reviewReport,
      snapshot,
      deadline,
      expeditedDeadline: BigInt(type.expeditedDeadline),
      eta,
      votes: { against, for: forVotes, abstain },
      quorumBps: type.quorumBps,
      expeditedQuorumBps: type.expeditedQuorumBps,
      quorum,
      limitsGuardian: type.limitsGuardian,
      proposerBound: type.proposerBound,
    };
  } catch (error) {
    throw toConclaveError(error);
  }
}
