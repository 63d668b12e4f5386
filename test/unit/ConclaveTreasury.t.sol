// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IConclaveGovernor} from "../../contracts/interfaces/IConclaveGovernor.sol";
import {IConclaveTreasury} from "../../contracts/interfaces/IConclaveTreasury.sol";
import {GovernanceBase} from "../utils/GovernanceBase.sol";

contract ConclaveTreasuryTest is GovernanceBase {
    address internal recipient = makeAddr("recipient");

    function test_Defaults() public view {
        assertEq(treasury.reserveFloorBps(), 2000);
        assertEq(treasury.holdings(address(token)), TREASURY_ALLOCATION);
        assertEq(treasury.reserveFloor(address(token)), TREASURY_ALLOCATION / 5);
    }

    function test_Spend_UpToTheFloor() public {
        uint256 max = TREASURY_ALLOCATION * 8 / 10;
        vm.expectEmit(address(treasury));
        emit IConclaveTreasury.Spent(address(token), recipient, max, TREASURY_ALLOCATION - max, false);
        vm.prank(address(timelock));
        treasury.spend(address(token), recipient, max);
        assertEq(token.balanceOf(recipient), max);
    }

    function test_RevertWhen_SpendBelowFloor() public {
        uint256 tooMuch = TREASURY_ALLOCATION * 8 / 10 + 1;
        vm.expectRevert(
            abi.encodeWithSelector(
                IConclaveTreasury.TreasuryBelowReserveFloor.selector,
                address(token),
                TREASURY_ALLOCATION - tooMuch,
                TREASURY_ALLOCATION / 5
            )
        );
        vm.prank(address(timelock));
        treasury.spend(address(token), recipient, tooMuch);
    }

    /// Two spends in one transaction are held to the floor of the holdings before the first.
    function test_RevertWhen_SecondSpendInSameTransactionBreaksFloor() public {
        uint256 half = TREASURY_ALLOCATION / 2;
        vm.startPrank(address(timelock));
        treasury.spend(address(token), recipient, half); // leaves 50 %
        vm.expectRevert(
            abi.encodeWithSelector(
                IConclaveTreasury.TreasuryBelowReserveFloor.selector,
                address(token),
                TREASURY_ALLOCATION - half - (half * 7 / 10),
                TREASURY_ALLOCATION / 5
            )
        );
        treasury.spend(address(token), recipient, half * 7 / 10); // would leave 15 % of the original holdings
        vm.stopPrank();
    }

    /// Tokens that arrive between two spends of one transaction raise the floor: it is the larger of the holdings
    /// at the first spend and the holdings now.
    function test_RevertWhen_SpendBreaksTheFloorOfHoldingsThatArrivedInTheSameTransaction() public {
        vm.prank(address(timelock));
        treasury.spend(address(token), recipient, TREASURY_ALLOCATION / 2); // leaves 50M
        _fund(address(treasury), 200_000_000 ether); // arrives in the same transaction
        uint256 holdingsNow = token.balanceOf(address(treasury));
        uint256 amount = holdingsNow - holdingsNow / 10; // would leave 10 % of what the treasury now holds
        vm.expectRevert(
            abi.encodeWithSelector(
                IConclaveTreasury.TreasuryBelowReserveFloor.selector,
                address(token),
                holdingsNow - amount,
                holdingsNow / 5
            )
        );
        vm.prank(address(timelock));
        treasury.spend(address(token), recipient, amount);
    }

    function test_RevertWhen_ProposalSplitsASpendToBreakTheFloor() public {
        uint256 part = TREASURY_ALLOCATION * 45 / 100;
        Proposal memory p;
        p.targets = new address[](2);
        p.values = new uint256[](2);
        p.calldatas = new bytes[](2);
        p.description = "two spends";
        for (uint256 i; i < 2; ++i) {
            p.targets[i] = address(treasury);
            p.calldatas[i] = abi.encodeCall(IConclaveTreasury.spend, (address(token), recipient, part));
        }
        uint256 id = _propose(p, IConclaveGovernor.Category.TreasuryAllocation, false);
        _toActive(id);
        _vote(alice, id, 1);
        _pastDeadline(id);
        _queue(p);
        vm.warp(vm.getBlockTimestamp() + 48 hours);
        vm.expectRevert(
            abi.encodeWithSelector(
                IConclaveTreasury.TreasuryBelowReserveFloor.selector,
                address(token),
                TREASURY_ALLOCATION - 2 * part,
                TREASURY_ALLOCATION / 5
            )
        );
        _execute(p);
        assertEq(token.balanceOf(address(treasury)), TREASURY_ALLOCATION, "nothing moved");
    }

    function test_EmergencySpend_BelowFloor() public {
        vm.expectEmit(address(treasury));
        emit IConclaveTreasury.Spent(address(token), recipient, TREASURY_ALLOCATION, 0, true);
        vm.prank(address(timelock));
        treasury.emergencySpend(address(token), recipient, TREASURY_ALLOCATION);
        assertEq(token.balanceOf(address(treasury)), 0);
    }

    function test_NativeReceiveAndSpend() public {
        vm.deal(alice, 10 ether);
        vm.expectEmit(address(treasury));
        emit IConclaveTreasury.NativeReceived(alice, 10 ether);
        vm.prank(alice);
        (bool ok,) = address(treasury).call{value: 10 ether}("");
        assertTrue(ok);
        vm.prank(address(timelock));
        treasury.spend(address(0), recipient, 8 ether);
        assertEq(recipient.balance, 8 ether);
        assertEq(treasury.holdings(address(0)), 2 ether);
    }

    function test_RevertWhen_NativeTransferFails() public {
        vm.deal(address(treasury), 1 ether);
        vm.expectRevert(
            abi.encodeWithSelector(
                IConclaveTreasury.TreasuryNativeTransferFailed.selector, address(token), 0.5 ether
            )
        );
        vm.prank(address(timelock));
        treasury.spend(address(0), address(token), 0.5 ether); // the token has no receive function
    }

    function test_RevertWhen_NotGovernance() public {
        vm.startPrank(alice);
        vm.expectRevert(abi.encodeWithSelector(IConclaveTreasury.TreasuryNotGovernance.selector, alice));
        treasury.spend(address(token), alice, 1);
        vm.expectRevert(abi.encodeWithSelector(IConclaveTreasury.TreasuryNotGovernance.selector, alice));
        treasury.emergencySpend(address(token), alice, 1);
        vm.expectRevert(abi.encodeWithSelector(IConclaveTreasury.TreasuryNotGovernance.selector, alice));
        treasury.setReserveFloor(1000);
        vm.stopPrank();
    }

    function test_RevertWhen_BadSpendInput() public {
        vm.startPrank(address(timelock));
        vm.expectRevert(IConclaveTreasury.TreasuryZeroAmount.selector);
        treasury.spend(address(token), recipient, 0);
        vm.expectRevert(IConclaveTreasury.TreasuryZeroRecipient.selector);
        treasury.spend(address(token), address(0), 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IConclaveTreasury.TreasuryInsufficientBalance.selector,
                address(token),
                TREASURY_ALLOCATION,
                TREASURY_ALLOCATION + 1
            )
        );
        treasury.emergencySpend(address(token), recipient, TREASURY_ALLOCATION + 1);
        vm.stopPrank();
    }

    function test_SetReserveFloorAndBounds() public {
        vm.startPrank(address(timelock));
        vm.expectEmit(address(treasury));
        emit IConclaveTreasury.ReserveFloorSet(2000, 3000);
        treasury.setReserveFloor(3000);
        assertEq(treasury.reserveFloorBps(), 3000);
        vm.expectRevert(
            abi.encodeWithSelector(IConclaveTreasury.TreasuryReserveFloorOutOfBounds.selector, 499, 500, 5000)
        );
        treasury.setReserveFloor(499);
        vm.expectRevert(
            abi.encodeWithSelector(
                IConclaveTreasury.TreasuryReserveFloorOutOfBounds.selector, 5001, 500, 5000
            )
        );
        treasury.setReserveFloor(5001);
        vm.stopPrank();
    }

    function testFuzz_SpendNeverBreaksFloor(uint256 amount, uint256 floorBps) public {
        floorBps = bound(floorBps, 500, 5000);
        amount = bound(amount, 1, TREASURY_ALLOCATION);
        vm.startPrank(address(timelock));
        treasury.setReserveFloor(floorBps);
        uint256 floor = (TREASURY_ALLOCATION * floorBps + 9999) / 10_000;
        if (TREASURY_ALLOCATION - amount < floor) {
            vm.expectRevert(
                abi.encodeWithSelector(
                    IConclaveTreasury.TreasuryBelowReserveFloor.selector,
                    address(token),
                    TREASURY_ALLOCATION - amount,
                    floor
                )
            );
        }
        treasury.spend(address(token), recipient, amount);
        vm.stopPrank();
        assertGe(token.balanceOf(address(treasury)), floor);
    }
}
