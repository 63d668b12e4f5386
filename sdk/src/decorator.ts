import type { Account, Chain, Client, Transport } from 'viem';
import { type GetAgentParameters, getAgent } from './actions/agents/getAgent.js';
import { type RegisterAgentParameters, registerAgent } from './actions/agents/registerAgent.js';
import { type SetAgentURIParameters, setAgentURI } from './actions/agents/setAgentURI.js';
import { type SetAgentWalletParameters, setAgentWallet } from './actions/agents/setAgentWallet.js';
import { type SetMetadataParameters, setMetadata } from './actions/agents/setMetadata.js';
import { type SetOperatorParameters, setOperator } from './actions/agents/setOperator.js';
import { type SignAgentWalletProofParameters, signAgentWalletProof } from './actions/agents/signAgentWalletProof.js';
import { type CastVoteParameters, castVote } from './actions/governance/castVote.js';
import { type CastVoteBySigParameters, castVoteBySig } from './actions/governance/castVoteBySig.js';
import { type ExecuteParameters, execute } from './actions/governance/execute.js';
import { type GetParametersParameters, getParameters } from './actions/governance/getParameters.js';
import { type GetProposalParameters, getProposal } from './actions/governance/getProposal.js';
import { type ProposeParameters, propose } from './actions/governance/propose.js';
import { type QueueParameters, queue } from './actions/governance/queue.js';
import { type ReviewParameters, review } from './actions/governance/review.js';
import { type SignBallotParameters, signBallot } from './actions/governance/signBallot.js';
import { type ExecuteGuardianParameters, executeGuardian } from './actions/guardian/executeGuardian.js';
import { type SignGuardianApprovalParameters, signGuardianApproval } from './actions/guardian/signGuardianApproval.js';
import { type DelegateParameters, delegate } from './actions/staking/delegate.js';
import { type GetUnbondingRequestParameters, getUnbondingRequest } from './actions/staking/getUnbondingRequest.js';
import { type GetVotesParameters, getVotes } from './actions/staking/getVotes.js';
import { type RequestUnstakeParameters, requestUnstake } from './actions/staking/requestUnstake.js';
import { type StakeParameters, stake } from './actions/staking/stake.js';
import { type StakeWithPermitParameters, stakeWithPermit } from './actions/staking/stakeWithPermit.js';
import { type WithdrawParameters, withdraw } from './actions/staking/withdraw.js';
import { type ListToolParameters, listTool } from './actions/tools/listTool.js';
import { type SetToolPriceParameters, type SetToolStatusParameters, setToolPrice, setToolStatus } from './actions/tools/manageTool.js';
import { type GetToolParameters, getTool } from './actions/tools/getTool.js';
import { type OpenChannelParameters, type TopUpChannelParameters, openChannel, topUpChannel } from './actions/escrow/fund.js';
import {
  type ChannelCloseParameters,
  type RedeemAndCloseParameters,
  type RedeemVoucherParameters,
  type RedeemVouchersParameters,
  redeemAndClose,
  redeemVoucher,
  redeemVouchers,
  requestChannelClose,
  withdrawFromChannel,
} from './actions/escrow/settle.js';
import { type GetChannelParameters, getChannel } from './actions/escrow/getChannel.js';
import { type RecordDisputeParameters, type SweepFeesParameters, recordDispute, sweepFees } from './actions/escrow/fees.js';
import {
  type AttestParameters,
  type GetReputationParameters,
  type GiveFeedbackParameters,
  attest,
  getReputation,
  giveFeedback,
} from './actions/accountability/reputation.js';
import {
  type ContestSlashParameters,
  type ProposeDisputeSlashParameters,
  type ProposePerformanceSlashParameters,
  type ProposeSlashParameters,
  type SlashIdParameters,
  contestSlash,
  executeSlash,
  getSlash,
  proposeDisputeSlash,
  proposePerformanceSlash,
  proposeSlash,
  vetoSlash,
} from './actions/accountability/slashing.js';
import {
  type EpochAgentParameters,
  type EpochParameters,
  type RecordProposalParameters,
  type RecordVoteParameters,
  claimReward,
  getClaimable,
  getEpoch,
  recordProposalForRewards,
  recordVoteForRewards,
  registerForRewards,
  sweepEpoch,
} from './actions/accountability/rewards.js';
import type { ConclaveAddresses } from './deployment.js';

type Omit2<T> = Omit<T, 'addresses'>;

/**
 * Binds every Conclave action to a client: `client.extend(conclaveActions({ addresses }))`. Without `addresses`,
 * the client's chain selects a bundled deployment.
 */
export function conclaveActions(options: { addresses?: ConclaveAddresses | undefined } = {}) {
  const { addresses } = options;
  return <transport extends Transport, chain extends Chain | undefined, account extends Account | undefined>(
    client: Client<transport, chain, account>,
  ) => {
    const c = client as unknown as Client<Transport, Chain | undefined, Account | undefined>;
    return {
      registerAgent: (p: Omit2<RegisterAgentParameters>) => registerAgent(c, { addresses, ...p }),
      setAgentURI: (p: Omit2<SetAgentURIParameters>) => setAgentURI(c, { addresses, ...p }),
      setMetadata: (p: Omit2<SetMetadataParameters>) => setMetadata(c, { addresses, ...p }),
      signAgentWalletProof: (p: Omit2<SignAgentWalletProofParameters>) => signAgentWalletProof(c, { addresses, ...p }),
      setAgentWallet: (p: Omit2<SetAgentWalletParameters>) => setAgentWallet(c, { addresses, ...p }),
      setOperator: (p: Omit2<SetOperatorParameters>) => setOperator(c, { addresses, ...p }),
      getAgent: (p: Omit2<GetAgentParameters>) => getAgent(c, { addresses, ...p }),
      stake: (p: Omit2<StakeParameters>) => stake(c, { addresses, ...p }),
      stakeWithPermit: (p: Omit2<StakeWithPermitParameters>) => stakeWithPermit(c, { addresses, ...p }),
      requestUnstake: (p: Omit2<RequestUnstakeParameters>) => requestUnstake(c, { addresses, ...p }),
      withdraw: (p: Omit2<WithdrawParameters>) => withdraw(c, { addresses, ...p }),
      delegate: (p: Omit2<DelegateParameters>) => delegate(c, { addresses, ...p }),
      getVotes: (p: Omit2<GetVotesParameters>) => getVotes(c, { addresses, ...p }),
      getUnbondingRequest: (p: Omit2<GetUnbondingRequestParameters>) => getUnbondingRequest(c, { addresses, ...p }),
      propose: (p: Omit2<ProposeParameters>) => propose(c, { addresses, ...p }),
      review: (p: Omit2<ReviewParameters>) => review(c, { addresses, ...p }),
      castVote: (p: Omit2<CastVoteParameters>) => castVote(c, { addresses, ...p }),
      signBallot: (p: Omit2<SignBallotParameters>) => signBallot(c, { addresses, ...p }),
      castVoteBySig: (p: Omit2<CastVoteBySigParameters>) => castVoteBySig(c, { addresses, ...p }),
      queue: (p: Omit2<QueueParameters>) => queue(c, { addresses, ...p }),
      execute: (p: Omit2<ExecuteParameters>) => execute(c, { addresses, ...p }),
      getProposal: (p: Omit2<GetProposalParameters>) => getProposal(c, { addresses, ...p }),
      getParameters: (p: Omit2<GetParametersParameters> = {}) => getParameters(c, { addresses, ...p }),
      signGuardianApproval: (p: Omit2<SignGuardianApprovalParameters>) => signGuardianApproval(c, { addresses, ...p }),
      executeGuardian: (p: Omit2<ExecuteGuardianParameters>) => executeGuardian(c, { addresses, ...p }),
      listTool: (p: Omit2<ListToolParameters>) => listTool(c, { addresses, ...p }),
      setToolPrice: (p: Omit2<SetToolPriceParameters>) => setToolPrice(c, { addresses, ...p }),
      setToolStatus: (p: Omit2<SetToolStatusParameters>) => setToolStatus(c, { addresses, ...p }),
      getTool: (p: Omit2<GetToolParameters>) => getTool(c, { addresses, ...p }),
      openChannel: (p: Omit2<OpenChannelParameters>) => openChannel(c, { addresses, ...p }),
      topUpChannel: (p: Omit2<TopUpChannelParameters>) => topUpChannel(c, { addresses, ...p }),
      getChannel: (p: Omit2<GetChannelParameters>) => getChannel(c, { addresses, ...p } as GetChannelParameters),
      redeemVoucher: (p: Omit2<RedeemVoucherParameters>) => redeemVoucher(c, { addresses, ...p }),
      redeemVouchers: (p: Omit2<RedeemVouchersParameters>) => redeemVouchers(c, { addresses, ...p }),
      redeemAndClose: (p: Omit2<RedeemAndCloseParameters>) => redeemAndClose(c, { addresses, ...p }),
      requestChannelClose: (p: Omit2<ChannelCloseParameters>) => requestChannelClose(c, { addresses, ...p }),
      withdrawFromChannel: (p: Omit2<ChannelCloseParameters>) => withdrawFromChannel(c, { addresses, ...p }),
      sweepFees: (p: Omit2<SweepFeesParameters> = {}) => sweepFees(c, { addresses, ...p }),
      recordDispute: (p: Omit2<RecordDisputeParameters>) => recordDispute(c, { addresses, ...p }),
      attest: (p: Omit2<AttestParameters>) => attest(c, { addresses, ...p }),
      giveFeedback: (p: Omit2<GiveFeedbackParameters>) => giveFeedback(c, { addresses, ...p }),
      getReputation: (p: Omit2<GetReputationParameters>) => getReputation(c, { addresses, ...p }),
      proposeSlash: (p: Omit2<ProposeSlashParameters>) => proposeSlash(c, { addresses, ...p }),
      proposePerformanceSlash: (p: Omit2<ProposePerformanceSlashParameters>) =>
        proposePerformanceSlash(c, { addresses, ...p }),
      proposeDisputeSlash: (p: Omit2<ProposeDisputeSlashParameters>) => proposeDisputeSlash(c, { addresses, ...p }),
      vetoSlash: (p: Omit2<SlashIdParameters>) => vetoSlash(c, { addresses, ...p }),
      contestSlash: (p: Omit2<ContestSlashParameters>) => contestSlash(c, { addresses, ...p }),
      executeSlash: (p: Omit2<SlashIdParameters>) => executeSlash(c, { addresses, ...p }),
      getSlash: (p: Omit2<SlashIdParameters>) => getSlash(c, { addresses, ...p }),
      recordProposalForRewards: (p: Omit2<RecordProposalParameters>) => recordProposalForRewards(c, { addresses, ...p }),
      recordVoteForRewards: (p: Omit2<RecordVoteParameters>) => recordVoteForRewards(c, { addresses, ...p }),
      registerForRewards: (p: Omit2<EpochAgentParameters>) => registerForRewards(c, { addresses, ...p }),
      claimReward: (p: Omit2<EpochAgentParameters>) => claimReward(c, { addresses, ...p }),
      sweepEpoch: (p: Omit2<EpochParameters>) => sweepEpoch(c, { addresses, ...p }),
      getEpoch: (p: Omit2<EpochParameters> | Record<string, never> = {}) => getEpoch(c, { addresses, ...p }),
      getClaimable: (p: Omit2<EpochAgentParameters>) => getClaimable(c, { addresses, ...p }),
    };
  };
}

export type ConclaveActions = ReturnType<ReturnType<typeof conclaveActions>>;
