export {
  type AccountRequired,
  conclaveActions,
  conclaveWriteActionNames,
  type ConclaveActions,
  type ConclaveReadActions,
  type ConclaveWriteActions,
} from './decorator.js';
export type { SigningClient } from './internal/account.js';
export { type ConclaveClient, createConclaveClient, type CreateConclaveClientParameters } from './client.js';
export {
  type ConclaveAddresses,
  type DeploymentFile,
  addressesFromDeployment,
  getAddresses,
  knownChainIds,
} from './deployment.js';
export {
  ConclaveError,
  decodeErrorValues,
  ConclaveContractError,
  type ConclaveContractErrorType,
  ConclaveDeploymentNotFoundError,
  type ConclaveDeploymentNotFoundErrorType,
  type ConclaveErrorArgs,
  type ConclaveErrorName,
  ConclaveTransactionRevertedError,
  type ConclaveTransactionRevertedErrorType,
  ConclaveValidationError,
  type ConclaveValidationErrorType,
  conclaveErrorsAbi,
  isConclaveError,
  toConclaveError,
} from './errors.js';
export { MAX_SINGLE_BLOCK_BYTES, canonicalJson, computeCid, documentBytes, verifyCid } from './cid.js';
export * from './types.js';
export type { WriteResult } from './internal/write.js';
export { proposalDescription } from './internal/proposal.js';
export {
  type ConclaveContractName,
  type DecodedProposalAction,
  conclaveAbis,
  conclaveAddressKeys,
  decodeProposalAction,
  plainProposalDescription,
} from './proposalActions.js';

export * from './actions/agents/registerAgent.js';
export * from './actions/agents/setAgentURI.js';
export * from './actions/agents/setMetadata.js';
export * from './actions/agents/signAgentWalletProof.js';
export * from './actions/agents/setAgentWallet.js';
export * from './actions/agents/setOperator.js';
export * from './actions/agents/getAgent.js';
export * from './actions/staking/stake.js';
export * from './actions/staking/stakeWithPermit.js';
export * from './actions/staking/requestUnstake.js';
export * from './actions/staking/withdraw.js';
export * from './actions/staking/delegate.js';
export * from './actions/staking/getVotes.js';
export * from './actions/staking/getUnbondingRequest.js';
export * from './actions/governance/propose.js';
export * from './actions/governance/review.js';
export * from './actions/governance/castVote.js';
export * from './actions/governance/signBallot.js';
export * from './actions/governance/castVoteBySig.js';
export * from './actions/governance/queue.js';
export * from './actions/governance/execute.js';
export * from './actions/governance/getProposal.js';
export * from './actions/governance/getParameters.js';
export * from './actions/guardian/signGuardianApproval.js';
export * from './actions/guardian/executeGuardian.js';
export * from './actions/tools/listTool.js';
export * from './actions/tools/manageTool.js';
export * from './actions/tools/getTool.js';
export * from './actions/escrow/fund.js';
export * from './actions/escrow/settle.js';
export * from './actions/escrow/getChannel.js';
export * from './actions/escrow/fees.js';
export * from './actions/accountability/reputation.js';
export * from './actions/accountability/slashing.js';
export * from './actions/accountability/rewards.js';
export * from './escrow/consumer.js';
export * from './escrow/provider.js';
export { type ChannelStore, memoryStore } from './escrow/store.js';
export * from './generated.js';
export * from './indexer/createIndexerClient.js';
export {
  type ChannelTerms,
  ConclaveVoucherError,
  type EscrowDomain,
  type SignedVoucher,
  type VoucherRejection,
  channelIdOf,
  signVoucher,
  createVoucherVerifier,
  voucherDomain,
  voucherHasher,
  voucherTypes,
} from './escrow/voucher.js';
