import type { Abi, Account, Chain, Client, ContractFunctionArgs, ContractFunctionName, Hash, TransactionReceipt, Transport } from 'viem';
import { simulateContract, waitForTransactionReceipt, writeContract } from 'viem/actions';
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
    const hash = await writeContract(client, request as never);
    const receipt = await waitForTransactionReceipt(client, { hash });
    if (receipt.status !== 'success') {
      throw new ConclaveTransactionRevertedError({ hash, functionName: String(parameters.functionName) });
    }
    return { hash, receipt };
  } catch (error) {
    throw toConclaveError(error);
  }
}
