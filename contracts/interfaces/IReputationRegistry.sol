// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IReputationRegistry
/// @notice Task outcomes attested by validators and ratings by paying consumers, folded into each agent's
/// performance score and reputation multiplier. Function and event shapes follow ERC-8004's validation registry
/// (`validationRequest`, `validationResponse`, `ValidationRequest`, `ValidationResponse`) and reputation registry
/// (`giveFeedback`, `NewFeedback`, `getLastIndex`), so tools that read ERC-8004 read these; the restrictions are ours.
///
/// Attestations. Governance authorises validators. A validator attests a task outcome for an agent: a response of
/// 0-100 (its quality), a response URI and hash, and a tag. A response at or above `successThreshold` (default 50)
/// counts as a completed task. An agent's owner or operator may first ask an authorised validator
/// (`validationRequest`); a validator may also attest without a request (`attest`), which also answers an open
/// request of the same agent under that hash (so an agent cannot keep an attestation out by requesting its hash
/// first; validators should still pick unpredictable hashes). Each request counts once: a later response to the same
/// request updates its record but not the agent's performance.
///
/// Feedback. A consumer rates a provider only with payments behind the rating: the fee escrow's `settledBetween`
/// (what the consumer has paid the provider on channels that have closed, in 18-decimal units) must have grown since
/// the consumer's previous rating of that provider, and the growth is the rating's weight. Each unit paid backs at
/// most one rating, so a Sybil reviewer without payments has no weight at all. The owner and operator of an agent
/// cannot rate it. A rating's `value` with `valueDecimals` is read as a grade from 0 to 100 (clamped).
///
/// Performance score, in [0, 1] (WAD, 1e18 = 1):
/// - attested quality: a decaying average of response/100; the n-th attestation moves it by 1/min(n, 20) of the
///   difference, so the first 20 are averaged and later ones weigh 5 % each (older outcomes decay geometrically);
/// - rated quality: the payment-weighted average of grade/100, where the weight behind earlier ratings halves every
///   90 days (it fades with time, not with the number of ratings, so many tiny ratings weigh only what they paid);
/// - the score is the mean of the components the agent has (0 with none).
///
/// Reputation multiplier, in [1.0, 3.0] (WAD): `1 + 2 * score * min(history, 100) / 100`, where history is the
/// number of attested tasks (validators are named by governance; ratings can be bought, so they do not lengthen the
/// history). It grows with the score and with the history and stays within bounds.
///
/// Completion rate: the share of completed tasks among the last `completionWindow` attested ones (default 20, at
/// most 256). The slashing manager's performance rule reads it.
interface IReputationRegistry {
    /// @notice An agent's record.
    struct Performance {
        /// @notice Attested tasks, and those at or above the success threshold.
        uint64 tasks;
        uint64 successes;
        /// @notice Ratings received.
        uint64 ratings;
        /// @notice Decaying average of attested quality (WAD).
        uint64 attestedScore;
        /// @notice Payment-weighted decaying average of ratings (WAD).
        uint64 ratedScore;
        /// @notice Outcomes of the last 256 attested tasks, newest in bit 0 (1: completed).
        uint256 recentOutcomes;
        /// @notice The payment weight behind `ratedScore` (18-decimal units) as of the last rating.
        uint256 ratingWeight;
        /// @notice When the last rating was given (the weight has faded since).
        uint256 lastRatedAt;
    }

    // ---------------------------------------------------------------- events (ERC-8004 shapes)

    event ValidationRequest(
        address indexed validatorAddress,
        uint256 indexed agentId,
        string requestURI,
        bytes32 indexed requestHash
    );

    event ValidationResponse(
        address indexed validatorAddress,
        uint256 indexed agentId,
        bytes32 indexed requestHash,
        uint8 response,
        string responseURI,
        bytes32 responseHash,
        string tag
    );

    event NewFeedback(
        uint256 indexed agentId,
        address indexed clientAddress,
        uint64 feedbackIndex,
        int128 value,
        uint8 valueDecimals,
        string indexed indexedTag1,
        string tag1,
        string tag2,
        string endpoint,
        string feedbackURI,
        bytes32 feedbackHash
    );

    // ---------------------------------------------------------------- events (ours)

    /// @notice `agentId`'s performance after an attestation or a rating.
    event PerformanceUpdated(
        uint256 indexed agentId,
        uint256 score,
        uint256 multiplier,
        uint64 tasks,
        uint64 successes,
        uint64 ratings,
        uint256 completionRate
    );

    /// @notice A rating's weight: what the rater paid the provider since its previous rating.
    event FeedbackWeighted(
        uint256 indexed agentId, address indexed clientAddress, uint64 feedbackIndex, uint256 weight
    );

    event ValidatorSet(address indexed validator, bool allowed);
    event SuccessThresholdSet(uint8 previousThreshold, uint8 newThreshold);
    event CompletionWindowSet(uint16 previousWindow, uint16 newWindow);

    // ---------------------------------------------------------------- errors

    error ReputationNotValidator(address caller);
    error ReputationNotAuthorized(uint256 agentId, address caller);
    error ReputationResponseOutOfRange(uint8 response);
    error ReputationRequestExists(bytes32 requestHash);
    error ReputationUnknownRequest(bytes32 requestHash);
    error ReputationWrongValidator(bytes32 requestHash, address validator, address caller);
    error ReputationZeroValidator();
    /// @notice The rater has paid the provider nothing through the escrow since its previous rating.
    error ReputationNoPaymentBehindRating(uint256 agentId, address rater);
    error ReputationSelfRating(uint256 agentId, address rater);
    error ReputationValueDecimalsTooLarge(uint8 valueDecimals);
    error ReputationUnknownAgent(uint256 agentId);
    error ReputationThresholdOutOfBounds(uint8 threshold);
    error ReputationWindowOutOfBounds(uint16 window, uint16 lowerBound, uint16 upperBound);

    // ---------------------------------------------------------------- attestations

    /// @notice Asks `validatorAddress` to validate a task of `agentId` (its owner or operator).
    function validationRequest(
        address validatorAddress,
        uint256 agentId,
        string calldata requestURI,
        bytes32 requestHash
    ) external;

    /// @notice The requested validator's response (0-100); the first response counts towards performance.
    function validationResponse(
        bytes32 requestHash,
        uint8 response,
        string calldata responseURI,
        bytes32 responseHash,
        string calldata tag
    ) external;

    /// @notice An authorised validator attests a task of `agentId` that was not requested on-chain.
    function attest(
        uint256 agentId,
        bytes32 requestHash,
        uint8 response,
        string calldata responseURI,
        bytes32 responseHash,
        string calldata tag
    ) external;

    // ---------------------------------------------------------------- feedback

    /// @notice Rates `agentId`, weighted by what the caller paid it through the escrow since its previous rating.
    function giveFeedback(
        uint256 agentId,
        int128 value,
        uint8 valueDecimals,
        string calldata tag1,
        string calldata tag2,
        string calldata endpoint,
        string calldata feedbackURI,
        bytes32 feedbackHash
    ) external;

    // ---------------------------------------------------------------- governance

    function setValidator(address validator, bool allowed) external;

    function setSuccessThreshold(uint8 threshold) external;

    function setCompletionWindow(uint16 window) external;

    // ---------------------------------------------------------------- reads

    /// @notice The performance score of `agentId` in [0, 1e18].
    function performanceScore(uint256 agentId) external view returns (uint256);

    /// @notice The reputation multiplier of `agentId` in [1e18, 3e18].
    function reputationMultiplier(uint256 agentId) external view returns (uint256);

    /// @notice Completed share of the last `completionWindow` attested tasks (WAD), and how many tasks that is.
    function completionRate(uint256 agentId) external view returns (uint256 rate, uint256 windowTasks);

    function performanceOf(uint256 agentId) external view returns (Performance memory);

    function isValidator(address account) external view returns (bool);

    function successThreshold() external view returns (uint8);

    function completionWindow() external view returns (uint16);

    /// @notice Ratings `clientAddress` gave `agentId` (ERC-8004).
    function getLastIndex(uint256 agentId, address clientAddress) external view returns (uint64);

    /// @notice The part of `clientAddress`'s payments to `agentId` already behind its ratings.
    function ratedPayments(uint256 agentId, address clientAddress) external view returns (uint256);

    /// @notice A validation's record (ERC-8004 `getValidationStatus`).
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
        );
}
