import { type Account, type Chain, type Client, type Transport, parseEventLogs } from 'viem';
import type { SigningClient } from '../../internal/account.js';
import { type WithAddresses, resolveAddresses } from '../../deployment.js';
import { ConclaveValidationError, type ConclaveContractErrorType, type ConclaveValidationErrorType } from '../../errors.js';
import { conclaveGovernorAbi } from '../../generated.js';
import { proposalDescription, toArrays } from '../../internal/proposal.js';
import { type WriteResult, write } from '../../internal/write.js';
import { type Category, type ProposalAction, categories, indexOf } from '../../types.js';

export type ProposeParameters = WithAddresses & {
  actions: readonly ProposalAction[];
  /** The proposal's text. The Governor records it with the type and the proposer appended: see `description` in
   * the result, which `queue` and `execute` need. */
  description: string;
  /** Omitted: the plain OpenZeppelin `propose`, whose category the Governor infers from the actions. */
  category?: Category | undefined;
  /** Expedited rules (3 days, two thirds, 10 % quorum; falls back to standard). Needs `category`. */
  expedited?: boolean | undefined;
};
export type ProposeReturnType = WriteResult & {
  proposalId: bigint;
  voteStart: bigint;
  voteEnd: bigint;
  /** The description as the Governor recorded it (the type tag and `#proposer=` appended): pass it to `queue` and
   * `execute`. Equal to `proposalDescription({ description, proposer, category, expedited })`. */
  description: string;
};
export type ProposeErrorType = ConclaveValidationErrorType | ConclaveContractErrorType;

/**
 * Creates a proposal: typed (`proposeTyped`) when `category` is given, otherwise the plain OpenZeppelin `propose`,
 * whose category the Governor infers from the actions. Either way the description names the proposer
 * (`#proposer=`), so nobody can front-run the proposal, take its id and cancel it.
 */
export async function propose(
  client: SigningClient,
  parameters: ProposeParameters,
): Promise<ProposeReturnType> {
  const { description, category, expedited = false } = parameters;
  const [targets, values, calldatas] = toArrays(parameters.actions);
  if (typeof description !== 'string' || description.trim() === '') {
    throw new ConclaveValidationError({ field: 'description', reason: 'must not be empty' });
  }
  if (expedited && category === undefined) {
    throw new ConclaveValidationError({ field: 'category', reason: 'an expedited proposal needs a category' });
  }
  const account = client.account;
  if (!account) throw new ConclaveValidationError({ field: 'account', reason: 'proposing needs a client with an account' });
  const { governor } = resolveAddresses(client, parameters.addresses);
  const result =
    category === undefined
      ? await write(client, {
          address: governor,
          abi: conclaveGovernorAbi,
          functionName: 'propose',
          args: [targets, values, calldatas, proposalDescription({ description, proposer: account.address })],
        })
      : await write(client, {
          address: governor,
          abi: conclaveGovernorAbi,
          functionName: 'proposeTyped',
          args: [
            targets,
            values,
            calldatas,
            description,
            indexOf(categories, category, 'category', ConclaveValidationError),
            expedited,
          ],
        });
  const [created] = parseEventLogs({ abi: conclaveGovernorAbi, logs: result.receipt.logs, eventName: 'ProposalCreated' });
  return {
    ...result,
    proposalId: created!.args.proposalId,
    voteStart: created!.args.voteStart,
    voteEnd: created!.args.voteEnd,
    description: created!.args.description,
  };
}
