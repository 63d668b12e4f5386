import type { Abi, Account, Chain, Client, ContractFunctionArgs, ContractFunctionName, Hash, TransactionReceipt, Transport } from 'viem';
import { estimateContractGas, getBlock, readContract, simulateContract, waitForTransactionReceipt, writeContract } from 'viem/actions';
import {
  ConclaveContractError,
  ConclaveTransactionRevertedError,
  ConclaveValidationError,
  isConclaveError,
  toConclaveError,
  withConclaveErrors,
} from '../errors.js';
import { conclaveGovernorAbi } from '../generated.js';

/** The outcome of every write action: the transaction and its receipt. */
export type WriteResult = { hash: Hash; receipt: TransactionReceipt };

/**
 * @internal Simulates (so a revert comes back typed before anything is sent), sends, and waits for the receipt.
 * A transaction mined as reverted (the chain changed after the simulation) throws ConclaveTransactionRevertedError.
 */
export async function write<
  const abi extends Abi,
  functionName extends ContractFunctionName<abi, 'nonpayable' | 'payable'>,
>(
  client: Client<Transport, Chain | undefined, Account | undefined>,
  parameters: {
    address: `0x${string}`;
    abi: abi;
    functionName: functionName;
    args: ContractFunctionArgs<abi, 'nonpayable' | 'payable', functionName>;
    account?: Account | `0x${string}` | undefined;
  },
): Promise<WriteResult> {
  // Without an account a simulation runs as the zero address and fails with a misleading error: say what is missing.
  if (!parameters.account && !client.account) {
    throw new ConclaveValidationError({
      field: 'account',
      reason: `${String(parameters.functionName)} sends a transaction: create the client with an \`account\``,
    });
  }
  try {
    const { request } = await simulateContract(client, {
      ...parameters,
      abi: withConclaveErrors(parameters.abi),
      account: parameters.account ?? client.account,
      chain: client.chain,
    } as never);
    // Gas with headroom: the estimate holds for the block it was made against, but the protocol's gas depends on the
    // clock. A Votes checkpoint of the same second is updated in place; a second later a new one is written (a new
    // slot, about 27,000 gas more), and one call writes up to three (the two delegates and the total). Unused gas
    // is not charged.
    const estimate = await estimateContractGas(client, request as never);
    const sender = (parameters.account ?? client.account)!;
    const hash = await oneAtATime(`${client.chain?.id}:${typeof sender === 'string' ? sender : sender.address}`, () =>
      writeContract(client, { ...(request as object), gas: withHeadroom(estimate) } as never),
    );
    const receipt = await waitForTransactionReceipt(client, { hash });
    if (receipt.status !== 'success') {
      throw new ConclaveTransactionRevertedError({ hash, functionName: String(parameters.functionName) });
    }
    return { hash, receipt };
  } catch (error) {
    const mapped = toConclaveError(error);
    if (isConclaveError(mapped, 'GovernorUnexpectedProposalState')) throw await withProposalTiming(client, parameters.address, mapped);
    throw mapped;
  }
}

/** The latest send per account, so that the next one waits for it. */
const sending = new Map<string, Promise<unknown>>();

/**
 * Sends from one account one at a time within a process: each send takes the account's next nonce from the node,
 * so two at once (an agent voting while its tool provider redeems in the background) would take the same one and
 * one would fail with "nonce too low". The wait ends once the node has the previous transaction, not when it is mined.
 */
async function oneAtATime<T>(key: string, send: () => Promise<T>): Promise<T> {
  const previous = sending.get(key) ?? Promise.resolve();
  const current = previous.catch(() => undefined).then(send);
  sending.set(key, current);
  try {
    return await current;
  } finally {
    if (sending.get(key) === current) sending.delete(key);
  }
}

/** Adds when a proposal's state changes (voting opens, closes, the Timelock releases it) to a state error. */
async function withProposalTiming(
  client: Client<Transport, Chain | undefined, Account | undefined>,
  governor: `0x${string}`,
  error: ConclaveContractError<'GovernorUnexpectedProposalState'>,
): Promise<ConclaveContractError> {
  const [proposalId] = error.args;
  try {
    const read = (functionName: 'proposalSnapshot' | 'proposalDeadline' | 'proposalEta') =>
      readContract(client, { address: governor, abi: conclaveGovernorAbi, functionName, args: [proposalId] });
    const [snapshot, deadline, eta, block] = await Promise.all([
      read('proposalSnapshot'),
      read('proposalDeadline'),
      read('proposalEta'),
      getBlock(client),
    ]);
    const now = block.timestamp;
    const when = (at: bigint) => `${new Date(Number(at) * 1000).toISOString().replace('.000Z', 'Z')} (${relative(at - now)})`;
    const timing = {
      Pending: `Voting opens at ${when(snapshot)}.`,
      Active: `Voting closes at ${when(deadline)}.`,
      Succeeded: 'It has passed: queue it.',
      Queued: eta > 0n ? `The Timelock releases it at ${when(eta)}.` : undefined,
    }[error.values.current as string];
    if (!timing) return error;
    return new ConclaveContractError({
      errorName: error.errorName,
      args: error.args,
      cause: error.cause as never,
      explanation: `${error.explanation} ${timing}`,
    });
  } catch {
    return error;
  }
}

/** `in 1 d 23 h`, `in 59 min`, `5 s ago`. */
export function relative(seconds: bigint): string {
  const s = Number(seconds < 0n ? -seconds : seconds);
  const parts =
    s >= 86_400
      ? [`${Math.floor(s / 86_400)} d`, `${Math.floor((s % 86_400) / 3600)} h`]
      : s >= 3600
        ? [`${Math.floor(s / 3600)} h`, `${Math.floor((s % 3600) / 60)} min`]
        : s >= 60
          ? [`${Math.floor(s / 60)} min`]
          : [`${s} s`];
  const text = parts.filter((p) => !p.startsWith('0 ')).join(' ') || '0 s';
  return seconds < 0n ? `${text} ago` : `in ${text}`;
}

/** @internal An estimate plus a quarter, plus three new checkpoints' worth (100,000 gas). */
export const withHeadroom = (estimate: bigint) => estimate + estimate / 4n + 100_000n;
