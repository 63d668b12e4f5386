// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAgentRegistry} from "./interfaces/IAgentRegistry.sol";
import {IBoundedPausable} from "./interfaces/IBoundedPausable.sol";
import {IFeeEscrow} from "./interfaces/IFeeEscrow.sol";
import {IStakingVault} from "./interfaces/IStakingVault.sol";
import {BoundedPausable} from "./utils/BoundedPausable.sol";
import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";

/// @title FeeEscrow
/// @notice Metered payment channels for tool calls, settled with cumulative EIP-712 vouchers (see `IFeeEscrow`).
contract FeeEscrow is IFeeEscrow, EIP712, AccessControl, ReentrancyGuardTransient, BoundedPausable {
    using SafeERC20 for IERC20;

    /// @notice May pause and unpause (the guardian).
    bytes32 public constant PAUSER_ROLE = keccak256("PAUSER_ROLE");
    bytes32 public constant VOUCHER_TYPEHASH =
        keccak256("Voucher(bytes32 channelId,uint128 cumulativeAmount)");
    /// @notice `ChannelState.closeAt` of a closed channel.
    uint32 public constant CLOSED = type(uint32).max;
    /// @notice Bounds of the governance parameters (constant).
    uint256 public constant MAX_PROTOCOL_FEE_BPS = 1000;
    uint256 public constant MIN_CHALLENGE_WINDOW = 1 hours;
    uint256 public constant MAX_CHALLENGE_WINDOW = 7 days;
    uint256 private constant _BPS = 10_000;

    /// @dev A payment token: whether new channels may use it, and its fees not yet swept.
    struct TokenState {
        bool allowed;
        uint128 accruedFees;
        /// @dev 18 minus the token's decimals: payments count in 18-decimal units towards `settledBetween`.
        uint8 decimalsGap;
    }

    /// @dev A dispute: the channel, its provider and consumer, and the hash of the evidence URI.
    struct StoredDispute {
        bytes32 channelId;
        uint64 providerAgentId;
        address consumer;
        bytes32 evidenceHash;
    }

    /// @dev One transfer of a batch redemption.
    struct Payout {
        uint64 agentId;
        address payee;
        address token;
        uint256 amount;
    }

    IAgentRegistry private immutable _REGISTRY;
    IStakingVault private immutable _VAULT;
    address private immutable _TREASURY;

    // One slot: the parameters every redemption reads, and the pause accounting that stretches challenge windows.
    uint16 private _feeBps;
    uint32 private _challengeWindow;
    /// @dev Start of the pause not yet folded into `_pausedBefore` (0: none).
    uint40 private _pauseStart;
    /// @dev Seconds of the pauses that ended before `_pauseStart`.
    uint32 private _pausedBefore;

    uint256 private _disputes;
    mapping(bytes32 channelId => ChannelState) private _channels;
    mapping(address token => TokenState) private _tokens;
    mapping(address consumer => mapping(uint256 providerAgentId => uint256 units)) private _settled;
    mapping(uint256 disputeId => StoredDispute) private _disputeRecords;

    constructor(IAgentRegistry registry_, IStakingVault vault_, address treasury_, address admin)
        EIP712("Conclave Fee Escrow", "1")
        BoundedPausable(7 days)
    {
        _REGISTRY = registry_;
        _VAULT = vault_;
        _TREASURY = treasury_;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _setProtocolFeeBps(250);
        _setChallengeWindow(24 hours);
    }

    // ---------------------------------------------------------------- channels

    /// @inheritdoc IFeeEscrow
    function open(Channel calldata terms, uint256 amount)
        external
        nonReentrant
        whenNotPaused
        returns (bytes32 id)
    {
        id = _open(terms, amount);
        IERC20(terms.token).safeTransferFrom(msg.sender, address(this), amount);
    }

    /// @inheritdoc IFeeEscrow
    function openWithPermit(
        Channel calldata terms,
        uint256 amount,
        uint256 deadline,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external nonReentrant whenNotPaused returns (bytes32 id) {
        id = _open(terms, amount);
        _permit(terms.token, amount, deadline, v, r, s);
        IERC20(terms.token).safeTransferFrom(msg.sender, address(this), amount);
    }

    /// @inheritdoc IFeeEscrow
    function topUp(Channel calldata terms, uint256 amount) external nonReentrant whenNotPaused {
        _topUp(terms, amount);
        IERC20(terms.token).safeTransferFrom(msg.sender, address(this), amount);
    }

    /// @inheritdoc IFeeEscrow
    function topUpWithPermit(
        Channel calldata terms,
        uint256 amount,
        uint256 deadline,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external nonReentrant whenNotPaused {
        _topUp(terms, amount);
        _permit(terms.token, amount, deadline, v, r, s);
        IERC20(terms.token).safeTransferFrom(msg.sender, address(this), amount);
    }

    /// @inheritdoc IFeeEscrow
    function redeem(Channel calldata terms, uint128 cumulativeAmount, bytes calldata signature)
        external
        nonReentrant
        whenNotPaused
        returns (uint256 amount)
    {
        amount = _redeemAndPay(terms, channelId(terms), cumulativeAmount, signature, false);
    }

    /// @inheritdoc IFeeEscrow
    function redeemMany(Redemption[] calldata redemptions)
        external
        nonReentrant
        whenNotPaused
        returns (uint256 total)
    {
        uint256 n = redemptions.length;
        Payout[] memory payouts = new Payout[](n);
        uint256 payoutCount;
        // Fees per token: most batches use one token, so the last one is kept aside and written once.
        address feeToken;
        uint256 feeAmount;
        for (uint256 i; i < n; ++i) {
            Redemption calldata r = redemptions[i];
            // A voucher someone else redeemed first pays nothing more: skipped, so it cannot sink the batch.
            (uint256 amount, uint256 fee) =
                _settle(r.channel, channelId(r.channel), r.cumulativeAmount, r.signature, true);
            if (amount == 0) continue;
            total += amount;
            address token = r.channel.token;
            if (token != feeToken) {
                _accrue(feeToken, feeAmount);
                (feeToken, feeAmount) = (token, 0);
            }
            feeAmount += fee;
            payoutCount = _addPayout(payouts, payoutCount, r.channel.providerAgentId, token, amount - fee);
        }
        _accrue(feeToken, feeAmount);
        for (uint256 i; i < payoutCount; ++i) {
            Payout memory p = payouts[i];
            IERC20(p.token).safeTransfer(p.payee, p.amount);
            emit PayoutSent(p.payee, p.token, p.amount);
        }
    }

    /// @inheritdoc IFeeEscrow
    function requestClose(Channel calldata terms) external {
        bytes32 id = _onlyConsumer(terms);
        if (_liveChannel(id).closeAt != 0) revert EscrowChannelClosing(id, closeDeadline(id));
        ChannelState storage c = _channels[id];
        uint256 deadline = block.timestamp + _challengeWindow;
        // forge-lint: disable-next-line(unsafe-typecast) — timestamps fit 32 bits until 2106
        c.closeAt = uint32(deadline);
        c.pausedSecondsAtRequest = uint32(pausedSeconds());
        emit ChannelCloseRequested(id, terms.consumer, deadline);
    }

    /// @inheritdoc IFeeEscrow
    function withdraw(Channel calldata terms) external nonReentrant whenNotPaused returns (uint256 refund) {
        bytes32 id = _onlyConsumer(terms);
        if (_liveChannel(id).closeAt == 0) revert EscrowChannelNotClosing(id);
        uint256 deadline = closeDeadline(id);
        if (block.timestamp < deadline) revert EscrowChallengeWindowOpen(id, deadline, block.timestamp);
        refund = _close(id, terms, false);
    }

    /// @inheritdoc IFeeEscrow
    function redeemAndClose(Channel calldata terms, uint128 cumulativeAmount, bytes calldata signature)
        external
        nonReentrant
        whenNotPaused
        returns (uint256 refund)
    {
        _onlyProvider(terms.providerAgentId);
        bytes32 id = channelId(terms);
        // The last voucher, if any; one a front-runner already redeemed pays nothing more and the close goes on.
        if (signature.length != 0) _redeemAndPay(terms, id, cumulativeAmount, signature, true);
        else _liveChannel(id);
        refund = _close(id, terms, true);
    }

    /// @inheritdoc IFeeEscrow
    function recordDispute(Channel calldata terms, string calldata evidenceURI)
        external
        returns (uint256 disputeId)
    {
        bytes32 id = _onlyConsumer(terms);
        if (_channels[id].deposit == 0) revert EscrowChannelNotFound(id);
        if (bytes(evidenceURI).length == 0) revert EscrowEmptyEvidence();
        disputeId = ++_disputes;
        _disputeRecords[disputeId] = StoredDispute({
            channelId: id,
            providerAgentId: terms.providerAgentId,
            consumer: terms.consumer,
            evidenceHash: keccak256(bytes(evidenceURI))
        });
        emit DisputeRecorded(disputeId, id, terms.providerAgentId, terms.consumer, evidenceURI);
    }

    /// @inheritdoc IFeeEscrow
    function sweepFees(address token) external nonReentrant whenNotPaused returns (uint256 amount) {
        amount = _tokens[token].accruedFees;
        if (amount == 0) revert EscrowNothingToSweep(token);
        _tokens[token].accruedFees = 0;
        IERC20(token).safeTransfer(_TREASURY, amount);
        emit FeesSwept(token, _TREASURY, amount);
    }

    // ---------------------------------------------------------------- pausing

    /// @inheritdoc IBoundedPausable
    function paused() public view override(IBoundedPausable, BoundedPausable) returns (bool) {
        return super.paused();
    }

    /// @notice Pauses for `pauseDuration`. Pauser role; a pauser that is not governance waits out the cooldown.
    function pause() external onlyRole(PAUSER_ROLE) {
        _boundedPause(hasRole(DEFAULT_ADMIN_ROLE, msg.sender));
    }

    /// @notice Lifts the running pause early. Pauser role.
    function unpause() external onlyRole(PAUSER_ROLE) {
        _boundedUnpause();
    }

    /// @notice Pauses, or extends the running pause, until `until` (governance).
    function pauseUntil(uint256 until) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _pauseUntil(until);
    }

    /// @notice Sets how long a pause lasts (governance).
    function setPauseDuration(uint256 duration) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setPauseDuration(duration);
    }

    /// @dev Every pause starts here: the previous one, over by now, is folded into the paused total first.
    function _pause() internal override {
        uint256 start = _pauseStart;
        // forge-lint: disable-next-line(unsafe-typecast) — pauses are bounded to 90 days ahead at a time
        if (start != 0) _pausedBefore += uint32(pausedUntil - start);
        _pauseStart = uint40(block.timestamp);
        super._pause();
    }

    // ---------------------------------------------------------------- governance

    /// @inheritdoc IFeeEscrow
    function setProtocolFeeBps(uint256 bps) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setProtocolFeeBps(bps);
    }

    /// @inheritdoc IFeeEscrow
    function setChallengeWindow(uint256 window) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setChallengeWindow(window);
    }

    /// @inheritdoc IFeeEscrow
    function setPaymentToken(address token, bool allowed) external onlyRole(DEFAULT_ADMIN_ROLE) {
        TokenState storage t = _tokens[token];
        t.allowed = allowed;
        if (allowed) t.decimalsGap = _decimalsGap(token);
        emit PaymentTokenSet(token, allowed);
    }

    // ---------------------------------------------------------------- reads

    /// @inheritdoc IFeeEscrow
    function channelId(Channel calldata terms) public pure returns (bytes32) {
        return keccak256(abi.encode(terms));
    }

    /// @inheritdoc IFeeEscrow
    function voucherDigest(bytes32 id, uint128 cumulativeAmount) public view returns (bytes32) {
        return _hashTypedDataV4(keccak256(abi.encode(VOUCHER_TYPEHASH, id, cumulativeAmount)));
    }

    /// @inheritdoc IFeeEscrow
    function channelState(bytes32 id) external view returns (ChannelState memory) {
        return _channels[id];
    }

    /// @inheritdoc IFeeEscrow
    function closeDeadline(bytes32 id) public view returns (uint256) {
        ChannelState storage c = _channels[id];
        uint256 closeAt = c.closeAt;
        if (closeAt == 0 || closeAt == CLOSED) return 0;
        return closeAt + pausedSeconds() - c.pausedSecondsAtRequest;
    }

    /// @inheritdoc IFeeEscrow
    function payoutAddress(uint256 providerAgentId) public view returns (address payee) {
        payee = _REGISTRY.getAgentWallet(providerAgentId);
        if (payee == address(0)) payee = _REGISTRY.ownerOf(providerAgentId);
    }

    /// @inheritdoc IFeeEscrow
    function pausedSeconds() public view returns (uint256 total) {
        total = _pausedBefore;
        uint256 start = _pauseStart;
        if (start != 0) {
            uint256 end = pausedUntil < block.timestamp ? pausedUntil : block.timestamp;
            if (end > start) total += end - start;
        }
    }

    /// @inheritdoc IFeeEscrow
    function settledBetween(address consumer, uint256 providerAgentId) external view returns (uint256) {
        return _settled[consumer][providerAgentId];
    }

    /// @inheritdoc IFeeEscrow
    function dispute(uint256 disputeId)
        external
        view
        returns (bytes32 disputedChannel, uint256 providerAgentId, address consumer, bytes32 evidenceHash)
    {
        StoredDispute storage d = _disputeRecords[disputeId];
        if (d.consumer == address(0)) revert EscrowDisputeNotFound(disputeId);
        return (d.channelId, d.providerAgentId, d.consumer, d.evidenceHash);
    }

    /// @inheritdoc IFeeEscrow
    function accruedFees(address token) external view returns (uint256) {
        return _tokens[token].accruedFees;
    }

    /// @inheritdoc IFeeEscrow
    function isPaymentToken(address token) external view returns (bool) {
        return _tokens[token].allowed;
    }

    /// @inheritdoc IFeeEscrow
    function protocolFeeBps() external view returns (uint256) {
        return _feeBps;
    }

    /// @inheritdoc IFeeEscrow
    function challengeWindow() external view returns (uint256) {
        return _challengeWindow;
    }

    /// @inheritdoc IFeeEscrow
    function disputeCount() external view returns (uint256) {
        return _disputes;
    }

    /// @inheritdoc IFeeEscrow
    function treasury() external view returns (address) {
        return _TREASURY;
    }

    /// @notice The agent registry that names providers and their payout addresses.
    function registry() external view returns (IAgentRegistry) {
        return _REGISTRY;
    }

    /// @notice The staking vault that says whether a provider is active.
    function stakingVault() external view returns (IStakingVault) {
        return _VAULT;
    }

    // ---------------------------------------------------------------- internals

    function _open(Channel calldata terms, uint256 amount) private returns (bytes32 id) {
        id = channelId(terms);
        if (terms.consumer != msg.sender) revert EscrowInvalidTerms(id);
        if (!_tokens[terms.token].allowed) revert EscrowTokenNotAllowed(terms.token);
        if (amount == 0 || amount > type(uint96).max) revert EscrowInvalidAmount(amount);
        ChannelState storage c = _channels[id];
        if (c.deposit != 0) revert EscrowChannelExists(id);
        try _VAULT.isActive(terms.providerAgentId) returns (bool active) {
            if (!active) revert EscrowProviderNotActive(terms.providerAgentId);
        } catch {
            // The agent does not exist.
            revert EscrowProviderNotActive(terms.providerAgentId);
        }
        // forge-lint: disable-next-line(unsafe-typecast) — `amount` is checked against `type(uint96).max` above
        c.deposit = uint96(amount);
        emit ChannelOpened(
            id, msg.sender, terms.providerAgentId, terms.token, terms.voucherKey, terms.salt, amount
        );
    }

    function _topUp(Channel calldata terms, uint256 amount) private {
        bytes32 id = channelId(terms);
        ChannelState memory c = _liveChannel(id);
        if (c.closeAt != 0) revert EscrowChannelClosing(id, closeDeadline(id));
        uint256 newDeposit = c.deposit + amount;
        if (amount == 0 || newDeposit > type(uint96).max) revert EscrowInvalidAmount(amount);
        // forge-lint: disable-next-line(unsafe-typecast) — checked against `type(uint96).max` above
        _channels[id].deposit = uint96(newDeposit);
        emit ChannelToppedUp(id, msg.sender, amount, newDeposit);
    }

    /// @dev Redeems one voucher and pays the provider's share at once; returns what the channel paid, fee included.
    function _redeemAndPay(
        Channel calldata terms,
        bytes32 id,
        uint128 cumulativeAmount,
        bytes calldata signature,
        bool allowRedeemed
    ) private returns (uint256 amount) {
        uint256 fee;
        (amount, fee) = _settle(terms, id, cumulativeAmount, signature, allowRedeemed);
        if (amount == 0) return 0;
        _accrue(terms.token, fee);
        address payee = payoutAddress(terms.providerAgentId);
        IERC20(terms.token).safeTransfer(payee, amount - fee);
        emit PayoutSent(payee, terms.token, amount - fee);
    }

    /// @dev Checks a voucher and records what it pays: (`amount` paid now, `fee` of it for the treasury). A voucher
    /// that pays nothing new reverts, unless `allowRedeemed` (then it pays 0 and its signature is not checked).
    function _settle(
        Channel calldata terms,
        bytes32 id,
        uint128 cumulativeAmount,
        bytes calldata signature,
        bool allowRedeemed
    ) private returns (uint256 amount, uint256 fee) {
        ChannelState memory c = _liveChannel(id);
        if (c.closeAt != 0) {
            uint256 deadline = c.closeAt + pausedSeconds() - c.pausedSecondsAtRequest;
            if (block.timestamp >= deadline) revert EscrowChallengeWindowOver(id, deadline, block.timestamp);
        }
        uint256 payable_ = cumulativeAmount < c.deposit ? cumulativeAmount : c.deposit;
        if (payable_ <= c.paid) {
            if (allowRedeemed) return (0, 0);
            revert EscrowVoucherNotNewer(id, cumulativeAmount, c.paid, c.deposit);
        }
        _checkVoucher(terms, id, cumulativeAmount, signature);
        amount = payable_ - c.paid;
        // forge-lint: disable-next-line(unsafe-typecast) — at most the deposit, a uint96
        _channels[id].paid = uint96(payable_);
        fee = amount * _feeBps / _BPS;
        emit VoucherRedeemed(id, cumulativeAmount, amount, fee);
    }

    /// @dev The consumer's or the voucher key's signature: an EOA's (low `s` only) or, for a signer with code,
    /// an ERC-1271 approval.
    function _checkVoucher(
        Channel calldata terms,
        bytes32 id,
        uint128 cumulativeAmount,
        bytes calldata signature
    ) private view {
        bytes32 digest = voucherDigest(id, cumulativeAmount);
        (address recovered, ECDSA.RecoverError error,) = ECDSA.tryRecoverCalldata(digest, signature);
        if (error == ECDSA.RecoverError.NoError) {
            if (recovered == terms.consumer || recovered == terms.voucherKey) return;
        }
        if (
            _isValid1271(terms.consumer, digest, signature)
                || _isValid1271(terms.voucherKey, digest, signature)
        ) {
            return;
        }
        revert EscrowInvalidVoucherSignature(id, recovered);
    }

    function _isValid1271(address signer, bytes32 digest, bytes calldata signature)
        private
        view
        returns (bool)
    {
        return
            signer.code.length != 0 && SignatureChecker.isValidERC1271SignatureNow(signer, digest, signature);
    }

    /// @dev 18 minus `token`'s decimals (0 for a token with 18 or more, or none).
    function _decimalsGap(address token) private view returns (uint8) {
        try IERC20Metadata(token).decimals() returns (uint8 decimals) {
            return decimals < 18 ? 18 - decimals : 0;
        } catch {
            return 0;
        }
    }

    function _accrue(address token, uint256 fee) private {
        // forge-lint: disable-next-line(unsafe-typecast) — a fee is at most a tenth of a uint96 amount
        if (fee != 0) _tokens[token].accruedFees += uint128(fee);
    }

    /// @dev Adds `amount` for `agentId`'s payout address in `token`, merging with a payout to the same address.
    function _addPayout(Payout[] memory payouts, uint256 count, uint64 agentId, address token, uint256 amount)
        private
        view
        returns (uint256)
    {
        address payee;
        for (uint256 i; i < count; ++i) {
            Payout memory p = payouts[i];
            if (p.agentId == agentId) {
                payee = p.payee;
                if (p.token == token) {
                    p.amount += amount;
                    return count;
                }
            }
        }
        if (payee == address(0)) payee = payoutAddress(agentId);
        for (uint256 i; i < count; ++i) {
            Payout memory p = payouts[i];
            if (p.payee == payee && p.token == token) {
                p.amount += amount;
                return count;
            }
        }
        payouts[count] = Payout({agentId: agentId, payee: payee, token: token, amount: amount});
        return count + 1;
    }

    /// @dev Closes channel `id`: what it has not paid goes back to the consumer.
    function _close(bytes32 id, Channel calldata terms, bool byProvider) private returns (uint256 refund) {
        ChannelState storage c = _channels[id];
        uint256 paid = c.paid;
        refund = c.deposit - paid;
        c.closeAt = CLOSED;
        // What the consumer paid the provider, final once the channel closes, in 18-decimal units: the reputation
        // registry weighs ratings by it. Counted here rather than at each redemption, which stays cheap.
        if (paid != 0) {
            _settled[terms.consumer][terms.providerAgentId] += paid * 10 ** _tokens[terms.token].decimalsGap;
        }
        if (refund != 0) IERC20(terms.token).safeTransfer(terms.consumer, refund);
        emit ChannelClosed(id, terms.consumer, refund, byProvider);
    }

    /// @dev The state of channel `id`, which must have been opened and not closed.
    function _liveChannel(bytes32 id) private view returns (ChannelState memory c) {
        c = _channels[id];
        if (c.deposit == 0) revert EscrowChannelNotFound(id);
        if (c.closeAt == CLOSED) revert EscrowChannelClosed(id);
    }

    function _onlyProvider(uint256 providerAgentId) private view {
        // The registry reverts for an agent that does not exist: nobody provides for it.
        try _REGISTRY.isOwnerOrOperator(providerAgentId, msg.sender) returns (bool provider) {
            if (provider) return;
        } catch {}
        revert EscrowNotProvider(providerAgentId, msg.sender);
    }

    function _onlyConsumer(Channel calldata terms) private view returns (bytes32 id) {
        id = channelId(terms);
        if (msg.sender != terms.consumer) revert EscrowNotConsumer(id, msg.sender);
    }

    /// @dev A front-run permit makes `permit` fail while its allowance stands: the transfer that follows fails on its
    /// own if the allowance is short (OpenZeppelin's recommended pattern).
    function _permit(address token, uint256 amount, uint256 deadline, uint8 v, bytes32 r, bytes32 s) private {
        try IERC20Permit(token).permit(msg.sender, address(this), amount, deadline, v, r, s) {} catch {}
    }

    function _setProtocolFeeBps(uint256 bps) private {
        if (bps > MAX_PROTOCOL_FEE_BPS) revert EscrowFeeOutOfBounds(bps, MAX_PROTOCOL_FEE_BPS);
        emit ProtocolFeeSet(_feeBps, bps);
        // forge-lint: disable-next-line(unsafe-typecast) — at most `MAX_PROTOCOL_FEE_BPS`
        _feeBps = uint16(bps);
    }

    function _setChallengeWindow(uint256 window) private {
        if (window < MIN_CHALLENGE_WINDOW || window > MAX_CHALLENGE_WINDOW) {
            revert EscrowWindowOutOfBounds(window, MIN_CHALLENGE_WINDOW, MAX_CHALLENGE_WINDOW);
        }
        emit ChallengeWindowSet(_challengeWindow, window);
        // forge-lint: disable-next-line(unsafe-typecast) — at most `MAX_CHALLENGE_WINDOW`
        _challengeWindow = uint32(window);
    }
}
