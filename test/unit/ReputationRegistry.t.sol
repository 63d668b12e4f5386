// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IFeeEscrow} from "../../contracts/interfaces/IFeeEscrow.sol";
import {IReputationRegistry} from "../../contracts/interfaces/IReputationRegistry.sol";
import {EscrowBase} from "../utils/EscrowBase.sol";

contract ReputationRegistryTest is EscrowBase {
    address internal validator = makeAddr("validator");
    address internal sybil = makeAddr("sybil");
    uint256 internal requestCount;

    function setUp() public override {
        super.setUp();
        vm.prank(admin);
        reputation.setValidator(validator, true);
    }

    function _attest(uint256 agentId, uint8 response) internal {
        bytes32 requestHash = keccak256(abi.encode("task", ++requestCount));
        vm.prank(validator);
        reputation.attest(agentId, requestHash, response, "ipfs://result", keccak256("result"), "task");
    }

    uint96 internal salt;

    /// The consumer pays the provider `amount` on a new channel, which the provider redeems and closes: the payment
    /// is settled (final), so it backs ratings.
    function _settle(uint128 amount) internal {
        IFeeEscrow.Channel memory terms = _terms(consumer, hotKey, ++salt);
        vm.prank(consumer);
        bytes32 id = escrow.open(terms, amount);
        bytes memory voucher = _voucher(hotKeyKey, id, amount);
        vm.prank(alice);
        escrow.redeemAndClose(terms, amount, voucher);
    }

    function _rate(address rater, int128 value) internal {
        vm.prank(rater);
        reputation.giveFeedback(
            providerAgent, value, 0, "quality", "", "https://tool", "ipfs://review", bytes32(0)
        );
    }

    // ---------------------------------------------------------------- attestations

    function test_Attest_FoldsOutcomesIntoScoreCompletionAndMultiplier() public {
        vm.expectEmit(address(reputation));
        emit IReputationRegistry.ValidationResponse(
            validator,
            providerAgent,
            keccak256(abi.encode("task", uint256(1))),
            80,
            "ipfs://result",
            keccak256("result"),
            "task"
        );
        _attest(providerAgent, 80);
        assertEq(reputation.performanceScore(providerAgent), 0.8e18);
        (uint256 rate, uint256 windowTasks) = reputation.completionRate(providerAgent);
        assertEq(rate, 1e18);
        assertEq(windowTasks, 1);
        // One task of history: 1 + 2 * 0.8 * 1/100.
        assertEq(reputation.reputationMultiplier(providerAgent), 1.016e18);

        _attest(providerAgent, 20); // below the success threshold (50): not completed
        assertEq(reputation.performanceScore(providerAgent), 0.5e18); // the first 20 are averaged
        (rate, windowTasks) = reputation.completionRate(providerAgent);
        assertEq(rate, 0.5e18);
        assertEq(windowTasks, 2);
        IReputationRegistry.Performance memory p = reputation.performanceOf(providerAgent);
        assertEq(p.tasks, 2);
        assertEq(p.successes, 1);
        assertEq(p.recentOutcomes, 2); // newest in bit 0: 0b10
    }

    function test_CompletionRate_CountsTheLastWindowOnly() public {
        for (uint256 i; i < 10; ++i) {
            _attest(providerAgent, 0);
        }
        for (uint256 i; i < 20; ++i) {
            _attest(providerAgent, 100);
        }
        (uint256 rate, uint256 windowTasks) = reputation.completionRate(providerAgent);
        assertEq(windowTasks, 20);
        assertEq(rate, 1e18, "the ten failures fell out of the 20-task window");
        for (uint256 i; i < 5; ++i) {
            _attest(providerAgent, 0);
        }
        (rate,) = reputation.completionRate(providerAgent);
        assertEq(rate, 0.75e18);
    }

    function test_RevertWhen_AttesterIsNotAValidator() public {
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(IReputationRegistry.ReputationNotValidator.selector, bob));
        reputation.attest(providerAgent, bytes32(uint256(1)), 90, "", bytes32(0), "");
    }

    function test_RevertWhen_ResponseAbove100() public {
        vm.prank(validator);
        vm.expectRevert(
            abi.encodeWithSelector(IReputationRegistry.ReputationResponseOutOfRange.selector, 101)
        );
        reputation.attest(providerAgent, bytes32(uint256(1)), 101, "", bytes32(0), "");
    }

    function test_RevertWhen_AttestingAnUnknownAgent() public {
        vm.prank(validator);
        vm.expectRevert(abi.encodeWithSelector(IReputationRegistry.ReputationUnknownAgent.selector, 999));
        reputation.attest(999, bytes32(uint256(1)), 90, "", bytes32(0), "");
    }

    function test_RequestThenResponse_CountsOnce() public {
        bytes32 requestHash = keccak256("request");
        vm.prank(bob);
        vm.expectRevert(
            abi.encodeWithSelector(IReputationRegistry.ReputationNotAuthorized.selector, providerAgent, bob)
        );
        reputation.validationRequest(validator, providerAgent, "ipfs://task", requestHash);

        vm.prank(alice);
        reputation.validationRequest(validator, providerAgent, "ipfs://task", requestHash);
        vm.prank(bob);
        vm.expectRevert(
            abi.encodeWithSelector(
                IReputationRegistry.ReputationWrongValidator.selector, requestHash, validator, bob
            )
        );
        reputation.validationResponse(requestHash, 90, "", bytes32(0), "");

        vm.startPrank(validator);
        reputation.validationResponse(requestHash, 90, "ipfs://r1", keccak256("r1"), "final");
        reputation.validationResponse(requestHash, 10, "ipfs://r2", keccak256("r2"), "final");
        vm.stopPrank();
        assertEq(reputation.performanceOf(providerAgent).tasks, 1, "a request counts once");
        assertEq(reputation.performanceScore(providerAgent), 0.9e18);
        (address v, uint256 agentId, uint8 response, bytes32 responseHash,, uint256 lastUpdate) =
            reputation.getValidationStatus(requestHash);
        assertEq(v, validator);
        assertEq(agentId, providerAgent);
        assertEq(response, 10, "the record shows the latest response");
        assertEq(responseHash, keccak256("r2"));
        assertEq(lastUpdate, vm.getBlockTimestamp());
    }

    function test_RevertWhen_RequestHashReused() public {
        _attest(providerAgent, 90);
        bytes32 requestHash = keccak256(abi.encode("task", uint256(1)));
        vm.prank(validator);
        vm.expectRevert(
            abi.encodeWithSelector(IReputationRegistry.ReputationRequestExists.selector, requestHash)
        );
        reputation.attest(providerAgent, requestHash, 10, "", bytes32(0), "");
    }

    // ---------------------------------------------------------------- feedback

    function test_Feedback_IsWeightedByThePaymentsSinceThePreviousRating() public {
        // Redeemed but not closed: not settled yet, so no rating.
        (IFeeEscrow.Channel memory terms, bytes32 id) = _openChannel(DEPOSIT);
        escrow.redeem(terms, 10 ether, _voucher(hotKeyKey, id, 10 ether));
        assertEq(escrow.settledBetween(consumer, providerAgent), 0);
        vm.prank(consumer);
        vm.expectRevert(
            abi.encodeWithSelector(
                IReputationRegistry.ReputationNoPaymentBehindRating.selector, providerAgent, consumer
            )
        );
        reputation.giveFeedback(providerAgent, 90, 0, "", "", "", "", bytes32(0));
        _settle(10 ether);
        assertEq(escrow.settledBetween(consumer, providerAgent), 10 ether);

        vm.expectEmit(address(reputation));
        emit IReputationRegistry.FeedbackWeighted(providerAgent, consumer, 1, 10 ether);
        _rate(consumer, 90);
        assertEq(reputation.performanceScore(providerAgent), 0.9e18);
        assertEq(reputation.getLastIndex(providerAgent, consumer), 1);

        // No new payment: the same units cannot back a second rating.
        vm.prank(consumer);
        vm.expectRevert(
            abi.encodeWithSelector(
                IReputationRegistry.ReputationNoPaymentBehindRating.selector, providerAgent, consumer
            )
        );
        reputation.giveFeedback(providerAgent, 0, 0, "", "", "", "", bytes32(0));

        // 30 more paid: the next rating weighs 30 against the earlier 10 (no time has passed: all of it).
        _settle(30 ether);
        vm.expectEmit(address(reputation));
        emit IReputationRegistry.FeedbackWeighted(providerAgent, consumer, 2, 30 ether);
        _rate(consumer, 10);
        // (0.9 * 10 + 0.1 * 30) / 40
        uint256 expected = (0.9e18 * uint256(10 ether) + 0.1e18 * uint256(30 ether)) / uint256(40 ether);
        assertEq(reputation.performanceScore(providerAgent), expected);
        assertEq(reputation.ratedPayments(providerAgent, consumer), 40 ether);
    }

    function test_RevertWhen_RaterNeverPaid() public {
        vm.prank(sybil);
        vm.expectRevert(
            abi.encodeWithSelector(
                IReputationRegistry.ReputationNoPaymentBehindRating.selector, providerAgent, sybil
            )
        );
        reputation.giveFeedback(providerAgent, 100, 0, "", "", "", "", bytes32(0));
    }

    function test_RevertWhen_OwnerOrOperatorRatesItsOwnAgent() public {
        vm.prank(alice);
        registry.setOperator(providerAgent, operator);
        vm.prank(alice);
        vm.expectRevert(
            abi.encodeWithSelector(IReputationRegistry.ReputationSelfRating.selector, providerAgent, alice)
        );
        reputation.giveFeedback(providerAgent, 100, 0, "", "", "", "", bytes32(0));
        vm.prank(operator);
        vm.expectRevert(
            abi.encodeWithSelector(IReputationRegistry.ReputationSelfRating.selector, providerAgent, operator)
        );
        reputation.giveFeedback(providerAgent, 100, 0, "", "", "", "", bytes32(0));
    }

    function test_Feedback_ValueIsAGradeOutOf100WithDecimals() public {
        _settle(1 ether);
        vm.prank(consumer);
        reputation.giveFeedback(providerAgent, 4550, 2, "", "", "", "", bytes32(0)); // 45.50
        assertEq(reputation.performanceScore(providerAgent), 0.455e18);
    }

    function test_Score_AveragesAttestedAndRated() public {
        _attest(providerAgent, 60);
        _settle(1 ether);
        _rate(consumer, 100);
        assertEq(reputation.performanceScore(providerAgent), 0.8e18);
    }

    // ---------------------------------------------------------------- bounds

    function testFuzz_ScoreAndMultiplierStayInBounds(uint8[40] memory responses, uint8 ratings) public {
        for (uint256 i; i < responses.length; ++i) {
            _attest(providerAgent, uint8(bound(responses[i], 0, 100)));
            if (i < ratings % 10) {
                _settle(1 ether);
                _rate(consumer, int128(uint128(responses[i])) - 20);
            }
            uint256 score = reputation.performanceScore(providerAgent);
            uint256 multiplier = reputation.reputationMultiplier(providerAgent);
            assertLe(score, 1e18);
            assertGe(multiplier, 1e18);
            assertLe(multiplier, 3e18);
        }
    }

    function test_Multiplier_GrowsWithHistoryAtTheSameScore() public {
        uint256 previous = reputation.reputationMultiplier(providerAgent);
        assertEq(previous, 1e18, "no history: 1.0");
        for (uint256 i; i < 120; ++i) {
            _attest(providerAgent, 100);
            uint256 multiplier = reputation.reputationMultiplier(providerAgent);
            assertGe(multiplier, previous);
            previous = multiplier;
        }
        assertEq(previous, 3e18, "a perfect score over 100 tasks: 3.0");
    }

    // ---------------------------------------------------------------- governance

    function test_RevertWhen_NotGovernanceSetsValidatorsOrParameters() public {
        vm.startPrank(bob);
        vm.expectRevert();
        reputation.setValidator(bob, true);
        vm.expectRevert();
        reputation.setSuccessThreshold(60);
        vm.expectRevert();
        reputation.setCompletionWindow(30);
        vm.stopPrank();
    }

    function test_RevertWhen_ParametersOutOfBounds() public {
        vm.startPrank(admin);
        vm.expectRevert(
            abi.encodeWithSelector(IReputationRegistry.ReputationThresholdOutOfBounds.selector, 101)
        );
        reputation.setSuccessThreshold(101);
        vm.expectRevert(
            abi.encodeWithSelector(IReputationRegistry.ReputationWindowOutOfBounds.selector, 257, 10, 256)
        );
        reputation.setCompletionWindow(257);
        reputation.setCompletionWindow(256);
        vm.stopPrank();
        assertEq(reputation.completionWindow(), 256);
    }
}
