// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IConclaveGovernor
/// @notice Conclave's additions to an OpenZeppelin Governor 5.x (settings, simple counting, votes from the staking
/// vault, Timelock control, late-quorum protection, proposal guardian). The OpenZeppelin and Bravo-compatible
/// surface (`propose`, `castVote*`, `queue`, `execute`, `cancel`, `state`, ...) and its events are unchanged.
///
/// @dev Typed proposals. Every proposal has a `Category`. Governance maps actions (target + selector) to the
/// category they belong to (`setActionCategory`). Typing fails closed: an action that is not mapped counts as a
/// `ProtocolUpgrade` (which requires the CLO review), so a proposal of any other category may contain only actions
/// mapped to that category. Every role-management function of every protocol contract is mapped (to
/// `ProtocolUpgrade`).
///
/// The type is part of the proposal's identity. `proposeTyped(…, description, category, expedited)` proposes the
/// description returned by `proposalDescription`: `description` + `#category=<Name>` (+ `#expedited`) +
/// `#proposer=<caller>` (OpenZeppelin's front-running protection; a description that already ends with a
/// `#proposer=` suffix keeps it, after the tag). The proposal id hashes that description, so the same actions and
/// text proposed with another type, or by another account, is another proposal. The plain OpenZeppelin `propose`
/// reads the same tag when the description carries one; without one, it infers the category from the actions (they
/// must all agree) and the proposal is not expedited. `ProposalCreated` carries the full description, which `queue`,
/// `execute` and `cancel` hash. Each category has its own quorum and may require a favourable review; both are
/// fixed on the proposal when it is created.
///
/// Cancelling. A proposer may cancel its proposal while `Pending` only, and only if the description names it
/// (`#proposer=`), so an account that front-runs a plain `propose` cannot cancel and burn someone else's proposal
/// (also after the guardian is retired). The guardian may cancel any proposal in any state before execution (queued
/// ones included: the Governor cancels the Timelock operation), except one whose every action only reduces the
/// guardian's powers or lifts a pause (`unpause()`, `setProposalGuardian`, `revokeRole(role, guardian)`, the
/// guardian's `setCallAllowed(…, false)`, no value): that one it cannot cancel while it is `Pending` or `Active`,
/// nor once it has passed (`Succeeded` or `Queued`) with For at least two thirds of all votes cast; it can when it
/// passed with less. A rogue guardian cannot entrench itself, and a proposal that mixes such actions with others
/// stays cancelable, so a hostile majority cannot remove the guardian and attack in one proposal.
///
/// Vote weight. A vote weighs min(votes at the snapshot, votes now), so a slash or an unstake request during the
/// vote lowers it. The same rule applies to the proposal threshold.
///
/// Review. The agent holding the CLO seat (its owner, approved account or operator key), while active, records a
/// verdict and a report CID during the discussion window (state `Pending`); it may revise it until voting starts.
/// A proposal whose category requires a review can be queued only with a `Favourable` verdict.
///
/// Expedited proposals (`proposeTyped(..., expedited = true)`) vote for `expeditedVotingPeriod` (3 days) from the
/// snapshot and need the *expedited quorum*: the higher of `expeditedQuorum` (10 %) and the category's own quorum.
/// State machine, with `mark` = snapshot + expeditedVotingPeriod (moved by late-quorum protection, below) and
/// `deadline` = snapshot + votingPeriod (extended by late-quorum protection):
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
///     Any state before Executed --guardian (see Cancelling), or a proposer its description names (while
///                                   Pending)--> Canceled
///
/// Category `Emergency` must be expedited (its quorum is the higher of its category quorum and the expedited one);
/// the treasury's below-floor spend and the pause controls are mapped to it.
///
/// Late-quorum protection: when the standard quorum is first reached, the deadline moves to at least
/// `lateQuorumVoteExtension` after that vote (OpenZeppelin `GovernorPreventLateQuorum`); likewise, when the
/// expedited quorum is first reached under expedited rules, the mark moves to at least `lateQuorumVoteExtension`
/// after that vote, but never to the standard deadline (`ExpeditedMarkExtended`). Each happens at most once per
/// proposal and the extension is bounded, so governance cannot be stalled.
///
/// Quorum reads. `proposalQuorum(id)` is the exact quorum that decides a proposal now; `quorumBpsFor(category,
/// expedited)` is what a proposal created now would be held to; OpenZeppelin's `quorum(timepoint)` is the lowest of
/// these over all categories (it never overstates what a proposal needs).
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

    /// @notice Conclave's data about one proposal, fixed at creation except the review, the fall-back flag and the
    /// late-quorum move of the mark (`expeditedDeadline`, `expeditedQuorumReached`).
    struct ProposalType {
        Category category;
        bool expedited;
        bool fellBack;
        bool reviewRequired;
        Verdict verdict;
        uint16 quorumBps;
        uint16 expeditedQuorumBps;
        uint48 expeditedDeadline;
        /// Every action only reduces the guardian's powers or lifts a pause.
        bool limitsGuardian;
        /// The description names the proposer (`#proposer=`), so the proposer may cancel it while pending.
        bool proposerBound;
        /// The expedited quorum was reached under expedited rules (late-quorum protection of the mark ran).
        bool expeditedQuorumReached;
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

    /// @notice The expedited quorum was reached late: the mark moved to `mark` (late-quorum protection).
    event ExpeditedMarkExtended(uint256 indexed proposalId, uint48 mark);

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

    /// @notice The guardian may not cancel `proposalId`: it only limits the guardian, and is being voted on or passed
    /// with two thirds of the votes cast.
    error GovernanceGuardianCannotCancel(uint256 proposalId);

    /// @notice Parameter `parameter` cannot be `value`: it must lie in [`lowerBound`, `upperBound`].
    error GovernanceParameterOutOfBounds(
        bytes32 parameter, uint256 value, uint256 lowerBound, uint256 upperBound
    );

    // ---------------------------------------------------------------- proposals

    /// @notice Creates a typed proposal; `expedited` asks for the expedited rules. Proposes
    /// `proposalDescription(description, category, expedited, msg.sender)`.
    /// @return proposalId The OpenZeppelin proposal id (hash of the actions and of that description).
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

    /// @notice The description `proposeTyped` records: `description`, the type tag and the proposer suffix.
    function proposalDescription(
        string memory description,
        Category category,
        bool expedited,
        address proposer
    ) external pure returns (string memory);

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

    /// @notice The quorum, in basis points of total stake, that a proposal of `category` created now is held to
    /// (expedited: the higher of the expedited and the category quorum).
    function quorumBpsFor(Category category, bool expedited) external view returns (uint16);
}
