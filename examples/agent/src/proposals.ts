// A proposal as the agent's policy sees it: the chain's state, type, review and tallies, and its actions decoded
// against the deployment's ABIs (which Conclave contract each one calls, and with what).
import {
  type Category,
  type DecodedProposalAction,
  type DeploymentFile,
  type GetProposalReturnType,
  type ProposalState,
  type Verdict,
  addressesFromDeployment,
  decodeProposalAction,
  plainProposalDescription,
} from '@conclave/sdk';
import type { Address, Hex } from 'viem';

/** One call a proposal makes, decoded where it can be (the SDK's `decodeProposalAction`). */
export type DecodedAction = DecodedProposalAction;

/** What a policy decides on. */
export type ProposalView = {
  proposalId: bigint;
  /** The proposal's text, without the type and proposer tags the Governor appends. */
  description: string;
  category: Category;
  expedited: boolean;
  state: ProposalState;
  proposer: Address;
  reviewRequired: boolean;
  verdict: Verdict;
  /** The review report's CID ('' without a review). */
  reviewReport: string;
  actions: DecodedAction[];
  votes: { for: bigint; against: bigint; abstain: bigint };
  /** Unix seconds: voting closes then. */
  deadline: bigint;
};

/** Decodes a call against the deployment: which contract, which function, which arguments. */
export function decodeAction(deployment: DeploymentFile, action: { target: Address; value: bigint; data: Hex }): DecodedAction {
  return decodeProposalAction(addressesFromDeployment(deployment), action);
}

/** `StakingVault.setMaxSlashBps(4000)`, or the raw target and selector when it does not decode. */
export function describeAction(action: DecodedAction): string {
  if (!action.contract) return `${action.target}:${action.data.slice(0, 10)}`;
  if (!action.functionName) return `${action.contract}:${action.data.slice(0, 10)}`;
  return `${action.contract}.${action.functionName}(${action.args.map(String).join(', ')})`;
}

/** Builds the view from the chain's reading and the indexer's row (which has the actions and the text). */
export function proposalView(
  deployment: DeploymentFile,
  chain: GetProposalReturnType,
  indexed: { description: string; targets: unknown; values: unknown; calldatas: unknown },
): ProposalView {
  const targets = indexed.targets as Address[];
  const values = indexed.values as (string | number)[];
  const calldatas = indexed.calldatas as Hex[];
  return {
    proposalId: chain.proposalId,
    description: plainProposalDescription(indexed.description),
    category: chain.category,
    expedited: chain.expedited,
    state: chain.state,
    proposer: chain.proposer,
    reviewRequired: chain.reviewRequired,
    verdict: chain.verdict,
    reviewReport: chain.reviewReport,
    actions: targets.map((target, i) => decodeAction(deployment, { target, value: BigInt(values[i] ?? 0), data: calldatas[i] ?? '0x' })),
    votes: chain.votes,
    deadline: chain.deadline,
  };
}
