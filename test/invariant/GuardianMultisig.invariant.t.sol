// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {BaseTest} from "../utils/BaseTest.sol";
import {CallReceiver} from "../utils/mocks/CallReceiver.sol";
import {GuardianHandler} from "./handlers/GuardianHandler.sol";

contract GuardianMultisigInvariantTest is BaseTest {
    GuardianHandler internal handler;
    CallReceiver internal partner;

    function setUp() public override {
        super.setUp();
        partner = new CallReceiver();
        vm.prank(address(timelock));
        guardian.setCallAllowed(address(partner), CallReceiver.ping.selector, true);
        uint256[] memory keys = new uint256[](guardianOwners.length);
        for (uint256 i; i < keys.length; ++i) {
            keys[i] = guardianKeys[guardianOwners[i]];
        }
        handler = new GuardianHandler(guardian, partner, guardianOwners, keys);
        targetContract(address(handler));
    }

    /// The nonce only grows, by exactly one per execution.
    function invariant_NonceOnlyGrows() public view {
        assertEq(handler.ghostNonceDecreases(), 0);
        assertEq(guardian.nonce(), handler.ghostSuccesses());
    }

    /// Nothing executes without at least `threshold` valid, ordered owner approvals.
    function invariant_NothingExecutesWithoutThreshold() public view {
        assertEq(handler.ghostInvalidAccepted(), 0);
        assertEq(partner.calls(), handler.ghostSuccesses(), "each success called the target once");
    }
}
