// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {StakingVault} from "../../contracts/StakingVault.sol";
import {IAgentRegistry} from "../../contracts/interfaces/IAgentRegistry.sol";
import {IBoundedPausable} from "../../contracts/interfaces/IBoundedPausable.sol";
import {IStakingVault} from "../../contracts/interfaces/IStakingVault.sol";
import {BaseTest} from "../utils/BaseTest.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IERC20Errors, IERC721Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";

contract StakingVaultTest is BaseTest {
    uint256 internal constant UTILITY_MIN = 1000 ether;
    uint256 internal constant SPECIALIZED_MIN = 5000 ether;
    uint256 internal constant CSUITE_MIN = 10_000 ether;

    // ---------------------------------------------------------------- deployment defaults

    function test_Defaults() public view {
        assertEq(vault.tierMinimum(IAgentRegistry.Tier.Utility), UTILITY_MIN);
        assertEq(vault.tierMinimum(IAgentRegistry.Tier.Specialized), SPECIALIZED_MIN);
        assertEq(vault.tierMinimum(IAgentRegistry.Tier.CSuite), CSUITE_MIN);
        assertEq(vault.tierMinimum(IAgentRegistry.Tier.None), 0);
        assertEq(vault.unbondingPeriod(), 14 days);
        assertEq(vault.maxSlashBps(), 5000);
        assertEq(vault.slashRecipient(), address(treasury));
        assertEq(vault.token(), address(token));
        assertEq(address(vault.registry()), address(registry));
        assertEq(vault.CLOCK_MODE(), "mode=timestamp");
        assertEq(vault.clock(), vm.getBlockTimestamp());
        assertEq(registry.stakingVault(), address(vault));
        assertEq(token.totalSupply(), 1_000_000_000 ether);
        assertEq(token.balanceOf(holder), 1_000_000_000 ether - TREASURY_ALLOCATION);
        assertEq(token.balanceOf(address(treasury)), TREASURY_ALLOCATION);
    }

    // ---------------------------------------------------------------- stake

    function test_Stake() public {
        uint256 agentId = _register(alice, IAgentRegistry.Role.Utility);
        _fund(alice, UTILITY_MIN);
        vm.startPrank(alice);
        token.approve(address(vault), UTILITY_MIN);
        vm.expectEmit(address(vault));
        emit IStakingVault.Staked(agentId, alice, alice, UTILITY_MIN, UTILITY_MIN);
        vault.stake(agentId, UTILITY_MIN);
        vm.stopPrank();

        assertEq(vault.stakeOf(agentId), UTILITY_MIN);
        assertEq(vault.totalStaked(), UTILITY_MIN);
        assertEq(token.balanceOf(address(vault)), UTILITY_MIN);
        assertEq(vault.getVotes(alice), UTILITY_MIN, "self-delegated on first stake");
        assertEq(vault.delegates(alice), alice);
        assertEq(vault.votingUnitsOf(alice), UTILITY_MIN);
        assertTrue(vault.isActive(agentId));
    }

    function test_Stake_ByOperatorCountsForOwner() public {
        uint256 agentId = _register(alice, IAgentRegistry.Role.Utility);
        vm.prank(alice);
        registry.setOperator(agentId, operator);
        _fund(operator, 2000 ether);
        vm.startPrank(operator);
        token.approve(address(vault), 2000 ether);
        vm.expectEmit(address(vault));
        emit IStakingVault.Staked(agentId, operator, alice, 2000 ether, 2000 ether);
        vault.stake(agentId, 2000 ether);
        vm.stopPrank();
        assertEq(vault.getVotes(alice), 2000 ether);
        assertEq(vault.getVotes(operator), 0);
    }

    function test_Stake_TopsUpAndAccumulatesVotesAcrossAgents() public {
        uint256 a = _registerAndStake(alice, IAgentRegistry.Role.Utility, 600 ether);
        assertFalse(vault.isActive(a));
        _stake(alice, a, 400 ether);
        assertTrue(vault.isActive(a));
        uint256 b = _registerAndStake(alice, IAgentRegistry.Role.Specialized, 5000 ether);
        assertEq(vault.getVotes(alice), 6000 ether);
        assertEq(vault.stakeOf(b), 5000 ether);
    }

    function test_Stake_KeepsExplicitDelegation() public {
        uint256 agentId = _registerAndStake(alice, IAgentRegistry.Role.Utility, 1000 ether);
        vm.prank(alice);
        vault.delegate(operator);
        _stake(alice, agentId, 500 ether);
        assertEq(vault.getVotes(operator), 1500 ether);
        assertEq(vault.getVotes(alice), 0);
        assertEq(vault.delegates(alice), operator);
    }

    function test_RevertWhen_StakeZero() public {
        uint256 agentId = _register(alice, IAgentRegistry.Role.Utility);
        vm.expectRevert(IStakingVault.StakingZeroAmount.selector);
        vm.prank(alice);
        vault.stake(agentId, 0);
    }

    function test_RevertWhen_StakeByStranger() public {
        uint256 agentId = _register(alice, IAgentRegistry.Role.Utility);
        _fund(bob, 1000 ether);
        vm.startPrank(bob);
        token.approve(address(vault), 1000 ether);
        vm.expectRevert(abi.encodeWithSelector(IStakingVault.StakingNotAuthorized.selector, agentId, bob));
        vault.stake(agentId, 1000 ether);
        vm.stopPrank();
    }

    function test_RevertWhen_StakeForUnknownAgent() public {
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721NonexistentToken.selector, 5));
        vm.prank(alice);
        vault.stake(5, 1 ether);
    }

    function test_RevertWhen_StakeWithoutAllowance() public {
        uint256 agentId = _register(alice, IAgentRegistry.Role.Utility);
        _fund(alice, 1000 ether);
        vm.expectRevert(
            abi.encodeWithSelector(
                IERC20Errors.ERC20InsufficientAllowance.selector, address(vault), 0, 1000 ether
            )
        );
        vm.prank(alice);
        vault.stake(agentId, 1000 ether);
        assertEq(vault.stakeOf(agentId), 0);
        assertEq(vault.getVotes(alice), 0);
    }

    function test_RevertWhen_StakeWhilePaused() public {
        uint256 agentId = _register(alice, IAgentRegistry.Role.Utility);
        vm.prank(pauser);
        vault.pause();
        vm.expectRevert(Pausable.EnforcedPause.selector);
        vm.prank(alice);
        vault.stake(agentId, 1 ether);
    }

    // ---------------------------------------------------------------- stake with permit

    function test_StakeWithPermit() public {
        (address dave, uint256 key) = makeAddrAndKey("dave");
        uint256 agentId = _register(dave, IAgentRegistry.Role.Utility);
        _fund(dave, 1000 ether);
        (uint8 v, bytes32 r, bytes32 s) = _permit(key, dave, 1000 ether, vm.getBlockTimestamp() + 1 hours);
        vm.prank(dave);
        vault.stakeWithPermit(agentId, 1000 ether, vm.getBlockTimestamp() + 1 hours, v, r, s);
        assertEq(vault.stakeOf(agentId), 1000 ether);
        assertEq(token.allowance(dave, address(vault)), 0);
    }

    function test_StakeWithPermit_FrontRunPermitStillStakes() public {
        (address dave, uint256 key) = makeAddrAndKey("dave");
        uint256 agentId = _register(dave, IAgentRegistry.Role.Utility);
        _fund(dave, 1000 ether);
        uint256 deadline = vm.getBlockTimestamp() + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = _permit(key, dave, 1000 ether, deadline);
        // Someone submits the permit first; the stake must still go through on the allowance it set.
        token.permit(dave, address(vault), 1000 ether, deadline, v, r, s);
        vm.prank(dave);
        vault.stakeWithPermit(agentId, 1000 ether, deadline, v, r, s);
        assertEq(vault.stakeOf(agentId), 1000 ether);
    }

    function test_RevertWhen_StakeWithInvalidPermit() public {
        (address dave,) = makeAddrAndKey("dave");
        (, uint256 wrongKey) = makeAddrAndKey("wrong");
        uint256 agentId = _register(dave, IAgentRegistry.Role.Utility);
        _fund(dave, 1000 ether);
        (uint8 v, bytes32 r, bytes32 s) =
            _permit(wrongKey, dave, 1000 ether, vm.getBlockTimestamp() + 1 hours);
        vm.expectRevert(
            abi.encodeWithSelector(
                IERC20Errors.ERC20InsufficientAllowance.selector, address(vault), 0, 1000 ether
            )
        );
        vm.prank(dave);
        vault.stakeWithPermit(agentId, 1000 ether, vm.getBlockTimestamp() + 1 hours, v, r, s);
    }

    // ---------------------------------------------------------------- unstake and withdraw

    function test_RequestUnstake() public {
        uint256 agentId = _registerAndStake(alice, IAgentRegistry.Role.Utility, 3000 ether);
        uint48 release = uint48(vm.getBlockTimestamp() + 14 days);
        vm.expectEmit(address(vault));
        emit IStakingVault.UnstakeRequested(
            agentId, 1, alice, 2500 ether, 2500 ether, release, 500 ether, 2500 ether
        );
        vm.prank(alice);
        uint256 requestId = vault.requestUnstake(agentId, 2500 ether);

        assertEq(requestId, 1);
        assertEq(vault.stakeOf(agentId), 500 ether);
        assertEq(vault.unbondingOf(agentId), 2500 ether);
        assertEq(vault.totalStaked(), 500 ether);
        assertEq(vault.totalUnbonding(), 2500 ether);
        assertEq(vault.getVotes(alice), 500 ether, "unbonding leaves votes at once");
        assertFalse(vault.isActive(agentId), "and the tier");
        assertEq(vault.requestAmount(requestId), 2500 ether);
        IStakingVault.UnbondingRequest memory request = vault.unbondingRequest(requestId);
        assertEq(request.agentId, agentId);
        assertEq(request.releaseTime, release);
    }

    function test_Withdraw_AfterUnbondingPeriod() public {
        uint256 agentId = _registerAndStake(alice, IAgentRegistry.Role.Utility, 3000 ether);
        vm.prank(alice);
        uint256 requestId = vault.requestUnstake(agentId, 1000 ether);

        vm.warp(vm.getBlockTimestamp() + 14 days);
        vm.expectEmit(address(vault));
        emit IStakingVault.Withdrawn(agentId, requestId, alice, 1000 ether, 0);
        vm.prank(alice);
        uint256 paid = vault.withdraw(requestId);

        assertEq(paid, 1000 ether);
        assertEq(token.balanceOf(alice), 1000 ether);
        assertEq(vault.unbondingOf(agentId), 0);
        assertEq(vault.totalUnbonding(), 0);
        assertEq(vault.requestAmount(requestId), 0);
    }

    function test_Withdraw_PaysCurrentOwner() public {
        uint256 agentId = _registerAndStake(alice, IAgentRegistry.Role.Utility, 3000 ether);
        vm.prank(alice);
        uint256 requestId = vault.requestUnstake(agentId, 1000 ether);
        vm.prank(alice);
        registry.transferFrom(alice, bob, agentId);
        vm.warp(vm.getBlockTimestamp() + 14 days);

        vm.expectRevert(
            abi.encodeWithSelector(IStakingVault.StakingNotOwnerOrApproved.selector, agentId, alice)
        );
        vm.prank(alice);
        vault.withdraw(requestId);

        vm.prank(bob);
        vault.withdraw(requestId);
        assertEq(token.balanceOf(bob), 1000 ether);
    }

    function test_Withdraw_SeveralRequestsIndependently() public {
        uint256 agentId = _registerAndStake(alice, IAgentRegistry.Role.Utility, 3000 ether);
        vm.prank(alice);
        uint256 first = vault.requestUnstake(agentId, 1000 ether);
        vm.warp(vm.getBlockTimestamp() + 7 days);
        vm.prank(alice);
        uint256 second = vault.requestUnstake(agentId, 500 ether);

        vm.warp(vm.getBlockTimestamp() + 7 days);
        vm.prank(alice);
        assertEq(vault.withdraw(first), 1000 ether);
        vm.expectRevert(
            abi.encodeWithSelector(
                IStakingVault.StakingStillUnbonding.selector,
                second,
                uint48(vm.getBlockTimestamp() + 7 days),
                vm.getBlockTimestamp()
            )
        );
        vm.prank(alice);
        vault.withdraw(second);

        vm.warp(vm.getBlockTimestamp() + 7 days);
        vm.prank(alice);
        assertEq(vault.withdraw(second), 500 ether);
        assertEq(token.balanceOf(address(vault)), 1500 ether);
    }

    function test_Withdraw_WhilePaused() public {
        uint256 agentId = _registerAndStake(alice, IAgentRegistry.Role.Utility, 3000 ether);
        vm.prank(alice);
        uint256 requestId = vault.requestUnstake(agentId, 1000 ether);
        vm.prank(pauser);
        vault.pause();
        vm.warp(vm.getBlockTimestamp() + 14 days);
        vm.prank(alice);
        assertEq(vault.withdraw(requestId), 1000 ether, "a pause never traps unbonded funds");
    }

    function test_RevertWhen_WithdrawBeforeRelease() public {
        uint256 agentId = _registerAndStake(alice, IAgentRegistry.Role.Utility, 3000 ether);
        vm.prank(alice);
        uint256 requestId = vault.requestUnstake(agentId, 1000 ether);
        uint48 release = uint48(vm.getBlockTimestamp() + 14 days);
        vm.warp(release - 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IStakingVault.StakingStillUnbonding.selector, requestId, release, release - 1
            )
        );
        vm.prank(alice);
        vault.withdraw(requestId);
    }

    function test_RevertWhen_WithdrawTwice() public {
        uint256 agentId = _registerAndStake(alice, IAgentRegistry.Role.Utility, 3000 ether);
        vm.prank(alice);
        uint256 requestId = vault.requestUnstake(agentId, 1000 ether);
        vm.warp(vm.getBlockTimestamp() + 14 days);
        vm.startPrank(alice);
        vault.withdraw(requestId);
        vm.expectRevert(abi.encodeWithSelector(IStakingVault.StakingUnknownRequest.selector, requestId));
        vault.withdraw(requestId);
        vm.stopPrank();
    }

    function test_RevertWhen_WithdrawByStranger() public {
        uint256 agentId = _registerAndStake(alice, IAgentRegistry.Role.Utility, 3000 ether);
        vm.prank(alice);
        uint256 requestId = vault.requestUnstake(agentId, 1000 ether);
        vm.warp(vm.getBlockTimestamp() + 14 days);
        vm.expectRevert(
            abi.encodeWithSelector(IStakingVault.StakingNotOwnerOrApproved.selector, agentId, bob)
        );
        vm.prank(bob);
        vault.withdraw(requestId);
    }

    function test_RevertWhen_RequestUnstakeMoreThanStake() public {
        uint256 agentId = _registerAndStake(alice, IAgentRegistry.Role.Utility, 1000 ether);
        vm.expectRevert(
            abi.encodeWithSelector(
                IStakingVault.StakingInsufficientStake.selector, agentId, 1000 ether, 1001 ether
            )
        );
        vm.prank(alice);
        vault.requestUnstake(agentId, 1001 ether);
    }

    function test_RevertWhen_RequestUnstakeZero() public {
        uint256 agentId = _registerAndStake(alice, IAgentRegistry.Role.Utility, 1000 ether);
        vm.expectRevert(IStakingVault.StakingZeroAmount.selector);
        vm.prank(alice);
        vault.requestUnstake(agentId, 0);
    }

    function test_RevertWhen_RequestUnstakeByOperator() public {
        uint256 agentId = _registerAndStake(alice, IAgentRegistry.Role.Utility, 1000 ether);
        vm.prank(alice);
        registry.setOperator(agentId, operator);
        vm.expectRevert(
            abi.encodeWithSelector(IStakingVault.StakingNotOwnerOrApproved.selector, agentId, operator)
        );
        vm.prank(operator);
        vault.requestUnstake(agentId, 1 ether);
    }

    /// A pause never traps funds: unstake requests (and withdrawals) keep working; only new stake waits.
    function test_RequestUnstake_WorksWhilePaused() public {
        uint256 agentId = _registerAndStake(alice, IAgentRegistry.Role.Utility, 1000 ether);
        vm.prank(pauser);
        vault.pause();
        vm.prank(alice);
        uint256 requestId = vault.requestUnstake(agentId, 400 ether);
        assertEq(vault.stakeOf(agentId), 600 ether);
        vm.warp(vm.getBlockTimestamp() + vault.unbondingPeriod());
        vm.prank(alice);
        vault.withdraw(requestId);
        assertEq(token.balanceOf(alice), 400 ether);
    }

    /// A pause lifts by itself after the pause duration: the guardian cannot keep stake frozen.
    function test_Pause_ExpiresByItself() public {
        uint256 agentId = _register(alice, IAgentRegistry.Role.Utility);
        _fund(alice, 1 ether);
        vm.prank(pauser);
        vault.pause();
        assertTrue(vault.paused());
        (bool ok, bytes memory result) = address(vault).staticcall(abi.encodeWithSignature("pauseDuration()"));
        assertTrue(ok, "pauseDuration()");
        uint256 duration = abi.decode(result, (uint256));
        assertGt(duration, 0);
        vm.warp(vm.getBlockTimestamp() + duration);
        assertFalse(vault.paused(), "lifted with no transaction");
        vm.startPrank(alice);
        token.approve(address(vault), 1 ether);
        vault.stake(agentId, 1 ether);
        vm.stopPrank();
        assertEq(vault.stakeOf(agentId), 1 ether);
    }

    /// The slash veto window (3 days) always fits in the unbonding period.
    function test_RevertWhen_UnbondingPeriodNotLongerThanTheSlashVetoWindow() public {
        assertGt(vault.MIN_UNBONDING_PERIOD(), 3 days);
        vm.expectRevert(
            abi.encodeWithSelector(
                IStakingVault.StakingUnbondingPeriodOutOfBounds.selector,
                3 days,
                vault.MIN_UNBONDING_PERIOD(),
                vault.MAX_UNBONDING_PERIOD()
            )
        );
        vm.prank(admin);
        vault.setUnbondingPeriod(3 days);
    }

    // ---------------------------------------------------------------- slash

    function test_Slash_ProportionalToOwnAndUnbonding() public {
        uint256 agentId = _registerAndStake(alice, IAgentRegistry.Role.Utility, 4000 ether);
        vm.prank(alice);
        uint256 requestId = vault.requestUnstake(agentId, 1000 ether);

        vm.expectEmit(address(vault));
        emit IStakingVault.Slashed(
            agentId, slasher, address(treasury), 2000 ether, 1500 ether, 500 ether, 1500 ether, 500 ether
        );
        vm.prank(slasher);
        vault.slash(agentId, 2000 ether);

        assertEq(vault.stakeOf(agentId), 1500 ether);
        assertEq(vault.unbondingOf(agentId), 500 ether);
        assertEq(vault.requestAmount(requestId), 500 ether, "pending requests bear the slash");
        assertEq(vault.getVotes(alice), 1500 ether);
        assertEq(
            token.balanceOf(address(treasury)),
            TREASURY_ALLOCATION + 2000 ether,
            "proceeds to the slash recipient"
        );
        assertEq(vault.totalStaked(), 1500 ether);
        assertEq(vault.totalUnbonding(), 500 ether);

        vm.warp(vm.getBlockTimestamp() + 14 days);
        vm.prank(alice);
        assertEq(vault.withdraw(requestId), 500 ether);
    }

    function test_Slash_OnlyPendingRequestsBearIt() public {
        uint256 agentId = _registerAndStake(alice, IAgentRegistry.Role.Utility, 4000 ether);
        vm.prank(alice);
        uint256 before = vault.requestUnstake(agentId, 2000 ether);
        vm.prank(slasher);
        vault.slash(agentId, 2000 ether); // 1000 from own, 1000 from the pending request
        vm.prank(alice);
        uint256 afterSlash = vault.requestUnstake(agentId, 500 ether);

        assertEq(vault.requestAmount(before), 1000 ether);
        assertEq(vault.requestAmount(afterSlash), 500 ether, "a later request is not diluted");
        vm.warp(vm.getBlockTimestamp() + 14 days);
        vm.startPrank(alice);
        assertEq(vault.withdraw(before), 1000 ether);
        assertEq(vault.withdraw(afterSlash), 500 ether);
        vm.stopPrank();
        assertEq(token.balanceOf(address(vault)), vault.stakeOf(agentId));
    }

    function test_Slash_DeactivatesBelowMinimum() public {
        uint256 agentId = _registerAndStake(alice, IAgentRegistry.Role.Utility, 1500 ether);
        assertTrue(vault.isActive(agentId));
        vm.prank(slasher);
        vault.slash(agentId, 600 ether);
        assertFalse(vault.isActive(agentId));
        _stake(alice, agentId, 100 ether);
        assertTrue(vault.isActive(agentId), "topping up reactivates");
    }

    function test_Slash_RepeatedToDustThenRestake() public {
        uint256 agentId = _registerAndStake(alice, IAgentRegistry.Role.Utility, 1000 ether);
        vm.prank(alice);
        uint256 requestId = vault.requestUnstake(agentId, 10 ether);
        for (uint256 i; i < 200; ++i) {
            uint256 max = (vault.stakeOf(agentId) + vault.unbondingOf(agentId)) / 2;
            if (max == 0) break;
            vm.prank(slasher);
            vault.slash(agentId, max);
        }
        assertLe(vault.stakeOf(agentId) + vault.unbondingOf(agentId), 1);
        _stake(alice, agentId, 1000 ether);
        assertTrue(vault.isActive(agentId), "a fully slashed agent can stake again");
        vm.prank(alice);
        vault.requestUnstake(agentId, 400 ether);
        vm.warp(vm.getBlockTimestamp() + 14 days);
        vm.prank(alice);
        vault.withdraw(requestId);
        assertEq(token.balanceOf(address(vault)), vault.stakeOf(agentId) + vault.unbondingOf(agentId));
    }

    function test_RevertWhen_SlashMoreThanHalf() public {
        uint256 agentId = _registerAndStake(alice, IAgentRegistry.Role.Utility, 1000 ether);
        vm.expectRevert(
            abi.encodeWithSelector(IStakingVault.StakingSlashTooLarge.selector, agentId, 501 ether, 500 ether)
        );
        vm.prank(slasher);
        vault.slash(agentId, 501 ether);
    }

    function test_RevertWhen_SlashUnstakedAgent() public {
        uint256 agentId = _register(alice, IAgentRegistry.Role.Utility);
        vm.expectRevert(abi.encodeWithSelector(IStakingVault.StakingSlashTooLarge.selector, agentId, 1, 0));
        vm.prank(slasher);
        vault.slash(agentId, 1);
    }

    function test_RevertWhen_SlashZero() public {
        uint256 agentId = _registerAndStake(alice, IAgentRegistry.Role.Utility, 1000 ether);
        vm.expectRevert(IStakingVault.StakingZeroAmount.selector);
        vm.prank(slasher);
        vault.slash(agentId, 0);
    }

    function test_RevertWhen_SlashByNonSlasher() public {
        uint256 agentId = _registerAndStake(alice, IAgentRegistry.Role.Utility, 1000 ether);
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector, alice, vault.SLASHER_ROLE()
            )
        );
        vm.prank(alice);
        vault.slash(agentId, 1 ether);
    }

    function test_Slash_WhilePaused() public {
        uint256 agentId = _registerAndStake(alice, IAgentRegistry.Role.Utility, 1000 ether);
        vm.prank(pauser);
        vault.pause();
        vm.prank(slasher);
        vault.slash(agentId, 100 ether);
        assertEq(vault.stakeOf(agentId), 900 ether);
    }

    // ---------------------------------------------------------------- identity transfer

    function test_Transfer_MovesVotingUnits() public {
        uint256 agentId = _registerAndStake(alice, IAgentRegistry.Role.Utility, 2000 ether);
        vm.expectEmit(address(vault));
        emit IStakingVault.StakeOwnerChanged(agentId, alice, bob, 2000 ether);
        vm.prank(alice);
        registry.transferFrom(alice, bob, agentId);

        assertEq(vault.getVotes(alice), 0);
        assertEq(vault.getVotes(bob), 2000 ether, "new owner is self-delegated");
        assertEq(vault.votingUnitsOf(alice), 0);
        assertEq(vault.votingUnitsOf(bob), 2000 ether);
        vm.warp(vm.getBlockTimestamp() + 1);
        assertEq(
            vault.getPastTotalSupply(vm.getBlockTimestamp() - 1),
            2000 ether,
            "a transfer leaves total votes unchanged"
        );
    }

    function test_Transfer_RespectsNewOwnersDelegate() public {
        uint256 agentId = _registerAndStake(alice, IAgentRegistry.Role.Utility, 2000 ether);
        _registerAndStake(bob, IAgentRegistry.Role.Utility, 1000 ether);
        vm.prank(bob);
        vault.delegate(carol);
        vm.prank(alice);
        registry.transferFrom(alice, bob, agentId);
        assertEq(vault.getVotes(carol), 3000 ether);
        assertEq(vault.getVotes(bob), 0);
    }

    function test_RevertWhen_OnAgentTransferNotFromRegistry() public {
        vm.expectRevert(abi.encodeWithSelector(IStakingVault.StakingCallerNotRegistry.selector, alice));
        vm.prank(alice);
        vault.onAgentTransfer(1, alice, bob);
    }

    // ---------------------------------------------------------------- votes

    function test_Votes_CheckpointedByTimestamp() public {
        uint256 agentId = _registerAndStake(alice, IAgentRegistry.Role.Utility, 1000 ether);
        uint256 t0 = vm.getBlockTimestamp();
        vm.warp(t0 + 100);
        _stake(alice, agentId, 500 ether);
        vm.warp(t0 + 200);
        vm.prank(alice);
        vault.requestUnstake(agentId, 300 ether);
        vm.warp(t0 + 300);

        assertEq(vault.getPastVotes(alice, t0), 1000 ether);
        assertEq(vault.getPastVotes(alice, t0 + 100), 1500 ether);
        assertEq(vault.getPastVotes(alice, t0 + 200), 1200 ether);
        assertEq(vault.getPastTotalSupply(t0 + 200), 1200 ether);
    }

    function test_DelegateBySig() public {
        (address dave, uint256 key) = makeAddrAndKey("dave");
        _registerAndStake(dave, IAgentRegistry.Role.Utility, 1000 ether);
        uint256 expiry = vm.getBlockTimestamp() + 1 hours;
        bytes32 structHash = keccak256(
            abi.encode(
                keccak256("Delegation(address delegatee,uint256 nonce,uint256 expiry)"),
                operator,
                vault.nonces(dave),
                expiry
            )
        );
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, _eip712Digest(vault, structHash));
        vault.delegateBySig(operator, 0, expiry, v, r, s);
        assertEq(vault.getVotes(operator), 1000 ether);
    }

    // ---------------------------------------------------------------- tier and active

    function test_IsActive_FollowsSeatTier() public {
        uint256 agentId = _registerAndStake(alice, IAgentRegistry.Role.Specialized, 5000 ether);
        assertTrue(vault.isActive(agentId));
        assertEq(vault.minimumStakeOf(agentId), SPECIALIZED_MIN);
        vm.prank(admin);
        registry.grantSeat(agentId, IAgentRegistry.Role.CTO);
        assertFalse(vault.isActive(agentId), "a seat raises the minimum to the C-suite tier");
        assertEq(vault.minimumStakeOf(agentId), CSUITE_MIN);
        _stake(alice, agentId, 5000 ether);
        assertTrue(vault.isActive(agentId));
    }

    // ---------------------------------------------------------------- parameters

    function test_SetTierMinimum() public {
        vm.expectEmit(address(vault));
        emit IStakingVault.TierMinimumSet(IAgentRegistry.Tier.Utility, UTILITY_MIN, 2000 ether);
        vm.prank(admin);
        vault.setTierMinimum(IAgentRegistry.Tier.Utility, 2000 ether);
        assertEq(vault.tierMinimum(IAgentRegistry.Tier.Utility), 2000 ether);
    }

    function test_RevertWhen_SetTierMinimumBreaksOrder() public {
        vm.startPrank(admin);
        vm.expectRevert(
            abi.encodeWithSelector(
                IStakingVault.StakingTierMinimumOutOfBounds.selector,
                IAgentRegistry.Tier.Utility,
                SPECIALIZED_MIN + 1,
                1 ether,
                SPECIALIZED_MIN
            )
        );
        vault.setTierMinimum(IAgentRegistry.Tier.Utility, SPECIALIZED_MIN + 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IStakingVault.StakingTierMinimumOutOfBounds.selector,
                IAgentRegistry.Tier.CSuite,
                SPECIALIZED_MIN - 1,
                SPECIALIZED_MIN,
                10_000_000 ether
            )
        );
        vault.setTierMinimum(IAgentRegistry.Tier.CSuite, SPECIALIZED_MIN - 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IStakingVault.StakingTierMinimumOutOfBounds.selector,
                IAgentRegistry.Tier.Utility,
                0.5 ether,
                1 ether,
                SPECIALIZED_MIN
            )
        );
        vault.setTierMinimum(IAgentRegistry.Tier.Utility, 0.5 ether);
        vm.expectRevert(
            abi.encodeWithSelector(
                IStakingVault.StakingTierMinimumOutOfBounds.selector,
                IAgentRegistry.Tier.CSuite,
                10_000_001 ether,
                SPECIALIZED_MIN,
                10_000_000 ether
            )
        );
        vault.setTierMinimum(IAgentRegistry.Tier.CSuite, 10_000_001 ether);
        vm.expectRevert(
            abi.encodeWithSelector(IStakingVault.StakingInvalidTier.selector, IAgentRegistry.Tier.None)
        );
        vault.setTierMinimum(IAgentRegistry.Tier.None, 1 ether);
        vm.stopPrank();
    }

    function test_SetUnbondingPeriodAndBounds() public {
        vm.startPrank(admin);
        vm.expectEmit(address(vault));
        emit IStakingVault.UnbondingPeriodSet(14 days, 21 days);
        vault.setUnbondingPeriod(21 days);
        assertEq(vault.unbondingPeriod(), 21 days);
        vm.expectRevert(
            abi.encodeWithSelector(
                IStakingVault.StakingUnbondingPeriodOutOfBounds.selector, 1 hours, 7 days, 90 days
            )
        );
        vault.setUnbondingPeriod(1 hours);
        vm.expectRevert(
            abi.encodeWithSelector(
                IStakingVault.StakingUnbondingPeriodOutOfBounds.selector, 91 days, 7 days, 90 days
            )
        );
        vault.setUnbondingPeriod(91 days);
        vm.stopPrank();
    }

    function test_SetMaxSlashBpsAndBounds() public {
        vm.startPrank(admin);
        vm.expectEmit(address(vault));
        emit IStakingVault.MaxSlashBpsSet(5000, 2500);
        vault.setMaxSlashBps(2500);
        assertEq(vault.maxSlashBps(), 2500);
        vm.expectRevert(
            abi.encodeWithSelector(IStakingVault.StakingMaxSlashOutOfBounds.selector, 5001, 100, 5000)
        );
        vault.setMaxSlashBps(5001);
        vm.expectRevert(
            abi.encodeWithSelector(IStakingVault.StakingMaxSlashOutOfBounds.selector, 99, 100, 5000)
        );
        vault.setMaxSlashBps(99);
        vm.stopPrank();
    }

    function test_SetSlashRecipient() public {
        vm.startPrank(admin);
        vm.expectEmit(address(vault));
        emit IStakingVault.SlashRecipientSet(address(treasury), carol);
        vault.setSlashRecipient(carol);
        assertEq(vault.slashRecipient(), carol);
        vm.expectRevert(IStakingVault.StakingZeroSlashRecipient.selector);
        vault.setSlashRecipient(address(0));
        vm.stopPrank();
    }

    function test_RevertWhen_ParametersSetByNonAdmin() public {
        bytes memory err = abi.encodeWithSelector(
            IAccessControl.AccessControlUnauthorizedAccount.selector, alice, vault.DEFAULT_ADMIN_ROLE()
        );
        vm.startPrank(alice);
        vm.expectRevert(err);
        vault.setTierMinimum(IAgentRegistry.Tier.Utility, 2000 ether);
        vm.expectRevert(err);
        vault.setUnbondingPeriod(21 days);
        vm.expectRevert(err);
        vault.setMaxSlashBps(1000);
        vm.expectRevert(err);
        vault.setSlashRecipient(alice);
        vm.stopPrank();
    }

    function test_PauseAndUnpause() public {
        vm.prank(pauser);
        vault.pause();
        assertTrue(vault.paused());
        vm.prank(pauser);
        vault.unpause();
        assertFalse(vault.paused());
        uint256 agentId = _registerAndStake(alice, IAgentRegistry.Role.Utility, 1000 ether);
        assertEq(vault.stakeOf(agentId), 1000 ether);
    }

    function test_Pause_GuardianWaitsOutTheCooldown() public {
        vm.prank(pauser);
        vault.pause();
        uint256 until = vault.pausedUntil();
        assertEq(until, vm.getBlockTimestamp() + 7 days);
        vm.warp(until);
        assertFalse(vault.paused());
        vm.expectRevert(
            abi.encodeWithSelector(IBoundedPausable.PauseCoolingDown.selector, until + 7 days, until)
        );
        vm.prank(pauser);
        vault.pause();
        vm.warp(until + 7 days);
        vm.prank(pauser);
        vault.pause();
        assertTrue(vault.paused());
    }

    function test_Pause_EarlyUnpauseStartsTheCooldown() public {
        vm.prank(pauser);
        vault.pause();
        vm.warp(vm.getBlockTimestamp() + 1 days);
        vm.expectEmit(address(vault));
        emit IBoundedPausable.PauseExpirySet(pauser, vm.getBlockTimestamp());
        vm.prank(pauser);
        vault.unpause();
        assertEq(vault.pauseCooldownEnd(), vm.getBlockTimestamp() + 7 days);
        vm.expectRevert(
            abi.encodeWithSelector(
                IBoundedPausable.PauseCoolingDown.selector,
                vm.getBlockTimestamp() + 7 days,
                vm.getBlockTimestamp()
            )
        );
        vm.prank(pauser);
        vault.pause();
    }

    function test_Pause_GovernanceSkipsTheCooldownAndExtends() public {
        vm.prank(pauser);
        vault.pause();
        vm.warp(vault.pausedUntil());
        vm.prank(admin);
        vault.pause(); // governance is not held to the cooldown
        uint256 until = vm.getBlockTimestamp() + 30 days;
        vm.expectEmit(address(vault));
        emit IBoundedPausable.PauseExpirySet(admin, until);
        vm.prank(admin);
        vault.pauseUntil(until);
        vm.warp(until - 1);
        assertTrue(vault.paused());
        vm.warp(until);
        assertFalse(vault.paused());
    }

    function test_PauseUntil_PausesAfterExpiryAndIsBounded() public {
        vm.prank(pauser);
        vault.pause();
        vm.warp(vault.pausedUntil() + 1); // expired: governance may pause again at once
        uint256 upper = vm.getBlockTimestamp() + vault.MAX_PAUSE_EXTENSION();
        vm.startPrank(admin);
        vm.expectRevert(
            abi.encodeWithSelector(
                IBoundedPausable.PauseExtensionOutOfBounds.selector,
                upper + 1,
                vm.getBlockTimestamp() + 1,
                upper
            )
        );
        vault.pauseUntil(upper + 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IBoundedPausable.PauseExtensionOutOfBounds.selector,
                vm.getBlockTimestamp(),
                vm.getBlockTimestamp() + 1,
                upper
            )
        );
        vault.pauseUntil(vm.getBlockTimestamp());
        vault.pauseUntil(upper);
        vm.stopPrank();
        assertTrue(vault.paused());
        assertEq(vault.pausedUntil(), upper);
    }

    function test_RevertWhen_PauserExtendsOrSetsDuration() public {
        bytes memory err = abi.encodeWithSelector(
            IAccessControl.AccessControlUnauthorizedAccount.selector, pauser, vault.DEFAULT_ADMIN_ROLE()
        );
        vm.startPrank(pauser);
        vault.pause();
        vm.expectRevert(err);
        vault.pauseUntil(vm.getBlockTimestamp() + 20 days);
        vm.expectRevert(err);
        vault.setPauseDuration(30 days);
        vm.stopPrank();
    }

    function test_SetPauseDurationAndBounds() public {
        vm.startPrank(admin);
        vm.expectEmit(address(vault));
        emit IBoundedPausable.PauseDurationSet(7 days, 3 days);
        vault.setPauseDuration(3 days);
        assertEq(vault.pauseDuration(), 3 days);
        vm.expectRevert(
            abi.encodeWithSelector(
                IBoundedPausable.PauseDurationOutOfBounds.selector, 1 hours, 1 days, 30 days
            )
        );
        vault.setPauseDuration(1 hours);
        vm.expectRevert(
            abi.encodeWithSelector(
                IBoundedPausable.PauseDurationOutOfBounds.selector, 31 days, 1 days, 30 days
            )
        );
        vault.setPauseDuration(31 days);
        vm.stopPrank();
    }

    function test_RevertWhen_StakeForRegistrantNotFromRegistry() public {
        vm.expectRevert(abi.encodeWithSelector(IStakingVault.StakingCallerNotRegistry.selector, alice));
        vm.prank(alice);
        vault.stakeForRegistrant(1, alice, 1 ether, 0, 0, 0, 0);
    }

    function test_RevertWhen_PauseByNonPauser() public {
        bytes memory err = abi.encodeWithSelector(
            IAccessControl.AccessControlUnauthorizedAccount.selector, alice, vault.PAUSER_ROLE()
        );
        vm.expectRevert(err);
        vm.prank(alice);
        vault.pause();
        vm.expectRevert(err);
        vm.prank(alice);
        vault.unpause();
    }

    // ---------------------------------------------------------------- fuzz

    function testFuzz_StakeUnstakeWithdrawConserves(uint256 stakeAmount, uint256 unstakeAmount, uint256 wait)
        public
    {
        stakeAmount = bound(stakeAmount, 1, 1_000_000 ether);
        unstakeAmount = bound(unstakeAmount, 1, stakeAmount);
        wait = bound(wait, 0, 30 days);
        uint256 agentId = _registerAndStake(alice, IAgentRegistry.Role.Utility, stakeAmount);
        vm.prank(alice);
        uint256 requestId = vault.requestUnstake(agentId, unstakeAmount);
        assertEq(vault.getVotes(alice), stakeAmount - unstakeAmount);

        uint48 release = vault.unbondingRequest(requestId).releaseTime;
        vm.warp(vm.getBlockTimestamp() + wait);
        if (wait < 14 days) {
            vm.expectRevert(
                abi.encodeWithSelector(
                    IStakingVault.StakingStillUnbonding.selector, requestId, release, vm.getBlockTimestamp()
                )
            );
            vm.prank(alice);
            vault.withdraw(requestId);
            return;
        }
        vm.prank(alice);
        assertEq(vault.withdraw(requestId), unstakeAmount);
        assertEq(token.balanceOf(alice), unstakeAmount);
        assertEq(token.balanceOf(address(vault)), stakeAmount - unstakeAmount);
    }

    function testFuzz_SlashNeverExceedsHalfAndConserves(uint256 own, uint256 unbonding, uint256 amount)
        public
    {
        own = bound(own, 2, 1_000_000 ether);
        unbonding = bound(unbonding, 1, own - 1);
        uint256 agentId = _registerAndStake(alice, IAgentRegistry.Role.Utility, own);
        vm.prank(alice);
        uint256 requestId = vault.requestUnstake(agentId, unbonding);
        uint256 total = own;
        // Anything up to the whole stake: above half must revert with the exact bound.
        amount = bound(amount, 1, total);
        if (amount > total / 2) {
            vm.expectRevert(
                abi.encodeWithSelector(
                    IStakingVault.StakingSlashTooLarge.selector, agentId, amount, total / 2
                )
            );
            vm.prank(slasher);
            vault.slash(agentId, amount);
            return;
        }
        vm.prank(slasher);
        vault.slash(agentId, amount);

        assertEq(vault.stakeOf(agentId) + vault.unbondingOf(agentId), total - amount);
        assertLe(vault.requestAmount(requestId), unbonding);
        assertEq(token.balanceOf(address(vault)), vault.stakeOf(agentId) + vault.unbondingOf(agentId));
        assertEq(vault.getVotes(alice), vault.stakeOf(agentId));

        uint256 expected = vault.requestAmount(requestId);
        vm.warp(vm.getBlockTimestamp() + 14 days);
        vm.prank(alice);
        uint256 paid = vault.withdraw(requestId);
        assertEq(paid, expected);
        assertEq(vault.unbondingOf(agentId), 0, "the last request takes the whole pool");
        assertEq(token.balanceOf(address(vault)), vault.stakeOf(agentId));
    }

    function test_Views_UnknownRequest() public view {
        assertEq(vault.requestAmount(999), 0);
        assertEq(vault.unbondingRequest(999).shares, 0);
        assertEq(IERC20(vault.token()).balanceOf(address(vault)), 0);
    }
}
