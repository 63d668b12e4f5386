import { type Account, type Chain, type Client, type Transport, parseEventLogs } from 'viem';
import type { SigningClient } from '../../internal/account.js';
import { readContract } from 'viem/actions';
import { type WithAddresses, resolveAddresses } from '../../deployment.js';
import {
  ConclaveValidationError,
  type ConclaveContractErrorType,
  type ConclaveValidationErrorType,
  toConclaveError,
  withConclaveErrors,
} from '../../errors.js';
import { slashingManagerAbi } from '../../generated.js';
import { assertId, assertPositive } from '../../internal/validate.js';
import { type WriteResult, write } from '../../internal/write.js';

/** Slash states, in the contract's enum order (`ISlashingManager.SlashState`). */
export const slashStates = ['none', 'proposed', 'vetoed', 'executed'] as const;
/** A slash's state: one of {@link slashStates}. */
export type SlashState = (typeof slashStates)[number];
/** On what authority a slash was proposed, in the contract's enum order (`ISlashingManager.Origin`). */
export const slashOrigins = ['governance', 'reviewer', 'performanceRule', 'dispute'] as const;
/** A slash's origin: one of {@link slashOrigins}. */
export type SlashOrigin = (typeof slashOrigins)[number];

export type ProposeSlashParameters = WithAddresses & { agentId: bigint; amount: bigint; evidenceURI: string };
export type ProposePerformanceSlashParameters = WithAddresses & { agentId: bigint; evidenceURI: string };
export type ProposeDisputeSlashParameters = WithAddresses & { disputeId: bigint; amount: bigint; evidenceURI: string };
export type ProposeSlashReturnType = WriteResult & { slashId: bigint; amount: bigint; vetoDeadline: bigint };
/** The parameters of {@link vetoSlash}, {@link executeSlash} and {@link getSlash}: the slash. */
export type SlashIdParameters = WithAddresses & { slashId: bigint };
export type ExecuteSlashReturnType = WriteResult & { amount: bigint };
export type GetSlashReturnType = {
  slashId: bigint;
  agentId: bigint;
  state: SlashState;
  origin: SlashOrigin;
  amount: bigint;
  /** Unix seconds; the guardian or governance may veto before it, anyone executes after it. */
  vetoDeadline: bigint;
  proposer: `0x${string}`;
  disputeId: bigint;
};
/** The errors the slashing actions throw. */
export type SlashingErrorType = ConclaveValidationErrorType | ConclaveContractErrorType;

function assertEvidence(evidenceURI: unknown) {
  if (typeof evidenceURI !== 'string' || evidenceURI === '') {
    throw new ConclaveValidationError({ field: 'evidenceURI', reason: 'must not be empty' });
  }
}

function proposed(result: WriteResult) {
  const [log] = parseEventLogs({ abi: slashingManagerAbi, eventName: 'SlashProposed', logs: result.receipt.logs });
  return { ...result, slashId: log!.args.slashId, amount: log!.args.amount, vetoDeadline: log!.args.vetoDeadline };
}

/** Proposes a slash (governance, or the active CLO's owner or operator); it holds the amount back at once. */
export async function proposeSlash(
  client: SigningClient,
  parameters: ProposeSlashParameters,
): Promise<ProposeSlashReturnType> {
  const { agentId, amount, evidenceURI } = parameters;
  assertId('agentId', agentId);
  assertPositive('amount', amount);
  assertEvidence(evidenceURI);
  const { slashing } = resolveAddresses(client, parameters.addresses);
  return proposed(
    await write(client, {
      address: slashing,
      abi: slashingManagerAbi,
      functionName: 'proposeSlash',
      args: [agentId, amount, evidenceURI],
    }),
  );
}

/** Anyone: proposes a slash, graded by the score, of an agent that breaks the performance rule. */
export async function proposePerformanceSlash(
  client: SigningClient,
  parameters: ProposePerformanceSlashParameters,
): Promise<ProposeSlashReturnType> {
  const { agentId, evidenceURI } = parameters;
  assertId('agentId', agentId);
  assertEvidence(evidenceURI);
  const { slashing } = resolveAddresses(client, parameters.addresses);
  return proposed(
    await write(client, {
      address: slashing,
      abi: slashingManagerAbi,
      functionName: 'proposePerformanceSlash',
      args: [agentId, evidenceURI],
    }),
  );
}

/** Turns a fee-escrow dispute into a slash proposal against its provider (the CLO or governance). */
export async function proposeDisputeSlash(
  client: SigningClient,
  parameters: ProposeDisputeSlashParameters,
): Promise<ProposeSlashReturnType> {
  const { disputeId, amount, evidenceURI } = parameters;
  assertId('disputeId', disputeId);
  assertPositive('amount', amount);
  assertEvidence(evidenceURI);
  const { slashing } = resolveAddresses(client, parameters.addresses);
  return proposed(
    await write(client, {
      address: slashing,
      abi: slashingManagerAbi,
      functionName: 'proposeDisputeSlash',
      args: [disputeId, amount, evidenceURI],
    }),
  );
}

/** Vetoes a proposed slash within its veto window (an account with the vetoer role: governance, the guardian). */
export async function vetoSlash(
  client: SigningClient,
  parameters: SlashIdParameters,
): Promise<WriteResult> {
  assertId('slashId', parameters.slashId);
  const { slashing } = resolveAddresses(client, parameters.addresses);
  return write(client, { address: slashing, abi: slashingManagerAbi, functionName: 'veto', args: [parameters.slashId] });
}

export type ContestSlashParameters = SlashIdParameters & {
  /** The Governor proposal that vetoes the slash: its actions (the one `veto(slashId)` call) and description hash. */
  targets: readonly `0x${string}`[];
  values: readonly bigint[];
  calldatas: readonly `0x${string}`[];
  descriptionHash: `0x${string}`;
};

/**
 * Within a slash's veto window, names governance's proposal to veto it (anyone): the slash cannot execute while
 * that proposal may still pass, and its veto lands when the proposal is executed, even after the window.
 */
export async function contestSlash(
  client: SigningClient,
  parameters: ContestSlashParameters,
): Promise<WriteResult> {
  assertId('slashId', parameters.slashId);
  const { slashing } = resolveAddresses(client, parameters.addresses);
  return write(client, {
    address: slashing,
    abi: slashingManagerAbi,
    functionName: 'contest',
    args: [parameters.slashId, parameters.targets, parameters.values, parameters.calldatas, parameters.descriptionHash],
  });
}

/** Executes a proposed slash after its veto window (anyone); the stake goes to the treasury. */
export async function executeSlash(
  client: SigningClient,
  parameters: SlashIdParameters,
): Promise<ExecuteSlashReturnType> {
  assertId('slashId', parameters.slashId);
  const { slashing } = resolveAddresses(client, parameters.addresses);
  const result = await write(client, {
    address: slashing,
    abi: slashingManagerAbi,
    functionName: 'execute',
    args: [parameters.slashId],
  });
  const [log] = parseEventLogs({ abi: slashingManagerAbi, eventName: 'SlashExecuted', logs: result.receipt.logs });
  return { ...result, amount: log!.args.amount };
}

/** A slash proposal; an unknown id fails with `SlashingUnknown`. */
export async function getSlash(
  client: Client<Transport, Chain | undefined, Account | undefined>,
  parameters: SlashIdParameters,
): Promise<GetSlashReturnType> {
  const { slashId } = parameters;
  assertId('slashId', slashId);
  const { slashing } = resolveAddresses(client, parameters.addresses);
  try {
    const s = await readContract(client, {
      address: slashing,
      abi: withConclaveErrors(slashingManagerAbi),
      functionName: 'getSlash',
      args: [slashId],
    });
    if (s.state === 0) {
      throw new ConclaveValidationError({ field: 'slashId', reason: `no slash ${slashId}` });
    }
    return {
      slashId,
      agentId: s.agentId,
      state: slashStates[s.state]!,
      origin: slashOrigins[s.origin]!,
      amount: s.amount,
      vetoDeadline: BigInt(s.vetoDeadline),
      proposer: s.proposer,
      disputeId: s.disputeId,
    };
  } catch (error) {
    throw toConclaveError(error);
  }
}
