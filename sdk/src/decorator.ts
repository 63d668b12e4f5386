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
import type { SigningClient } from './internal/account.js';
import { ConclaveValidationError } from './errors.js';

type Omit2<T> = Omit<T, 'addresses'>;

/** @internal The actions bound to a client and a deployment, split by whether they need an account. */
function actionSets(c: Client<Transport, Chain | undefined, Account | undefined>, addresses: ConclaveAddresses | undefined) {
    const signer = c as SigningClient;
    const reads = {
      getAgent: (p: Omit2<GetAgentParameters>) => getAgent(c, { addresses, ...p }),
      getVotes: (p: Omit2<GetVotesParameters>) => getVotes(c, { addresses, ...p }),
      getUnbondingRequest: (p: Omit2<GetUnbondingRequestParameters>) => getUnbondingRequest(c, { addresses, ...p }),
      getProposal: (p: Omit2<GetProposalParameters>) => getProposal(c, { addresses, ...p }),
      getParameters: (p: Omit2<GetParametersParameters> = {}) => getParameters(c, { addresses, ...p }),
      getTool: (p: Omit2<GetToolParameters>) => getTool(c, { addresses, ...p }),
      getChannel: (p: Omit2<GetChannelParameters>) => getChannel(c, { addresses, ...p } as GetChannelParameters),
      getReputation: (p: Omit2<GetReputationParameters>) => getReputation(c, { addresses, ...p }),
      getSlash: (p: Omit2<SlashIdParameters>) => getSlash(c, { addresses, ...p }),
      getEpoch: (p: Omit2<EpochParameters> | Record<string, never> = {}) => getEpoch(c, { addresses, ...p }),
      getClaimable: (p: Omit2<EpochAgentParameters>) => getClaimable(c, { addresses, ...p }),
    };
    // Present on every client; without an account they fail before sending (ConclaveValidationError), and the
    // types say so: on an account-less client their parameter is a message.
    const writes = {
      registerAgent: (p: Omit2<RegisterAgentParameters>) => registerAgent(signer, { addresses, ...p }),
      setAgentURI: (p: Omit2<SetAgentURIParameters>) => setAgentURI(signer, { addresses, ...p }),
      setMetadata: (p: Omit2<SetMetadataParameters>) => setMetadata(signer, { addresses, ...p }),
      signAgentWalletProof: (p: Omit2<SignAgentWalletProofParameters>) => signAgentWalletProof(signer, { addresses, ...p }),
      setAgentWallet: (p: Omit2<SetAgentWalletParameters>) => setAgentWallet(signer, { addresses, ...p }),
      setOperator: (p: Omit2<SetOperatorParameters>) => setOperator(signer, { addresses, ...p }),
      stake: (p: Omit2<StakeParameters>) => stake(signer, { addresses, ...p }),
      stakeWithPermit: (p: Omit2<StakeWithPermitParameters>) => stakeWithPermit(signer, { addresses, ...p }),
      requestUnstake: (p: Omit2<RequestUnstakeParameters>) => requestUnstake(signer, { addresses, ...p }),
      withdraw: (p: Omit2<WithdrawParameters>) => withdraw(signer, { addresses, ...p }),
      delegate: (p: Omit2<DelegateParameters>) => delegate(signer, { addresses, ...p }),
      propose: (p: Omit2<ProposeParameters>) => propose(signer, { addresses, ...p }),
      review: (p: Omit2<ReviewParameters>) => review(signer, { addresses, ...p }),
      castVote: (p: Omit2<CastVoteParameters>) => castVote(signer, { addresses, ...p }),
      signBallot: (p: Omit2<SignBallotParameters>) => signBallot(signer, { addresses, ...p }),
      castVoteBySig: (p: Omit2<CastVoteBySigParameters>) => castVoteBySig(signer, { addresses, ...p }),
      queue: (p: Omit2<QueueParameters>) => queue(signer, { addresses, ...p }),
      execute: (p: Omit2<ExecuteParameters>) => execute(signer, { addresses, ...p }),
      signGuardianApproval: (p: Omit2<SignGuardianApprovalParameters>) => signGuardianApproval(signer, { addresses, ...p }),
      executeGuardian: (p: Omit2<ExecuteGuardianParameters>) => executeGuardian(signer, { addresses, ...p }),
      listTool: (p: Omit2<ListToolParameters>) => listTool(signer, { addresses, ...p }),
      setToolPrice: (p: Omit2<SetToolPriceParameters>) => setToolPrice(signer, { addresses, ...p }),
      setToolStatus: (p: Omit2<SetToolStatusParameters>) => setToolStatus(signer, { addresses, ...p }),
      openChannel: (p: Omit2<OpenChannelParameters>) => openChannel(signer, { addresses, ...p }),
      topUpChannel: (p: Omit2<TopUpChannelParameters>) => topUpChannel(signer, { addresses, ...p }),
      redeemVoucher: (p: Omit2<RedeemVoucherParameters>) => redeemVoucher(signer, { addresses, ...p }),
      redeemVouchers: (p: Omit2<RedeemVouchersParameters>) => redeemVouchers(signer, { addresses, ...p }),
      redeemAndClose: (p: Omit2<RedeemAndCloseParameters>) => redeemAndClose(signer, { addresses, ...p }),
      requestChannelClose: (p: Omit2<ChannelCloseParameters>) => requestChannelClose(signer, { addresses, ...p }),
      withdrawFromChannel: (p: Omit2<ChannelCloseParameters>) => withdrawFromChannel(signer, { addresses, ...p }),
      sweepFees: (p: Omit2<SweepFeesParameters> = {}) => sweepFees(signer, { addresses, ...p }),
      recordDispute: (p: Omit2<RecordDisputeParameters>) => recordDispute(signer, { addresses, ...p }),
      attest: (p: Omit2<AttestParameters>) => attest(signer, { addresses, ...p }),
      giveFeedback: (p: Omit2<GiveFeedbackParameters>) => giveFeedback(signer, { addresses, ...p }),
      proposeSlash: (p: Omit2<ProposeSlashParameters>) => proposeSlash(signer, { addresses, ...p }),
      proposePerformanceSlash: (p: Omit2<ProposePerformanceSlashParameters>) =>
        proposePerformanceSlash(signer, { addresses, ...p }),
      proposeDisputeSlash: (p: Omit2<ProposeDisputeSlashParameters>) => proposeDisputeSlash(signer, { addresses, ...p }),
      vetoSlash: (p: Omit2<SlashIdParameters>) => vetoSlash(signer, { addresses, ...p }),
      contestSlash: (p: Omit2<ContestSlashParameters>) => contestSlash(signer, { addresses, ...p }),
      executeSlash: (p: Omit2<SlashIdParameters>) => executeSlash(signer, { addresses, ...p }),
      recordProposalForRewards: (p: Omit2<RecordProposalParameters>) => recordProposalForRewards(signer, { addresses, ...p }),
      recordVoteForRewards: (p: Omit2<RecordVoteParameters>) => recordVoteForRewards(signer, { addresses, ...p }),
      registerForRewards: (p: Omit2<EpochAgentParameters>) => registerForRewards(signer, { addresses, ...p }),
      claimReward: (p: Omit2<EpochAgentParameters>) => claimReward(signer, { addresses, ...p }),
      sweepEpoch: (p: Omit2<EpochParameters>) => sweepEpoch(signer, { addresses, ...p }),
    };
    return { reads, writes };
}

/**
 * Binds every Conclave action to a client: `client.extend(conclaveActions({ addresses }))`. Without `addresses`,
 * the client's chain selects a bundled deployment.
 */
export function conclaveActions(options: { addresses?: ConclaveAddresses | undefined } = {}) {
  return <transport extends Transport, chain extends Chain | undefined, account extends Account | undefined>(
    client: Client<transport, chain, account>,
  ): ConclaveActions<account> => {
    const c = client as unknown as Client<Transport, Chain | undefined, Account | undefined>;
    const { reads, writes } = actionSets(c, options.addresses);
    // Checked here as well as where each action sends, so that none signs or reads on the way first.
    const guarded = Object.fromEntries(
      Object.entries(writes).map(([name, action]) => [
        name,
        (parameters: never) =>
          c.account
            ? (action as (p: never) => Promise<unknown>)(parameters)
            : Promise.reject(
                new ConclaveValidationError({
                  field: 'account',
                  reason: `${name} sends a transaction or signs: create the client with an \`account\``,
                }),
              ),
      ]),
    );
    return { ...reads, ...guarded } as unknown as ConclaveActions<account>;
  };
}

/** The names of the actions that send a transaction or sign (they need an account). */
export const conclaveWriteActionNames = Object.keys(actionSets({} as never, undefined).writes) as (keyof ConclaveWriteActions)[];

/** The actions that only read. */
export type ConclaveReadActions = ReturnType<typeof actionSets>['reads'];
/** The actions that send a transaction or sign: they need the client's account. */
export type ConclaveWriteActions = ReturnType<typeof actionSets>['writes'];

/** What an account-less client's write actions take instead of their parameters: the reason they cannot run. */
export type AccountRequired = 'This action sends a transaction or signs: create the client with an `account`.';

/**
 * Every Conclave action. With an account (`account` extends `Account`) all of them; without one the write actions'
 * parameter is {@link AccountRequired}, so calling one does not type-check.
 */
export type ConclaveActions<account extends Account | undefined = Account> = ConclaveReadActions &
  ([account] extends [Account] ? ConclaveWriteActions : { [K in keyof ConclaveWriteActions]: (parameters: AccountRequired) => Promise<never> });
