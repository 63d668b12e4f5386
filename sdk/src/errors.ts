import {
  type Abi,
  BaseError,
  ContractFunctionRevertedError,
  type ContractErrorArgs,
  type ContractErrorName,
} from 'viem';
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

export type ConclaveContractErrorType = ConclaveContractError;

/**
 * A revert with one of the protocol's custom errors, decoded: `errorName` names the failed condition and `args`
 * carries its values (typed by `errorName`). Narrow with `isConclaveError(error, 'StakingSlashTooLarge')`.
 */
export class ConclaveContractError<name extends ConclaveErrorName = ConclaveErrorName> extends BaseError {
  override name = 'ConclaveContractError' as const;
  readonly errorName: name;
  readonly args: ConclaveErrorArgs<name>;

  constructor({ errorName, args, cause }: { errorName: name; args: ConclaveErrorArgs<name>; cause?: BaseError }) {
    super(`${errorName}(${formatArgs(args as readonly unknown[])})`, {
      cause,
      metaMessages: [`The contract reverted with ${errorName}.`],
      name: 'ConclaveContractError',
    });
    this.errorName = errorName;
    this.args = args;
  }
}

function formatArgs(args: readonly unknown[] | undefined): string {
  return (args ?? []).map((a) => (typeof a === 'bigint' ? a.toString() : String(a))).join(', ');
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
export class ConclaveValidationError extends BaseError {
  override name = 'ConclaveValidationError' as const;
  readonly field: string;

  constructor({ field, reason }: { field: string; reason: string }) {
    super(`Invalid ${field}: ${reason}`, { name: 'ConclaveValidationError' });
    this.field = field;
  }
}

export type ConclaveTransactionRevertedErrorType = ConclaveTransactionRevertedError;

/** A transaction that simulated fine was mined as reverted (the state changed in between). */
export class ConclaveTransactionRevertedError extends BaseError {
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
export class ConclaveDeploymentNotFoundError extends BaseError {
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
  if (!(error instanceof BaseError)) return error;
  const reverted = error.walk((e) => e instanceof ContractFunctionRevertedError);
  if (!(reverted instanceof ContractFunctionRevertedError) || !reverted.data) return error;
  const { errorName, args } = reverted.data as { errorName: string; args?: readonly unknown[] };
  if (!conclaveErrorsAbi.some((item) => item.name === errorName)) return error;
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
