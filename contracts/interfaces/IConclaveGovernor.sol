// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IConclaveGovernor
/// @notice Conclave's additions to an OpenZeppelin Governor 5.x (settings, simple counting, votes from the staking
/// vault, Timelock control, late-quorum protection, proposal guardian). The OpenZeppelin and Bravo-compatible
/// surface (`propose`, `castVote*`, `queue`, `execute`, `cancel`, `state`, ...) and its events are unchanged.
///
/// @dev Typed proposals. Every proposal has a `Category`. Governance maps actions (target + selector) to the
/// category they belong to (`setActionCategory`); a proposal may only contain actions mapped to its own category or
/// unmapped ones. `proposeTyped` names the category; the plain `propose` infers it: the category of its mapped actions
/// (which must all agree), or `StrategicPartnership` when none is mapped. Each category has its own quorum and may
/// require a favourable review; both are fixed on the proposal when it is created.
///
/// Vote weight. A vote weighs min(votes at the snapshot, votes now), so a slash or an unstake request during the
/// vote lowers it. The same rule applies to the proposal threshold.
///
/// Review. The agent holding the CLO seat (its owner, approved account or operator key), while active, records a
/// verdict and a report CID during the discussion window (state `Pending`); it may revise it until voting starts.
/// A proposal whose category requires a review can be queued only with a `Favourable` verdict.
///
/// Expedited proposals (`proposeTyped(..., expedited = true)`) vote for `expeditedVotingPeriod` (3 days) from the
/// snapshot. State machine, with `mark` = snapshot + expeditedVotingPeriod and `deadline` = snapshot + votingPeriod
/// (extended by late-quorum protection):
///
///     Pending --snapshot--> Active (expedited rules)
///     Active, at mark:
///       For >= 2/3 of (For + Against) and For + Abstain >= expedited quorum
///           --> Succeeded at mark (queue at once; the Timelock delay still applies)
///       otherwise, category Emergency
///           --> Defeated (an emergency proposal never falls back)
///       otherwise
///           --> Active as a standard proposal until `deadline`, keeping every vote cast (Cosmos SDK semantics);
///               the first vote after the mark fixes the fall-back, so later votes cannot make it "expedited"
///     Standard proposal at deadline:
///       For > Against and For + Abstain >= category quorum --> Succeeded, otherwise Defeated
///     Succeeded --queue (review if required)--> Queued --Timelock delay, anyone--> Executed
///     Any state before Executed --guardian or proposer (while Pending)--> Canceled
///
/// Category `Emergency` must be expedited; the treasury's below-floor spend is mapped to it.
///
/// Late-quorum protection (OpenZeppelin `GovernorPreventLateQuorum`): when quorum is first reached, the deadline
/// moves to at least `lateQuorumVoteExtension` after that vote. It happens at most once per proposal and the
/// extension is bounded, so governance cannot be stalled.
interface IConclaveGovernor {
    /// @notice What a proposal does.
    enum Category {
        ProtocolUpgrade,
        EconomicParameter,
        AgentRole,
        TreasuryAllocation,
        StrategicPartnership,
        Emergency
    }

    /// @notice The reviewer's verdict.
    enum Verdict {
        None,
        Favourable,
        Unfavourable
    }

    /// @notice Conclave's data about one proposal, fixed at creation except the review and the fall-back flag.
    struct ProposalType {
        Category category;
        bool expedited;
        bool fellBack;
        bool reviewRequired;
        Verdict verdict;
        uint16 quorumBps;
        uint16 expeditedQuorumBps;
        uint48 expeditedDeadline;
    }

    /// @notice An action mapped to a category at deployment.
    struct ActionCategoryInit {
        address target;
        bytes4 selector;
        Category category;
    }

    // ---------------------------------------------------------------- events

    /// @notice A proposal was typed (emitted right after OpenZeppelin's `ProposalCreated`).
    event ProposalTyped(
        uint256 indexed proposalId,
        Category indexed category,
        bool expedited,
        bool reviewRequired,
        uint16 quorumBps,
        uint16 expeditedQuorumBps,
        uint48 expeditedDeadline
    );

    /// @notice The reviewer recorded (or revised) a verdict.
    event ProposalReviewed(
        uint256 indexed proposalId,
        uint256 indexed reviewerAgentId,
        address indexed reviewer,
        Verdict verdict,
        string reportCID
    );

    /// @notice An expedited proposal missed the expedited rules at the mark and continues as a standard proposal.
    event ProposalFellBackToStandard(uint256 indexed proposalId, uint256 deadline);

    /// @notice A governance parameter changed. `category` is meaningful for per-category parameters only.
    event GovernanceParameterSet(
        bytes32 indexed parameter, Category indexed category, uint256 previousValue, uint256 newValue
    );

    /// @notice An action was mapped to a category (`assigned`) or unmapped.
    event ActionCategorySet(
        address indexed target, bytes4 indexed selector, Category category, bool assigned
    );

    // ---------------------------------------------------------------- errors

    /// @notice Action `target`.`selector` belongs to `required`, not to the proposal's `category`.
    error GovernanceCategoryMismatch(address target, bytes4 selector, Category required, Category category);

    /// @notice A plain `propose` mixes actions of `first` and `second`: propose them separately.
    error GovernanceMixedCategories(Category first, Category second);

    /// @notice An `Emergency` proposal must be expedited.
    error GovernanceEmergencyMustBeExpedited();

    /// @notice An action's calldata is shorter than a selector.
    error GovernanceInvalidCalldata(uint256 index);

    /// @notice `caller` may not review: it does not act for the CLO seat's agent `agentId` (0 when vacant).
    error GovernanceNotReviewer(address caller, uint256 agentId);

    /// @notice The CLO agent `agentId` is inactive (its stake is below the C-suite minimum).
    error GovernanceReviewerInactive(uint256 agentId);

    /// @notice Reviews are recorded only while the proposal is `Pending`; it is in `state`.
    error GovernanceReviewWindowClosed(uint256 proposalId, uint8 state);

    /// @notice The verdict must be `Favourable` or `Unfavourable`.
    error GovernanceInvalidVerdict();

    /// @notice A review needs a report CID.
    error GovernanceEmptyReportCID();

    /// @notice The proposal's category requires a favourable review; its verdict is `verdict`.
    error GovernanceReviewRequired(uint256 proposalId, Verdict verdict);

    /// @notice Parameter `parameter` cannot be `value`: it must lie in [`lowerBound`, `upperBound`].
    error GovernanceParameterOutOfBounds(
        bytes32 parameter, uint256 value, uint256 lowerBound, uint256 upperBound
    );

    // ---------------------------------------------------------------- proposals

    /// @notice Creates a typed proposal; `expedited` asks for the expedited rules.
    /// @return proposalId The OpenZeppelin proposal id (hash of the actions and description).
    function proposeTyped(
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        string memory description,
        Category category,
        bool expedited
    ) external returns (uint256 proposalId);

    /// @notice Records the CLO reviewer's verdict and report CID while the proposal is `Pending`.
    function review(uint256 proposalId, Verdict verdict, string calldata reportCID) external;

    // ---------------------------------------------------------------- parameters (governance only)

    /// @notice Sets a category's quorum in basis points of total stake, within [`MIN_QUORUM_BPS`, `MAX_QUORUM_BPS`].
    function setCategoryQuorum(Category category, uint16 quorumBps) external;

    /// @notice Sets whether a category's proposals need a favourable review before queueing.
    function setCategoryRequiresReview(Category category, bool required) external;

    /// @notice Sets the expedited quorum, within [`MIN_QUORUM_BPS`, `MAX_QUORUM_BPS`].
    function setExpeditedQuorum(uint16 quorumBps) external;

    /// @notice Sets the expedited voting period, within [`MIN_EXPEDITED_PERIOD`, votingPeriod).
    function setExpeditedVotingPeriod(uint32 period) external;

    /// @notice Maps `target`.`selector` to `category` (`assigned = true`) or unmaps it.
    function setActionCategory(address target, bytes4 selector, Category category, bool assigned) external;

    // ---------------------------------------------------------------- reads

    /// @notice Conclave's data about a proposal.
    function proposalType(uint256 proposalId) external view returns (ProposalType memory);

    /// @notice The report CID of the proposal's review ("" if none).
    function reviewReport(uint256 proposalId) external view returns (string memory);

    /// @notice The quorum that decides the proposal now (expedited or category quorum), in tokens.
    function proposalQuorum(uint256 proposalId) external view returns (uint256);

    /// @notice The category an action is mapped to, and whether it is mapped.
    function actionCategory(address target, bytes4 selector)
        external
        view
        returns (Category category, bool assigned);

    /// @notice A category's quorum in basis points.
    function categoryQuorum(Category category) external view returns (uint16);

    /// @notice Whether a category requires a favourable review.
    function categoryRequiresReview(Category category) external view returns (bool);

    /// @notice The expedited quorum in basis points.
    function expeditedQuorum() external view returns (uint16);

    /// @notice The expedited voting period in seconds.
    function expeditedVotingPeriod() external view returns (uint32);
}
