// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAgentRegistry} from "../../contracts/interfaces/IAgentRegistry.sol";
import {IBoundedPausable} from "../../contracts/interfaces/IBoundedPausable.sol";
import {IConclaveGovernor} from "../../contracts/interfaces/IConclaveGovernor.sol";
import {IConclaveTreasury} from "../../contracts/interfaces/IConclaveTreasury.sol";
import {IFeeEscrow} from "../../contracts/interfaces/IFeeEscrow.sol";
import {IGuardianMultisig} from "../../contracts/interfaces/IGuardianMultisig.sol";
import {IStakingVault} from "../../contracts/interfaces/IStakingVault.sol";
import {GovernanceBase} from "../utils/GovernanceBase.sol";
import {CallReceiver} from "../utils/mocks/CallReceiver.sol";
import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {
    GovernorPreventLateQuorum
} from "@openzeppelin/contracts/governance/extensions/GovernorPreventLateQuorum.sol";

contract ConclaveGovernorTest is GovernanceBase {
    IConclaveGovernor.Category internal constant UPGRADE = IConclaveGovernor.Category.ProtocolUpgrade;
    IConclaveGovernor.Category internal constant ECONOMIC = IConclaveGovernor.Category.EconomicParameter;
    IConclaveGovernor.Category internal constant ROLE = IConclaveGovernor.Category.AgentRole;
    IConclaveGovernor.Category internal constant TREASURY = IConclaveGovernor.Category.TreasuryAllocation;
    IConclaveGovernor.Category internal constant PARTNERSHIP =
    IConclaveGovernor.Category.StrategicPartnership;
    IConclaveGovernor.Category internal constant EMERGENCY = IConclaveGovernor.Category.Emergency;

    CallReceiver internal partner;

    function setUp() public override {
        super.setUp();
        partner = new CallReceiver();
        // A partner's function is typed by a mapping that governance adds, like any action.
        _governance(
            address(governor),
            abi.encodeCall(
                IConclaveGovernor.setActionCategory,
                (address(partner), CallReceiver.ping.selector, PARTNERSHIP, true)
            )
        );
    }

    function _state(uint256 id) internal view returns (uint8) {
        return uint8(governor.state(id));
    }

    // ---------------------------------------------------------------- defaults and rights

    function test_Defaults() public view {
        assertEq(governor.votingDelay(), 48 hours);
        assertEq(governor.votingPeriod(), 7 days);
        assertEq(governor.proposalThreshold(), 1000 ether);
        assertEq(governor.expeditedVotingPeriod(), 3 days);
        assertEq(governor.expeditedQuorum(), 1000);
        assertEq(governor.lateQuorumVoteExtension(), 2 days);
        assertEq(governor.categoryQuorum(ECONOMIC), 400);
        assertTrue(governor.categoryRequiresReview(UPGRADE));
        assertFalse(governor.categoryRequiresReview(TREASURY));
        assertEq(governor.timelock(), address(timelock));
        assertEq(governor.proposalGuardian(), address(guardian));
        assertEq(timelock.getMinDelay(), 48 hours);
        assertEq(governor.CLOCK_MODE(), "mode=timestamp");
        assertEq(governor.quorum(vm.getBlockTimestamp() - 1), 4000 ether);
    }

    function test_DeployerHoldsNoRight() public view {
        bytes32[4] memory timelockRoles = [
            timelock.DEFAULT_ADMIN_ROLE(),
            timelock.PROPOSER_ROLE(),
            timelock.CANCELLER_ROLE(),
            timelock.EXECUTOR_ROLE()
        ];
        for (uint256 i; i < timelockRoles.length; ++i) {
            assertFalse(timelock.hasRole(timelockRoles[i], deployer), "timelock role");
        }
        assertFalse(registry.hasRole(registry.DEFAULT_ADMIN_ROLE(), deployer), "registry admin");
        assertFalse(vault.hasRole(vault.DEFAULT_ADMIN_ROLE(), deployer), "vault admin");
        assertFalse(vault.hasRole(vault.SLASHER_ROLE(), deployer), "vault slasher");
        assertFalse(vault.hasRole(vault.PAUSER_ROLE(), deployer), "vault pauser");
        assertEq(token.balanceOf(deployer), 0, "deployer holds no tokens");
        assertFalse(guardian.isOwner(deployer));

        // Every right sits with the Timelock (and the emergency rights with the guardian).
        assertTrue(registry.hasRole(registry.DEFAULT_ADMIN_ROLE(), address(timelock)));
        assertTrue(vault.hasRole(vault.DEFAULT_ADMIN_ROLE(), address(timelock)));
        assertTrue(timelock.hasRole(timelock.DEFAULT_ADMIN_ROLE(), address(timelock)));
        assertTrue(timelock.hasRole(timelock.PROPOSER_ROLE(), address(governor)));
        assertTrue(timelock.hasRole(timelock.CANCELLER_ROLE(), address(governor)));
        // The guardian cancels queued operations through the Governor, never at the Timelock directly.
        assertFalse(
            timelock.hasRole(timelock.CANCELLER_ROLE(), address(guardian)), "guardian cannot cancel there"
        );
        assertTrue(timelock.hasRole(timelock.EXECUTOR_ROLE(), address(0)), "execution is permissionless");
        assertFalse(timelock.hasRole(timelock.PROPOSER_ROLE(), address(guardian)), "guardian cannot propose");
        assertTrue(vault.hasRole(vault.PAUSER_ROLE(), address(guardian)));
        assertEq(treasury.governance(), address(timelock));
        assertEq(guardian.governance(), address(timelock));
        assertEq(vault.slashRecipient(), address(treasury));
    }

    function test_AccountabilityRightsAreHandedOver() public view {
        bytes32 adminRole = bytes32(0);
        assertFalse(reputation.hasRole(adminRole, deployer), "reputation admin");
        assertFalse(slashing.hasRole(adminRole, deployer), "slashing admin");
        assertFalse(slashing.hasRole(slashing.VETOER_ROLE(), deployer), "slashing vetoer");
        assertFalse(rewards.hasRole(adminRole, deployer), "rewards admin");
        assertTrue(reputation.hasRole(adminRole, address(timelock)));
        assertTrue(slashing.hasRole(adminRole, address(timelock)));
        assertTrue(rewards.hasRole(adminRole, address(timelock)));
        // The slashing manager may hold and slash stake; the guardian and governance may veto, nobody else.
        assertTrue(vault.hasRole(vault.SLASHER_ROLE(), address(slashing)));
        assertTrue(slashing.hasRole(slashing.VETOER_ROLE(), address(guardian)));
        assertTrue(slashing.hasRole(slashing.VETOER_ROLE(), address(timelock)));
        assertEq(address(rewards.governor()), address(governor));
        assertFalse(reputation.isValidator(deployer), "no validator until governance names one");
        // Validator and slashing parameters need the CLO review; funding an epoch is a treasury allocation.
        (IConclaveGovernor.Category category,) =
            governor.actionCategory(address(reputation), reputation.setValidator.selector);
        assertEq(uint8(category), uint8(IConclaveGovernor.Category.ProtocolUpgrade));
        (category,) = governor.actionCategory(address(slashing), slashing.setVetoWindow.selector);
        assertEq(uint8(category), uint8(IConclaveGovernor.Category.ProtocolUpgrade));
        (category,) = governor.actionCategory(address(slashing), slashing.veto.selector);
        assertEq(uint8(category), uint8(IConclaveGovernor.Category.Emergency));
    }

    // ---------------------------------------------------------------- lifecycle per category

    function test_Lifecycle_ProtocolUpgradeWithReview() public {
        Proposal memory p = _single(
            address(timelock), abi.encodeCall(TimelockController.updateDelay, (72 hours)), "delay 72h"
        );
        uint256 id = _propose(p, UPGRADE, false);
        assertTrue(governor.proposalType(id).reviewRequired);
        vm.expectEmit(address(governor));
        emit IConclaveGovernor.ProposalReviewed(
            id, cloAgent, clo, IConclaveGovernor.Verdict.Favourable, "bafkreireviewreport"
        );
        _review(id, IConclaveGovernor.Verdict.Favourable);
        assertEq(governor.reviewReport(id), "bafkreireviewreport");
        _toActive(id);
        _vote(alice, id, 1);
        _pastDeadline(id);
        _queue(p);
        assertEq(_state(id), uint8(IGovernor.ProposalState.Queued));
        vm.warp(vm.getBlockTimestamp() + 48 hours);
        vm.prank(makeAddr("anyone"));
        _execute(p);
        assertEq(timelock.getMinDelay(), 72 hours);
    }

    function test_RevertWhen_QueueUpgradeWithoutFavourableReview() public {
        Proposal memory p = _single(
            address(timelock), abi.encodeCall(TimelockController.updateDelay, (72 hours)), "delay 72h"
        );
        uint256 id = _propose(p, UPGRADE, false);
        _review(id, IConclaveGovernor.Verdict.Unfavourable);
        _toActive(id);
        _vote(alice, id, 1);
        _pastDeadline(id);
        vm.expectRevert(
            abi.encodeWithSelector(
                IConclaveGovernor.GovernanceReviewRequired.selector,
                id,
                IConclaveGovernor.Verdict.Unfavourable
            )
        );
        _queue(p);
    }

    function test_Lifecycle_EconomicParameter() public {
        _pass(
            _single(address(vault), abi.encodeCall(IStakingVault.setUnbondingPeriod, (21 days)), "21d"),
            ECONOMIC
        );
        assertEq(vault.unbondingPeriod(), 21 days);
    }

    function test_Lifecycle_AgentRole() public {
        _pass(
            _single(
                address(registry),
                abi.encodeCall(IAgentRegistry.grantSeat, (aliceAgent, IAgentRegistry.Role.CTO)),
                "cto"
            ),
            ROLE
        );
        assertEq(registry.seatHolder(IAgentRegistry.Role.CTO), aliceAgent);
    }

    function test_Lifecycle_TreasuryAllocation() public {
        _pass(
            _single(
                address(treasury),
                abi.encodeCall(IConclaveTreasury.spend, (address(token), dave, 1000 ether)),
                "grant"
            ),
            TREASURY
        );
        assertEq(token.balanceOf(dave), 1000 ether);
    }

    function test_Lifecycle_StrategicPartnershipByPlainPropose() public {
        Proposal memory p = _single(address(partner), abi.encodeCall(CallReceiver.ping, (7)), "partner");
        vm.prank(alice);
        uint256 id = governor.propose(p.targets, p.values, p.calldatas, p.description);
        assertEq(uint8(governor.proposalType(id).category), uint8(PARTNERSHIP), "inferred from the mapping");
        _toActive(id);
        _vote(alice, id, 1);
        _pastDeadline(id);
        _queue(p);
        vm.warp(vm.getBlockTimestamp() + 48 hours);
        _execute(p);
        assertEq(partner.lastCaller(), address(timelock));
    }

    function test_PlainProposeInfersMappedCategory() public {
        Proposal memory p =
            _single(address(vault), abi.encodeCall(IStakingVault.setUnbondingPeriod, (21 days)), "plain");
        vm.prank(alice);
        uint256 id = governor.propose(p.targets, p.values, p.calldatas, p.description);
        assertEq(uint8(governor.proposalType(id).category), uint8(ECONOMIC));
    }

    function test_RevertWhen_CategoryDoesNotMatchAction() public {
        Proposal memory p = _single(
            address(treasury),
            abi.encodeCall(IConclaveTreasury.spend, (address(token), dave, 1 ether)),
            "mislabelled"
        );
        vm.expectRevert(
            abi.encodeWithSelector(
                IConclaveGovernor.GovernanceCategoryMismatch.selector,
                address(treasury),
                IConclaveTreasury.spend.selector,
                TREASURY,
                PARTNERSHIP
            )
        );
        _propose(p, PARTNERSHIP, false);
    }

    function test_RevertWhen_PlainProposeMixesCategories() public {
        Proposal memory p;
        p.targets = new address[](2);
        p.values = new uint256[](2);
        p.calldatas = new bytes[](2);
        p.targets[0] = address(vault);
        p.calldatas[0] = abi.encodeCall(IStakingVault.setUnbondingPeriod, (21 days));
        p.targets[1] = address(treasury);
        p.calldatas[1] = abi.encodeCall(IConclaveTreasury.spend, (address(token), dave, 1 ether));
        p.description = "mixed";
        vm.expectRevert(
            abi.encodeWithSelector(IConclaveGovernor.GovernanceMixedCategories.selector, ECONOMIC, TREASURY)
        );
        vm.prank(alice);
        governor.propose(p.targets, p.values, p.calldatas, p.description);
    }

    function test_RevertWhen_EmergencyNotExpedited() public {
        Proposal memory p = _single(
            address(treasury),
            abi.encodeCall(IConclaveTreasury.emergencySpend, (address(token), dave, 1 ether)),
            "e"
        );
        vm.expectRevert(IConclaveGovernor.GovernanceEmergencyMustBeExpedited.selector);
        _propose(p, EMERGENCY, false);
    }

    function test_RevertWhen_ProposeBelowThreshold() public {
        address poor = makeAddr("poor");
        _registerAndStake(poor, IAgentRegistry.Role.Utility, 999 ether);
        vm.warp(vm.getBlockTimestamp() + 1);
        Proposal memory p = _single(address(partner), abi.encodeCall(CallReceiver.ping, (1)), "poor");
        vm.expectRevert(
            abi.encodeWithSelector(
                IGovernor.GovernorInsufficientProposerVotes.selector, poor, 999 ether, 1000 ether
            )
        );
        vm.prank(poor);
        governor.proposeTyped(p.targets, p.values, p.calldatas, p.description, PARTNERSHIP, false);
    }

    function test_RevertWhen_ActionCalldataTooShort() public {
        Proposal memory p = _single(address(partner), hex"aabbcc", "short");
        vm.expectRevert(abi.encodeWithSelector(IConclaveGovernor.GovernanceInvalidCalldata.selector, 0));
        _propose(p, PARTNERSHIP, false);
    }

    // ---------------------------------------------------------------- expedited

    function test_Expedited_SucceedsAtMark() public {
        Proposal memory p = _single(address(partner), abi.encodeCall(CallReceiver.ping, (1)), "fast");
        uint256 id = _propose(p, PARTNERSHIP, true);
        IConclaveGovernor.ProposalType memory t = governor.proposalType(id);
        assertEq(t.expeditedDeadline, governor.proposalSnapshot(id) + 3 days);
        assertEq(governor.proposalDeadline(id), t.expeditedDeadline);
        _toActive(id);
        _vote(alice, id, 1); // 40k For
        _vote(carol, id, 1); // 15k For
        _vote(bob, id, 0); // 25k Against: 55 / 80 = 68.75 % >= 2/3, quorum 55k >= 10k
        vm.warp(t.expeditedDeadline + 1);
        assertEq(_state(id), uint8(IGovernor.ProposalState.Succeeded));
        assertEq(governor.proposalDeadline(id), t.expeditedDeadline);
        _queue(p);
        vm.warp(vm.getBlockTimestamp() + 48 hours);
        _execute(p);
        assertEq(partner.calls(), 1);
    }

    function test_RevertWhen_VoteAfterExpeditedSuccess() public {
        Proposal memory p = _single(address(partner), abi.encodeCall(CallReceiver.ping, (1)), "fast");
        uint256 id = _propose(p, PARTNERSHIP, true);
        _toActive(id);
        _vote(alice, id, 1);
        vm.warp(governor.proposalType(id).expeditedDeadline + 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IGovernor.GovernorUnexpectedProposalState.selector,
                id,
                IGovernor.ProposalState.Succeeded,
                bytes32(uint256(1) << uint8(IGovernor.ProposalState.Active))
            )
        );
        _vote(bob, id, 0);
        assertFalse(governor.proposalType(id).fellBack);
    }

    function test_Expedited_FallsBackToStandardAndKeepsVotes() public {
        Proposal memory p = _single(address(partner), abi.encodeCall(CallReceiver.ping, (1)), "fast-fallback");
        uint256 id = _propose(p, PARTNERSHIP, true);
        uint256 standardDeadline = governor.proposalSnapshot(id) + 7 days;
        _toActive(id);
        _vote(alice, id, 1); // 40k For
        _vote(bob, id, 0); // 25k Against: 61.5 %, short of two thirds
        uint48 mark = governor.proposalType(id).expeditedDeadline;

        vm.warp(mark + 1);
        assertEq(_state(id), uint8(IGovernor.ProposalState.Active), "continues as a standard proposal");
        assertEq(governor.proposalDeadline(id), standardDeadline);

        // A later vote would now reach two thirds; it must not turn the proposal back into an expedited one.
        vm.expectEmit(address(governor));
        emit IConclaveGovernor.ProposalFellBackToStandard(id, standardDeadline);
        _vote(carol, id, 1);
        assertTrue(governor.proposalType(id).fellBack);
        assertEq(_state(id), uint8(IGovernor.ProposalState.Active));
        assertEq(governor.proposalDeadline(id), standardDeadline);
        (uint256 against, uint256 forVotes,) = governor.proposalVotes(id);
        assertEq(forVotes, 55_000 ether, "votes from the expedited phase are kept");
        assertEq(against, 25_000 ether);
        assertEq(governor.proposalQuorum(id), 4000 ether, "standard quorum now");

        vm.warp(standardDeadline + 1);
        assertEq(_state(id), uint8(IGovernor.ProposalState.Succeeded));
        _queue(p);
        vm.warp(vm.getBlockTimestamp() + 48 hours);
        _execute(p);
    }

    function test_Expedited_FallbackDefeatedByStandardMajority() public {
        Proposal memory p = _single(address(partner), abi.encodeCall(CallReceiver.ping, (1)), "fast-defeat");
        uint256 id = _propose(p, PARTNERSHIP, true);
        _toActive(id);
        _vote(bob, id, 1); // 25k For
        _vote(alice, id, 0); // 40k Against
        vm.warp(governor.proposalType(id).expeditedDeadline + 1);
        assertEq(_state(id), uint8(IGovernor.ProposalState.Active));
        _pastDeadline(id);
        assertEq(_state(id), uint8(IGovernor.ProposalState.Defeated));
    }

    function test_Expedited_QuorumDecidesAtMark() public {
        uint256 id = _propose(
            _single(address(partner), abi.encodeCall(CallReceiver.ping, (1)), "q-met"), PARTNERSHIP, true
        );
        _toActive(id);
        _vote(dave, id, 1); // 10k For = exactly the 10 % expedited quorum
        vm.warp(governor.proposalType(id).expeditedDeadline + 1);
        assertEq(_state(id), uint8(IGovernor.ProposalState.Succeeded));

        uint256 id2 = _propose(
            _single(address(partner), abi.encodeCall(CallReceiver.ping, (2)), "q-missed"), PARTNERSHIP, true
        );
        _toActive(id2);
        vm.prank(dave);
        vault.requestUnstake(daveAgent, 1 ether); // dave's weight is now 9,999: short of the quorum alone
        _vote(dave, id2, 1);
        vm.warp(governor.proposalType(id2).expeditedDeadline + 1);
        assertEq(
            _state(id2), uint8(IGovernor.ProposalState.Active), "missed the expedited quorum: falls back"
        );
        _pastDeadline(id2);
        assertEq(_state(id2), uint8(IGovernor.ProposalState.Succeeded), "standard quorum (4 %) met");
    }

    function test_Emergency_DefeatedAtMarkWithoutFallback() public {
        Proposal memory p = _single(
            address(treasury),
            abi.encodeCall(IConclaveTreasury.emergencySpend, (address(token), dave, 1 ether)),
            "e"
        );
        uint256 id = _propose(p, EMERGENCY, true);
        _toActive(id);
        _vote(alice, id, 1);
        _vote(bob, id, 0); // 61.5 %: not two thirds
        vm.warp(governor.proposalType(id).expeditedDeadline + 1);
        assertEq(_state(id), uint8(IGovernor.ProposalState.Defeated));
    }

    function test_Emergency_SpendsBelowFloor() public {
        uint256 all = token.balanceOf(address(treasury));
        Proposal memory p = _single(
            address(treasury),
            abi.encodeCall(IConclaveTreasury.emergencySpend, (address(token), dave, all)),
            "rescue"
        );
        uint256 id = _propose(p, EMERGENCY, true);
        _toActive(id);
        _vote(alice, id, 1);
        _vote(carol, id, 1);
        vm.warp(governor.proposalType(id).expeditedDeadline + 1);
        _queue(p);
        vm.warp(vm.getBlockTimestamp() + 48 hours);
        _execute(p);
        assertEq(token.balanceOf(address(treasury)), 0);
    }

    // ---------------------------------------------------------------- vote weight

    function test_VoteWeight_LoweredBySlashDuringVote() public {
        uint256 id = _propose(
            _single(address(partner), abi.encodeCall(CallReceiver.ping, (1)), "w"), PARTNERSHIP, false
        );
        _toActive(id);
        vm.prank(admin);
        vault.slash(aliceAgent, 10_000 ether);
        _vote(alice, id, 1);
        (, uint256 forVotes,) = governor.proposalVotes(id);
        assertEq(forVotes, 30_000 ether, "min(40k at snapshot, 30k now)");
    }

    function test_VoteWeight_LoweredByUnstakeRequestDuringVote() public {
        uint256 id = _propose(
            _single(address(partner), abi.encodeCall(CallReceiver.ping, (1)), "w"), PARTNERSHIP, false
        );
        _toActive(id);
        vm.prank(bob);
        vault.requestUnstake(bobAgent, 20_000 ether);
        _vote(bob, id, 0);
        (uint256 against,,) = governor.proposalVotes(id);
        assertEq(against, 5000 ether);
    }

    function test_VoteWeight_StakeAddedAfterSnapshotDoesNotCount() public {
        uint256 id = _propose(
            _single(address(partner), abi.encodeCall(CallReceiver.ping, (1)), "w"), PARTNERSHIP, false
        );
        _toActive(id);
        _stake(dave, daveAgent, 50_000 ether);
        _vote(dave, id, 1);
        (, uint256 forVotes,) = governor.proposalVotes(id);
        assertEq(forVotes, 10_000 ether, "min(10k at snapshot, 60k now)");
    }

    function test_CastVoteBySig() public {
        (address eve, uint256 key) = makeAddrAndKey("eve");
        _registerAndStake(eve, IAgentRegistry.Role.Utility, 2000 ether);
        vm.warp(vm.getBlockTimestamp() + 1);
        uint256 id = _propose(
            _single(address(partner), abi.encodeCall(CallReceiver.ping, (1)), "sig"), PARTNERSHIP, false
        );
        _toActive(id);
        bytes32 structHash =
            keccak256(abi.encode(governor.BALLOT_TYPEHASH(), id, uint8(1), eve, governor.nonces(eve)));
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, _eip712Digest(governor, structHash));
        governor.castVoteBySig(id, 1, eve, abi.encodePacked(r, s, v));
        assertTrue(governor.hasVoted(id, eve));
    }

    // ---------------------------------------------------------------- late quorum

    function test_LateQuorum_ExtendsOnceAndIsBounded() public {
        uint256 id = _propose(
            _single(address(partner), abi.encodeCall(CallReceiver.ping, (1)), "late"), PARTNERSHIP, false
        );
        uint256 deadline = governor.proposalDeadline(id);
        vm.warp(deadline - 1 hours);
        uint256 expected = vm.getBlockTimestamp() + 2 days;
        vm.expectEmit(address(governor));
        // forge-lint: disable-next-line(unsafe-typecast) — a timestamp, far below 2^64
        emit GovernorPreventLateQuorum.ProposalExtended(id, uint64(expected));
        _vote(alice, id, 1); // quorum reached 1 hour before the end
        assertEq(governor.proposalDeadline(id), expected);

        vm.warp(expected - 1);
        _vote(bob, id, 0); // a later vote does not extend again
        assertEq(governor.proposalDeadline(id), expected);
        assertLe(governor.proposalDeadline(id), deadline + governor.MAX_VOTE_EXTENSION(), "bounded");
        vm.warp(expected + 1);
        assertEq(_state(id), uint8(IGovernor.ProposalState.Succeeded));
    }

    function test_RevertWhen_VoteExtensionOutOfBounds() public {
        _governanceReverts(
            address(governor),
            abi.encodeCall(governor.setLateQuorumVoteExtension, (8 days)),
            abi.encodeWithSelector(
                IConclaveGovernor.GovernanceParameterOutOfBounds.selector,
                // forge-lint: disable-next-line(unsafe-typecast) — the parameter's name, as the contract encodes it
                bytes32("lateQuorumVoteExtension"),
                8 days,
                1 hours,
                7 days
            )
        );
    }

    // ---------------------------------------------------------------- review

    function test_Review_RevisedDuringDiscussion() public {
        uint256 id = _propose(
            _single(address(timelock), abi.encodeCall(TimelockController.updateDelay, (72 hours)), "rev"),
            UPGRADE,
            false
        );
        _review(id, IConclaveGovernor.Verdict.Unfavourable);
        _review(id, IConclaveGovernor.Verdict.Favourable);
        assertEq(uint8(governor.proposalType(id).verdict), uint8(IConclaveGovernor.Verdict.Favourable));
    }

    function test_Review_ByOperatorKey() public {
        vm.prank(clo);
        registry.setOperator(cloAgent, operator);
        uint256 id = _propose(
            _single(address(partner), abi.encodeCall(CallReceiver.ping, (1)), "op"), PARTNERSHIP, false
        );
        vm.prank(operator);
        governor.review(id, IConclaveGovernor.Verdict.Favourable, "bafkreiop");
        assertEq(uint8(governor.proposalType(id).verdict), uint8(IConclaveGovernor.Verdict.Favourable));
    }

    function test_RevertWhen_ReviewAfterDiscussion() public {
        uint256 id = _propose(
            _single(address(partner), abi.encodeCall(CallReceiver.ping, (1)), "late-review"),
            PARTNERSHIP,
            false
        );
        _toActive(id);
        vm.expectRevert(
            abi.encodeWithSelector(
                IConclaveGovernor.GovernanceReviewWindowClosed.selector,
                id,
                uint8(IGovernor.ProposalState.Active)
            )
        );
        _review(id, IConclaveGovernor.Verdict.Favourable);
    }

    function test_RevertWhen_ReviewByNonReviewer() public {
        uint256 id = _propose(
            _single(address(partner), abi.encodeCall(CallReceiver.ping, (1)), "x"), PARTNERSHIP, false
        );
        vm.expectRevert(
            abi.encodeWithSelector(IConclaveGovernor.GovernanceNotReviewer.selector, alice, cloAgent)
        );
        vm.prank(alice);
        governor.review(id, IConclaveGovernor.Verdict.Favourable, "bafkrei");
    }

    function test_RevertWhen_ReviewWithVacantSeat() public {
        vm.prank(admin);
        registry.revokeSeat(IAgentRegistry.Role.CLO);
        uint256 id = _propose(
            _single(address(partner), abi.encodeCall(CallReceiver.ping, (1)), "x"), PARTNERSHIP, false
        );
        vm.expectRevert(abi.encodeWithSelector(IConclaveGovernor.GovernanceNotReviewer.selector, clo, 0));
        _review(id, IConclaveGovernor.Verdict.Favourable);
    }

    function test_RevertWhen_ReviewerInactive() public {
        vm.prank(clo);
        vault.requestUnstake(cloAgent, 1 ether);
        uint256 id = _propose(
            _single(address(partner), abi.encodeCall(CallReceiver.ping, (1)), "x"), PARTNERSHIP, false
        );
        vm.expectRevert(
            abi.encodeWithSelector(IConclaveGovernor.GovernanceReviewerInactive.selector, cloAgent)
        );
        _review(id, IConclaveGovernor.Verdict.Favourable);
    }

    function test_RevertWhen_ReviewInvalidVerdictOrEmptyReport() public {
        uint256 id = _propose(
            _single(address(partner), abi.encodeCall(CallReceiver.ping, (1)), "x"), PARTNERSHIP, false
        );
        vm.startPrank(clo);
        vm.expectRevert(IConclaveGovernor.GovernanceInvalidVerdict.selector);
        governor.review(id, IConclaveGovernor.Verdict.None, "bafkrei");
        vm.expectRevert(IConclaveGovernor.GovernanceEmptyReportCID.selector);
        governor.review(id, IConclaveGovernor.Verdict.Favourable, "");
        vm.stopPrank();
    }

    // ---------------------------------------------------------------- guardian

    function test_Guardian_CancelsProposal() public {
        Proposal memory p = _single(address(partner), abi.encodeCall(CallReceiver.ping, (1)), "harmful");
        uint256 id = _propose(p, PARTNERSHIP, false);
        _toActive(id);
        _vote(alice, id, 1);
        _guardianExecute(
            address(governor),
            abi.encodeCall(
                IGovernor.cancel, (p.targets, p.values, p.calldatas, keccak256(bytes(p.description)))
            )
        );
        assertEq(_state(id), uint8(IGovernor.ProposalState.Canceled));
    }

    function test_Guardian_CancelsQueuedTimelockOperation() public {
        Proposal memory p = _single(address(partner), abi.encodeCall(CallReceiver.ping, (1)), "queued-harm");
        uint256 id = _propose(p, PARTNERSHIP, false);
        _toActive(id);
        _vote(alice, id, 1);
        _pastDeadline(id);
        _queue(p);
        bytes32 salt = bytes20(address(governor)) ^ keccak256(bytes(p.description));
        bytes32 operationId = timelock.hashOperationBatch(p.targets, p.values, p.calldatas, 0, salt);
        assertTrue(timelock.isOperationPending(operationId));
        _guardianExecute(
            address(governor),
            abi.encodeCall(
                IGovernor.cancel, (p.targets, p.values, p.calldatas, keccak256(bytes(p.description)))
            )
        );
        assertEq(_state(id), uint8(IGovernor.ProposalState.Canceled));
        assertFalse(
            timelock.isOperation(operationId), "the Timelock operation is cancelled with the proposal"
        );
        vm.warp(vm.getBlockTimestamp() + 48 hours);
        vm.expectRevert(
            abi.encodeWithSelector(
                IGovernor.GovernorUnexpectedProposalState.selector,
                id,
                IGovernor.ProposalState.Canceled,
                // With a Timelock, only a Queued proposal can be executed.
                bytes32(uint256(1) << uint8(IGovernor.ProposalState.Queued))
            )
        );
        _execute(p);
    }

    function test_Guardian_PausesStaking() public {
        _guardianExecute(address(vault), abi.encodeCall(IBoundedPausable.pause, ()));
        assertTrue(vault.paused());
        _guardianExecute(address(vault), abi.encodeCall(IBoundedPausable.unpause, ()));
        assertFalse(vault.paused());
    }

    // ---------------------------------------------------------------- parameters

    function test_Parameters_OnlyGovernance() public {
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorOnlyExecutor.selector, alice));
        vm.prank(alice);
        governor.setCategoryQuorum(ECONOMIC, 500);
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorOnlyExecutor.selector, alice));
        vm.prank(alice);
        governor.setActionCategory(address(partner), CallReceiver.ping.selector, ROLE, true);
    }

    function test_Parameters_SetThroughGovernance() public {
        _governance(address(governor), abi.encodeCall(IConclaveGovernor.setCategoryQuorum, (ECONOMIC, 600)));
        _governance(
            address(governor), abi.encodeCall(IConclaveGovernor.setCategoryRequiresReview, (TREASURY, true))
        );
        _governance(address(governor), abi.encodeCall(IConclaveGovernor.setExpeditedQuorum, (1500)));
        _governance(address(governor), abi.encodeCall(IConclaveGovernor.setExpeditedVotingPeriod, (2 days)));
        _governance(
            address(governor),
            abi.encodeCall(
                IConclaveGovernor.setActionCategory,
                (address(partner), CallReceiver.ping.selector, ROLE, true)
            )
        );
        assertEq(governor.categoryQuorum(ECONOMIC), 600);
        assertTrue(governor.categoryRequiresReview(TREASURY));
        assertEq(governor.expeditedQuorum(), 1500);
        assertEq(governor.expeditedVotingPeriod(), 2 days);
        (IConclaveGovernor.Category mapped, bool assigned) =
            governor.actionCategory(address(partner), CallReceiver.ping.selector);
        assertTrue(assigned);
        assertEq(uint8(mapped), uint8(ROLE));
    }

    function _outOfBounds(bytes32 name, uint256 value, uint256 lower, uint256 upper)
        internal
        pure
        returns (bytes memory)
    {
        return abi.encodeWithSelector(
            IConclaveGovernor.GovernanceParameterOutOfBounds.selector, name, value, lower, upper
        );
    }

    function test_RevertWhen_ParametersOutOfBounds() public {
        address g = address(governor);
        _governanceReverts(
            g,
            abi.encodeCall(IConclaveGovernor.setCategoryQuorum, (ECONOMIC, 5001)),
            _outOfBounds("categoryQuorum", 5001, 100, 5000)
        );
        _governanceReverts(
            g,
            abi.encodeCall(governor.setVotingPeriod, (3 days)),
            _outOfBounds("votingPeriod", 3 days, 3 days + 1, 30 days)
        );
        _governanceReverts(
            g,
            abi.encodeCall(governor.setVotingDelay, (30 minutes)),
            _outOfBounds("votingDelay", 30 minutes, 1 hours, 14 days)
        );
        _governanceReverts(
            g,
            abi.encodeCall(governor.setProposalThreshold, (0)),
            _outOfBounds("proposalThreshold", 0, 1 ether, 1_000_000 ether)
        );
        _governanceReverts(
            g,
            abi.encodeCall(IConclaveGovernor.setExpeditedVotingPeriod, (7 days)),
            _outOfBounds("expeditedVotingPeriod", 7 days, 1 days, 7 days - 1)
        );
        _governanceReverts(
            g,
            abi.encodeCall(IConclaveGovernor.setExpeditedQuorum, (50)),
            _outOfBounds("expeditedQuorum", 50, 100, 5000)
        );
    }

    function test_RevertWhen_TimelockDelayOutOfBounds() public {
        vm.prank(address(timelock));
        vm.expectRevert(
            abi.encodeWithSignature(
                "TimelockDelayOutOfBounds(uint256,uint256,uint256)", 1 hours, 1 days, 30 days
            )
        );
        timelock.updateDelay(1 hours);
        vm.expectRevert(abi.encodeWithSelector(TimelockController.TimelockUnauthorizedCaller.selector, alice));
        vm.prank(alice);
        timelock.updateDelay(3 days);
    }

    function test_QuorumPerCategoryFixedAtCreation() public {
        _governance(
            address(governor), abi.encodeCall(IConclaveGovernor.setCategoryQuorum, (PARTNERSHIP, 4500))
        );
        Proposal memory high = _single(address(partner), abi.encodeCall(CallReceiver.ping, (1)), "needs 45%");
        uint256 id = _propose(high, PARTNERSHIP, false);
        // Lower the category quorum while `id` is open, through a concurrent proposal.
        Proposal memory lower = _single(
            address(governor), abi.encodeCall(IConclaveGovernor.setCategoryQuorum, (PARTNERSHIP, 100)), "1%"
        );
        uint256 lowerId = _propose(lower, UPGRADE, false);
        _review(lowerId, IConclaveGovernor.Verdict.Favourable);
        _toActive(lowerId);
        _vote(alice, id, 1); // 40k < 45k
        _vote(alice, lowerId, 1);
        _pastDeadline(lowerId);
        _queue(lower);
        vm.warp(vm.getBlockTimestamp() + 48 hours);
        _execute(lower);
        assertEq(governor.categoryQuorum(PARTNERSHIP), 100);

        assertEq(
            _state(id), uint8(IGovernor.ProposalState.Defeated), "judged by the quorum fixed when proposed"
        );
        assertEq(governor.proposalQuorum(id), 45_000 ether);
    }

    // ---------------------------------------------------------------- security review regressions

    /// The Timelock renouncing its admin role on a contract.
    function _renounceAdmin() internal view returns (bytes memory) {
        return abi.encodeWithSignature("renounceRole(bytes32,address)", bytes32(0), address(timelock));
    }

    /// Typing fails closed: an unmapped action is a protocol upgrade, so it cannot be slipped into another category,
    /// not even as an emergency (3 days, no review).
    function test_RevertWhen_UnmappedActionTypedAsAnotherCategory() public {
        address fresh = makeAddr("unmapped target");
        bytes memory data = abi.encodeWithSignature("anything(uint256)", 1);
        bytes4 selector = bytes4(keccak256("anything(uint256)"));
        for (uint8 c = uint8(ECONOMIC); c <= uint8(EMERGENCY); ++c) {
            IConclaveGovernor.Category category = IConclaveGovernor.Category(c);
            Proposal memory p = _single(fresh, data, string.concat("unmapped ", vm.toString(c)));
            vm.expectRevert(
                abi.encodeWithSelector(
                    IConclaveGovernor.GovernanceCategoryMismatch.selector, fresh, selector, UPGRADE, category
                )
            );
            _propose(p, category, category == EMERGENCY);
        }
    }

    /// A plain `propose` of an unmapped action is typed a protocol upgrade and needs the CLO review.
    function test_PlainPropose_UnmappedActionIsProtocolUpgrade() public {
        Proposal memory p =
            _single(makeAddr("unmapped target"), abi.encodeWithSignature("anything(uint256)", 1), "unmapped");
        vm.prank(alice);
        uint256 id = governor.propose(p.targets, p.values, p.calldatas, p.description);
        assertEq(uint8(governor.proposalType(id).category), uint8(UPGRADE));
        assertTrue(governor.proposalType(id).reviewRequired);
    }

    /// The registry dropping its admin (after which seats could never be revoked) needs the CLO review.
    function test_PlainPropose_RegistryRenouncingItsAdminNeedsReview() public {
        Proposal memory p = _single(address(registry), _renounceAdmin(), "registry drops admin");
        vm.prank(alice);
        uint256 id = governor.propose(p.targets, p.values, p.calldatas, p.description);
        assertEq(uint8(governor.proposalType(id).category), uint8(UPGRADE));
        assertTrue(governor.proposalType(id).reviewRequired);
    }

    /// Every role-management function of every protocol contract, and the vault's pause controls, are mapped.
    function test_RoleManagementOfEveryProtocolContractIsMapped() public view {
        address[4] memory targets = [address(timelock), address(vault), address(registry), address(escrow)];
        bytes4[3] memory selectors = [
            bytes4(keccak256("grantRole(bytes32,address)")),
            bytes4(keccak256("revokeRole(bytes32,address)")),
            bytes4(keccak256("renounceRole(bytes32,address)"))
        ];
        for (uint256 i; i < targets.length; ++i) {
            for (uint256 j; j < selectors.length; ++j) {
                (IConclaveGovernor.Category category, bool assigned) =
                    governor.actionCategory(targets[i], selectors[j]);
                assertTrue(assigned, "role function mapped");
                assertEq(uint8(category), uint8(UPGRADE), "role functions are protocol upgrades");
            }
        }
        bytes4[2] memory pauseControls = [IBoundedPausable.pause.selector, IBoundedPausable.unpause.selector];
        for (uint256 i; i < pauseControls.length; ++i) {
            (, bool assigned) = governor.actionCategory(address(vault), pauseControls[i]);
            assertTrue(assigned, "pause control mapped");
            (, assigned) = governor.actionCategory(address(escrow), pauseControls[i]);
            assertTrue(assigned, "escrow pause control mapped");
        }
    }

    function test_EscrowParametersAreEconomicAndItsPauseAnEmergency() public view {
        bytes4[3] memory economic = [
            IFeeEscrow.setProtocolFeeBps.selector,
            IFeeEscrow.setChallengeWindow.selector,
            IFeeEscrow.setPaymentToken.selector
        ];
        for (uint256 i; i < economic.length; ++i) {
            (IConclaveGovernor.Category category, bool assigned) =
                governor.actionCategory(address(escrow), economic[i]);
            assertTrue(assigned);
            assertEq(uint8(category), uint8(IConclaveGovernor.Category.EconomicParameter));
        }
        (IConclaveGovernor.Category pauseCategory,) =
            governor.actionCategory(address(escrow), IBoundedPausable.pauseUntil.selector);
        assertEq(uint8(pauseCategory), uint8(IConclaveGovernor.Category.Emergency));
        assertTrue(guardian.isCallAllowed(address(escrow), IBoundedPausable.pause.selector));
        assertTrue(guardian.isCallAllowed(address(escrow), IBoundedPausable.unpause.selector));
        assertTrue(escrow.hasRole(escrow.PAUSER_ROLE(), address(guardian)));
        assertTrue(escrow.hasRole(bytes32(0), address(timelock)));
        assertFalse(escrow.hasRole(bytes32(0), deployer));
    }

    /// The slash recipient decides where every slash goes: changing it is protocol-level (needs the review).
    function test_SetSlashRecipientIsProtocolUpgrade() public view {
        (IConclaveGovernor.Category category, bool assigned) =
            governor.actionCategory(address(vault), IStakingVault.setSlashRecipient.selector);
        assertTrue(assigned);
        assertEq(uint8(category), uint8(UPGRADE));
    }

    /// The type is part of the proposal's identity: proposing the same actions and text first with another type
    /// does not take the proposal away.
    function test_FrontRunWithAnotherTypeDoesNotTakeTheProposal() public {
        Proposal memory attack =
            _single(address(partner), abi.encodeCall(CallReceiver.ping, (1)), "urgent deal");
        Proposal memory honest =
            _single(address(partner), abi.encodeCall(CallReceiver.ping, (1)), "urgent deal");
        uint256 attackerId = _proposeAs(bob, attack, PARTNERSHIP, false);
        uint256 id = _proposeAs(alice, honest, PARTNERSHIP, true);
        assertTrue(id != attackerId, "another type is another proposal");
        assertTrue(governor.proposalType(id).expedited);
        assertFalse(governor.proposalType(attackerId).expedited);
        assertEq(governor.proposalProposer(id), alice);
    }

    /// A plain `propose` front-run by an account that then cancels cannot burn the proposal: a proposer may cancel
    /// only a proposal whose description names it (`#proposer=`).
    function test_RevertWhen_FrontRunnerCancelsAProposalThatDoesNotNameIt() public {
        Proposal memory p = _single(address(partner), abi.encodeCall(CallReceiver.ping, (3)), "plain deal");
        vm.prank(bob);
        uint256 id = governor.propose(p.targets, p.values, p.calldatas, p.description);
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorUnableToCancel.selector, id, bob));
        vm.prank(bob);
        governor.cancel(p.targets, p.values, p.calldatas, keccak256(bytes(p.description)));
    }

    /// `proposeTyped` binds the proposer: nobody else can submit the recorded description.
    function test_ProposeTyped_BindsTheProposer() public {
        Proposal memory p = _single(address(partner), abi.encodeCall(CallReceiver.ping, (4)), "bound");
        uint256 id = _propose(p, PARTNERSHIP, false);
        // The recorded description ends with `#proposer=<alice>`, so bob cannot propose it again elsewhere...
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorRestrictedProposer.selector, bob));
        vm.prank(bob);
        governor.propose(p.targets, p.values, p.calldatas, p.description);
        // ...and alice, its proposer, may still cancel it while it is pending.
        vm.prank(alice);
        governor.cancel(p.targets, p.values, p.calldatas, keccak256(bytes(p.description)));
        assertEq(_state(id), uint8(IGovernor.ProposalState.Canceled));
    }

    /// An expedited proposal needs the higher of the expedited quorum and its category's quorum.
    function test_Expedited_NeedsTheHigherCategoryQuorum() public {
        _governance(
            address(governor), abi.encodeCall(IConclaveGovernor.setCategoryQuorum, (PARTNERSHIP, 2500))
        );
        Proposal memory p = _single(address(partner), abi.encodeCall(CallReceiver.ping, (5)), "needs 25%");
        uint256 id = _propose(p, PARTNERSHIP, true);
        _toActive(id);
        _vote(carol, id, 1); // 15k For: two thirds, above 10 %, below 25 %
        vm.warp(governor.proposalType(id).expeditedDeadline + 1);
        assertEq(_state(id), uint8(IGovernor.ProposalState.Active), "falls back instead of passing");
        assertEq(governor.proposalQuorum(id), 25_000 ether);
    }

    /// Reaching the expedited quorum in the last moments before the mark moves the mark (bounded), as late-quorum
    /// protection does for the standard deadline.
    function test_Expedited_LateQuorumAtTheMarkExtendsIt() public {
        Proposal memory p = _single(address(partner), abi.encodeCall(CallReceiver.ping, (6)), "last second");
        uint256 id = _propose(p, PARTNERSHIP, true);
        uint256 mark = governor.proposalType(id).expeditedDeadline;
        vm.warp(mark); // the last second of the expedited window
        _vote(carol, id, 1); // 15k For reaches the 10 % expedited quorum
        vm.warp(mark + 1);
        assertEq(_state(id), uint8(IGovernor.ProposalState.Active), "the mark moved");
        assertEq(governor.proposalDeadline(id), mark + 2 days);
        _vote(bob, id, 0); // 25k Against: 15 / 40 < two thirds
        vm.warp(mark + 2 days + 1);
        assertEq(
            _state(id), uint8(IGovernor.ProposalState.Active), "fell back to standard after the new mark"
        );
    }

    /// `quorum(timepoint)` is the lowest quorum the Governor enforces on any proposal, not one category's.
    function test_Quorum_IsTheLowestEnforcedQuorum() public {
        _governance(
            address(governor), abi.encodeCall(IConclaveGovernor.setCategoryQuorum, (PARTNERSHIP, 3000))
        );
        vm.warp(vm.getBlockTimestamp() + 1);
        assertEq(governor.quorum(vm.getBlockTimestamp() - 1), 4000 ether, "4 % of the other categories");
    }

    /// The Emergency category's own quorum is enforced (when above the expedited quorum).
    function test_Emergency_CategoryQuorumIsEnforced() public {
        _governance(address(governor), abi.encodeCall(IConclaveGovernor.setCategoryQuorum, (EMERGENCY, 2000)));
        Proposal memory p = _single(
            address(treasury),
            abi.encodeCall(IConclaveTreasury.emergencySpend, (address(token), dave, 1 ether)),
            "emergency needs 20%"
        );
        uint256 id = _propose(p, EMERGENCY, true);
        _toActive(id);
        _vote(carol, id, 1); // 15k: above 10 %, below 20 %
        vm.warp(governor.proposalType(id).expeditedDeadline + 1);
        assertEq(_state(id), uint8(IGovernor.ProposalState.Defeated));
    }

    /// A proposal that only reduces the guardian's powers, passed by two thirds of the votes cast: the guardian
    /// cannot cancel it, neither once it succeeded nor once it is queued.
    function test_RevertWhen_GuardianCancelsAPassedProposalThatOnlyLimitsIt() public {
        Proposal memory p;
        p.targets = new address[](2);
        p.values = new uint256[](2);
        p.calldatas = new bytes[](2);
        p.targets[0] = address(vault);
        p.calldatas[0] =
            abi.encodeWithSignature("revokeRole(bytes32,address)", vault.PAUSER_ROLE(), address(guardian));
        p.targets[1] = address(governor);
        p.calldatas[1] = abi.encodeWithSignature("setProposalGuardian(address)", address(0));
        p.description = "retire the guardian";
        uint256 id = _propose(p, UPGRADE, false);
        _review(id, IConclaveGovernor.Verdict.Favourable);
        _toActive(id);
        _vote(alice, id, 1);
        _vote(bob, id, 1);
        _pastDeadline(id);
        bytes memory cancel = abi.encodeCall(
            IGovernor.cancel, (p.targets, p.values, p.calldatas, keccak256(bytes(p.description)))
        );
        bytes memory refused = abi.encodeWithSignature(
            "GuardianCallFailed(address,bytes)",
            address(governor),
            abi.encodeWithSignature("GovernanceGuardianCannotCancel(uint256)", id)
        );
        uint256 deadline = vm.getBlockTimestamp() + 1 hours;
        IGuardianMultisig.Approval[] memory approvals = _approvals(address(governor), cancel, deadline, 3);
        vm.expectRevert(refused);
        guardian.execute(address(governor), cancel, deadline, approvals);

        _queue(p);
        approvals = _approvals(address(governor), cancel, deadline, 3);
        vm.expectRevert(refused);
        guardian.execute(address(governor), cancel, deadline, approvals);
        // Nor can it cancel the queued operation at the Timelock directly.
        bytes32 salt = bytes20(address(governor)) ^ keccak256(bytes(p.description));
        bytes32 operationId = timelock.hashOperationBatch(p.targets, p.values, p.calldatas, 0, salt);
        bytes memory timelockCancel = abi.encodeCall(TimelockController.cancel, (operationId));
        approvals = _approvals(address(timelock), timelockCancel, deadline, 3);
        vm.expectRevert(
            abi.encodeWithSelector(
                IGuardianMultisig.GuardianCallNotAllowed.selector,
                address(timelock),
                TimelockController.cancel.selector
            )
        );
        guardian.execute(address(timelock), timelockCancel, deadline, approvals);

        vm.warp(vm.getBlockTimestamp() + timelock.getMinDelay());
        _execute(p);
        assertFalse(vault.hasRole(vault.PAUSER_ROLE(), address(guardian)));
        assertEq(governor.proposalGuardian(), address(0));
    }

    /// A proposal that lifts a pause and does nothing else is protected the same way.
    function test_RevertWhen_GuardianCancelsAPassedUnpause() public {
        _guardianExecute(address(vault), abi.encodeCall(IBoundedPausable.pause, ()));
        Proposal memory p =
            _single(address(vault), abi.encodeCall(IBoundedPausable.unpause, ()), "lift the pause");
        (IConclaveGovernor.Category category,) =
            governor.actionCategory(address(vault), IBoundedPausable.unpause.selector);
        uint256 id = _propose(p, category, category == EMERGENCY);
        if (governor.proposalType(id).reviewRequired) _review(id, IConclaveGovernor.Verdict.Favourable);
        _toActive(id);
        _vote(alice, id, 1);
        _vote(bob, id, 1);
        _pastDeadline(id);
        assertEq(_state(id), uint8(IGovernor.ProposalState.Succeeded));
        bytes memory cancel = abi.encodeCall(
            IGovernor.cancel, (p.targets, p.values, p.calldatas, keccak256(bytes(p.description)))
        );
        uint256 deadline = vm.getBlockTimestamp() + 1 hours;
        IGuardianMultisig.Approval[] memory approvals = _approvals(address(governor), cancel, deadline, 3);
        vm.expectRevert(
            abi.encodeWithSignature(
                "GuardianCallFailed(address,bytes)",
                address(governor),
                abi.encodeWithSignature("GovernanceGuardianCannotCancel(uint256)", id)
            )
        );
        guardian.execute(address(governor), cancel, deadline, approvals);
    }

    /// A proposal that mixes guardian-limiting actions with others stays cancelable, so a hostile majority cannot
    /// remove the guardian and attack in the same proposal.
    function test_Guardian_CancelsAPassedProposalThatMixesLimitsWithOtherActions() public {
        Proposal memory p;
        p.targets = new address[](2);
        p.values = new uint256[](2);
        p.calldatas = new bytes[](2);
        p.targets[0] = address(governor);
        p.calldatas[0] = abi.encodeWithSignature("setProposalGuardian(address)", address(0));
        p.targets[1] = address(timelock);
        p.calldatas[1] = abi.encodeCall(TimelockController.updateDelay, (1 days));
        p.description = "retire the guardian and shorten the delay";
        uint256 id = _propose(p, UPGRADE, false);
        _review(id, IConclaveGovernor.Verdict.Favourable);
        _toActive(id);
        _vote(alice, id, 1);
        _vote(bob, id, 1);
        _pastDeadline(id);
        _queue(p);
        _guardianExecute(
            address(governor),
            abi.encodeCall(
                IGovernor.cancel, (p.targets, p.values, p.calldatas, keccak256(bytes(p.description)))
            )
        );
        assertEq(_state(id), uint8(IGovernor.ProposalState.Canceled));
    }

    /// Without two thirds of the votes cast, even a guardian-limiting proposal stays cancelable.
    function test_Guardian_CancelsALimitingProposalPassedWithoutTwoThirds() public {
        Proposal memory p = _single(
            address(governor), abi.encodeWithSignature("setProposalGuardian(address)", address(0)), "narrow"
        );
        uint256 id = _propose(p, UPGRADE, false);
        _review(id, IConclaveGovernor.Verdict.Favourable);
        _toActive(id);
        _vote(alice, id, 1); // 40k For
        _vote(bob, id, 0); // 25k Against: 61.5 % of the votes cast
        _pastDeadline(id);
        assertEq(_state(id), uint8(IGovernor.ProposalState.Succeeded));
        _guardianExecute(
            address(governor),
            abi.encodeCall(
                IGovernor.cancel, (p.targets, p.values, p.calldatas, keccak256(bytes(p.description)))
            )
        );
        assertEq(_state(id), uint8(IGovernor.ProposalState.Canceled));
    }

    /// Reviews belong to the CLO seat's owner and operator key, not to an account approved for its token.
    function test_RevertWhen_ReviewByAccountApprovedForTheCLOToken() public {
        address approved = makeAddr("approved");
        vm.prank(clo);
        registry.approve(approved, cloAgent);
        Proposal memory p =
            _single(address(partner), abi.encodeCall(CallReceiver.ping, (8)), "approved reviews");
        uint256 id = _propose(p, PARTNERSHIP, false);
        vm.expectRevert(
            abi.encodeWithSelector(IConclaveGovernor.GovernanceNotReviewer.selector, approved, cloAgent)
        );
        vm.prank(approved);
        governor.review(id, IConclaveGovernor.Verdict.Favourable, "bafkreireviewreport");
    }

    /// A rogue guardian cannot cancel its own retirement while it is being discussed or voted on: the protection
    /// covers the whole vote, not only a proposal that has already passed (found in review).
    function test_RevertWhen_GuardianCancelsItsOwnRetirementWhileItIsVotedOn() public {
        Proposal memory p = _single(
            address(governor), abi.encodeWithSignature("setProposalGuardian(address)", address(0)), "retire"
        );
        uint256 id = _propose(p, UPGRADE, false);
        bytes memory cancel = abi.encodeCall(
            IGovernor.cancel, (p.targets, p.values, p.calldatas, keccak256(bytes(p.description)))
        );
        bytes memory refused = abi.encodeWithSignature(
            "GuardianCallFailed(address,bytes)",
            address(governor),
            abi.encodeWithSelector(IConclaveGovernor.GovernanceGuardianCannotCancel.selector, id)
        );
        uint256 deadline = vm.getBlockTimestamp() + 1 hours;
        IGuardianMultisig.Approval[] memory approvals = _approvals(address(governor), cancel, deadline, 3);
        vm.expectRevert(refused); // Pending
        guardian.execute(address(governor), cancel, deadline, approvals);

        _review(id, IConclaveGovernor.Verdict.Favourable);
        _toActive(id);
        _vote(alice, id, 1);
        deadline = vm.getBlockTimestamp() + 1 hours;
        approvals = _approvals(address(governor), cancel, deadline, 3);
        vm.expectRevert(refused); // Active
        guardian.execute(address(governor), cancel, deadline, approvals);
        assertEq(_state(id), uint8(IGovernor.ProposalState.Active));
    }

    /// Once the guardian is retired, a proposer still cancels only while Pending, not a proposal the DAO has passed
    /// and queued (found in review: OpenZeppelin lets proposers cancel in any state when no guardian is set).
    function test_RevertWhen_ProposerCancelsAQueuedProposalAfterTheGuardianIsRetired() public {
        _governance(address(governor), abi.encodeWithSignature("setProposalGuardian(address)", address(0)));
        assertEq(governor.proposalGuardian(), address(0));
        Proposal memory p = _single(
            address(vault), abi.encodeCall(IStakingVault.setMaxSlashBps, (2000)), "raise the largest slash"
        );
        uint256 id = _proposeAs(dave, p, ECONOMIC, false);
        _toActive(id);
        _vote(alice, id, 1);
        _vote(bob, id, 1);
        _pastDeadline(id);
        _queue(p);
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorUnableToCancel.selector, id, dave));
        vm.prank(dave);
        governor.cancel(p.targets, p.values, p.calldatas, keccak256(bytes(p.description)));
        assertEq(_state(id), uint8(IGovernor.ProposalState.Queued));
    }
}
