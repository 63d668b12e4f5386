// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {BaseTest} from "../utils/BaseTest.sol";
import {StakingHandler} from "./handlers/StakingHandler.sol";

contract StakingVaultInvariantTest is BaseTest {
    StakingHandler internal handler;

    function setUp() public override {
        super.setUp();
        handler = new StakingHandler(token, registry, vault, holder, slasher);
        targetContract(address(handler));
    }

    /// The vault's token balance equals the sum of all own and unbonding stake, and the ghost ledger of deposits
    /// minus withdrawals and slashes.
    function invariant_BalanceEqualsOwnPlusUnbonding() public view {
        uint256 own;
        uint256 unbonding;
        for (uint256 i; i < handler.agentCount(); ++i) {
            uint256 agentId = handler.agents(i);
            own += vault.stakeOf(agentId);
            unbonding += vault.unbondingOf(agentId);
        }
        uint256 balance = token.balanceOf(address(vault));
        assertEq(balance, own + unbonding, "balance = own + unbonding");
        assertEq(own, vault.totalStaked(), "totalStaked");
        assertEq(unbonding, vault.totalUnbonding(), "totalUnbonding");
        assertEq(
            balance, handler.ghostDeposited() - handler.ghostWithdrawn() - handler.ghostSlashed(), "ledger"
        );
    }

    /// Total voting units equal staked stake that is not unbonding, per owner, per delegate and in the
    /// checkpointed total supply.
    function invariant_VotingUnitsEqualOwnStake() public {
        uint256 units;
        uint256 votes;
        for (uint256 i; i < handler.actorCount(); ++i) {
            address actor = handler.actors(i);
            units += vault.votingUnitsOf(actor);
            votes += vault.getVotes(actor);
        }
        assertEq(units, vault.totalStaked(), "units");
        assertEq(votes, vault.totalStaked(), "every unit is delegated to an actor");
        vm.warp(vm.getBlockTimestamp() + 1);
        assertEq(
            vault.getPastTotalSupply(vm.getBlockTimestamp() - 1), vault.totalStaked(), "checkpointed total"
        );
    }

    /// No stake goes negative or drifts: each agent's own stake matches the ghost ledger, and its pending requests
    /// never claim more than its unbonding pool holds.
    function invariant_StakeMatchesLedgerAndRequestsAreCovered() public view {
        for (uint256 i; i < handler.agentCount(); ++i) {
            uint256 agentId = handler.agents(i);
            assertEq(vault.stakeOf(agentId), handler.ghostOwn(agentId), "own stake");
            uint256 claimed;
            uint256 count;
            uint256 shares;
            for (uint256 j; j < handler.pendingCount(); ++j) {
                uint256 requestId = handler.pendingRequests(j);
                if (vault.unbondingRequest(requestId).agentId == agentId) {
                    claimed += vault.requestAmount(requestId);
                    shares += vault.unbondingRequest(requestId).shares;
                    ++count;
                }
            }
            uint256 pool = vault.unbondingOf(agentId);
            // The pool never holds more than its shares, so every request buys at least `amount` shares.
            assertLe(pool, shares, "unbonding pool <= its shares");
            assertLe(claimed, pool, "requests covered");
            assertLe(pool - claimed, count, "rounding dust at most 1 wei a request");
            if (count == 0) assertEq(pool, 0, "no orphaned unbonding stake");
        }
    }

    /// An agent is active exactly when its own stake meets its tier minimum.
    function invariant_ActiveIffStakeMeetsTierMinimum() public view {
        for (uint256 i; i < handler.agentCount(); ++i) {
            uint256 agentId = handler.agents(i);
            bool expected = handler.ghostOwn(agentId) >= vault.tierMinimum(registry.tierOf(agentId));
            assertEq(vault.isActive(agentId), expected, "active");
        }
    }
}
