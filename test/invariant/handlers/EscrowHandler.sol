// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ConclaveToken} from "../../../contracts/ConclaveToken.sol";
import {FeeEscrow} from "../../../contracts/FeeEscrow.sol";
import {IFeeEscrow} from "../../../contracts/interfaces/IFeeEscrow.sol";
import {CommonBase} from "forge-std/Base.sol";
import {StdCheats} from "forge-std/StdCheats.sol";
import {StdUtils} from "forge-std/StdUtils.sol";

/// @notice Drives the fee escrow through random channel lives (open, top up, vouchers, batches, closes, pauses,
/// sweeps) between three consumers and two provider agents, and keeps a ghost ledger of what each party must hold.
contract EscrowHandler is CommonBase, StdCheats, StdUtils {
    ConclaveToken internal immutable TOKEN;
    FeeEscrow internal immutable ESCROW;
    address internal immutable PAUSER;
    address internal immutable PROVIDER_OWNER;

    address[3] public consumers;
    uint256[3] internal consumerKeys;
    uint256[2] public providerAgents;

    IFeeEscrow.Channel[] internal channels;
    bytes32[] public channelIds;
    /// Ghost: what each channel has paid, and its highest voucher signed so far.
    mapping(bytes32 id => uint256) public ghostPaid;
    mapping(bytes32 id => uint256) public ghostSigned;
    mapping(bytes32 id => bool) public ghostClosed;
    /// Ghost: what payout addresses should have received, and the fees that should have reached the treasury.
    mapping(address payee => uint256) public ghostPayouts;
    uint256 public ghostFees;
    uint256 public ghostSwept;
    uint256 public closedRedeemAttempts;

    constructor(
        ConclaveToken token,
        FeeEscrow escrow,
        address pauser,
        address providerOwner,
        uint256[2] memory agents,
        address[3] memory consumers_,
        uint256[3] memory keys
    ) {
        TOKEN = token;
        ESCROW = escrow;
        PAUSER = pauser;
        PROVIDER_OWNER = providerOwner;
        providerAgents = agents;
        consumers = consumers_;
        consumerKeys = keys;
    }

    function channelCount() external view returns (uint256) {
        return channelIds.length;
    }

    function channel(uint256 i) external view returns (IFeeEscrow.Channel memory) {
        return channels[i];
    }

    // ---------------------------------------------------------------- actions

    function open(uint256 who, uint256 agent, uint256 amount) external {
        if (ESCROW.paused()) return;
        who = who % 3;
        amount = bound(amount, 1, 1000 ether);
        IFeeEscrow.Channel memory terms = IFeeEscrow.Channel({
            consumer: consumers[who],
            providerAgentId: uint64(providerAgents[agent % 2]),
            token: address(TOKEN),
            voucherKey: address(0),
            salt: uint96(channels.length)
        });
        vm.prank(consumers[who]);
        bytes32 id = ESCROW.open(terms, amount);
        channels.push(terms);
        channelIds.push(id);
    }

    function topUp(uint256 c, uint256 amount) external {
        if (channels.length == 0 || ESCROW.paused()) return;
        c = c % channels.length;
        IFeeEscrow.ChannelState memory s = ESCROW.channelState(channelIds[c]);
        if (s.closeAt != 0) return;
        amount = bound(amount, 1, 100 ether);
        vm.prank(channels[c].consumer);
        ESCROW.topUp(channels[c], amount);
    }

    /// The consumer signs a bigger voucher (sometimes beyond the deposit) and the provider redeems it.
    function redeem(uint256 c, uint256 increment) external {
        if (channels.length == 0 || ESCROW.paused()) return;
        c = c % channels.length;
        bytes32 id = channelIds[c];
        if (!_redeemable(id)) {
            if (ghostClosed[id]) _tryRedeemClosed(c);
            return;
        }
        IFeeEscrow.ChannelState memory s = ESCROW.channelState(id);
        uint256 signed = ghostSigned[id] + bound(increment, 1, 300 ether);
        ghostSigned[id] = signed;
        uint256 payable_ = signed < s.deposit ? signed : s.deposit;
        if (payable_ <= s.paid) return; // the voucher pays nothing new yet
        _expect(id, channels[c].providerAgentId, payable_ - s.paid);
        ESCROW.redeem(channels[c], uint128(signed), _sign(c, id, uint128(signed)));
    }

    function redeemMany(uint256 seed) external {
        if (channels.length == 0 || ESCROW.paused()) return;
        uint256 n = bound(seed, 1, channels.length);
        IFeeEscrow.Redemption[] memory batch = new IFeeEscrow.Redemption[](n);
        uint256 count;
        for (uint256 i; i < n; ++i) {
            uint256 c = (seed % channels.length + i) % channels.length;
            bytes32 id = channelIds[c];
            if (!_redeemable(id) || _inBatch(batch, count, id)) continue;
            IFeeEscrow.ChannelState memory s = ESCROW.channelState(id);
            uint256 signed = ghostSigned[id] + 1 ether;
            ghostSigned[id] = signed;
            uint256 payable_ = signed < s.deposit ? signed : s.deposit;
            if (payable_ <= s.paid) continue;
            _expect(id, channels[c].providerAgentId, payable_ - s.paid);
            batch[count++] =
                IFeeEscrow.Redemption(channels[c], uint128(signed), _sign(c, id, uint128(signed)));
        }
        if (count == 0) return;
        assembly {
            mstore(batch, count)
        }
        ESCROW.redeemMany(batch);
    }

    function requestClose(uint256 c) external {
        if (channels.length == 0) return;
        c = c % channels.length;
        if (ESCROW.channelState(channelIds[c]).closeAt != 0) return;
        vm.prank(channels[c].consumer);
        ESCROW.requestClose(channels[c]);
    }

    function withdraw(uint256 c) external {
        if (channels.length == 0 || ESCROW.paused()) return;
        c = c % channels.length;
        bytes32 id = channelIds[c];
        IFeeEscrow.ChannelState memory s = ESCROW.channelState(id);
        if (s.closeAt == 0 || s.closeAt == ESCROW.CLOSED() || block.timestamp < ESCROW.closeDeadline(id)) {
            return;
        }
        vm.prank(channels[c].consumer);
        ESCROW.withdraw(channels[c]);
        ghostClosed[id] = true;
    }

    function providerCloses(uint256 c) external {
        if (channels.length == 0 || ESCROW.paused()) return;
        c = c % channels.length;
        bytes32 id = channelIds[c];
        if (ghostClosed[id]) return;
        vm.prank(PROVIDER_OWNER);
        ESCROW.redeemAndClose(channels[c], 0, "");
        ghostClosed[id] = true;
    }

    function sweep() external {
        if (ESCROW.paused()) return;
        uint256 accrued = ESCROW.accruedFees(address(TOKEN));
        if (accrued == 0) return;
        ESCROW.sweepFees(address(TOKEN));
        ghostSwept += accrued;
    }

    function pause() external {
        if (ESCROW.paused() || block.timestamp < ESCROW.pauseCooldownEnd()) return;
        vm.prank(PAUSER);
        ESCROW.pause();
    }

    function unpause() external {
        if (!ESCROW.paused()) return;
        vm.prank(PAUSER);
        ESCROW.unpause();
    }

    function warp(uint256 seconds_) external {
        vm.warp(block.timestamp + bound(seconds_, 1, 3 days));
    }

    // ---------------------------------------------------------------- helpers

    function _redeemable(bytes32 id) internal view returns (bool) {
        IFeeEscrow.ChannelState memory s = ESCROW.channelState(id);
        if (s.closeAt == ESCROW.CLOSED()) return false;
        return s.closeAt == 0 || block.timestamp < ESCROW.closeDeadline(id);
    }

    /// A closed channel must refuse any voucher.
    function _tryRedeemClosed(uint256 c) internal {
        bytes32 id = channelIds[c];
        uint256 signed = ghostSigned[id] + 1 ether;
        try ESCROW.redeem(channels[c], uint128(signed), _sign(c, id, uint128(signed))) {
            revert("a closed channel paid");
        } catch {
            ++closedRedeemAttempts;
        }
    }

    function _expect(bytes32 id, uint256 agentId, uint256 amount) internal {
        uint256 fee = amount * ESCROW.protocolFeeBps() / 10_000;
        ghostPaid[id] += amount;
        ghostFees += fee;
        ghostPayouts[ESCROW.payoutAddress(agentId)] += amount - fee;
    }

    function _inBatch(IFeeEscrow.Redemption[] memory batch, uint256 count, bytes32 id)
        internal
        view
        returns (bool)
    {
        for (uint256 i; i < count; ++i) {
            if (ESCROW.channelId(batch[i].channel) == id) return true;
        }
        return false;
    }

    function _sign(uint256 c, bytes32 id, uint128 amount) internal view returns (bytes memory) {
        uint256 key;
        for (uint256 i; i < 3; ++i) {
            if (consumers[i] == channels[c].consumer) key = consumerKeys[i];
        }
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, ESCROW.voucherDigest(id, amount));
        return abi.encodePacked(r, s, v);
    }
}
