import {
  type Abi,
  BaseError,
  ContractFunctionRevertedError,
  type ContractErrorArgs,
  type ContractErrorName,
  toFunctionSelector,
} from 'viem';
import { ConclaveError, quiet } from './baseError.js';
import { conclaveAbis } from './proposalActions.js';
import { categories, proposalStates, roles, tiers, verdicts } from './types.js';

export { ConclaveError, quiet };
import {
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
} from './generated.js';

const abisByContract = conclaveAbis;

const allAbis = [
  ...agentRegistryAbi,
  ...conclaveGovernorAbi,
  ...conclaveTimelockAbi,
  ...conclaveTokenAbi,
  ...conclaveTreasuryAbi,
  ...feeEscrowAbi,
  ...guardianMultisigAbi,
  ...stakingVaultAbi,
  ...toolRegistryAbi,
  ...reputationRegistryAbi,
  ...slashingManagerAbi,
  ...rewardsDistributorAbi,
] as const;

/** Every custom error any Conclave contract can revert with (deduplicated by signature). */
export const conclaveErrorsAbi = allAbis.filter(
  (item, index, list): item is Extract<(typeof allAbis)[number], { type: 'error' }> =>
    item.type === 'error' &&
    list.findIndex(
      (other) => other.type === 'error' && other.name === item.name && signature(other) === signature(item),
    ) === index,
) as unknown as ConclaveErrorsAbi;

type ConclaveErrorsAbi = readonly Extract<(typeof allAbis)[number], { type: 'error' }>[];

function signature(error: { name: string; inputs: readonly { type: string }[] }): string {
  return `${error.name}(${error.inputs.map((i) => i.type).join(',')})`;
}

/** The name of any Conclave custom error, e.g. `'StakingInsufficientStake'`. */
export type ConclaveErrorName = ContractErrorName<typeof allAbis>;

/** The decoded values of a Conclave custom error. */
export type ConclaveErrorArgs<name extends ConclaveErrorName> = ContractErrorArgs<typeof allAbis, name>;

/** Enum types of the contracts' custom errors' arguments, by `internalType`, with their members in order. */
const enums: Record<string, readonly string[]> = {
  'enum IAgentRegistry.Role': roles,
  'enum IAgentRegistry.Tier': tiers,
  'enum IConclaveGovernor.Category': categories,
  'enum IConclaveGovernor.Verdict': verdicts,
  'enum IGovernor.ProposalState': proposalStates,
  'enum ISlashingManager.SlashState': ['None', 'Proposed', 'Vetoed', 'Executed'],
  'enum ISlashingManager.Origin': ['Governance', 'Reviewer', 'PerformanceRule', 'Dispute'],
  'enum IRewardsDistributor.Phase': ['Running', 'Recording', 'Registration', 'Claims', 'Closed'],
  'enum IToolRegistry.Status': ['None', 'Active', 'Paused', 'Retired'],
  'enum TimelockController.OperationState': ['Unset', 'Waiting', 'Ready', 'Done'],
};

/** Bitmap arguments (`bytes32 expectedStates`) of OpenZeppelin's state errors: one bit per enum member. */
const bitmaps: Record<string, readonly string[]> = {
  GovernorUnexpectedProposalState: proposalStates,
  TimelockUnexpectedOperationState: ['Unset', 'Waiting', 'Ready', 'Done'],
};

/** Where a selector is found in the protocol's ABIs: `Contract.function`. */
const functionsBySelector = new Map<string, string>();
for (const [contract, abi] of Object.entries(abisByContract)) {
  for (const item of abi as Abi) {
    if (item.type !== 'function') continue;
    const selector = toFunctionSelector(item);
    if (!functionsBySelector.has(selector)) functionsBySelector.set(selector, `${contract}.${item.name}`);
  }
}

/**
 * The values of a custom error by argument name, in words where the contract's types allow: enum members by name
 * (`'Pending'`, `'ProtocolUpgrade'`), state bitmaps as lists of names, selectors as `Contract.function`.
 */
export function decodeErrorValues(errorName: string, args: readonly unknown[]): Record<string, unknown> {
  const item = conclaveErrorsAbi.find((e) => e.name === errorName && e.inputs.length === args.length);
  const decoded: Record<string, unknown> = {};
  (item?.inputs ?? args.map((_, i) => ({ name: `arg${i}`, type: 'unknown', internalType: '' }))).forEach((input, i) => {
    const value = args[i];
    const internalType = 'internalType' in input ? String(input.internalType) : '';
    const members = enums[internalType];
    const bitmap = bitmaps[errorName];
    const name = input.name || `arg${i}`;
    if (members && typeof value === 'number') decoded[name] = members[value] ?? value;
    else if (bitmap && input.type === 'bytes32' && typeof value === 'string') {
      const bits = BigInt(value);
      decoded[name] = bitmap.filter((_, bit) => (bits >> BigInt(bit)) & 1n);
    } else if (input.type === 'bytes4' && typeof value === 'string') {
      decoded[name] = functionsBySelector.get(value) ?? value;
    } else decoded[name] = value;
  });
  return decoded;
}

/** `name: value, …` with bigints in decimal and lists in brackets. */
function formatValues(values: Record<string, unknown>): string {
  const one = (v: unknown): string => (Array.isArray(v) ? `[${v.map(one).join(', ')}]` : String(v));
  return Object.entries(values)
    .map(([name, value]) => `${name}: ${one(value)}`)
    .join(', ');
}

/** What some errors mean, from their decoded values (the write path adds times read from the chain). */
function explain(errorName: string, v: Record<string, unknown>): string | undefined {
  switch (errorName) {
    case 'GovernorUnexpectedProposalState': {
      const expected = v.expectedStates as string[];
      return `Proposal ${v.proposalId} is ${v.current}; this needs it ${expected.join(' or ')}.`;
    }
    case 'GovernanceCategoryMismatch':
      return `${v.selector} is a ${v.required} action, but the proposal is typed ${v.category}: propose it as ${v.required}.`;
    case 'GovernanceMixedCategories':
      return `A proposal's actions must all be of one category; these mix ${v.first} and ${v.second}.`;
    case 'GovernanceReviewWindowClosed':
      return `Proposal ${v.proposalId} is ${v.state}: a review is recorded while it is Pending or Active.`;
    case 'GovernanceReviewRequired':
      return `Proposal ${v.proposalId} needs the CLO's favourable review before it can be queued (its verdict: ${v.verdict}).`;
    case 'TimelockUnexpectedOperationState':
      return `The Timelock operation is not ${(v.expectedStates as string[]).join(' or ')}.`;
    default:
      return undefined;
  }
}

export type ConclaveContractErrorType = ConclaveContractError;

/**
 * A revert with one of the protocol's custom errors, decoded: `errorName` names the failed condition and `args`
 * carries its values (typed by `errorName`); `values` has them by name and in words (enum members and states by
 * name), and `explanation` says what the error means where that is not obvious. Narrow with
 * `isConclaveError(error, 'StakingSlashTooLarge')`.
 */
export class ConclaveContractError<name extends ConclaveErrorName = ConclaveErrorName> extends ConclaveError {
  override name = 'ConclaveContractError' as const;
  readonly errorName: name;
  readonly args: ConclaveErrorArgs<name>;
  /** The values by argument name, enum members and states by name. */
  readonly values: Record<string, unknown>;
  /** What the error means, in a sentence (for some errors). */
  readonly explanation: string | undefined;

  constructor({
    errorName,
    args,
    cause,
    explanation,
  }: { errorName: name; args: ConclaveErrorArgs<name>; cause?: BaseError; explanation?: string | undefined }) {
    const values = decodeErrorValues(errorName, (args ?? []) as readonly unknown[]);
    const meaning = explanation ?? explain(errorName, values);
    super(`${errorName}(${formatValues(values)})`, {
      cause,
      metaMessages: meaning ? [meaning] : [],
      name: 'ConclaveContractError',
    });
    this.errorName = errorName;
    this.args = args;
    this.values = values;
    this.explanation = meaning;
  }
}

/** Whether `error` is the Conclave custom error `errorName` (narrows `args`). */
export function isConclaveError<name extends ConclaveErrorName>(
  error: unknown,
  errorName: name,
): error is ConclaveContractError<name> {
  return error instanceof ConclaveContractError && error.errorName === errorName;
}

export type ConclaveValidationErrorType = ConclaveValidationError;

/** An input rejected before any transaction was sent. Nothing was changed. */
export class ConclaveValidationError extends ConclaveError {
  override name = 'ConclaveValidationError' as const;
  readonly field: string;

  constructor({ field, reason }: { field: string; reason: string }) {
    super(`Invalid ${field}: ${reason}`, { name: 'ConclaveValidationError' });
    this.field = field;
  }
}

export type ConclaveTransactionRevertedErrorType = ConclaveTransactionRevertedError;

/** A transaction that simulated fine was mined as reverted (the state changed in between). */
export class ConclaveTransactionRevertedError extends ConclaveError {
  override name = 'ConclaveTransactionRevertedError' as const;
  readonly hash: `0x${string}`;

  constructor({ hash, functionName }: { hash: `0x${string}`; functionName: string }) {
    super(`${functionName} was mined as reverted in transaction ${hash}; the chain changed since it was simulated.`, {
      name: 'ConclaveTransactionRevertedError',
    });
    this.hash = hash;
  }
}

export type ConclaveDeploymentNotFoundErrorType = ConclaveDeploymentNotFoundError;

/** No Conclave deployment is known for the chain; pass `addresses` or a deployment file. */
export class ConclaveDeploymentNotFoundError extends ConclaveError {
  override name = 'ConclaveDeploymentNotFoundError' as const;

  constructor({ chainId }: { chainId: number | undefined }) {
    super(
      chainId === undefined
        ? 'The client has no chain: pass `addresses` or create the client with a chain.'
        : `No Conclave deployment is bundled for chain ${chainId}: pass \`addresses\` or a deployment file.`,
      { name: 'ConclaveDeploymentNotFoundError' },
    );
  }
}

/**
 * Maps a viem error to the typed Conclave error of the custom error that caused it; other errors come back as
 * they were.
 */
export function toConclaveError(error: unknown): unknown {
  if (!(error instanceof BaseError) || error instanceof ConclaveError) return error;
  const reverted = error.walk((e) => e instanceof ContractFunctionRevertedError);
  if (!(reverted instanceof ContractFunctionRevertedError) || !reverted.data) return quiet(error);
  const { errorName, args } = reverted.data as { errorName: string; args?: readonly unknown[] };
  if (!conclaveErrorsAbi.some((item) => item.name === errorName)) return quiet(error);
  return new ConclaveContractError({
    errorName: errorName as ConclaveErrorName,
    args: (args ?? []) as never,
    cause: error,
  });
}

/** @internal An ABI that decodes every protocol error, whichever contract raised it. */
export function withConclaveErrors<const abi extends Abi>(abi: abi): abi {
  return [...abi, ...conclaveErrorsAbi.filter((e) => !abi.some((i) => i.type === 'error' && i.name === e.name))] as
    unknown as abi;
}
