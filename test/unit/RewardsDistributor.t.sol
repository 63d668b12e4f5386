// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IConclaveGovernor} from "../../contracts/interfaces/IConclaveGovernor.sol";
import {IRewardsDistributor} from "../../contracts/interfaces/IRewardsDistributor.sol";
import {GovernanceBase} from "../utils/GovernanceBase.sol";

contract RewardsDistributorTest is GovernanceBase {
    address internal validator = makeAddr("validator");
    uint256 internal attestations;
    uint256 internal epoch;
    uint256 internal first;
    uint256 internal second;

    uint256 internal constant BUDGET = 1000 ether;

    function setUp() public override {
        super.setUp();
        vm.prank(admin);
        reputation.setValidator(validator, true);
        _attest(aliceAgent, 100);
        _attest(bobAgent, 50);
        _attest(carolAgent, 100);

        // Two proposals whose voting closes in the same epoch: alice votes on both, bob on one, carol on none.
        first = _propose(
            _single(address(vault), abi.encodeCall(vault.setMaxSlashBps, (4000)), "first"),
            IConclaveGovernor.Category.EconomicParameter,
            false
        );
        second = _propose(
            _single(address(vault), abi.encodeCall(vault.setMaxSlashBps, (3000)), "second"),
            IConclaveGovernor.Category.EconomicParameter,
            false
        );
        _toActive(second);
        _vote(alice, first, 1);
        _vote(alice, second, 0);
        _vote(bob, first, 1);
        epoch = (governor.proposalDeadline(second) - rewards.genesis()) / rewards.EPOCH_DURATION();
        assertEq(epoch, (governor.proposalDeadline(first) - rewards.genesis()) / rewards.EPOCH_DURATION());

        vm.startPrank(admin);
        treasury.spend(address(token), address(rewards), BUDGET);
        rewards.fundEpoch(epoch, BUDGET);
        vm.stopPrank();
    }

    function _attest(uint256 agentId, uint8 response) internal {
        vm.prank(validator);
        reputation.attest(agentId, keccak256(abi.encode(++attestations)), response, "", bytes32(0), "");
    }

    function _end() internal view returns (uint256) {
        return rewards.epochStart(epoch) + rewards.EPOCH_DURATION();
    }

    function _recordEverything() internal {
        _pastDeadline(second);
        rewards.recordProposal(first);
        rewards.recordProposal(second);
        rewards.recordVote(first, aliceAgent);
        rewards.recordVote(second, aliceAgent);
        rewards.recordVote(first, bobAgent);
    }

    function _registerEveryone() internal {
        _recordEverything();
        vm.warp(_end() + rewards.RECORDING_PHASE());
        rewards.register(epoch, aliceAgent);
        rewards.register(epoch, bobAgent);
        rewards.register(epoch, carolAgent);
        vm.warp(_end() + rewards.RECORDING_PHASE() + rewards.REGISTRATION_PHASE());
    }

    function test_Weight_IsScoreTimesMultiplierTimesParticipation() public {
        _recordEverything();
        (uint256 voted, uint256 proposals) = rewards.participation(epoch, aliceAgent);
        assertEq(voted, 2);
        assertEq(proposals, 2);
        vm.warp(_end() + rewards.RECORDING_PHASE());
        // alice: 1.0 * (1 + 2 * 1.0 * 1/100) * 2/2
        vm.expectEmit(address(rewards));
        emit IRewardsDistributor.AgentRegistered(epoch, aliceAgent, 1.02e18, 1e18, 1.02e18, 1e18);
        assertEq(rewards.register(epoch, aliceAgent), 1.02e18);
        // bob: 0.5 * (1 + 2 * 0.5 * 1/100) * 1/2
        assertEq(rewards.register(epoch, bobAgent), 0.2525e18);
        // carol never voted: nothing, whatever its score.
        assertEq(rewards.register(epoch, carolAgent), 0);
    }

    function test_Claims_ShareTheBudgetWhateverTheOrder() public {
        _registerEveryone();
        uint256 aliceShare = rewards.claimable(epoch, aliceAgent);
        uint256 bobShare = rewards.claimable(epoch, bobAgent);
        assertEq(aliceShare, BUDGET * 1.02e18 / 1.2725e18);
        assertEq(bobShare, BUDGET * 0.2525e18 / 1.2725e18);

        uint256 snapshot = vm.snapshotState();
        vm.prank(bob);
        assertEq(rewards.claim(epoch, bobAgent), bobShare);
        vm.prank(alice);
        assertEq(rewards.claim(epoch, aliceAgent), aliceShare);
        vm.revertToState(snapshot);
        uint256 aliceBefore = token.balanceOf(alice);
        vm.prank(alice);
        assertEq(rewards.claim(epoch, aliceAgent), aliceShare);
        vm.prank(bob);
        assertEq(rewards.claim(epoch, bobAgent), bobShare);
        assertEq(token.balanceOf(alice) - aliceBefore, aliceShare, "paid to the owner");
        assertLe(aliceShare + bobShare, BUDGET);
        assertEq(rewards.getEpoch(epoch).claimed, aliceShare + bobShare);

        vm.prank(alice);
        vm.expectRevert(
            abi.encodeWithSelector(IRewardsDistributor.RewardsAlreadyClaimed.selector, epoch, aliceAgent)
        );
        rewards.claim(epoch, aliceAgent);
    }

    function test_RevertWhen_SomeoneElseClaims() public {
        _registerEveryone();
        vm.prank(bob);
        vm.expectRevert(
            abi.encodeWithSelector(IRewardsDistributor.RewardsNotAuthorized.selector, aliceAgent, bob)
        );
        rewards.claim(epoch, aliceAgent);
    }

    function test_OnlyActiveAgentsEarn() public {
        _recordEverything();
        vm.prank(bob);
        vault.requestUnstake(bobAgent, 21_000 ether); // 4,000 left: below the specialised minimum
        vm.warp(_end() + rewards.RECORDING_PHASE());
        vm.expectRevert(abi.encodeWithSelector(IRewardsDistributor.RewardsAgentNotActive.selector, bobAgent));
        rewards.register(epoch, bobAgent);
    }

    function test_AnAgentInactiveAtItsClaimForfeits_AndTheRestReturnsToTheTreasury() public {
        _registerEveryone();
        vm.prank(bob);
        vault.requestUnstake(bobAgent, 21_000 ether);
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(IRewardsDistributor.RewardsAgentNotActive.selector, bobAgent));
        rewards.claim(epoch, bobAgent);
        vm.prank(alice);
        uint256 paid = rewards.claim(epoch, aliceAgent);

        vm.expectRevert(
            abi.encodeWithSelector(
                IRewardsDistributor.RewardsWrongPhase.selector, epoch, IRewardsDistributor.Phase.Claims
            )
        );
        rewards.sweep(epoch);
        vm.warp(vm.getBlockTimestamp() + rewards.claimWindow());
        uint256 before = token.balanceOf(address(treasury));
        assertEq(rewards.sweep(epoch), BUDGET - paid);
        assertEq(token.balanceOf(address(treasury)) - before, BUDGET - paid);
        assertEq(rewards.allocated(), 0);
        vm.expectRevert(abi.encodeWithSelector(IRewardsDistributor.RewardsAlreadySwept.selector, epoch));
        rewards.sweep(epoch);
    }

    function test_Phases_AreEnforced() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IRewardsDistributor.RewardsWrongPhase.selector, epoch, IRewardsDistributor.Phase.Running
            )
        );
        rewards.register(epoch, aliceAgent);
        _recordEverything();
        vm.warp(_end() + rewards.RECORDING_PHASE());
        // Votes are fixed before weights: recording is over.
        vm.expectRevert(
            abi.encodeWithSelector(
                IRewardsDistributor.RewardsWrongPhase.selector, epoch, IRewardsDistributor.Phase.Registration
            )
        );
        rewards.recordVote(first, carolAgent);
        vm.prank(admin);
        vm.expectRevert(
            abi.encodeWithSelector(
                IRewardsDistributor.RewardsWrongPhase.selector, epoch, IRewardsDistributor.Phase.Registration
            )
        );
        rewards.fundEpoch(epoch, 1 ether);
    }

    function test_RevertWhen_RecordingTwiceOrAVoteThatWasNotCast() public {
        _pastDeadline(second);
        rewards.recordProposal(first);
        vm.expectRevert(
            abi.encodeWithSelector(IRewardsDistributor.RewardsProposalAlreadyRecorded.selector, first)
        );
        rewards.recordProposal(first);
        rewards.recordVote(first, aliceAgent);
        vm.expectRevert(
            abi.encodeWithSelector(IRewardsDistributor.RewardsVoteAlreadyRecorded.selector, first, aliceAgent)
        );
        rewards.recordVote(first, aliceAgent);
        vm.expectRevert(
            abi.encodeWithSelector(IRewardsDistributor.RewardsDidNotVote.selector, first, carolAgent)
        );
        rewards.recordVote(first, carolAgent);
        vm.expectRevert(
            abi.encodeWithSelector(IRewardsDistributor.RewardsProposalNotRecorded.selector, second)
        );
        rewards.recordVote(second, aliceAgent);
    }

    function test_RevertWhen_ProposalStillVoting() public {
        vm.expectRevert(abi.encodeWithSelector(IRewardsDistributor.RewardsProposalNotVotable.selector, first));
        rewards.recordProposal(first);
    }

    function test_AVoteByTheOwnersDelegateCounts() public {
        address delegateKey = makeAddr("delegateKey");
        uint256 third = _proposeAs(
            bob,
            _single(address(vault), abi.encodeCall(vault.setMaxSlashBps, (2000)), "third"),
            IConclaveGovernor.Category.EconomicParameter,
            false
        );
        vm.prank(carol);
        vault.delegate(delegateKey);
        _toActive(third);
        _vote(delegateKey, third, 1);
        _pastDeadline(third);
        rewards.recordProposal(third);
        uint256 thirdEpoch = (governor.proposalDeadline(third) - rewards.genesis()) / rewards.EPOCH_DURATION();
        rewards.recordVote(third, carolAgent);
        (uint256 voted,) = rewards.participation(thirdEpoch, carolAgent);
        assertEq(voted, 1);
    }

    function test_RevertWhen_FundingMoreThanWasSent() public {
        vm.prank(admin);
        vm.expectRevert(
            abi.encodeWithSelector(IRewardsDistributor.RewardsInsufficientFunds.selector, 0, 1 ether)
        );
        rewards.fundEpoch(epoch + 1, 1 ether);
    }

    function test_FundingIsATreasuryAllocation() public view {
        (IConclaveGovernor.Category category,) =
            governor.actionCategory(address(rewards), rewards.fundEpoch.selector);
        assertEq(uint8(category), uint8(IConclaveGovernor.Category.TreasuryAllocation));
    }

    function testFuzz_AnEpochNeverPaysMoreThanItsBudget(uint256 extra, uint8[3] memory scores) public {
        extra = bound(extra, 0, 1_000_000 ether);
        if (extra != 0) {
            vm.startPrank(admin);
            treasury.spend(address(token), address(rewards), extra);
            rewards.fundEpoch(epoch, extra);
            vm.stopPrank();
        }
        _attest(aliceAgent, uint8(bound(scores[0], 0, 100)));
        _attest(bobAgent, uint8(bound(scores[1], 0, 100)));
        _attest(carolAgent, uint8(bound(scores[2], 0, 100)));
        _registerEveryone();
        uint256 paid;
        vm.prank(alice);
        paid += rewards.claim(epoch, aliceAgent);
        vm.prank(bob);
        paid += rewards.claim(epoch, bobAgent);
        vm.prank(carol);
        paid += rewards.claim(epoch, carolAgent);
        assertLe(paid, BUDGET + extra);
        vm.warp(vm.getBlockTimestamp() + rewards.claimWindow());
        assertEq(rewards.sweep(epoch), BUDGET + extra - paid, "the rest returns exactly");
        assertEq(token.balanceOf(address(rewards)), 0);
    }
}
