// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAgentRegistry} from "./interfaces/IAgentRegistry.sol";
import {IFeeEscrow} from "./interfaces/IFeeEscrow.sol";
import {IReputationRegistry} from "./interfaces/IReputationRegistry.sol";
import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

/// @title ReputationRegistry
/// @notice Attested task outcomes and payment-backed ratings, folded into a performance score and a reputation
/// multiplier per agent. See `IReputationRegistry` for the rules and the mapping. Every operation is O(1): nothing
/// iterates over agents, validations or ratings.
contract ReputationRegistry is IReputationRegistry, AccessControl {
    using SafeCast for uint256;

    /// @notice Attestations fold in with weight 1/min(n, ATTESTATION_SPAN): the first 20 are averaged.
    uint256 public constant ATTESTATION_SPAN = 20;
    /// @notice The payment weight behind earlier ratings halves every 90 days (linearly in between).
    uint256 public constant RATING_HALF_LIFE = 90 days;
    /// @notice Attested tasks for the full reputation bonus.
    uint256 public constant FULL_HISTORY = 100;
    uint256 public constant MIN_MULTIPLIER = 1e18;
    uint256 public constant MAX_MULTIPLIER = 3e18;
    uint16 public constant MIN_COMPLETION_WINDOW = 10;
    uint16 public constant MAX_COMPLETION_WINDOW = 256;
    uint256 private constant _WAD = 1e18;

    /// @dev Three slots per agent.
    struct StoredPerformance {
        uint64 tasks;
        uint64 successes;
        uint64 ratings;
        uint64 attestedScore;
        uint256 recentOutcomes;
        uint64 ratedScore;
        uint152 ratingWeight;
        uint40 lastRatedAt;
    }

    /// @dev One slot per validation; the tag and response URI live in the events.
    struct Validation {
        address validator;
        uint40 agentId;
        uint40 lastUpdate;
        uint8 response;
        bool responded;
    }

    /// @dev One slot per (agent, rater): the payments already behind its ratings, and how many it gave.
    struct Rater {
        uint192 ratedPayments;
        uint64 lastIndex;
    }

    IAgentRegistry private immutable _REGISTRY;
    IFeeEscrow private immutable _ESCROW;

    uint8 public successThreshold;
    uint16 public completionWindow;

    mapping(address validator => bool) private _validators;
    mapping(uint256 agentId => StoredPerformance) private _performance;
    mapping(bytes32 requestHash => Validation) private _validations;
    mapping(bytes32 requestHash => bytes32 responseHash) private _responseHashes;
    mapping(uint256 agentId => mapping(address rater => Rater)) private _raters;

    constructor(IAgentRegistry registry_, IFeeEscrow escrow_, address admin) {
        _REGISTRY = registry_;
        _ESCROW = escrow_;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _setSuccessThreshold(50);
        _setCompletionWindow(20);
    }

    // ---------------------------------------------------------------- attestations

    /// @inheritdoc IReputationRegistry
    function validationRequest(
        address validatorAddress,
        uint256 agentId,
        string calldata requestURI,
        bytes32 requestHash
    ) external {
        if (validatorAddress == address(0)) revert ReputationZeroValidator();
        if (!_validators[validatorAddress]) revert ReputationNotValidator(validatorAddress);
        if (_validations[requestHash].validator != address(0)) revert ReputationRequestExists(requestHash);
        if (!_isOwnerOrOperator(agentId, msg.sender)) revert ReputationNotAuthorized(agentId, msg.sender);
        _validations[requestHash] = Validation({
            validator: validatorAddress,
            agentId: agentId.toUint40(),
            lastUpdate: uint40(block.timestamp),
            response: 0,
            responded: false
        });
        emit ValidationRequest(validatorAddress, agentId, requestURI, requestHash);
    }

    /// @inheritdoc IReputationRegistry
    function validationResponse(
        bytes32 requestHash,
        uint8 response,
        string calldata responseURI,
        bytes32 responseHash,
        string calldata tag
    ) external {
        Validation memory v = _validations[requestHash];
        if (v.validator == address(0)) revert ReputationUnknownRequest(requestHash);
        if (v.validator != msg.sender) revert ReputationWrongValidator(requestHash, v.validator, msg.sender);
        _respond(requestHash, v.agentId, v.responded, response, responseURI, responseHash, tag);
    }

    /// @inheritdoc IReputationRegistry
    function attest(
        uint256 agentId,
        bytes32 requestHash,
        uint8 response,
        string calldata responseURI,
        bytes32 responseHash,
        string calldata tag
    ) external {
        Validation memory v = _validations[requestHash];
        // An open request of the same agent is answered (whichever validator it named), so that an agent cannot
        // keep an attestation out by taking its hash first with a request of its own.
        if (v.validator != address(0) && (v.responded || v.agentId != agentId)) {
            revert ReputationRequestExists(requestHash);
        }
        // The agent must exist (the registry reverts for an unknown id).
        _ownerOf(agentId);
        _respond(requestHash, agentId, false, response, responseURI, responseHash, tag);
    }

    // ---------------------------------------------------------------- feedback

    /// @inheritdoc IReputationRegistry
    function giveFeedback(
        uint256 agentId,
        int128 value,
        uint8 valueDecimals,
        string calldata tag1,
        string calldata tag2,
        string calldata endpoint,
        string calldata feedbackURI,
        bytes32 feedbackHash
    ) external {
        uint64 index = _takeRating(agentId, value, valueDecimals);
        emit NewFeedback(
            agentId,
            msg.sender,
            index,
            value,
            valueDecimals,
            tag1,
            tag1,
            tag2,
            endpoint,
            feedbackURI,
            feedbackHash
        );
    }

    /// @dev Checks the rater, takes the payments behind its rating as the weight, folds the grade in.
    function _takeRating(uint256 agentId, int128 value, uint8 valueDecimals) private returns (uint64 index) {
        if (valueDecimals > 18) revert ReputationValueDecimalsTooLarge(valueDecimals);
        address owner = _ownerOf(agentId);
        if (
            msg.sender == owner || _isOwnerOrOperator(agentId, msg.sender) || _isApproved(agentId, msg.sender)
        ) {
            revert ReputationSelfRating(agentId, msg.sender);
        }
        Rater storage rater = _raters[agentId][msg.sender];
        uint256 settled = _ESCROW.settledBetween(msg.sender, agentId);
        uint256 alreadyRated = rater.ratedPayments;
        if (settled <= alreadyRated) revert ReputationNoPaymentBehindRating(agentId, msg.sender);
        uint256 weight = settled - alreadyRated;
        index = rater.lastIndex + 1;
        rater.ratedPayments = settled.toUint192();
        rater.lastIndex = index;
        _rate(agentId, _grade(value, valueDecimals), weight);
        emit FeedbackWeighted(agentId, msg.sender, index, weight);
        _emitPerformance(agentId);
    }

    // ---------------------------------------------------------------- governance

    /// @inheritdoc IReputationRegistry
    function setValidator(address validator, bool allowed) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (validator == address(0)) revert ReputationZeroValidator();
        _validators[validator] = allowed;
        emit ValidatorSet(validator, allowed);
    }

    /// @inheritdoc IReputationRegistry
    function setSuccessThreshold(uint8 threshold) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setSuccessThreshold(threshold);
    }

    /// @inheritdoc IReputationRegistry
    function setCompletionWindow(uint16 window) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setCompletionWindow(window);
    }

    // ---------------------------------------------------------------- reads

    /// @inheritdoc IReputationRegistry
    function performanceScore(uint256 agentId) public view returns (uint256) {
        StoredPerformance storage p = _performance[agentId];
        bool attested = p.tasks != 0;
        bool rated = p.ratings != 0;
        if (attested && rated) return (uint256(p.attestedScore) + p.ratedScore) / 2;
        if (attested) return p.attestedScore;
        if (rated) return p.ratedScore;
        return 0;
    }

    /// @inheritdoc IReputationRegistry
    function reputationMultiplier(uint256 agentId) public view returns (uint256) {
        // History is attested tasks only: validators are named by governance, ratings can be bought.
        uint256 history = _performance[agentId].tasks;
        if (history > FULL_HISTORY) history = FULL_HISTORY;
        // score <= 1e18 and history <= FULL_HISTORY: at most 1e18 + 2e18.
        return MIN_MULTIPLIER + (MAX_MULTIPLIER - MIN_MULTIPLIER) * performanceScore(agentId) * history
            / FULL_HISTORY / _WAD;
    }

    /// @inheritdoc IReputationRegistry
    function completionRate(uint256 agentId) public view returns (uint256 rate, uint256 windowTasks) {
        StoredPerformance storage p = _performance[agentId];
        windowTasks = p.tasks < completionWindow ? p.tasks : completionWindow;
        if (windowTasks == 0) return (0, 0);
        uint256 mask = windowTasks == 256 ? type(uint256).max : (uint256(1) << windowTasks) - 1;
        rate = _popcount(p.recentOutcomes & mask) * _WAD / windowTasks;
    }

    /// @inheritdoc IReputationRegistry
    function performanceOf(uint256 agentId) external view returns (Performance memory) {
        StoredPerformance storage p = _performance[agentId];
        return Performance({
            tasks: p.tasks,
            successes: p.successes,
            ratings: p.ratings,
            attestedScore: p.attestedScore,
            ratedScore: p.ratedScore,
            recentOutcomes: p.recentOutcomes,
            ratingWeight: p.ratingWeight,
            lastRatedAt: p.lastRatedAt
        });
    }

    /// @inheritdoc IReputationRegistry
    function isValidator(address account) external view returns (bool) {
        return _validators[account];
    }

    /// @inheritdoc IReputationRegistry
    function getLastIndex(uint256 agentId, address clientAddress) external view returns (uint64) {
        return _raters[agentId][clientAddress].lastIndex;
    }

    /// @inheritdoc IReputationRegistry
    function ratedPayments(uint256 agentId, address clientAddress) external view returns (uint256) {
        return _raters[agentId][clientAddress].ratedPayments;
    }

    /// @inheritdoc IReputationRegistry
    function getValidationStatus(bytes32 requestHash)
        external
        view
        returns (
            address validatorAddress,
            uint256 agentId,
            uint8 response,
            bytes32 responseHash,
            string memory tag,
            uint256 lastUpdate
        )
    {
        Validation memory v = _validations[requestHash];
        if (v.validator == address(0)) revert ReputationUnknownRequest(requestHash);
        return (v.validator, v.agentId, v.response, _responseHashes[requestHash], tag, v.lastUpdate);
    }

    // ---------------------------------------------------------------- internals

    function _respond(
        bytes32 requestHash,
        uint256 agentId,
        bool responded,
        uint8 response,
        string calldata responseURI,
        bytes32 responseHash,
        string calldata tag
    ) private {
        if (!_validators[msg.sender]) revert ReputationNotValidator(msg.sender);
        if (response > 100) revert ReputationResponseOutOfRange(response);
        _validations[requestHash] = Validation({
            validator: msg.sender,
            agentId: agentId.toUint40(),
            lastUpdate: uint40(block.timestamp),
            response: response,
            responded: true
        });
        if (responseHash != bytes32(0)) _responseHashes[requestHash] = responseHash;
        emit ValidationResponse(msg.sender, agentId, requestHash, response, responseURI, responseHash, tag);
        // A request counts once: a later response updates its record, not the agent's performance.
        if (responded) return;
        _recordOutcome(agentId, response);
        _emitPerformance(agentId);
    }

    function _recordOutcome(uint256 agentId, uint8 response) private {
        StoredPerformance storage p = _performance[agentId];
        uint64 tasks = p.tasks + 1;
        bool completed = response >= successThreshold;
        uint256 quality = uint256(response) * 1e16;
        uint256 span = tasks < ATTESTATION_SPAN ? tasks : ATTESTATION_SPAN;
        uint256 score = p.attestedScore;
        // Moves by 1/span of the difference towards the new outcome: stays within [0, 1e18].
        score = quality >= score ? score + (quality - score) / span : score - (score - quality) / span;
        p.tasks = tasks;
        if (completed) p.successes += 1;
        p.attestedScore = uint64(score);
        p.recentOutcomes = (p.recentOutcomes << 1) | (completed ? 1 : 0);
    }

    function _rate(uint256 agentId, uint256 grade, uint256 weight) private {
        StoredPerformance storage p = _performance[agentId];
        // Earlier ratings fade with time, not with the number of ratings: many tiny ratings weigh what they paid.
        uint256 retained = _decayed(p.ratingWeight, block.timestamp - p.lastRatedAt);
        uint256 total = retained + weight;
        // A weighted mean of values in [0, 1e18] stays in [0, 1e18].
        uint256 score = (uint256(p.ratedScore) * retained + grade * weight) / total;
        p.ratings += 1;
        p.ratedScore = uint64(score);
        p.ratingWeight = total.toUint152();
        p.lastRatedAt = uint40(block.timestamp);
    }

    /// @dev `weight` after `elapsed` seconds: halved every RATING_HALF_LIFE, linearly in between.
    function _decayed(uint256 weight, uint256 elapsed) private pure returns (uint256) {
        uint256 halvings = elapsed / RATING_HALF_LIFE;
        if (halvings >= 152) return 0;
        weight >>= halvings;
        return weight - weight * (elapsed % RATING_HALF_LIFE) / (2 * RATING_HALF_LIFE);
    }

    /// @dev `value / 10^decimals` read as a grade from 0 to 100, clamped, as a WAD fraction of 100.
    function _grade(int128 value, uint8 decimals) private pure returns (uint256) {
        if (value <= 0) return 0;
        uint256 unit = 10 ** decimals;
        uint256 v = uint256(uint128(value));
        if (v >= 100 * unit) return _WAD;
        return v * 1e16 / unit;
    }

    function _emitPerformance(uint256 agentId) private {
        StoredPerformance storage p = _performance[agentId];
        (uint256 rate,) = completionRate(agentId);
        emit PerformanceUpdated(
            agentId,
            performanceScore(agentId),
            reputationMultiplier(agentId),
            p.tasks,
            p.successes,
            p.ratings,
            rate
        );
    }

    function _ownerOf(uint256 agentId) private view returns (address owner) {
        try _REGISTRY.ownerOf(agentId) returns (address o) {
            return o;
        } catch {
            revert ReputationUnknownAgent(agentId);
        }
    }

    function _isOwnerOrOperator(uint256 agentId, address account) private view returns (bool) {
        try _REGISTRY.isOwnerOrOperator(agentId, account) returns (bool yes) {
            return yes;
        } catch {
            return false;
        }
    }

    function _isApproved(uint256 agentId, address account) private view returns (bool) {
        return _REGISTRY.isOwnerOrApproved(agentId, account);
    }

    function _setSuccessThreshold(uint8 threshold) private {
        if (threshold == 0 || threshold > 100) revert ReputationThresholdOutOfBounds(threshold);
        emit SuccessThresholdSet(successThreshold, threshold);
        successThreshold = threshold;
    }

    function _setCompletionWindow(uint16 window) private {
        if (window < MIN_COMPLETION_WINDOW || window > MAX_COMPLETION_WINDOW) {
            revert ReputationWindowOutOfBounds(window, MIN_COMPLETION_WINDOW, MAX_COMPLETION_WINDOW);
        }
        emit CompletionWindowSet(completionWindow, window);
        completionWindow = window;
    }

    /// @dev The number of set bits (SWAR: pairs, nibbles, bytes, then 16-bit lanes summed by one multiplication).
    function _popcount(uint256 x) private pure returns (uint256) {
        unchecked {
            x -= (x >> 1) & 0x5555555555555555555555555555555555555555555555555555555555555555;
            x = (x & 0x3333333333333333333333333333333333333333333333333333333333333333)
                + ((x >> 2) & 0x3333333333333333333333333333333333333333333333333333333333333333);
            x = (x + (x >> 4)) & 0x0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f;
            x = (x + (x >> 8)) & 0x00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff;
            return (x * 0x0001000100010001000100010001000100010001000100010001000100010001) >> 240;
        }
    }
}
