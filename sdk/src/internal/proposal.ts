import { type Address, keccak256, stringToHex } from 'viem';
import { ConclaveValidationError } from '../errors.js';
import type { Category, ProposalAction } from '../types.js';
import { assertAddress } from './validate.js';

/** @internal The Governor's (targets, values, calldatas) arrays, validated. */
export function toArrays(actions: readonly ProposalAction[]) {
  if (!Array.isArray(actions) || actions.length === 0) {
    throw new ConclaveValidationError({ field: 'actions', reason: 'a proposal needs at least one action' });
  }
  const targets = actions.map((a, i) => {
    assertAddress(`actions[${i}].target`, a.target);
    if (a.data !== '0x' && (a.data.length < 10 || !/^0x[0-9a-fA-F]*$/.test(a.data))) {
      throw new ConclaveValidationError({ field: `actions[${i}].data`, reason: 'expected 0x or calldata with a selector' });
    }
    return a.target;
  });
  const values = actions.map((a, i) => {
    const value = a.value ?? 0n;
    if (value < 0n) throw new ConclaveValidationError({ field: `actions[${i}].value`, reason: 'must not be negative' });
    return value;
  });
  return [targets, values, actions.map((a) => a.data)] as const;
}

/** @internal */
export function descriptionHash(description: string) {
  return keccak256(stringToHex(description));
}

const PROPOSER_SUFFIX = /#proposer=0x[0-9a-fA-F]{40}$/;

/**
 * The description the Governor records for a proposal, the one `queue`, `execute` and `cancel` need: with a
 * `category`, what `proposeTyped` proposes (`description#category=<Name>[#expedited]#proposer=<proposer>`); without
 * one, `description#proposer=<proposer>`, which keeps anyone else from submitting (and cancelling) the same
 * proposal. A description that already ends with a `#proposer=` suffix keeps it, after the type tag.
 */
export function proposalDescription(parameters: {
  description: string;
  proposer: Address;
  category?: Category | undefined;
  expedited?: boolean | undefined;
}): string {
  const { description, proposer, category, expedited = false } = parameters;
  const tag = category === undefined ? '' : `#category=${category}${expedited ? '#expedited' : ''}`;
  const suffix = PROPOSER_SUFFIX.exec(description);
  if (suffix) return `${description.slice(0, suffix.index)}${tag}${suffix[0]}`;
  return `${description}${tag}#proposer=${proposer.toLowerCase()}`;
}
