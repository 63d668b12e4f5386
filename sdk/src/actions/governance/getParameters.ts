import type { Account, Chain, Client, Transport } from 'viem';
import { readContract } from 'viem/actions';
import { type WithAddresses, resolveAddresses } from '../../deployment.js';
import { conclaveGovernorAbi, conclaveTimelockAbi, conclaveTreasuryAbi, stakingVaultAbi } from '../../generated.js';
import { type Category, categories } from '../../types.js';

export type GetParametersParameters = WithAddresses;
export type GetParametersReturnType = {
  proposalThreshold: bigint;
  votingDelay: bigint;
  votingPeriod: bigint;
  expeditedVotingPeriod: number;
  expeditedQuorumBps: number;
  lateQuorumVoteExtension: number;
  categoryQuorumBps: Record<Category, number>;
  categoryRequiresReview: Record<Category, boolean>;
  timelockDelay: bigint;
  tierMinimums: { utility: bigint; specialized: bigint; cSuite: bigint };
  unbondingPeriod: bigint;
  maxSlashBps: bigint;
  /** How long a guardian's pause of the staking vault lasts before it lifts by itself, in seconds. */
  pauseDuration: bigint;
  reserveFloorBps: bigint;
};
export type GetParametersErrorType = Error;

/** Reads every governance parameter of the deployment. */
export async function getParameters(
  client: Client<Transport, Chain | undefined, Account | undefined>,
  parameters: GetParametersParameters = {},
): Promise<GetParametersReturnType> {
  const a = resolveAddresses(client, parameters.addresses);
  const g = { address: a.governor, abi: conclaveGovernorAbi } as const;
  const v = { address: a.vault, abi: stakingVaultAbi } as const;
  const perCategory = <T>(read: (index: number) => Promise<T>) =>
    Promise.all(categories.map((_, i) => read(i))).then(
      (values) => Object.fromEntries(categories.map((c, i) => [c, values[i]])) as Record<Category, T>,
    );
  const [
    proposalThreshold,
    votingDelay,
    votingPeriod,
    expeditedVotingPeriod,
    expeditedQuorumBps,
    lateQuorumVoteExtension,
    categoryQuorumBps,
    categoryRequiresReview,
    timelockDelay,
    utility,
    specialized,
    cSuite,
    unbondingPeriod,
    maxSlashBps,
    pauseDuration,
    reserveFloorBps,
  ] = await Promise.all([
    readContract(client, { ...g, functionName: 'proposalThreshold' }),
    readContract(client, { ...g, functionName: 'votingDelay' }),
    readContract(client, { ...g, functionName: 'votingPeriod' }),
    readContract(client, { ...g, functionName: 'expeditedVotingPeriod' }),
    readContract(client, { ...g, functionName: 'expeditedQuorum' }),
    readContract(client, { ...g, functionName: 'lateQuorumVoteExtension' }),
    perCategory((i) => readContract(client, { ...g, functionName: 'categoryQuorum', args: [i] })),
    perCategory((i) => readContract(client, { ...g, functionName: 'categoryRequiresReview', args: [i] })),
    readContract(client, { address: a.timelock, abi: conclaveTimelockAbi, functionName: 'getMinDelay' }),
    readContract(client, { ...v, functionName: 'tierMinimum', args: [1] }),
    readContract(client, { ...v, functionName: 'tierMinimum', args: [2] }),
    readContract(client, { ...v, functionName: 'tierMinimum', args: [3] }),
    readContract(client, { ...v, functionName: 'unbondingPeriod' }),
    readContract(client, { ...v, functionName: 'maxSlashBps' }),
    readContract(client, { ...v, functionName: 'pauseDuration' }),
    readContract(client, { address: a.treasury, abi: conclaveTreasuryAbi, functionName: 'reserveFloorBps' }),
  ]);
  return {
    proposalThreshold,
    votingDelay,
    votingPeriod,
    expeditedVotingPeriod,
    expeditedQuorumBps,
    lateQuorumVoteExtension,
    categoryQuorumBps,
    categoryRequiresReview,
    timelockDelay,
    tierMinimums: { utility, specialized, cSuite },
    unbondingPeriod,
    maxSlashBps,
    pauseDuration,
    reserveFloorBps,
  };
}
