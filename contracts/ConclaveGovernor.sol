// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAgentRegistry} from "./interfaces/IAgentRegistry.sol";
import {IBoundedPausable} from "./interfaces/IBoundedPausable.sol";
import {IConclaveGovernor} from "./interfaces/IConclaveGovernor.sol";
import {IGuardianMultisig} from "./interfaces/IGuardianMultisig.sol";
import {IStakingVault} from "./interfaces/IStakingVault.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
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
import {Bytes} from "@openzeppelin/contracts/utils/Bytes.sol";
import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/// @title ConclaveGovernor
/// @notice OpenZeppelin Governor 5.x composed for Conclave: typed proposals (the type is part of the description, so
/// of the id) with per-category quorums, expedited proposals that fall back to standard ones, CLO reviews,
/// min(snapshot, now) vote weight, a guardian that cannot block its own retirement, bounded parameters.
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
    /// @dev Length of OpenZeppelin's `#proposer=0x<40 hex digits>` suffix.
    uint256 private constant _PROPOSER_SUFFIX_LENGTH = 52;
    bytes private constant _EXPEDITED_TAG = "#expedited";

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

    /// @dev Set by `proposeTyped` for the `_propose` it triggers through `propose` (same call, so transient): the
    /// type it wrote into the description, so `_propose` need not parse it back.
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
        string memory recorded = proposalDescription(description, category, expedited, _msgSender());
        _typedPending = true;
        _pendingCategory = category;
        _pendingExpedited = expedited;
        return propose(targets, values, calldatas, recorded);
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
        if (agentId == 0 || !_REGISTRY.isOwnerOrOperator(agentId, msg.sender)) {
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
    function proposalDescription(
        string memory description,
        Category category,
        bool expedited,
        address proposer
    ) public pure returns (string memory) {
        bytes memory text = bytes(description);
        bytes memory tag = bytes.concat(_categoryTag(category), expedited ? _EXPEDITED_TAG : bytes(""));
        if (_hasProposerSuffix(text)) {
            uint256 cut = text.length - _PROPOSER_SUFFIX_LENGTH;
            return string(bytes.concat(Bytes.slice(text, 0, cut), tag, Bytes.slice(text, cut)));
        }
        return string(bytes.concat(text, tag, "#proposer=0x", _lowercaseHex(proposer)));
    }

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

    /// @inheritdoc IConclaveGovernor
    function quorumBpsFor(Category category, bool expedited) public view returns (uint16) {
        uint16 bps = _categoryQuorumBps[category];
        return expedited && _expeditedQuorumBps > bps ? _expeditedQuorumBps : bps;
    }

    /// @notice The lowest quorum the Governor holds any new proposal to (the smallest category quorum, counting
    /// `Emergency` at its expedited quorum), in tokens of the total stake at `timepoint`. For tools that read the
    /// OpenZeppelin surface it never overstates what a proposal needs; `proposalQuorum` is one proposal's exact one.
    function quorum(uint256 timepoint) public view override returns (uint256) {
        uint256 bps = quorumBpsFor(Category.Emergency, true);
        for (uint8 c; c < uint8(Category.Emergency); ++c) {
            bps = Math.min(bps, _categoryQuorumBps[Category(c)]);
        }
        return Math.mulDiv(token().getPastTotalSupply(timepoint), bps, _BPS);
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

    /// @dev Types every proposal from its description's type tag (what `proposeTyped` appends) or, without one, from
    /// its actions; records whether the description binds the proposer and whether the proposal only limits the
    /// guardian.
    function _propose(
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        string memory description,
        address proposer
    ) internal override returns (uint256 proposalId) {
        // OpenZeppelin validates the array lengths first, so the category checks below can index safely.
        proposalId = super._propose(targets, values, calldatas, description, proposer);

        bool typed;
        Category category;
        bool expedited;
        bool proposerBound;
        if (_typedPending) {
            // `proposeTyped` wrote this type and a proposer suffix (OpenZeppelin checked it names the proposer).
            (typed, category, expedited, proposerBound) = (true, _pendingCategory, _pendingExpedited, true);
            _typedPending = false;
        } else {
            (typed, category, expedited, proposerBound) = _parseType(bytes(description));
        }
        if (typed) {
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
            expeditedQuorumBps: expedited ? quorumBpsFor(category, true) : 0,
            expeditedDeadline: expedited ? uint48(proposalSnapshot(proposalId) + _expeditedVotingPeriod) : 0,
            limitsGuardian: _onlyLimitsGuardian(targets, values, calldatas),
            proposerBound: proposerBound,
            expeditedQuorumReached: false
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

    /// @dev Late-quorum protection for both deadlines. Standard rules: OpenZeppelin's. Expedited rules: when the
    /// expedited quorum is first reached, the mark moves to at least `lateQuorumVoteExtension` later; once per
    /// proposal, and never to or past the standard deadline, so it is bounded.
    function _tallyUpdated(uint256 proposalId) internal override(Governor, GovernorPreventLateQuorum) {
        if (!_usesExpeditedRules(proposalId)) {
            super._tallyUpdated(proposalId);
            return;
        }
        ProposalType storage t = _types[proposalId];
        if (t.expeditedQuorumReached || !_quorumReached(proposalId)) return;
        t.expeditedQuorumReached = true;
        // Both terms are uint48 timepoints, so the minimum is one too.
        // forge-lint: disable-next-line(unsafe-typecast)
        uint48 mark =
            uint48(Math.min(clock() + lateQuorumVoteExtension(), Governor.proposalDeadline(proposalId) - 1));
        if (mark > t.expeditedDeadline) {
            t.expeditedDeadline = mark;
            emit ExpeditedMarkExtended(proposalId, mark);
        }
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

    /// @dev The guardian cancels anything, except a proposal that only limits it: never while it is discussed or
    /// voted on, and not once two thirds of the votes cast passed it. A proposer cancels only while `Pending`, and
    /// only a proposal whose description names it, so a front-runner that submitted someone else's proposal cannot
    /// burn its id (OpenZeppelin's any-state cancel by proposers when no guardian is set is not used).
    function _validateCancel(uint256 proposalId, address caller)
        internal
        view
        override(Governor, GovernorProposalGuardian)
        returns (bool)
    {
        ProposalType storage t = _types[proposalId];
        if (caller == proposalGuardian()) {
            if (t.limitsGuardian && _guardianMayNotCancel(proposalId)) {
                revert GovernanceGuardianCannotCancel(proposalId);
            }
            return true;
        }
        return t.proposerBound && Governor._validateCancel(proposalId, caller);
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

    /// @dev Typing fails closed: an unmapped action counts as a protocol upgrade (`actionCategory`).
    function _checkActions(address[] memory targets, bytes[] memory calldatas, Category category)
        private
        view
    {
        for (uint256 i; i < targets.length; ++i) {
            bytes4 selector = _selector(calldatas[i], i);
            (Category required,) = actionCategory(targets[i], selector);
            if (required != category) {
                revert GovernanceCategoryMismatch(targets[i], selector, required, category);
            }
        }
    }

    /// @dev The one category of all the actions (unmapped ones counting as protocol upgrades).
    function _inferCategory(address[] memory targets, bytes[] memory calldatas)
        private
        view
        returns (Category category)
    {
        for (uint256 i; i < targets.length; ++i) {
            (Category mapped,) = actionCategory(targets[i], _selector(calldatas[i], i));
            if (i == 0) {
                category = mapped;
            } else if (mapped != category) {
                revert GovernanceMixedCategories(category, mapped);
            }
        }
    }

    /// @dev Whether every action only reduces the guardian's powers or lifts a pause, moving no value: `unpause()`,
    /// this Governor's `setProposalGuardian`, `revokeRole(role, guardian)`, or the guardian's own
    /// `setCallAllowed(target, selector, false)`. Arguments must be exactly ABI-encoded; anything else is not
    /// recognised, which leaves the proposal cancelable (the safe side).
    function _onlyLimitsGuardian(address[] memory targets, uint256[] memory values, bytes[] memory calldatas)
        private
        view
        returns (bool)
    {
        uint256 guardian = uint256(uint160(proposalGuardian()));
        for (uint256 i; i < targets.length; ++i) {
            bytes memory data = calldatas[i];
            bytes4 selector = _selector(data, i);
            bool limits = values[i] == 0
                && ((selector == IBoundedPausable.unpause.selector && data.length == 4)
                    || (selector == GovernorProposalGuardian.setProposalGuardian.selector
                        && targets[i] == address(this))
                    || (selector == IAccessControl.revokeRole.selector
                        && data.length == 68
                        && guardian != 0
                        && _word(data, 36) == guardian)
                    || (selector == IGuardianMultisig.setCallAllowed.selector
                        && data.length == 100
                        && uint256(uint160(targets[i])) == guardian
                        && _word(data, 68) == 0));
            if (!limits) return false;
        }
        return true;
    }

    /// @dev For a proposal that only limits the guardian: still being discussed or voted on, or passed (Succeeded or
    /// Queued) with For at least two thirds of For + Against + Abstain.
    function _guardianMayNotCancel(uint256 proposalId) private view returns (bool) {
        ProposalState current = state(proposalId);
        if (current == ProposalState.Pending || current == ProposalState.Active) return true;
        if (current != ProposalState.Succeeded && current != ProposalState.Queued) return false;
        (uint256 againstVotes, uint256 forVotes, uint256 abstainVotes) = proposalVotes(proposalId);
        return forVotes * 3 >= (forVotes + againstVotes + abstainVotes) * 2;
    }

    /// @dev The type a description carries: `…#category=<Name>[#expedited][#proposer=0x…]`, the tag that
    /// `proposalDescription` writes. Without a tag the proposal is untyped (its category is inferred).
    function _parseType(bytes memory description)
        private
        pure
        returns (bool typed, Category category, bool expedited, bool proposerBound)
    {
        uint256 end = description.length;
        proposerBound = _hasProposerSuffix(description);
        if (proposerBound) end -= _PROPOSER_SUFFIX_LENGTH;
        expedited = _endsWith(description, end, _EXPEDITED_TAG);
        if (expedited) end -= _EXPEDITED_TAG.length;
        for (uint8 c; c <= uint8(Category.Emergency); ++c) {
            if (_endsWith(description, end, _categoryTag(Category(c)))) {
                return (true, Category(c), expedited, proposerBound);
            }
        }
        return (false, Category.ProtocolUpgrade, false, proposerBound);
    }

    function _categoryTag(Category category) private pure returns (bytes memory) {
        if (category == Category.ProtocolUpgrade) return "#category=ProtocolUpgrade";
        if (category == Category.EconomicParameter) return "#category=EconomicParameter";
        if (category == Category.AgentRole) return "#category=AgentRole";
        if (category == Category.TreasuryAllocation) return "#category=TreasuryAllocation";
        if (category == Category.StrategicPartnership) return "#category=StrategicPartnership";
        return "#category=Emergency";
    }

    /// @dev Whether the description ends with a well-formed `#proposer=0x<40 hex digits>` suffix (the form
    /// OpenZeppelin enforces).
    function _hasProposerSuffix(bytes memory description) private pure returns (bool) {
        uint256 length = description.length;
        if (length < _PROPOSER_SUFFIX_LENGTH) return false;
        bytes32 marker = bytes32(_word(description, length - _PROPOSER_SUFFIX_LENGTH));
        // forge-lint: disable-next-line(unsafe-typecast) — the marker is the first ten bytes by design
        if (bytes10(marker) != "#proposer=") return false;
        (bool ok,) = Strings.tryParseAddress(string(description), length - 42, length);
        return ok;
    }

    /// @dev The 40 lowercase hex digits of `account` (what `Strings.toHexString` writes after `0x`, in a fraction of
    /// its gas at this contract's optimizer setting).
    function _lowercaseHex(address account) private pure returns (bytes memory digits) {
        digits = new bytes(40);
        uint256 value = uint256(uint160(account));
        // Writes the digits of `value` from the last one backwards, a nibble each, within `digits` (40 bytes).
        assembly ("memory-safe") {
            let table := "0123456789abcdef"
            for { let i := 40 } gt(i, 0) { i := sub(i, 1) } {
                mstore8(add(digits, add(0x1f, i)), byte(and(value, 0xf), table))
                value := shr(4, value)
            }
        }
    }

    /// @dev Whether `data[:end]` ends with `suffix`.
    function _endsWith(bytes memory data, uint256 end, bytes memory suffix)
        private
        pure
        returns (bool result)
    {
        uint256 length = suffix.length;
        if (end < length) return false;
        // Hashes `length` bytes of `data` ending at `end` (within `data`, since end <= data.length).
        assembly ("memory-safe") {
            result := eq(
                keccak256(add(add(data, 0x20), sub(end, length)), length),
                keccak256(add(suffix, 0x20), length)
            )
        }
    }

    /// @dev The 32 bytes of `data` from `offset` (callers keep `offset + 32` within `data` or read only what lies
    /// within it).
    function _word(bytes memory data, uint256 offset) private pure returns (uint256 word) {
        assembly ("memory-safe") {
            word := mload(add(add(data, 0x20), offset))
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
