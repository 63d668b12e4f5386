// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAgentRegistry} from "../../contracts/interfaces/IAgentRegistry.sol";
import {IFeeEscrow} from "../../contracts/interfaces/IFeeEscrow.sol";
import {ISlashingManager} from "../../contracts/interfaces/ISlashingManager.sol";
import {IStakingVault} from "../../contracts/interfaces/IStakingVault.sol";
import {EscrowBase} from "../utils/EscrowBase.sol";

contract SlashingManagerTest is EscrowBase {
    address internal validator = makeAddr("validator");
    address internal clo = makeAddr("clo");
    uint256 internal cloAgent;
    uint256 internal tasks;

    uint256 internal constant STAKE = 5000 ether; // the provider agent's stake (EscrowBase)

    function setUp() public override {
        super.setUp();
        vm.startPrank(admin);
        reputation.setValidator(validator, true);
        vm.stopPrank();
        cloAgent = _registerAndStake(clo, IAgentRegistry.Role.Specialized, 10_000 ether);
        vm.prank(admin);
        registry.grantSeat(cloAgent, IAgentRegistry.Role.CLO);
    }

    function _attest(uint256 agentId, uint8 response) internal {
        vm.prank(validator);
        reputation.attest(agentId, keccak256(abi.encode(++tasks)), response, "", bytes32(0), "");
    }

    function _propose(address who, uint256 amount) internal returns (uint256 id) {
        vm.prank(who);
        id = slashing.proposeSlash(providerAgent, amount, "ipfs://evidence");
    }

    function _afterVetoWindow() internal {
        vm.warp(vm.getBlockTimestamp() + slashing.vetoWindow());
    }

    // ---------------------------------------------------------------- life cycle

    function test_Governance_ProposesThenAnyoneExecutesAfterTheVetoWindow() public {
        uint256 deadline = vm.getBlockTimestamp() + 3 days;
        vm.expectEmit(address(slashing));
        emit ISlashingManager.SlashProposed(
            1,
            providerAgent,
            admin,
            ISlashingManager.Origin.Governance,
            1000 ether,
            deadline,
            "ipfs://evidence",
            0
        );
        uint256 id = _propose(admin, 1000 ether);
        assertEq(vault.heldOf(providerAgent), 1000 ether);

        vm.warp(deadline - 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                ISlashingManager.SlashingVetoWindowOpen.selector, id, deadline, deadline - 1
            )
        );
        slashing.execute(id);

        vm.warp(deadline);
        uint256 treasuryBefore = token.balanceOf(address(treasury));
        vm.prank(bob);
        assertEq(slashing.execute(id), 1000 ether);
        assertEq(
            token.balanceOf(address(treasury)) - treasuryBefore, 1000 ether, "the treasury gets it exactly"
        );
        assertEq(vault.stakeOf(providerAgent), STAKE - 1000 ether);
        assertEq(vault.heldOf(providerAgent), 0);
        assertEq(uint8(slashing.getSlash(id).state), uint8(ISlashingManager.SlashState.Executed));

        vm.expectRevert(
            abi.encodeWithSelector(
                ISlashingManager.SlashingNotPending.selector, id, ISlashingManager.SlashState.Executed
            )
        );
        slashing.execute(id);
    }

    function test_TheActiveClo_MayPropose() public {
        uint256 id = _propose(clo, 500 ether);
        assertEq(uint8(slashing.getSlash(id).origin), uint8(ISlashingManager.Origin.Reviewer));
        // Once inactive (its stake below the tier minimum), the CLO may not.
        vm.prank(clo);
        vault.requestUnstake(cloAgent, 1 ether);
        vm.prank(clo);
        vm.expectRevert(abi.encodeWithSelector(ISlashingManager.SlashingNotAuthorized.selector, clo));
        slashing.proposeSlash(providerAgent, 1 ether, "ipfs://evidence");
    }

    function test_RevertWhen_AnyoneElseProposes() public {
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(ISlashingManager.SlashingNotAuthorized.selector, bob));
        slashing.proposeSlash(providerAgent, 1 ether, "ipfs://evidence");
    }

    function test_RevertWhen_AboveHalfTheStakeOrEmptyEvidence() public {
        uint256 maximum = STAKE / 2;
        assertEq(slashing.maxSlashOf(providerAgent), maximum);
        vm.startPrank(admin);
        vm.expectRevert(
            abi.encodeWithSelector(
                ISlashingManager.SlashingAmountTooLarge.selector, providerAgent, maximum + 1, maximum
            )
        );
        slashing.proposeSlash(providerAgent, maximum + 1, "ipfs://evidence");
        vm.expectRevert(ISlashingManager.SlashingEmptyEvidence.selector);
        slashing.proposeSlash(providerAgent, 1 ether, "");
        vm.stopPrank();
    }

    // ---------------------------------------------------------------- veto

    function test_Guardian_VetoesWithinTheWindow_AndAVetoedSlashNeverExecutes() public {
        uint256 id = _propose(admin, 1000 ether);
        vm.prank(address(guardian));
        slashing.veto(id);
        assertEq(vault.heldOf(providerAgent), 0, "the hold is released");
        _afterVetoWindow();
        vm.expectRevert(
            abi.encodeWithSelector(
                ISlashingManager.SlashingNotPending.selector, id, ISlashingManager.SlashState.Vetoed
            )
        );
        slashing.execute(id);
        assertEq(vault.stakeOf(providerAgent), STAKE);
    }

    function test_Guardian_VetoesThroughItsAllowList() public {
        assertTrue(guardian.isCallAllowed(address(slashing), ISlashingManager.veto.selector));
        assertTrue(slashing.hasRole(slashing.VETOER_ROLE(), address(guardian)));
        assertTrue(slashing.hasRole(slashing.VETOER_ROLE(), address(timelock)));
    }

    function test_RevertWhen_VetoAfterTheWindowOrByAnyoneElse() public {
        uint256 id = _propose(admin, 1000 ether);
        vm.prank(bob);
        vm.expectRevert();
        slashing.veto(id);
        uint256 deadline = slashing.getSlash(id).vetoDeadline;
        vm.warp(deadline);
        vm.prank(address(guardian));
        vm.expectRevert(
            abi.encodeWithSelector(ISlashingManager.SlashingVetoWindowOver.selector, id, deadline, deadline)
        );
        slashing.veto(id);
    }

    // ---------------------------------------------------------------- no escape by unbonding

    function test_AnAgentThatRequestsItsUnstakeTheMomentTheSlashIsProposed_IsStillSlashed() public {
        uint256 id = _propose(admin, 2000 ether);
        vm.prank(alice);
        uint256 requestId = vault.requestUnstake(providerAgent, STAKE);
        _afterVetoWindow();
        slashing.execute(id);
        // All of it was unbonding: the slash came out of the request.
        assertEq(vault.unbondingOf(providerAgent), STAKE - 2000 ether);
        vm.warp(vm.getBlockTimestamp() + vault.unbondingPeriod());
        vm.prank(alice);
        assertEq(vault.withdraw(requestId), STAKE - 2000 ether);
    }

    function test_AnAgentWhoseUnstakeMaturesInsideTheVetoWindow_CannotWithdrawUntilItIsDecided() public {
        vm.prank(alice);
        uint256 requestId = vault.requestUnstake(providerAgent, STAKE);
        // The slash is proposed a day before the request matures; the veto window runs two days past it.
        vm.warp(vm.getBlockTimestamp() + vault.unbondingPeriod() - 1 days);
        uint256 id = _propose(admin, 2000 ether);
        vm.warp(vm.getBlockTimestamp() + 1 days);
        vm.prank(alice);
        vm.expectRevert(
            abi.encodeWithSelector(
                IStakingVault.StakingStakeHeld.selector, providerAgent, 2000 ether, STAKE, 0
            )
        );
        vault.withdraw(requestId);

        _afterVetoWindow();
        slashing.execute(id);
        vm.prank(alice);
        assertEq(vault.withdraw(requestId), STAKE - 2000 ether);
    }

    function test_AHoldLetsTheRestBeWithdrawn() public {
        vm.prank(alice);
        uint256 requestId = vault.requestUnstake(providerAgent, 1000 ether);
        _propose(admin, 2000 ether);
        vm.warp(vm.getBlockTimestamp() + vault.unbondingPeriod());
        // 5000 within reach, 2000 held: withdrawing 1000 leaves 4000.
        vm.prank(alice);
        assertEq(vault.withdraw(requestId), 1000 ether);
    }

    function test_Execute_TakesLessWhenTheStakeShrankMeanwhile() public {
        uint256 first = _propose(admin, 2500 ether);
        uint256 second = _propose(admin, 2500 ether);
        _afterVetoWindow();
        slashing.execute(first);
        // 2500 left within reach: one slash may take half of it now.
        assertEq(slashing.execute(second), 1250 ether);
        assertEq(vault.stakeOf(providerAgent), 1250 ether);
        assertEq(vault.heldOf(providerAgent), 0);
    }

    // ---------------------------------------------------------------- the performance rule

    function test_Anyone_ProposesAGradedSlashWhenTheRuleHolds() public {
        for (uint256 i; i < 19; ++i) {
            _attest(providerAgent, i < 9 ? 90 : 10);
        }
        vm.prank(bob);
        vm.expectRevert(
            abi.encodeWithSelector(
                ISlashingManager.SlashingRuleNotMet.selector, providerAgent, uint256(9e18) / 19, 19
            )
        );
        slashing.proposePerformanceSlash(providerAgent, "ipfs://record");

        _attest(providerAgent, 10); // 20 tasks, 9 completed: 45 % < 50 %
        assertTrue(slashing.breaksPerformanceRule(providerAgent));
        uint256 score = reputation.performanceScore(providerAgent);
        vm.prank(bob);
        uint256 id = slashing.proposePerformanceSlash(providerAgent, "ipfs://record");
        ISlashingManager.Slash memory s = slashing.getSlash(id);
        assertEq(uint8(s.origin), uint8(ISlashingManager.Origin.PerformanceRule));
        assertEq(s.amount, (STAKE / 2) * (1e18 - score) / 1e18, "graded by the score");

        // The same record does not slash twice; 20 new tasks later it may again.
        vm.prank(bob);
        vm.expectRevert(
            abi.encodeWithSelector(ISlashingManager.SlashingRuleAlreadyApplied.selector, providerAgent, 0, 20)
        );
        slashing.proposePerformanceSlash(providerAgent, "ipfs://record");
        for (uint256 i; i < 20; ++i) {
            _attest(providerAgent, 0);
        }
        vm.prank(bob);
        slashing.proposePerformanceSlash(providerAgent, "ipfs://record");
    }

    // ---------------------------------------------------------------- disputes

    function test_Clo_TurnsAnEscrowDisputeIntoAProposal() public {
        (IFeeEscrow.Channel memory terms,) = _openChannel(DEPOSIT);
        vm.prank(consumer);
        uint256 disputeId = escrow.recordDispute(terms, "ipfs://bad-answers");

        vm.prank(clo);
        vm.expectRevert(abi.encodeWithSelector(ISlashingManager.SlashingEvidenceMismatch.selector, disputeId));
        slashing.proposeDisputeSlash(disputeId, 100 ether, "ipfs://other");

        vm.prank(clo);
        uint256 id = slashing.proposeDisputeSlash(disputeId, 100 ether, "ipfs://bad-answers");
        ISlashingManager.Slash memory s = slashing.getSlash(id);
        assertEq(s.agentId, providerAgent);
        assertEq(s.disputeId, disputeId);
        assertEq(uint8(s.origin), uint8(ISlashingManager.Origin.Dispute));

        vm.prank(consumer);
        vm.expectRevert(abi.encodeWithSelector(ISlashingManager.SlashingNotAuthorized.selector, consumer));
        slashing.proposeDisputeSlash(disputeId, 100 ether, "ipfs://bad-answers");
    }

    // ---------------------------------------------------------------- parameters

    function test_VetoWindow_StaysShorterThanTheShortestUnbondingPeriod() public {
        assertLt(slashing.MAX_VETO_WINDOW(), vault.MIN_UNBONDING_PERIOD());
        vm.startPrank(admin);
        vm.expectRevert(
            abi.encodeWithSelector(
                ISlashingManager.SlashingVetoWindowOutOfBounds.selector, 7 days, 1 days, 6 days
            )
        );
        slashing.setVetoWindow(7 days);
        slashing.setVetoWindow(6 days);
        // Governance shortens unbonding as far as it can: still longer than the window.
        vault.setUnbondingPeriod(vault.MIN_UNBONDING_PERIOD());
        vm.stopPrank();
        assertLt(slashing.vetoWindow(), vault.unbondingPeriod());
    }

    function test_RevertWhen_NotGovernanceSetsParameters() public {
        vm.startPrank(clo);
        vm.expectRevert();
        slashing.setVetoWindow(2 days);
        vm.expectRevert();
        slashing.setPerformanceRule(4000, 30);
        vm.stopPrank();
    }

    function test_RevertWhen_SomeoneElseHoldsOrReleasesStake() public {
        vm.startPrank(bob);
        vm.expectRevert();
        vault.hold(providerAgent, 1 ether);
        vm.expectRevert();
        vault.release(providerAgent, 1 ether);
        vm.stopPrank();
    }
}
