import type { Abi, Account, Chain, Client, ContractFunctionArgs, ContractFunctionName, Hash, TransactionReceipt, Transport } from 'viem';
import { estimateContractGas, simulateContract, waitForTransactionReceipt, writeContract } from 'viem/actions';
import { ConclaveTransactionRevertedError, toConclaveError, withConclaveErrors } from '../errors.js';

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
    const hash = await writeContract(client, { ...(request as object), gas: withHeadroom(estimate) } as never);
    const receipt = await waitForTransactionReceipt(client, { hash });
    if (receipt.status !== 'success') {
      throw new ConclaveTransactionRevertedError({ hash, functionName: String(parameters.functionName) });
    }
    return { hash, receipt };
  } catch (error) {
    throw toConclaveError(error);
  }
}

/** @internal An estimate plus a quarter, plus three new checkpoints' worth (100,000 gas). */
export const withHeadroom = (estimate: bigint) => estimate + estimate / 4n + 100_000n;
