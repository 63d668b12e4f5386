// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IFeeEscrow} from "../../contracts/interfaces/IFeeEscrow.sol";
import {EscrowBase} from "../utils/EscrowBase.sol";

/// @notice Gas snapshots (snapshots/EscrowGas.json) of the fee escrow, each call its own transaction
/// (`isolate = true`). As users meet it: the escrow already holds other channels' deposits, the provider's payout
/// address already holds the token, and fees have accrued before.
contract EscrowGas is EscrowBase {
    IFeeEscrow.Channel internal terms;
    bytes32 internal id;

    function setUp() public override {
        super.setUp();
        // Someone else's channel, redeemed once: the escrow's balance, the accrued fees and the provider's balance
        // are non-zero, as on a live deployment.
        (address other, uint256 otherKey) = makeAddrAndKey("otherConsumer");
        _fund(other, DEPOSIT);
        IFeeEscrow.Channel memory otherTerms = _terms(other, address(0), 0);
        vm.startPrank(other);
        token.approve(address(escrow), DEPOSIT);
        bytes32 otherId = escrow.open(otherTerms, DEPOSIT);
        vm.stopPrank();
        escrow.redeem(otherTerms, 1 ether, _voucher(otherKey, otherId, 1 ether));
    }

    function test_Gas_Open() public {
        terms = _terms(consumer, hotKey, 0);
        vm.prank(consumer);
        escrow.open(terms, DEPOSIT);
        vm.snapshotGasLastCall("open (first channel)");
    }

    function test_Gas_ChannelLifeCycle() public {
        (terms, id) = _openChannel(DEPOSIT);
        vm.prank(consumer);
        escrow.topUp(terms, 100 ether);
        vm.snapshotGasLastCall("topUp");

        escrow.redeem(terms, 10 ether, _voucher(hotKeyKey, id, 10 ether));
        vm.snapshotGasLastCall("redeem one voucher (first on the channel), payout included");
        escrow.redeem(terms, 20 ether, _voucher(hotKeyKey, id, 20 ether));
        uint256 redeemGas = vm.snapshotGasLastCall("redeem one voucher (later), payout included");
        // One voucher covers every call since the last redemption: at 100 calls per voucher, each call costs
        // a hundredth of a redemption (x402 `exact` pays one transfer per call).
        vm.snapshotValue("amortised gas per paid call, one voucher for 100 calls", redeemGas / 100);

        vm.prank(consumer);
        escrow.requestClose(terms);
        vm.snapshotGasLastCall("requestClose");
        vm.warp(escrow.closeDeadline(id));
        vm.prank(consumer);
        escrow.withdraw(terms);
        vm.snapshotGasLastCall("withdraw (after the challenge window)");

        escrow.sweepFees(address(token));
        vm.snapshotGasLastCall("sweepFees");
    }

    function test_Gas_RedeemAndClose() public {
        (terms, id) = _openChannel(DEPOSIT);
        escrow.redeem(terms, 10 ether, _voucher(hotKeyKey, id, 10 ether));
        bytes memory voucher = _voucher(hotKeyKey, id, 20 ether);
        vm.prank(alice);
        escrow.redeemAndClose(terms, 20 ether, voucher);
        vm.snapshotGasLastCall("redeemAndClose (provider closes at once)");
    }

    function test_Gas_RedeemMany10() public {
        _batch(10, "redeemMany, 10 channels, per channel");
    }

    function test_Gas_RedeemMany100() public {
        _batch(100, "redeemMany, 100 channels, per channel");
    }

    /// `n` consumers' channels to the provider, each redeemed once before; then one batch redeems them all.
    function _batch(uint256 n, string memory name) internal {
        IFeeEscrow.Redemption[] memory batch = new IFeeEscrow.Redemption[](n);
        for (uint256 i; i < n; ++i) {
            (address payer, uint256 key) = makeAddrAndKey(string.concat("payer", vm.toString(i)));
            _fund(payer, DEPOSIT);
            IFeeEscrow.Channel memory t = _terms(payer, address(0), 0);
            vm.startPrank(payer);
            token.approve(address(escrow), DEPOSIT);
            bytes32 channel = escrow.open(t, DEPOSIT);
            vm.stopPrank();
            escrow.redeem(t, 1 ether, _voucher(key, channel, 1 ether));
            batch[i] = IFeeEscrow.Redemption(t, 2 ether, _voucher(key, channel, 2 ether));
        }
        escrow.redeemMany(batch);
        uint256 total =
            vm.snapshotGasLastCall(string.concat("redeemMany, ", vm.toString(n), " channels, total"));
        vm.snapshotValue(name, total / n);
    }
}
