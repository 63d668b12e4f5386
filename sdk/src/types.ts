/** Agent roles, in the contracts' enum order (`IAgentRegistry.Role`). */
export const roles = ['None', 'Utility', 'Specialized', 'CEO', 'CTO', 'CFO', 'CLO', 'CMO'] as const;
/** An agent role: one of {@link roles}. */
export type Role = (typeof roles)[number];

/** Staking tiers (`IAgentRegistry.Tier`). */
export const tiers = ['None', 'Utility', 'Specialized', 'CSuite'] as const;
/** A staking tier: one of {@link tiers}. */
export type Tier = (typeof tiers)[number];

/** Proposal categories (`IConclaveGovernor.Category`). */
export const categories = [
  'ProtocolUpgrade',
  'EconomicParameter',
  'AgentRole',
  'TreasuryAllocation',
  'StrategicPartnership',
  'Emergency',
] as const;
/** A proposal category: one of {@link categories}. */
export type Category = (typeof categories)[number];

/** Review verdicts (`IConclaveGovernor.Verdict`). */
export const verdicts = ['None', 'Favourable', 'Unfavourable'] as const;
/** A review verdict: one of {@link verdicts}. */
export type Verdict = (typeof verdicts)[number];

/** Vote support values (OpenZeppelin `GovernorCountingSimple`). */
export const supports = ['Against', 'For', 'Abstain'] as const;
/** A vote's support: one of {@link supports}. */
export type Support = (typeof supports)[number];

/** OpenZeppelin `IGovernor.ProposalState`. */
export const proposalStates = [
  'Pending',
  'Active',
  'Canceled',
  'Defeated',
  'Succeeded',
  'Queued',
  'Expired',
  'Executed',
] as const;
/** A proposal's state: one of {@link proposalStates}. */
export type ProposalState = (typeof proposalStates)[number];

/** One call a proposal makes. */
export type ProposalAction = { target: `0x${string}`; value?: bigint | undefined; data: `0x${string}` };

/** @internal */
export function indexOf<const T extends readonly string[]>(
  names: T,
  name: T[number],
  field: string,
  errorType: new (p: { field: string; reason: string }) => Error,
): number {
  const index = names.indexOf(name);
  if (index < 0) throw new errorType({ field, reason: `expected one of ${names.join(', ')}, got ${String(name)}` });
  return index;
}
