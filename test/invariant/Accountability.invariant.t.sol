// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAgentRegistry} from "../../contracts/interfaces/IAgentRegistry.sol";
import {IRewardsDistributor} from "../../contracts/interfaces/IRewardsDistributor.sol";
import {ISlashingManager} from "../../contracts/interfaces/ISlashingManager.sol";
import {BaseTest} from "../utils/BaseTest.sol";
import {AccountabilityHandler} from "./handlers/AccountabilityHandler.sol";

contract AccountabilityInvariantTest is BaseTest {
    AccountabilityHandler internal handler;
    uint256 internal treasuryStart;

    function setUp() public override {
        super.setUp();
        address validator = makeAddr("validator");
        vm.prank(admin);
        reputation.setValidator(validator, true);
        uint256[] memory agents = new uint256[](3);
        address[] memory owners = new address[](3);
        address[3] memory people = [alice, bob, carol];
        for (uint256 i; i < 3; ++i) {
            owners[i] = people[i];
            agents[i] = _registerAndStake(people[i], IAgentRegistry.Role.Specialized, 10_000 ether);
        }
        handler = new AccountabilityHandler(
            AccountabilityHandler.Protocol({
                token: token,
                vault: vault,
                treasury: treasury,
                reputation: reputation,
                slashing: slashing,
                rewards: rewards,
                admin: admin,
                guardian: address(guardian),
                validator: validator
            }),
            agents,
            owners
        );
        treasuryStart = token.balanceOf(address(treasury));
        targetContract(address(handler));
    }

    /// Score in [0, 1] and multiplier in [1, 3], whatever the history.
    function invariant_ScoreAndMultiplierStayInBounds() public view {
        for (uint256 i; i < handler.agentCount(); ++i) {
            uint256 agentId = handler.agents(i);
            assertLe(reputation.performanceScore(agentId), 1e18);
            uint256 multiplier = reputation.reputationMultiplier(agentId);
            assertGe(multiplier, 1e18);
            assertLe(multiplier, 3e18);
        }
    }

    /// A vetoed slash stays vetoed: it never executes.
    function invariant_AVetoedSlashNeverExecutes() public view {
        for (uint256 i; i < handler.vetoedCount(); ++i) {
            ISlashingManager.Slash memory s = slashing.getSlash(handler.vetoed(i));
            assertEq(uint8(s.state), uint8(ISlashingManager.SlashState.Vetoed));
        }
    }

    /// The treasury receives exactly what slashes took and epochs returned, less what it allocated to rewards.
    function invariant_SlashedAmountsReachTheTreasuryExactly() public view {
        assertEq(
            token.balanceOf(address(treasury)),
            treasuryStart + handler.ghostSlashed() + handler.ghostSwept() - handler.ghostSpent()
        );
    }

    /// No withdrawal ever took stake below what proposed slashes held back.
    function invariant_HeldStakeIsNeverWithdrawn() public view {
        assertFalse(handler.heldStakeWithdrawn());
    }

    /// Each epoch pays at most its budget, and the distributor always holds what it still owes.
    function invariant_AnEpochPaysAtMostItsBudget() public view {
        for (uint256 i; i < handler.epochCount(); ++i) {
            uint256 epoch = handler.epochs(i);
            IRewardsDistributor.Epoch memory e = rewards.getEpoch(epoch);
            assertLe(e.claimed, e.budget);
            assertEq(e.claimed, handler.ghostClaimed(epoch));
        }
        assertGe(token.balanceOf(address(rewards)), rewards.allocated());
    }
}
