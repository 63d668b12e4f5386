// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IConclaveGovernor} from "../../contracts/interfaces/IConclaveGovernor.sol";
import {IFeeEscrow} from "../../contracts/interfaces/IFeeEscrow.sol";
import {IReputationRegistry} from "../../contracts/interfaces/IReputationRegistry.sol";
import {ISlashingManager} from "../../contracts/interfaces/ISlashingManager.sol";
import {IStakingVault} from "../../contracts/interfaces/IStakingVault.sol";
import {EscrowBase} from "../utils/EscrowBase.sol";
import {GovernanceBase} from "../utils/GovernanceBase.sol";
import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";

/// Regression tests for the findings of the accountability review, on the escrow fixture (provider agent of alice
/// with 5,000 CNCL staked). Each failed on the code as first committed (0572e5e).
contract AccountabilityEscrowReview is EscrowBase {
    address internal validator = makeAddr("validator");

    function setUp() public override {
        super.setUp();
        vm.prank(admin);
        reputation.setValidator(validator, true);
    }

    /// F1: a proposed slash is meant to be inescapable by unbonding, but the hold only keeps `held` within reach,
    /// while execution may take only `maxSlashBps` (50 %) of what is within reach. Withdrawing down to `held`
    /// halves the slash.
    function test_F1_WithdrawingDownToTheHold_CannotHalveAProposedSlash() public {
        vm.prank(alice);
        uint256 requestId = vault.requestUnstake(providerAgent, 2500 ether);
        // The slash is proposed a day before the request matures, for the maximum (half of 5,000).
        vm.warp(vm.getBlockTimestamp() + vault.unbondingPeriod() - 1 days);
        assertEq(slashing.maxSlashOf(providerAgent), 2500 ether);
        vm.prank(admin);
        uint256 id = slashing.proposeSlash(providerAgent, 2500 ether, "ipfs://evidence");

        // Inside the veto window, the request matures: withdrawing it would leave 2,500 within reach, of which one
        // slash may take only 1,250: refused.
        vm.warp(vm.getBlockTimestamp() + 1 days);
        vm.prank(alice);
        vm.expectRevert(
            abi.encodeWithSelector(
                IStakingVault.StakingStakeHeld.selector, providerAgent, 2500 ether, 2500 ether, 2500 ether
            )
        );
        vault.withdraw(requestId);

        vm.warp(vm.getBlockTimestamp() + slashing.vetoWindow());
        uint256 slashed = slashing.execute(id);
        assertEq(slashed, 2500 ether, "unbonding must be no escape: the proposed slash executes in full");
        vm.prank(alice);
        assertEq(vault.withdraw(requestId), 1250 ether, "the request bore its share of the slash");
    }

    /// F4: ratings are weighted by payments, but the weight behind earlier ratings decays by 5 % per *rating*, not
    /// per unit paid, so a provider's own second address paying itself dust through the escrow (fee rounds to
    /// ~0, the money comes back to the provider) washes out a consumer's heavily-paid rating.
    function test_F4_DustSelfPaymentsDoNotWashOutAPaidRating() public {
        // An honest consumer pays the provider 1,000 CNCL and rates it 0.
        (IFeeEscrow.Channel memory terms, bytes32 id) = _openChannel(DEPOSIT);
        bytes memory sig = _voucher(hotKeyKey, id, uint128(DEPOSIT));
        vm.prank(alice);
        escrow.redeemAndClose(terms, uint128(DEPOSIT), sig);
        vm.prank(consumer);
        reputation.giveFeedback(providerAgent, 0, 0, "", "", "", "", bytes32(0));
        assertEq(reputation.performanceScore(providerAgent), 0);

        // The provider's owner controls a second address and pays itself 0.001 CNCL per rating.
        (address sybil, uint256 sybilKey) = makeAddrAndKey("sybil-wash");
        _fund(sybil, 1 ether);
        vm.prank(sybil);
        token.approve(address(escrow), type(uint256).max);
        uint256 dust = 0.001 ether;
        uint256 spent;
        for (uint96 i = 1; i <= 300; ++i) {
            IFeeEscrow.Channel memory t = _terms(sybil, sybil, i);
            vm.prank(sybil);
            bytes32 cid = escrow.open(t, dust);
            bytes memory dustSig = _voucher(sybilKey, cid, uint128(dust));
            vm.prank(alice);
            escrow.redeemAndClose(t, uint128(dust), dustSig);
            vm.prank(sybil);
            reputation.giveFeedback(providerAgent, 100, 0, "", "", "", "", bytes32(0));
            spent += dust;
        }
        // 0.3 CNCL of circular payments (fee 2.5 % of it: 0.0075 CNCL) against 1,000 CNCL really paid.
        assertEq(spent, 0.3 ether);
        emit log_named_uint("score", reputation.performanceScore(providerAgent));
        emit log_named_uint("multiplier", reputation.reputationMultiplier(providerAgent));
        // Payment-weighted: 1,000 at grade 0 vs 0.3 at grade 100 should stay near 0.
        assertLt(
            reputation.performanceScore(providerAgent), 0.01e18, "dust Sybil ratings outweigh a paid one"
        );
    }

    /// F6: request hashes are a global namespace any agent owner can claim with `validationRequest`: an agent
    /// that sees a validator's `attest` of a bad outcome can front-run it with a request for the same hash naming
    /// another validator, and the attestation can never land under that hash.
    function test_F6_AFrontRunRequestCannotKeepAnAttestationOut() public {
        bytes32 requestHash = keccak256("task-42");
        // Naming a validator governance did not authorise is refused.
        address nobody = makeAddr("nobody");
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IReputationRegistry.ReputationNotValidator.selector, nobody));
        reputation.validationRequest(nobody, providerAgent, "ipfs://req", requestHash);
        // Front-run: the agent's owner claims the hash, naming another (authorised) validator.
        address other = makeAddr("otherValidator");
        vm.prank(admin);
        reputation.setValidator(other, true);
        vm.prank(alice);
        reputation.validationRequest(other, providerAgent, "ipfs://req", requestHash);
        // The validator's attestation of a failed task answers that open request and counts.
        vm.prank(validator);
        reputation.attest(providerAgent, requestHash, 0, "ipfs://resp", bytes32(0), "");
        assertEq(reputation.performanceOf(providerAgent).tasks, 1, "the validator's attestation must count");
        (address answeredBy,, uint8 response,,,) = reputation.getValidationStatus(requestHash);
        assertEq(answeredBy, validator);
        assertEq(response, 0);
    }
}

/// Regression tests for the findings of the accountability review, on the governance fixture (five staked voters,
/// the CLO seat, the real Governor and Timelock).
contract AccountabilityGovernanceReview is GovernanceBase {
    address internal validator = makeAddr("validator");
    uint256 internal attestations;

    function setUp() public override {
        super.setUp();
        vm.prank(admin);
        reputation.setValidator(validator, true);
    }

    function _attest(uint256 agentId, uint8 response) internal {
        vm.prank(validator);
        reputation.attest(agentId, keccak256(abi.encode(++attestations)), response, "", bytes32(0), "");
    }

    /// F2: "for 3 days the guardian or governance may veto", but the fastest governance veto (an expedited
    /// Emergency proposal: 48 h voting delay + 3 days expedited voting + 48 h Timelock delay = 7 days) can never
    /// land inside the veto window (3 days, at most 6). Governance cannot stop a CLO's slash; only the guardian can.
    function test_F2_GovernanceVetoesThroughAContest() public {
        vm.prank(clo);
        uint256 slashId = slashing.proposeSlash(daveAgent, 5000 ether, "ipfs://evidence");

        // Governance reacts at once, with the fastest proposal it has, and dave contests the slash with it.
        Proposal memory p = _single(address(slashing), abi.encodeCall(slashing.veto, (slashId)), "veto slash");
        uint256 id = _proposeAs(alice, p, IConclaveGovernor.Category.Emergency, true);
        bytes32 descriptionHash = keccak256(bytes(p.description));
        vm.prank(dave);
        assertEq(slashing.contest(slashId, p.targets, p.values, p.calldatas, descriptionHash), id);
        assertEq(slashing.contestOf(slashId), id);

        if (governor.proposalType(id).reviewRequired) _review(id, IConclaveGovernor.Verdict.Favourable);
        _toActive(id);
        // Past the veto window, the slash cannot execute while governance's veto may still pass.
        uint256 deadline = slashing.getSlash(slashId).vetoDeadline;
        vm.warp(deadline);
        assertEq(uint8(governor.state(id)), uint8(IGovernor.ProposalState.Active), "still voting");
        vm.expectRevert(abi.encodeWithSelector(ISlashingManager.SlashingContested.selector, slashId, id));
        slashing.execute(slashId);

        _vote(alice, id, 1);
        _vote(bob, id, 1);
        _vote(carol, id, 1);
        _vote(dave, id, 1);
        _pastDeadline(id);
        _queue(p);
        vm.warp(vm.getBlockTimestamp() + timelock.getMinDelay());
        governor.execute(p.targets, p.values, p.calldatas, descriptionHash);
        assertEq(
            uint8(slashing.getSlash(slashId).state),
            uint8(ISlashingManager.SlashState.Vetoed),
            "governance must be able to veto within the window"
        );
        assertEq(vault.heldOf(daveAgent), 0);
    }

    /// A contest only delays: once the veto proposal is defeated, the slash executes.
    function test_AContestThatFails_LetsTheSlashExecute() public {
        vm.prank(clo);
        uint256 slashId = slashing.proposeSlash(daveAgent, 1000 ether, "ipfs://evidence");
        Proposal memory p = _single(address(slashing), abi.encodeCall(slashing.veto, (slashId)), "veto slash");
        uint256 id = _proposeAs(alice, p, IConclaveGovernor.Category.Emergency, true);
        vm.prank(dave);
        slashing.contest(slashId, p.targets, p.values, p.calldatas, keccak256(bytes(p.description)));
        if (governor.proposalType(id).reviewRequired) _review(id, IConclaveGovernor.Verdict.Favourable);
        _toActive(id);
        _vote(alice, id, 0);
        _vote(bob, id, 0);
        _pastDeadline(id);
        assertEq(slashing.execute(slashId), 1000 ether);
    }

    function test_RevertWhen_ContestingWithAProposalThatDoesNotVetoTheSlash() public {
        vm.prank(clo);
        uint256 slashId = slashing.proposeSlash(daveAgent, 1000 ether, "ipfs://evidence");
        Proposal memory p = _single(address(vault), abi.encodeCall(vault.setMaxSlashBps, (4000)), "unrelated");
        uint256 id = _propose(p, IConclaveGovernor.Category.EconomicParameter, false);
        vm.expectRevert(
            abi.encodeWithSelector(ISlashingManager.SlashingNotAVetoProposal.selector, slashId, id)
        );
        slashing.contest(slashId, p.targets, p.values, p.calldatas, keccak256(bytes(p.description)));
    }

    /// F3: once an epoch is swept, a later (legitimate) `setClaimWindow` increase reopens its claim phase, and the
    /// unclaimed shares are paid again out of other epochs' budgets: the epoch pays more than its budget.
    function test_F3_ASweptEpochPaysNothingMore_WhenTheClaimWindowGrows() public {
        _attest(aliceAgent, 100);
        _attest(bobAgent, 100);
        uint256 epoch = rewards.currentEpoch();
        vm.startPrank(admin);
        treasury.spend(address(token), address(rewards), 2000 ether);
        rewards.fundEpoch(epoch, 1000 ether);
        rewards.fundEpoch(epoch + 1, 1000 ether);
        vm.stopPrank();

        uint256 end = rewards.epochStart(epoch) + rewards.EPOCH_DURATION();
        vm.warp(end + rewards.RECORDING_PHASE());
        rewards.register(epoch, aliceAgent);
        rewards.register(epoch, bobAgent);
        vm.warp(end + rewards.RECORDING_PHASE() + rewards.REGISTRATION_PHASE());
        vm.prank(alice);
        uint256 aliceGot = rewards.claim(epoch, aliceAgent);
        // Bob does not claim in time; the rest goes back to the treasury.
        vm.warp(vm.getBlockTimestamp() + rewards.claimWindow());
        uint256 swept = rewards.sweep(epoch);

        // Governance lengthens the claim window for future epochs.
        vm.prank(admin);
        rewards.setClaimWindow(60 days);
        uint256 bobGot;
        vm.prank(bob);
        try rewards.claim(epoch, bobAgent) returns (uint256 amount) {
            bobGot = amount;
        } catch {}
        emit log_named_uint("claimed + swept + late claim", aliceGot + swept + bobGot);
        assertLe(aliceGot + swept + bobGot, 1000 ether, "an epoch never pays more than its budget");
    }

    /// F5: `recordVote` credits an agent when the owner's *current* delegate voted. An owner who never voted can
    /// delegate to any voter after voting closed and get full participation; the Governor never counted its votes.
    function test_F5_DelegatingAfterTheVote_BuysNoParticipation() public {
        Proposal memory p = _single(address(vault), abi.encodeCall(vault.setMaxSlashBps, (4000)), "p");
        uint256 id = _propose(p, IConclaveGovernor.Category.EconomicParameter, false);
        _toActive(id);
        _vote(alice, id, 1);
        _pastDeadline(id);
        rewards.recordProposal(id);
        uint256 epoch = (governor.proposalDeadline(id) - rewards.genesis()) / rewards.EPOCH_DURATION();

        // dave did not vote; after the vote is over he delegates to alice, who did.
        assertFalse(governor.hasVoted(id, dave));
        vm.prank(dave);
        vault.delegate(alice);
        try rewards.recordVote(id, daveAgent) {} catch {}
        (uint256 voted,) = rewards.participation(epoch, daveAgent);
        assertEq(voted, 0, "an agent whose owner's votes were not cast gets no participation");
    }
}
