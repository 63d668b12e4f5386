import { type Account, type Chain, type Client, type Hex, type Transport, bytesToHex, zeroHash } from 'viem';
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
import { reputationRegistryAbi } from '../../generated.js';
import { assertId } from '../../internal/validate.js';
import { type WriteResult, write } from '../../internal/write.js';

export type AttestParameters = WithAddresses & {
  agentId: bigint;
  /** The task's outcome, 0-100 (at or above the registry's success threshold, 50 by default, it was completed). */
  response: number;
  /** Identifies the task (default: random). */
  requestHash?: Hex | undefined;
  responseURI?: string | undefined;
  responseHash?: Hex | undefined;
  tag?: string | undefined;
};
export type AttestReturnType = WriteResult & { requestHash: Hex };

export type GiveFeedbackParameters = WithAddresses & {
  agentId: bigint;
  /** A grade out of 100, with `valueDecimals` decimals (ERC-8004's `int128 value`). */
  value: bigint;
  valueDecimals?: number | undefined;
  tag1?: string | undefined;
  tag2?: string | undefined;
  endpoint?: string | undefined;
  feedbackURI?: string | undefined;
  feedbackHash?: Hex | undefined;
};

export type GetReputationParameters = WithAddresses & { agentId: bigint };
/** Scores are WAD fractions (1e18 = 1.0). */
export type GetReputationReturnType = {
  agentId: bigint;
  /** Performance score in [0, 1e18]. */
  score: bigint;
  /** Reputation multiplier in [1e18, 3e18]. */
  multiplier: bigint;
  /** Completed share of the last attested tasks (the completion window), and how many tasks that is. */
  completionRate: bigint;
  windowTasks: bigint;
  tasks: bigint;
  successes: bigint;
  ratings: bigint;
};
/** The errors {@link attest}, {@link giveFeedback} and {@link getReputation} throw. */
export type ReputationErrorType = ConclaveValidationErrorType | ConclaveContractErrorType;

function randomHash(): Hex {
  return bytesToHex(crypto.getRandomValues(new Uint8Array(32)));
}

/** A validator (authorised by governance) attests a task outcome of an agent. */
export async function attest(
  client: SigningClient,
  parameters: AttestParameters,
): Promise<AttestReturnType> {
  const { agentId, response } = parameters;
  assertId('agentId', agentId);
  if (!Number.isInteger(response) || response < 0 || response > 100) {
    throw new ConclaveValidationError({ field: 'response', reason: `expected an integer from 0 to 100, got ${response}` });
  }
  const requestHash = parameters.requestHash ?? randomHash();
  const { reputation } = resolveAddresses(client, parameters.addresses);
  const result = await write(client, {
    address: reputation,
    abi: reputationRegistryAbi,
    functionName: 'attest',
    args: [
      agentId,
      requestHash,
      response,
      parameters.responseURI ?? '',
      parameters.responseHash ?? zeroHash,
      parameters.tag ?? '',
    ],
  });
  return { ...result, requestHash };
}

/** Rates a provider; it counts only with payments behind it (weighted by what the caller paid since its last rating). */
export async function giveFeedback(
  client: SigningClient,
  parameters: GiveFeedbackParameters,
): Promise<WriteResult> {
  const { agentId, value } = parameters;
  assertId('agentId', agentId);
  const valueDecimals = parameters.valueDecimals ?? 0;
  if (typeof value !== 'bigint' || value < -(2n ** 127n) || value >= 2n ** 127n) {
    throw new ConclaveValidationError({ field: 'value', reason: 'expected a bigint that fits int128' });
  }
  if (!Number.isInteger(valueDecimals) || valueDecimals < 0 || valueDecimals > 18) {
    throw new ConclaveValidationError({ field: 'valueDecimals', reason: 'expected an integer from 0 to 18' });
  }
  const { reputation } = resolveAddresses(client, parameters.addresses);
  return write(client, {
    address: reputation,
    abi: reputationRegistryAbi,
    functionName: 'giveFeedback',
    args: [
      agentId,
      value,
      valueDecimals,
      parameters.tag1 ?? '',
      parameters.tag2 ?? '',
      parameters.endpoint ?? '',
      parameters.feedbackURI ?? '',
      parameters.feedbackHash ?? zeroHash,
    ],
  });
}

/** An agent's performance score, reputation multiplier and completion rate. */
export async function getReputation(
  client: Client<Transport, Chain | undefined, Account | undefined>,
  parameters: GetReputationParameters,
): Promise<GetReputationReturnType> {
  const { agentId } = parameters;
  assertId('agentId', agentId);
  const { reputation } = resolveAddresses(client, parameters.addresses);
  const r = { address: reputation, abi: withConclaveErrors(reputationRegistryAbi) } as const;
  try {
    const [score, multiplier, [completionRate, windowTasks], performance] = await Promise.all([
      readContract(client, { ...r, functionName: 'performanceScore', args: [agentId] }),
      readContract(client, { ...r, functionName: 'reputationMultiplier', args: [agentId] }),
      readContract(client, { ...r, functionName: 'completionRate', args: [agentId] }),
      readContract(client, { ...r, functionName: 'performanceOf', args: [agentId] }),
    ]);
    return {
      agentId,
      score,
      multiplier,
      completionRate,
      windowTasks,
      tasks: performance.tasks,
      successes: performance.successes,
      ratings: performance.ratings,
    };
  } catch (error) {
    throw toConclaveError(error);
  }
}
