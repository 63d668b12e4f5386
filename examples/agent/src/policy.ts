// How the agent decides: a plain interface (vote on a proposal; review one when the agent holds the CLO seat) and the
// deterministic default, rules over the proposal's category, its review and its decoded actions. An adapter in
// openai.ts asks an OpenAI-compatible chat endpoint instead and falls back to these rules when it cannot.
import type { Address } from 'viem';
import type { GetParametersReturnType, Role, Support } from '@conclave/sdk';
import { type DecodedAction, type ProposalView, describeAction } from './proposals.js';

/** Who is deciding, and the protocol's current parameters. */
export type DecisionContext = {
  agentId: bigint;
  role: Role;
  address: Address;
  parameters: GetParametersReturnType;
};

/** A vote and the reason recorded with it on-chain. */
export type Decision = { support: Support; reason: string };

/** A CLO review: the verdict and the reasons written into the report (whose CID goes on-chain). */
export type ReviewDecision = { verdict: 'Favourable' | 'Unfavourable'; reasons: string[] };

export interface Policy {
  /** Shown in the logs and the health endpoint. */
  readonly name: string;
  /** How to vote on an Active proposal. */
  decide(proposal: ProposalView, context: DecisionContext): Decision | Promise<Decision>;
  /** The review the CLO records while a proposal that requires one is Pending. */
  review(proposal: ProposalView, context: DecisionContext): ReviewDecision | Promise<ReviewDecision>;
}

/** A policy that answers at once (the default rules). */
export type RulesPolicy = {
  readonly name: string;
  decide(proposal: ProposalView, context: DecisionContext): Decision;
  review(proposal: ProposalView, context: DecisionContext): ReviewDecision;
};

const DAY = 86_400n;
const TOKEN = 10n ** 18n;

/**
 * The economic parameters the default policy knows, with the bounds the contracts enforce (README, Parameters). A
 * value outside them would revert at execution: voting for it only wastes a vote.
 */
const ECONOMIC_BOUNDS: Record<string, { argument: number; min: bigint; max: bigint; unit: 'bps' | 'seconds' | 'tokens' }> = {
  'StakingVault.setMaxSlashBps': { argument: 0, min: 100n, max: 5000n, unit: 'bps' },
  'StakingVault.setUnbondingPeriod': { argument: 0, min: 7n * DAY, max: 90n * DAY, unit: 'seconds' },
  'StakingVault.setTierMinimum': { argument: 1, min: TOKEN, max: 10_000_000n * TOKEN, unit: 'tokens' },
  'ConclaveTreasury.setReserveFloor': { argument: 0, min: 500n, max: 5000n, unit: 'bps' },
  'FeeEscrow.setProtocolFeeBps': { argument: 0, min: 0n, max: 1000n, unit: 'bps' },
  'FeeEscrow.setChallengeWindow': { argument: 0, min: 3600n, max: 7n * DAY, unit: 'seconds' },
  'RewardsDistributor.setClaimWindow': { argument: 0, min: 7n * DAY, max: 365n * DAY, unit: 'seconds' },
};

/** Tier minimums must stay ordered: utility ≤ specialized ≤ C-suite (IAgentRegistry.Tier: 1, 2, 3). */
function tierOrderKept(action: DecodedAction, parameters: GetParametersReturnType): boolean {
  const [tier, minimum] = action.args as [number, bigint];
  const m = { ...parameters.tierMinimums };
  if (tier === 1) m.utility = minimum;
  else if (tier === 2) m.specialized = minimum;
  else if (tier === 3) m.cSuite = minimum;
  else return false;
  return m.utility <= m.specialized && m.specialized <= m.cSuite;
}

type Check = { ok: true; detail: string } | { ok: false; detail: string } | undefined;

/** Within bounds (ok), outside (not ok), or not a parameter this policy knows (undefined). */
function checkEconomic(action: DecodedAction, parameters: GetParametersReturnType): Check {
  const bounds = action.contract && action.functionName ? ECONOMIC_BOUNDS[`${action.contract}.${action.functionName}`] : undefined;
  if (!bounds || action.value !== 0n) return undefined;
  const value = action.args[bounds.argument] as bigint;
  const call = describeAction(action);
  const range = `[${bounds.min}, ${bounds.max}]`;
  if (value < bounds.min || value > bounds.max) return { ok: false, detail: `${call} is outside its bounds ${range}` };
  if (action.functionName === 'setTierMinimum' && !tierOrderKept(action, parameters)) {
    return { ok: false, detail: `${call} would put the tier minimums out of order` };
  }
  return { ok: true, detail: `${call} is within its bounds ${range}` };
}

/**
 * The default policy, deterministic. Votes, first rule that applies:
 *
 * 1. The CLO's review is Unfavourable: Against.
 * 2. The category requires a review and there is none: Against (it could not be queued).
 * 3. The CLO's review is Favourable: For.
 * 4. Economic parameter: For when every action sets a parameter this policy knows to a value within the bounds the
 *    contracts enforce; Against when one is outside them; Abstain when an action is not one it knows.
 * 5. Anything else: Abstain (abstaining still counts as participation for rewards).
 *
 * Reviews (the CLO seat): Unfavourable when an action calls an address that is not a Conclave contract, calls a
 * function the contract's ABI does not have, or sends ETH; Favourable otherwise, naming every call.
 */
export function defaultPolicy(): RulesPolicy {
  return {
    name: 'default rules',
    decide(proposal, context) {
      const calls = proposal.actions.map(describeAction).join('; ');
      if (proposal.verdict === 'Unfavourable') {
        return { support: 'Against', reason: `The CLO's review is unfavourable (report ${proposal.reviewReport}).` };
      }
      if (proposal.reviewRequired && proposal.verdict === 'None') {
        return { support: 'Against', reason: `${proposal.category} needs a favourable CLO review and has none: it could not be queued.` };
      }
      if (proposal.verdict === 'Favourable') {
        return { support: 'For', reason: `The CLO's review is favourable: ${calls}.` };
      }
      if (proposal.category === 'EconomicParameter') {
        const checks = proposal.actions.map((action) => checkEconomic(action, context.parameters));
        const outside = checks.find((c) => c && !c.ok);
        if (outside) return { support: 'Against', reason: `Economic parameter out of bounds: ${outside.detail}.` };
        if (checks.length > 0 && checks.every((c) => c?.ok)) {
          return { support: 'For', reason: `Economic parameter within bounds: ${checks.map((c) => c!.detail).join('; ')}.` };
        }
        return { support: 'Abstain', reason: `No rule for ${calls}: abstaining.` };
      }
      return { support: 'Abstain', reason: `No rule for ${proposal.category} proposals: abstaining.` };
    },
    review(proposal) {
      const problems: string[] = [];
      for (const action of proposal.actions) {
        if (!action.contract) problems.push(`${action.target} is not a Conclave contract`);
        else if (!action.functionName) problems.push(`${action.contract} has no function ${action.data.slice(0, 10)}`);
        if (action.value !== 0n) problems.push(`${describeAction(action)} sends ${action.value} wei`);
      }
      if (proposal.actions.length === 0) problems.push('the proposal has no actions');
      if (problems.length > 0) return { verdict: 'Unfavourable', reasons: problems };
      return { verdict: 'Favourable', reasons: proposal.actions.map((a) => `${describeAction(a)} is a known function of a Conclave contract`) };
    },
  };
}
