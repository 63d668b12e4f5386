// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAgentRegistry} from "./interfaces/IAgentRegistry.sol";
import {IConclaveGovernor} from "./interfaces/IConclaveGovernor.sol";
import {IStakingVault} from "./interfaces/IStakingVault.sol";
import {Governor} from "@openzeppelin/contracts/governance/Governor.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {
    GovernorCountingSimple
} from "@openzeppelin/contracts/governance/extensions/GovernorCountingSimple.sol";
import {
    GovernorPreventLateQuorum
} from "@openzeppelin/contracts/governance/extensions/GovernorPreventLateQuorum.sol";
import {
    GovernorProposalGuardian
} from "@openzeppelin/contracts/governance/extensions/GovernorProposalGuardian.sol";
import {GovernorSettings} from "@openzeppelin/contracts/governance/extensions/GovernorSettings.sol";
import {
    GovernorTimelockControl
} from "@openzeppelin/contracts/governance/extensions/GovernorTimelockControl.sol";
import {GovernorVotes} from "@openzeppelin/contracts/governance/extensions/GovernorVotes.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/// @title ConclaveGovernor
/// @notice OpenZeppelin Governor 5.x composed for Conclave: typed proposals with per-category quorums, expedited
/// proposals that fall back to standard ones, CLO reviews, min(snapshot, now) vote weight, bounded parameters.
contract ConclaveGovernor is
    IConclaveGovernor,
    Governor,
    GovernorSettings,
    GovernorCountingSimple,
    GovernorVotes,
    GovernorTimelockControl,
    GovernorPreventLateQuorum,
    GovernorProposalGuardian
{
    /// @notice Bounds of the governance parameters (constant).
    uint256 public constant MIN_VOTING_DELAY = 1 hours;
    uint256 public constant MAX_VOTING_DELAY = 14 days;
    uint256 public constant MIN_VOTING_PERIOD = 1 days;
    uint256 public constant MAX_VOTING_PERIOD = 30 days;
    uint256 public constant MIN_EXPEDITED_PERIOD = 1 days;
    uint256 public constant MIN_PROPOSAL_THRESHOLD = 1 ether;
    uint256 public constant MAX_PROPOSAL_THRESHOLD = 1_000_000 ether;
    uint256 public constant MIN_VOTE_EXTENSION = 1 hours;
    uint256 public constant MAX_VOTE_EXTENSION = 7 days;
    uint256 public constant MIN_QUORUM_BPS = 100;
    uint256 public constant MAX_QUORUM_BPS = 5000;
    uint256 private constant _BPS = 10_000;

    IAgentRegistry private immutable _REGISTRY;
    IStakingVault private immutable _VAULT;

    uint32 private _expeditedVotingPeriod;
    uint16 private _expeditedQuorumBps;
    mapping(Category category => uint16 quorumBps) private _categoryQuorumBps;
    mapping(Category category => bool required) private _categoryRequiresReview;
    /// @dev Category + 1 of a mapped action; 0 when unmapped.
    mapping(address target => mapping(bytes4 selector => uint8 categoryPlusOne)) private _actionCategories;
    mapping(uint256 proposalId => ProposalType) private _types;
    mapping(uint256 proposalId => string reportCID) private _reports;

    /// @dev Set by `proposeTyped` for the `_propose` it triggers through `propose` (same call, so transient).
    bool private transient _typedPending;
    Category private transient _pendingCategory;
    bool private transient _pendingExpedited;

    constructor(
        IVotes vault,
        TimelockController timelock,
        IAgentRegistry registry,
        address guardian,
        ActionCategoryInit[] memory initialActions
    )
        Governor("Conclave Governor")
        GovernorSettings(48 hours, 7 days, 1000 ether)
        GovernorVotes(vault)
        GovernorTimelockControl(timelock)
        GovernorPreventLateQuorum(2 days)
    {
        _REGISTRY = registry;
        _VAULT = IStakingVault(address(vault));
        _setProposalGuardian(guardian);
        _setExpeditedVotingPeriod(3 days);
        _setExpeditedQuorum(1000);
        for (uint8 c; c <= uint8(Category.Emergency); ++c) {
            _setCategoryQuorum(Category(c), 400);
        }
        _setCategoryRequiresReview(Category.ProtocolUpgrade, true);
        // Changing the rules of governance is a protocol upgrade.
        bytes4[12] memory own = [
            GovernorSettings.setVotingDelay.selector,
            GovernorSettings.setVotingPeriod.selector,
            GovernorSettings.setProposalThreshold.selector,
            GovernorPreventLateQuorum.setLateQuorumVoteExtension.selector,
            GovernorProposalGuardian.setProposalGuardian.selector,
            GovernorTimelockControl.updateTimelock.selector,
            IConclaveGovernor.setCategoryQuorum.selector,
            IConclaveGovernor.setCategoryRequiresReview.selector,
            IConclaveGovernor.setExpeditedQuorum.selector,
            IConclaveGovernor.setExpeditedVotingPeriod.selector,
            IConclaveGovernor.setActionCategory.selector,
            Governor.relay.selector
        ];
        for (uint256 i; i < own.length; ++i) {
            _setActionCategory(address(this), own[i], Category.ProtocolUpgrade, true);
        }
        for (uint256 i; i < initialActions.length; ++i) {
            _setActionCategory(
                initialActions[i].target, initialActions[i].selector, initialActions[i].category, true
            );
        }
    }

    // ---------------------------------------------------------------- proposals

    /// @inheritdoc IConclaveGovernor
    function proposeTyped(
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        string memory description,
        Category category,
        bool expedited
    ) external returns (uint256) {
        _typedPending = true;
        _pendingCategory = category;
        _pendingExpedited = expedited;
        return propose(targets, values, calldatas, description);
    }

    /// @inheritdoc IConclaveGovernor
    function review(uint256 proposalId, Verdict verdict, string calldata reportCID) external {
        if (verdict == Verdict.None) revert GovernanceInvalidVerdict();
        if (bytes(reportCID).length == 0) revert GovernanceEmptyReportCID();
        ProposalState current = state(proposalId);
        if (current != ProposalState.Pending) {
            revert GovernanceReviewWindowClosed(proposalId, uint8(current));
        }
        uint256 agentId = _REGISTRY.seatHolder(IAgentRegistry.Role.CLO);
        if (agentId == 0 || !_REGISTRY.isAuthorized(agentId, msg.sender)) {
            revert GovernanceNotReviewer(msg.sender, agentId);
        }
        if (!_VAULT.isActive(agentId)) revert GovernanceReviewerInactive(agentId);
        _types[proposalId].verdict = verdict;
        _reports[proposalId] = reportCID;
        emit ProposalReviewed(proposalId, agentId, msg.sender, verdict, reportCID);
    }

    // ---------------------------------------------------------------- parameters

    /// @inheritdoc IConclaveGovernor
    function setCategoryQuorum(Category category, uint16 quorumBps) external onlyGovernance {
        _setCategoryQuorum(category, quorumBps);
    }

    /// @inheritdoc IConclaveGovernor
    function setCategoryRequiresReview(Category category, bool required) external onlyGovernance {
        _setCategoryRequiresReview(category, required);
    }

    /// @inheritdoc IConclaveGovernor
    function setExpeditedQuorum(uint16 quorumBps) external onlyGovernance {
        _setExpeditedQuorum(quorumBps);
    }

    /// @inheritdoc IConclaveGovernor
    function setExpeditedVotingPeriod(uint32 period) external onlyGovernance {
        _setExpeditedVotingPeriod(period);
    }

    /// @inheritdoc IConclaveGovernor
    function setActionCategory(address target, bytes4 selector, Category category, bool assigned)
        external
        onlyGovernance
    {
        _setActionCategory(target, selector, category, assigned);
    }

    // ---------------------------------------------------------------- reads

    /// @inheritdoc IConclaveGovernor
    function proposalType(uint256 proposalId) external view returns (ProposalType memory) {
        return _types[proposalId];
    }

    /// @inheritdoc IConclaveGovernor
    function reviewReport(uint256 proposalId) external view returns (string memory) {
        return _reports[proposalId];
    }

    /// @inheritdoc IConclaveGovernor
    function proposalQuorum(uint256 proposalId) public view returns (uint256) {
        ProposalType storage t = _types[proposalId];
        uint256 bps = _usesExpeditedRules(proposalId) ? t.expeditedQuorumBps : t.quorumBps;
        return Math.mulDiv(token().getPastTotalSupply(proposalSnapshot(proposalId)), bps, _BPS);
    }

    /// @inheritdoc IConclaveGovernor
    function actionCategory(address target, bytes4 selector) public view returns (Category, bool) {
        uint8 stored = _actionCategories[target][selector];
        return stored == 0 ? (Category.ProtocolUpgrade, false) : (Category(stored - 1), true);
    }

    /// @inheritdoc IConclaveGovernor
    function categoryQuorum(Category category) external view returns (uint16) {
        return _categoryQuorumBps[category];
    }

    /// @inheritdoc IConclaveGovernor
    function categoryRequiresReview(Category category) external view returns (bool) {
        return _categoryRequiresReview[category];
    }

    /// @inheritdoc IConclaveGovernor
    function expeditedQuorum() external view returns (uint16) {
        return _expeditedQuorumBps;
    }

    /// @inheritdoc IConclaveGovernor
    function expeditedVotingPeriod() external view returns (uint32) {
        return _expeditedVotingPeriod;
    }

    /// @notice The quorum of the default category (`StrategicPartnership`) at `timepoint`, for tools that read the
    /// OpenZeppelin surface; `proposalQuorum` gives the exact quorum of one proposal.
    function quorum(uint256 timepoint) public view override returns (uint256) {
        return Math.mulDiv(
            token().getPastTotalSupply(timepoint), _categoryQuorumBps[Category.StrategicPartnership], _BPS
        );
    }

    /// @notice The deadline that decides the proposal: the expedited mark while expedited rules apply, otherwise
    /// the standard deadline with any late-quorum extension.
    function proposalDeadline(uint256 proposalId)
        public
        view
        override(Governor, GovernorPreventLateQuorum)
        returns (uint256)
    {
        if (_usesExpeditedRules(proposalId)) {
            return _types[proposalId].expeditedDeadline;
        }
        return super.proposalDeadline(proposalId);
    }

    function state(uint256 proposalId)
        public
        view
        override(Governor, GovernorTimelockControl)
        returns (ProposalState)
    {
        return super.state(proposalId);
    }

    function votingDelay() public view override(Governor, GovernorSettings) returns (uint256) {
        return super.votingDelay();
    }

    function votingPeriod() public view override(Governor, GovernorSettings) returns (uint256) {
        return super.votingPeriod();
    }

    function proposalThreshold() public view override(Governor, GovernorSettings) returns (uint256) {
        return super.proposalThreshold();
    }

    function proposalNeedsQueuing(uint256 proposalId)
        public
        view
        override(Governor, GovernorTimelockControl)
        returns (bool)
    {
        return super.proposalNeedsQueuing(proposalId);
    }

    // ---------------------------------------------------------------- internal: proposal life cycle

    /// @dev Types every proposal: the category named by `proposeTyped`, or the one inferred for a plain `propose`.
    function _propose(
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        string memory description,
        address proposer
    ) internal override returns (uint256 proposalId) {
        // OpenZeppelin validates the array lengths first, so the category checks below can index safely.
        proposalId = super._propose(targets, values, calldatas, description, proposer);

        Category category;
        bool expedited;
        if (_typedPending) {
            _typedPending = false;
            category = _pendingCategory;
            expedited = _pendingExpedited;
            _checkActions(targets, calldatas, category);
        } else {
            category = _inferCategory(targets, calldatas);
        }
        if (category == Category.Emergency && !expedited) revert GovernanceEmergencyMustBeExpedited();

        ProposalType memory t = ProposalType({
            category: category,
            expedited: expedited,
            fellBack: false,
            reviewRequired: _categoryRequiresReview[category],
            verdict: Verdict.None,
            quorumBps: _categoryQuorumBps[category],
            expeditedQuorumBps: expedited ? _expeditedQuorumBps : 0,
            expeditedDeadline: expedited ? uint48(proposalSnapshot(proposalId) + _expeditedVotingPeriod) : 0
        });
        _types[proposalId] = t;
        emit ProposalTyped(
            proposalId,
            category,
            expedited,
            t.reviewRequired,
            t.quorumBps,
            t.expeditedQuorumBps,
            t.expeditedDeadline
        );
    }

    /// @dev Weighs a vote at min(votes at the snapshot, votes now); also fixes an expedited proposal's fall-back at
    /// the first vote after its mark (voting is only still open then because the expedited rules were not met).
    function _castVote(
        uint256 proposalId,
        address account,
        uint8 support,
        string memory reason,
        bytes memory params
    ) internal override returns (uint256) {
        ProposalType storage t = _types[proposalId];
        if (
            t.expedited && !t.fellBack && t.category != Category.Emergency && clock() > t.expeditedDeadline
                && state(proposalId) == ProposalState.Active
        ) {
            t.fellBack = true;
            emit ProposalFellBackToStandard(proposalId, proposalDeadline(proposalId));
        }
        return super._castVote(proposalId, account, support, reason, params);
    }

    function _getVotes(address account, uint256 timepoint, bytes memory params)
        internal
        view
        override(Governor, GovernorVotes)
        returns (uint256)
    {
        return Math.min(super._getVotes(account, timepoint, params), token().getVotes(account));
    }

    function _quorumReached(uint256 proposalId)
        internal
        view
        override(Governor, GovernorCountingSimple)
        returns (bool)
    {
        (, uint256 forVotes, uint256 abstainVotes) = proposalVotes(proposalId);
        return proposalQuorum(proposalId) <= forVotes + abstainVotes;
    }

    function _voteSucceeded(uint256 proposalId)
        internal
        view
        override(Governor, GovernorCountingSimple)
        returns (bool)
    {
        (uint256 againstVotes, uint256 forVotes,) = proposalVotes(proposalId);
        if (_usesExpeditedRules(proposalId)) return _supermajority(forVotes, againstVotes);
        return forVotes > againstVotes;
    }

    /// @dev Late-quorum protection applies to the standard deadline only; the expedited mark is fixed.
    function _tallyUpdated(uint256 proposalId) internal override(Governor, GovernorPreventLateQuorum) {
        if (_usesExpeditedRules(proposalId)) return;
        super._tallyUpdated(proposalId);
    }

    function _queueOperations(
        uint256 proposalId,
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(Governor, GovernorTimelockControl) returns (uint48) {
        ProposalType storage t = _types[proposalId];
        if (t.reviewRequired && t.verdict != Verdict.Favourable) {
            revert GovernanceReviewRequired(proposalId, t.verdict);
        }
        return super._queueOperations(proposalId, targets, values, calldatas, descriptionHash);
    }

    function _executeOperations(
        uint256 proposalId,
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(Governor, GovernorTimelockControl) {
        super._executeOperations(proposalId, targets, values, calldatas, descriptionHash);
    }

    function _cancel(
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(Governor, GovernorTimelockControl) returns (uint256) {
        return super._cancel(targets, values, calldatas, descriptionHash);
    }

    function _executor() internal view override(Governor, GovernorTimelockControl) returns (address) {
        return super._executor();
    }

    function _validateCancel(uint256 proposalId, address caller)
        internal
        view
        override(Governor, GovernorProposalGuardian)
        returns (bool)
    {
        return super._validateCancel(proposalId, caller);
    }

    // ---------------------------------------------------------------- internal: rules

    /// @dev Expedited rules decide a proposal while it is in its expedited window, always for `Emergency`, and after
    /// the mark when they were met there (then it succeeded at the mark).
    function _usesExpeditedRules(uint256 proposalId) private view returns (bool) {
        ProposalType storage t = _types[proposalId];
        if (!t.expedited || t.fellBack) return false;
        if (t.category == Category.Emergency || clock() <= t.expeditedDeadline) return true;
        (uint256 againstVotes, uint256 forVotes, uint256 abstainVotes) = proposalVotes(proposalId);
        uint256 expeditedQuorum_ =
            Math.mulDiv(token().getPastTotalSupply(proposalSnapshot(proposalId)), t.expeditedQuorumBps, _BPS);
        return _supermajority(forVotes, againstVotes) && forVotes + abstainVotes >= expeditedQuorum_;
    }

    /// @dev Two thirds of For + Against, exactly (constant), and at least one vote For.
    function _supermajority(uint256 forVotes, uint256 againstVotes) private pure returns (bool) {
        return forVotes != 0 && forVotes * 3 >= (forVotes + againstVotes) * 2;
    }

    function _checkActions(address[] memory targets, bytes[] memory calldatas, Category category)
        private
        view
    {
        for (uint256 i; i < targets.length; ++i) {
            (Category required, bool assigned) = actionCategory(targets[i], _selector(calldatas[i], i));
            if (assigned && required != category) {
                revert GovernanceCategoryMismatch(targets[i], _selector(calldatas[i], i), required, category);
            }
        }
    }

    function _inferCategory(address[] memory targets, bytes[] memory calldatas)
        private
        view
        returns (Category category)
    {
        bool found;
        category = Category.StrategicPartnership;
        for (uint256 i; i < targets.length; ++i) {
            (Category mapped, bool assigned) = actionCategory(targets[i], _selector(calldatas[i], i));
            if (!assigned) continue;
            if (found && mapped != category) revert GovernanceMixedCategories(category, mapped);
            category = mapped;
            found = true;
        }
    }

    /// @dev Empty calldata (a plain value transfer) has the zero selector.
    function _selector(bytes memory data, uint256 index) private pure returns (bytes4 selector) {
        if (data.length == 0) return bytes4(0);
        if (data.length < 4) revert GovernanceInvalidCalldata(index);
        // Reading the first word of `data`: its length is at least 4.
        assembly ("memory-safe") {
            selector := mload(add(data, 0x20))
        }
    }

    // ---------------------------------------------------------------- internal: parameters with bounds

    function _setVotingDelay(uint48 newVotingDelay) internal override {
        _checkBounds("votingDelay", newVotingDelay, MIN_VOTING_DELAY, MAX_VOTING_DELAY);
        super._setVotingDelay(newVotingDelay);
    }

    function _setVotingPeriod(uint32 newVotingPeriod) internal override {
        // The standard period must stay longer than the expedited one.
        uint256 lower = Math.max(MIN_VOTING_PERIOD, uint256(_expeditedVotingPeriod) + 1);
        _checkBounds("votingPeriod", newVotingPeriod, lower, MAX_VOTING_PERIOD);
        super._setVotingPeriod(newVotingPeriod);
    }

    function _setProposalThreshold(uint256 newProposalThreshold) internal override {
        _checkBounds(
            "proposalThreshold", newProposalThreshold, MIN_PROPOSAL_THRESHOLD, MAX_PROPOSAL_THRESHOLD
        );
        super._setProposalThreshold(newProposalThreshold);
    }

    function _setLateQuorumVoteExtension(uint48 newVoteExtension) internal override {
        _checkBounds("lateQuorumVoteExtension", newVoteExtension, MIN_VOTE_EXTENSION, MAX_VOTE_EXTENSION);
        super._setLateQuorumVoteExtension(newVoteExtension);
    }

    function _setExpeditedVotingPeriod(uint32 period) private {
        _checkBounds("expeditedVotingPeriod", period, MIN_EXPEDITED_PERIOD, votingPeriod() - 1);
        emit GovernanceParameterSet(
            "expeditedVotingPeriod", Category.ProtocolUpgrade, _expeditedVotingPeriod, period
        );
        _expeditedVotingPeriod = period;
    }

    function _setExpeditedQuorum(uint16 quorumBps) private {
        _checkBounds("expeditedQuorum", quorumBps, MIN_QUORUM_BPS, MAX_QUORUM_BPS);
        emit GovernanceParameterSet(
            "expeditedQuorum", Category.ProtocolUpgrade, _expeditedQuorumBps, quorumBps
        );
        _expeditedQuorumBps = quorumBps;
    }

    function _setCategoryQuorum(Category category, uint16 quorumBps) private {
        _checkBounds("categoryQuorum", quorumBps, MIN_QUORUM_BPS, MAX_QUORUM_BPS);
        emit GovernanceParameterSet("categoryQuorum", category, _categoryQuorumBps[category], quorumBps);
        _categoryQuorumBps[category] = quorumBps;
    }

    function _setCategoryRequiresReview(Category category, bool required) private {
        emit GovernanceParameterSet(
            "categoryRequiresReview", category, _categoryRequiresReview[category] ? 1 : 0, required ? 1 : 0
        );
        _categoryRequiresReview[category] = required;
    }

    function _setActionCategory(address target, bytes4 selector, Category category, bool assigned) private {
        _actionCategories[target][selector] = assigned ? uint8(category) + 1 : 0;
        emit ActionCategorySet(target, selector, category, assigned);
    }

    function _checkBounds(bytes32 parameter, uint256 value, uint256 lower, uint256 upper) private pure {
        if (value < lower || value > upper) {
            revert GovernanceParameterOutOfBounds(parameter, value, lower, upper);
        }
    }
}
