// A proposal as the agent's policy sees it: the chain's state, type, review and tallies, and its actions decoded
// against the deployment's ABIs (which Conclave contract each one calls, and with what).
import {
  type Category,
  type DeploymentFile,
  type GetProposalReturnType,
  type ProposalState,
  type Verdict,
  agentRegistryAbi,
  conclaveGovernorAbi,
  conclaveTimelockAbi,
  conclaveTokenAbi,
  conclaveTreasuryAbi,
  feeEscrowAbi,
  guardianMultisigAbi,
  reputationRegistryAbi,
  rewardsDistributorAbi,
  slashingManagerAbi,
  stakingVaultAbi,
  toolRegistryAbi,
} from '@conclave/sdk';
import { type Abi, type Address, type Hex, decodeFunctionData, getAddress } from 'viem';

/** One call a proposal makes, decoded where it can be. */
export type DecodedAction = {
  target: Address;
  value: bigint;
  data: Hex;
  /** The Conclave contract it calls (its name in the deployment file), or null when the target is not one. */
  contract: string | null;
  /** The function called, or null when the calldata does not decode against that contract's ABI. */
  functionName: string | null;
  args: readonly unknown[];
};

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

const ABIS: Record<keyof DeploymentFile['contracts'], Abi> = {
  ConclaveToken: conclaveTokenAbi,
  AgentRegistry: agentRegistryAbi,
  StakingVault: stakingVaultAbi,
  ConclaveGovernor: conclaveGovernorAbi,
  ConclaveTimelock: conclaveTimelockAbi,
  ConclaveTreasury: conclaveTreasuryAbi,
  GuardianMultisig: guardianMultisigAbi,
  FeeEscrow: feeEscrowAbi,
  ToolRegistry: toolRegistryAbi,
  ReputationRegistry: reputationRegistryAbi,
  SlashingManager: slashingManagerAbi,
  RewardsDistributor: rewardsDistributorAbi,
};

/** Decodes a call against the deployment: which contract, which function, which arguments. */
export function decodeAction(deployment: DeploymentFile, action: { target: Address; value: bigint; data: Hex }): DecodedAction {
  const entry = Object.entries(deployment.contracts).find(([, address]) => getAddress(address) === getAddress(action.target));
  const base = { target: getAddress(action.target), value: action.value, data: action.data };
  if (!entry) return { ...base, contract: null, functionName: null, args: [] };
  const [contract] = entry as [keyof DeploymentFile['contracts'], Address];
  try {
    const decoded = decodeFunctionData({ abi: ABIS[contract], data: action.data });
    return { ...base, contract, functionName: decoded.functionName, args: decoded.args ?? [] };
  } catch {
    return { ...base, contract, functionName: null, args: [] };
  }
}

/** `StakingVault.setMaxSlashBps(4000)`, or the raw target and selector when it does not decode. */
export function describeAction(action: DecodedAction): string {
  if (!action.contract) return `${action.target}:${action.data.slice(0, 10)}`;
  if (!action.functionName) return `${action.contract}:${action.data.slice(0, 10)}`;
  return `${action.contract}.${action.functionName}(${action.args.map(String).join(', ')})`;
}

/** The proposal's text without the `#category=…`, `#expedited` and `#proposer=…` tags. */
export const plainDescription = (description: string) => description.replace(/#category=.*$/s, '').replace(/#proposer=0x[0-9a-fA-F]{40}$/, '').trim();

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
    description: plainDescription(indexed.description),
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
