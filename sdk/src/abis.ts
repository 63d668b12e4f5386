// `@conclave/sdk/abis`: the protocol's contract ABIs (generated from the compiled contracts by @wagmi/cli) and the
// enums the contracts use, without the client: for indexers and tools that only decode events and calls.
export {
  agentRegistryAbi,
  conclaveGovernorAbi,
  conclaveTimelockAbi,
  conclaveTokenAbi,
  conclaveTreasuryAbi,
  feeEscrowAbi,
  guardianMultisigAbi,
  reputationRegistryAbi,
  rewardsDistributorAbi,
  slashingManagerAbi,
  stakingVaultAbi,
  toolRegistryAbi,
} from './generated.js';
export { conclaveErrorsAbi } from './errors.js';
export * from './types.js';
