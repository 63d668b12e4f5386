// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IBoundedPausable} from "./IBoundedPausable.sol";

/// @title IFeeEscrow
/// @notice Metered payment channels from consumers to provider agents, settled with cumulative vouchers.
/// @dev A channel is defined by its `Channel` terms (consumer, provider agent, token, voucher key, salt); its id is
/// `keccak256(abi.encode(terms))` and the escrow stores only its balances, so every call that acts on a channel
/// passes the terms (the SDK keeps them; `ChannelOpened` carries them).
///
/// Vouchers: per paid call the consumer, or the voucher key it named in the terms (for example an agent's hot key
/// paying from its owner's deposit), signs the EIP-712 `Voucher(bytes32 channelId, uint128 cumulativeAmount)` for
/// the cumulative amount owed on the channel, in the domain `("Conclave Fee Escrow", "1", chainId, escrow)`. EOA
/// signatures must have a low `s` (no malleable twin); a signer with code is asked through ERC-1271.
///
/// Redeeming: anyone may redeem a voucher (the payout can only go to the provider): the channel pays the
/// difference between the voucher's amount, capped at the channel's deposit, and what it has paid already. Of
/// that, the protocol fee (`protocolFeeBps` in force at redemption, a governance parameter changed only through
/// the Timelock) accrues for the treasury, and the rest goes to the provider agent's payout address: its ERC-8004
/// `agentWallet`, or its owner when no wallet is set. `redeemMany` pays each payout address once per token for all
/// the channels it redeems. A voucher for more than the deposit pays the deposit; after a top-up the same voucher
/// pays the rest.
///
/// Closing: the consumer asks to close (`requestClose`); the provider may redeem until `challengeWindow` (24 hours
/// by default) has passed, then the consumer withdraws what is left (`withdraw`). The provider may close at once,
/// with a last redemption in the same call (`redeemAndClose`), and the rest goes back to the consumer. A closed
/// channel pays nothing more and its id cannot be opened again (use another salt).
///
/// Pausing (pauser role, the guardian; `IBoundedPausable`) stops every movement of funds: opening, topping up,
/// redeeming, closing and withdrawing. It never costs anyone what they are owed: a challenge window is extended by
/// the time the escrow spent paused while it ran, so a provider keeps its full window to redeem, and a consumer
/// withdraws its rest once the pause lifts (at most `pauseDuration` later, unless governance extends it).
///
/// Payment tokens are allowed by governance (`setPaymentToken`): plain ERC-20s only (no fee on transfer, no
/// rebasing), so that the escrow's balance of a token always equals the sum of its channels' balances plus the
/// fees not yet swept.
interface IFeeEscrow is IBoundedPausable {
    /// @notice The terms of a channel; its id is `keccak256(abi.encode(terms))`.
    /// @param consumer pays the deposit, gets the rest back and signs vouchers.
    /// @param providerAgentId the agent paid by the channel.
    /// @param token the payment token.
    /// @param voucherKey another signer of vouchers (zero for none).
    /// @param salt lets the same parties open more than one channel.
    struct Channel {
        address consumer;
        uint64 providerAgentId;
        address token;
        address voucherKey;
        uint96 salt;
    }

    /// @notice One voucher to redeem.
    struct Redemption {
        Channel channel;
        uint128 cumulativeAmount;
        bytes signature;
    }

    /// @notice A channel's balances. `closeAt`: zero while open; while closing, the end of its challenge window
    /// before pause extensions (`closeDeadline` includes them); `CLOSED` once closed.
    struct ChannelState {
        uint96 deposit;
        uint96 paid;
        uint32 closeAt;
        uint32 pausedSecondsAtRequest;
    }

    // ---------------------------------------------------------------- events

    event ChannelOpened(
        bytes32 indexed channelId,
        address indexed consumer,
        uint256 indexed providerAgentId,
        address token,
        address voucherKey,
        uint96 salt,
        uint256 deposit
    );

    /// @notice `from` added `amount`; the channel now holds `deposit` in all.
    event ChannelToppedUp(bytes32 indexed channelId, address indexed from, uint256 amount, uint256 deposit);

    /// @notice A voucher for `cumulativeAmount` paid `amount` from the channel, of which `fee` accrues for the
    /// treasury and the rest goes to the provider's payout address (`PayoutSent`).
    event VoucherRedeemed(bytes32 indexed channelId, uint256 cumulativeAmount, uint256 amount, uint256 fee);

    /// @notice `amount` of `token` went to `payee`, a provider's payout address, for the vouchers redeemed in the
    /// same call (one transfer per payee and token).
    event PayoutSent(address indexed payee, address indexed token, uint256 amount);

    /// @notice The consumer asked to close; the provider may redeem until `deadline` (later if the escrow is paused
    /// meanwhile).
    event ChannelCloseRequested(bytes32 indexed channelId, address indexed consumer, uint256 deadline);

    /// @notice The channel closed; `refund` went back to the consumer. `byProvider`: closed at once by the provider.
    event ChannelClosed(bytes32 indexed channelId, address indexed consumer, uint256 refund, bool byProvider);

    /// @notice `amount` of accrued fees in `token` went to `treasury`.
    event FeesSwept(address indexed token, address indexed treasury, uint256 amount);

    /// @notice A consumer recorded a dispute about the provider of one of its channels.
    event DisputeRecorded(
        uint256 indexed disputeId,
        bytes32 indexed channelId,
        uint256 indexed providerAgentId,
        address consumer,
        string evidenceURI
    );

    event ProtocolFeeSet(uint256 previousBps, uint256 newBps);
    event ChallengeWindowSet(uint256 previousWindow, uint256 newWindow);
    event PaymentTokenSet(address indexed token, bool allowed);

    // ---------------------------------------------------------------- errors

    /// @notice Only the channel's consumer may do this.
    error EscrowNotConsumer(bytes32 channelId, address caller);
    /// @notice Only the provider agent's owner or operator may do this.
    error EscrowNotProvider(uint256 providerAgentId, address caller);
    /// @notice Governance has not allowed `token` for payments.
    error EscrowTokenNotAllowed(address token);
    /// @notice The provider agent does not exist or is not active (stake below its tier's minimum).
    error EscrowProviderNotActive(uint256 providerAgentId);
    /// @notice A channel with these terms was opened already.
    error EscrowChannelExists(bytes32 channelId);
    /// @notice No channel with these terms was opened.
    error EscrowChannelNotFound(bytes32 channelId);
    /// @notice The channel is closed.
    error EscrowChannelClosed(bytes32 channelId);
    /// @notice The consumer already asked to close the channel.
    error EscrowChannelClosing(bytes32 channelId, uint256 deadline);
    /// @notice The consumer has not asked to close the channel.
    error EscrowChannelNotClosing(bytes32 channelId);
    /// @notice The challenge window runs until `deadline`.
    error EscrowChallengeWindowOpen(bytes32 channelId, uint256 deadline, uint256 timestamp);
    /// @notice The challenge window ended at `deadline`: the provider can no longer redeem.
    error EscrowChallengeWindowOver(bytes32 channelId, uint256 deadline, uint256 timestamp);
    /// @notice The voucher is not signed by the consumer or its voucher key.
    error EscrowInvalidVoucherSignature(bytes32 channelId, address recovered);
    /// @notice The voucher pays nothing new: the channel has paid `paid` (out of a deposit of `deposit`).
    error EscrowVoucherNotNewer(bytes32 channelId, uint256 cumulativeAmount, uint256 paid, uint256 deposit);
    /// @notice An amount of zero, or a deposit that would exceed `type(uint96).max`.
    error EscrowInvalidAmount(uint256 amount);
    /// @notice A zero consumer, or a consumer that is not the caller opening the channel.
    error EscrowInvalidTerms(bytes32 channelId);
    /// @notice A protocol fee above `MAX_PROTOCOL_FEE_BPS`.
    error EscrowFeeOutOfBounds(uint256 bps, uint256 maxBps);
    /// @notice A challenge window outside [`MIN_CHALLENGE_WINDOW`, `MAX_CHALLENGE_WINDOW`].
    error EscrowWindowOutOfBounds(uint256 window, uint256 lowerBound, uint256 upperBound);
    /// @notice An evidence URI must not be empty.
    error EscrowEmptyEvidence();
    /// @notice No fees of `token` to sweep.
    error EscrowNothingToSweep(address token);
    error EscrowDisputeNotFound(uint256 disputeId);

    // ---------------------------------------------------------------- channels

    /// @notice Opens a channel with `amount` from the caller, who must be `terms.consumer`. The token must be allowed
    /// and the provider agent active.
    function open(Channel calldata terms, uint256 amount) external returns (bytes32 channelId);

    /// @notice `open` with an EIP-2612 permit for `amount` (a front-run permit does not make it fail).
    function openWithPermit(
        Channel calldata terms,
        uint256 amount,
        uint256 deadline,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external returns (bytes32 channelId);

    /// @notice Adds `amount` from the caller (anyone) to an open channel that is not closing.
    function topUp(Channel calldata terms, uint256 amount) external;

    /// @notice `topUp` with an EIP-2612 permit for `amount`.
    function topUpWithPermit(
        Channel calldata terms,
        uint256 amount,
        uint256 deadline,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external;

    /// @notice Redeems a voucher (see the contract notes); returns what it paid, fee included.
    function redeem(Channel calldata terms, uint128 cumulativeAmount, bytes calldata signature)
        external
        returns (uint256 amount);

    /// @notice Redeems many vouchers; each payout address receives one transfer per token. A voucher that pays
    /// nothing new (someone redeemed it, or a newer one, first) is skipped rather than failing the batch.
    function redeemMany(Redemption[] calldata redemptions) external returns (uint256 total);

    /// @notice The consumer asks to close; the challenge window starts.
    function requestClose(Channel calldata terms) external;

    /// @notice After the challenge window, the consumer takes back what the channel has not paid.
    function withdraw(Channel calldata terms) external returns (uint256 refund);

    /// @notice The provider (owner or operator of the agent) redeems `signature`'s voucher, if any (an empty
    /// signature skips it; one already redeemed pays nothing more), and closes the channel at once; the rest goes
    /// back to the consumer.
    function redeemAndClose(Channel calldata terms, uint128 cumulativeAmount, bytes calldata signature)
        external
        returns (uint256 refund);

    /// @notice The consumer of a channel records a dispute about its provider, with an evidence URI (a CID).
    function recordDispute(Channel calldata terms, string calldata evidenceURI)
        external
        returns (uint256 disputeId);

    /// @notice Sends the accrued fees of `token` to the treasury, in one transfer. Anyone.
    function sweepFees(address token) external returns (uint256 amount);

    // ---------------------------------------------------------------- governance

    /// @notice Sets the protocol fee, at most `MAX_PROTOCOL_FEE_BPS`. Governance only.
    function setProtocolFeeBps(uint256 bps) external;

    /// @notice Sets the challenge window for closes requested from now on. Governance only.
    function setChallengeWindow(uint256 window) external;

    /// @notice Allows or disallows `token` for new channels (open channels keep working). Governance only.
    function setPaymentToken(address token, bool allowed) external;

    // ---------------------------------------------------------------- reads

    /// @notice The id of the channel with these terms.
    function channelId(Channel calldata terms) external pure returns (bytes32);

    /// @notice The EIP-712 digest a voucher signer signs.
    function voucherDigest(bytes32 channelId, uint128 cumulativeAmount) external view returns (bytes32);

    function channelState(bytes32 channelId) external view returns (ChannelState memory);

    /// @notice End of the channel's challenge window, pause extensions included (0 if it is not closing).
    function closeDeadline(bytes32 channelId) external view returns (uint256);

    /// @notice Where the provider agent's share goes now: its `agentWallet`, or its owner.
    function payoutAddress(uint256 providerAgentId) external view returns (address);

    /// @notice Seconds the escrow has spent paused, in all.
    function pausedSeconds() external view returns (uint256);

    /// @notice What `consumer` has paid `providerAgentId` on its channels that have closed (a channel's payments
    /// are final then), over all tokens, in 18-decimal units (an amount of a token with 6 decimals counts times
    /// 10^12). Only grows. The reputation registry weighs a consumer's ratings of the provider by it.
    function settledBetween(address consumer, uint256 providerAgentId) external view returns (uint256);

    /// @notice A recorded dispute: its channel, the provider, the consumer and the hash of the evidence URI.
    function dispute(uint256 disputeId)
        external
        view
        returns (bytes32 disputedChannel, uint256 providerAgentId, address consumer, bytes32 evidenceHash);

    function accruedFees(address token) external view returns (uint256);
    function isPaymentToken(address token) external view returns (bool);
    function protocolFeeBps() external view returns (uint256);
    function challengeWindow() external view returns (uint256);
    function disputeCount() external view returns (uint256);
    function treasury() external view returns (address);
}
