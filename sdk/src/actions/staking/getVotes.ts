import type { Account, Address, Chain, Client, Transport } from 'viem';
import { readContract } from 'viem/actions';
import { type WithAddresses, resolveAddresses } from '../../deployment.js';
import type { ConclaveValidationErrorType } from '../../errors.js';
import { stakingVaultAbi } from '../../generated.js';
import { assertAddress } from '../../internal/validate.js';

export type GetVotesParameters = WithAddresses & {
  account: Address;
  /** A past Unix timestamp for historical votes; omitted for current votes. */
  timestamp?: bigint | undefined;
};
export type GetVotesReturnType = { votes: bigint; delegate: Address };
export type GetVotesErrorType = ConclaveValidationErrorType;

/** Reads an account's voting power (now or at a past timestamp) and its delegate. */
export async function getVotes(
  client: Client<Transport, Chain | undefined, Account | undefined>,
  parameters: GetVotesParameters,
): Promise<GetVotesReturnType> {
  assertAddress('account', parameters.account);
  const { vault } = resolveAddresses(client, parameters.addresses);
  const v = { address: vault, abi: stakingVaultAbi } as const;
  const [votes, delegate] = await Promise.all([
    parameters.timestamp === undefined
      ? readContract(client, { ...v, functionName: 'getVotes', args: [parameters.account] })
      : readContract(client, { ...v, functionName: 'getPastVotes', args: [parameters.account, parameters.timestamp] }),
    readContract(client, { ...v, functionName: 'delegates', args: [parameters.account] }),
  ]);
  return { votes, delegate };
}
