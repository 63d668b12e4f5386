// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAgentRegistry} from "./interfaces/IAgentRegistry.sol";
import {IFeeEscrow} from "./interfaces/IFeeEscrow.sol";
import {IReputationRegistry} from "./interfaces/IReputationRegistry.sol";
import {ISlashingManager} from "./interfaces/ISlashingManager.sol";
import {IStakingVault} from "./interfaces/IStakingVault.sol";
import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

/// @title SlashingManager
/// @notice Proposals to slash an agent's stake, their veto window, and their execution. See `ISlashingManager`.
/// Governance is the holder of `DEFAULT_ADMIN_ROLE` (the Timelock); vetoers hold `VETOER_ROLE` (the guardian
/// multisig and the Timelock). The manager holds the vault's slasher role.
contract SlashingManager is ISlashingManager, AccessControl, ReentrancyGuardTransient {
    using SafeCast for uint256;

    bytes32 public constant VETOER_ROLE = keccak256("VETOER_ROLE");

    /// @notice Bounds of the veto window (constant): the upper one stays below the vault's shortest unbonding
    /// period (7 days), so a proposed slash always outlasts its window within reach.
    uint256 public constant MIN_VETO_WINDOW = 1 days;
    uint256 public constant MAX_VETO_WINDOW = 6 days;
    uint256 public constant MIN_RULE_TASKS = 10;
    uint256 public constant MAX_RULE_TASKS = 256;
    uint256 private constant _BPS = 10_000;
    uint256 private constant _WAD = 1e18;

    IAgentRegistry private immutable _REGISTRY;
    IStakingVault private immutable _VAULT;
    IReputationRegistry private immutable _REPUTATION;
    IFeeEscrow private immutable _ESCROW;

    uint256 public vetoWindow;
    uint256 public completionFloorBps;
    uint256 public minTasks;
    uint256 public totalSlashes;
    /// @notice The Governor whose proposals may contest a slash (named once by the deployer).
    IGovernor public governor;

    mapping(uint256 slashId => Slash) private _slashes;
    /// @dev Attested tasks of an agent when the performance rule last proposed slashing it.
    mapping(uint256 agentId => uint256 tasks) private _ruleAppliedAt;
    /// @dev The governance proposal to veto a slash that contests it (0: none).
    mapping(uint256 slashId => uint256 proposalId) private _contests;

    constructor(
        IAgentRegistry registry_,
        IStakingVault vault_,
        IReputationRegistry reputation_,
        IFeeEscrow escrow_,
        address admin
    ) {
        _REGISTRY = registry_;
        _VAULT = vault_;
        _REPUTATION = reputation_;
        _ESCROW = escrow_;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _setVetoWindow(3 days);
        _setPerformanceRule(5000, 20);
    }

    // ---------------------------------------------------------------- proposals

    /// @inheritdoc ISlashingManager
    function proposeSlash(uint256 agentId, uint256 amount, string calldata evidenceURI)
        external
        nonReentrant
        returns (uint256 slashId)
    {
        Origin origin = _governanceOrReviewer();
        if (amount == 0) revert SlashingZeroAmount();
        uint256 maximum = maxSlashOf(agentId);
        if (amount > maximum) revert SlashingAmountTooLarge(agentId, amount, maximum);
        return _propose(agentId, amount, origin, evidenceURI, 0);
    }

    /// @inheritdoc ISlashingManager
    function proposePerformanceSlash(uint256 agentId, string calldata evidenceURI)
        external
        nonReentrant
        returns (uint256 slashId)
    {
        (uint256 rate, uint256 windowTasks) = _REPUTATION.completionRate(agentId);
        if (!_breaks(rate, windowTasks)) revert SlashingRuleNotMet(agentId, rate, windowTasks);
        // Once per `minTasks` new attested tasks: the same record does not slash twice.
        uint256 tasks = _REPUTATION.performanceOf(agentId).tasks;
        uint256 appliedAt = _ruleAppliedAt[agentId];
        if (appliedAt != 0 && tasks < appliedAt + minTasks) {
            revert SlashingRuleAlreadyApplied(agentId, tasks - appliedAt, minTasks);
        }
        _ruleAppliedAt[agentId] = tasks;
        // Graded by the performance score: the maximum times (1 - score).
        uint256 score = _REPUTATION.performanceScore(agentId);
        uint256 amount = Math.mulDiv(maxSlashOf(agentId), _WAD - score, _WAD);
        if (amount == 0) revert SlashingNothingToSlash(agentId);
        return _propose(agentId, amount, Origin.PerformanceRule, evidenceURI, 0);
    }

    /// @inheritdoc ISlashingManager
    function proposeDisputeSlash(uint256 disputeId, uint256 amount, string calldata evidenceURI)
        external
        nonReentrant
        returns (uint256 slashId)
    {
        _governanceOrReviewer();
        (, uint256 agentId,, bytes32 evidenceHash) = _ESCROW.dispute(disputeId);
        if (keccak256(bytes(evidenceURI)) != evidenceHash) revert SlashingEvidenceMismatch(disputeId);
        if (amount == 0) revert SlashingZeroAmount();
        uint256 maximum = maxSlashOf(agentId);
        if (amount > maximum) revert SlashingAmountTooLarge(agentId, amount, maximum);
        return _propose(agentId, amount, Origin.Dispute, evidenceURI, disputeId);
    }

    /// @inheritdoc ISlashingManager
    function veto(uint256 slashId) external nonReentrant onlyRole(VETOER_ROLE) {
        Slash storage s = _pending(slashId);
        // Governance may still veto after the window a slash its own veto proposal contested in time.
        bool contested = _contests[slashId] != 0 && hasRole(DEFAULT_ADMIN_ROLE, msg.sender);
        if (block.timestamp >= s.vetoDeadline && !contested) {
            revert SlashingVetoWindowOver(slashId, s.vetoDeadline, block.timestamp);
        }
        s.state = SlashState.Vetoed;
        _VAULT.release(s.agentId, s.amount);
        emit SlashVetoed(slashId, s.agentId, msg.sender);
    }

    /// @inheritdoc ISlashingManager
    function contest(
        uint256 slashId,
        address[] calldata targets,
        uint256[] calldata values,
        bytes[] calldata calldatas,
        bytes32 descriptionHash
    ) external returns (uint256 proposalId) {
        Slash storage s = _pending(slashId);
        if (block.timestamp >= s.vetoDeadline) {
            revert SlashingVetoWindowOver(slashId, s.vetoDeadline, block.timestamp);
        }
        IGovernor g = governor;
        if (address(g) == address(0)) revert SlashingNoGovernor();
        bool vetoesThisSlash = targets.length == 1 && values.length == 1 && calldatas.length == 1
            && targets[0] == address(this) && values[0] == 0
            && keccak256(calldatas[0]) == keccak256(abi.encodeCall(this.veto, (slashId)));
        proposalId = g.hashProposal(targets, values, calldatas, descriptionHash);
        if (!vetoesThisSlash || g.proposalSnapshot(proposalId) == 0 || !_undecided(g, proposalId)) {
            revert SlashingNotAVetoProposal(slashId, proposalId);
        }
        _contests[slashId] = proposalId;
        emit SlashContested(slashId, s.agentId, proposalId, msg.sender);
    }

    /// @inheritdoc ISlashingManager
    function execute(uint256 slashId) external nonReentrant returns (uint256 amount) {
        Slash storage s = _pending(slashId);
        if (block.timestamp < s.vetoDeadline) {
            revert SlashingVetoWindowOpen(slashId, s.vetoDeadline, block.timestamp);
        }
        uint256 contestedBy = _contests[slashId];
        if (contestedBy != 0 && _undecided(governor, contestedBy)) {
            revert SlashingContested(slashId, contestedBy);
        }
        s.state = SlashState.Executed;
        uint256 agentId = s.agentId;
        uint256 held = s.amount;
        // The stake within reach may have shrunk (another slash): take what one slash may take now.
        uint256 maximum = maxSlashOf(agentId);
        amount = held < maximum ? held : maximum;
        _VAULT.release(agentId, held);
        if (amount != 0) _VAULT.slash(agentId, amount);
        emit SlashExecuted(slashId, agentId, msg.sender, amount);
    }

    // ---------------------------------------------------------------- governance

    /// @inheritdoc ISlashingManager
    function setVetoWindow(uint256 window) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setVetoWindow(window);
    }

    /// @inheritdoc ISlashingManager
    function setGovernor(address governor_) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (address(governor) != address(0)) revert SlashingGovernorAlreadySet();
        governor = IGovernor(governor_);
        emit GovernorSet(governor_);
    }

    /// @inheritdoc ISlashingManager
    function setPerformanceRule(uint256 floorBps, uint256 tasks) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setPerformanceRule(floorBps, tasks);
    }

    // ---------------------------------------------------------------- reads

    /// @inheritdoc ISlashingManager
    function getSlash(uint256 slashId) external view returns (Slash memory) {
        return _slashes[slashId];
    }

    /// @inheritdoc ISlashingManager
    function contestOf(uint256 slashId) external view returns (uint256) {
        return _contests[slashId];
    }

    /// @inheritdoc ISlashingManager
    function maxSlashOf(uint256 agentId) public view returns (uint256) {
        return Math.mulDiv(_VAULT.stakeOf(agentId) + _VAULT.unbondingOf(agentId), _VAULT.maxSlashBps(), _BPS);
    }

    /// @inheritdoc ISlashingManager
    function breaksPerformanceRule(uint256 agentId) external view returns (bool) {
        (uint256 rate, uint256 windowTasks) = _REPUTATION.completionRate(agentId);
        return _breaks(rate, windowTasks);
    }

    // ---------------------------------------------------------------- internals

    function _propose(
        uint256 agentId,
        uint256 amount,
        Origin origin,
        string calldata evidenceURI,
        uint256 disputeId
    ) private returns (uint256 slashId) {
        if (bytes(evidenceURI).length == 0) revert SlashingEmptyEvidence();
        slashId = ++totalSlashes;
        uint256 deadline = block.timestamp + vetoWindow;
        _slashes[slashId] = Slash({
            agentId: agentId.toUint64(),
            vetoDeadline: deadline.toUint40(),
            state: SlashState.Proposed,
            origin: origin,
            amount: amount.toUint128(),
            proposer: msg.sender,
            disputeId: disputeId.toUint64()
        });
        // Held back until executed or vetoed: unbonding cannot take it out of reach.
        _VAULT.hold(agentId, amount);
        emit SlashProposed(slashId, agentId, msg.sender, origin, amount, deadline, evidenceURI, disputeId);
    }

    function _pending(uint256 slashId) private view returns (Slash storage s) {
        s = _slashes[slashId];
        if (s.state == SlashState.None) revert SlashingUnknown(slashId);
        if (s.state != SlashState.Proposed) revert SlashingNotPending(slashId, s.state);
    }

    /// @dev Governance, or the owner or operator of the active agent holding the CLO seat.
    function _governanceOrReviewer() private view returns (Origin) {
        if (hasRole(DEFAULT_ADMIN_ROLE, msg.sender)) return Origin.Governance;
        uint256 clo = _REGISTRY.seatHolder(IAgentRegistry.Role.CLO);
        if (clo != 0 && _REGISTRY.isOwnerOrOperator(clo, msg.sender) && _VAULT.isActive(clo)) {
            return Origin.Reviewer;
        }
        revert SlashingNotAuthorized(msg.sender);
    }

    /// @dev The proposal may still pass: not yet defeated, cancelled, expired or executed.
    function _undecided(IGovernor g, uint256 proposalId) private view returns (bool) {
        IGovernor.ProposalState state = g.state(proposalId);
        return state == IGovernor.ProposalState.Pending || state == IGovernor.ProposalState.Active
            || state == IGovernor.ProposalState.Succeeded || state == IGovernor.ProposalState.Queued;
    }

    function _breaks(uint256 rate, uint256 windowTasks) private view returns (bool) {
        return windowTasks >= minTasks && rate * _BPS < completionFloorBps * _WAD;
    }

    function _setVetoWindow(uint256 window) private {
        if (window < MIN_VETO_WINDOW || window > MAX_VETO_WINDOW) {
            revert SlashingVetoWindowOutOfBounds(window, MIN_VETO_WINDOW, MAX_VETO_WINDOW);
        }
        emit VetoWindowSet(vetoWindow, window);
        vetoWindow = window;
    }

    function _setPerformanceRule(uint256 floorBps, uint256 tasks) private {
        if (floorBps == 0 || floorBps > _BPS || tasks < MIN_RULE_TASKS || tasks > MAX_RULE_TASKS) {
            revert SlashingRuleOutOfBounds(floorBps, tasks);
        }
        completionFloorBps = floorBps;
        minTasks = tasks;
        emit PerformanceRuleSet(floorBps, tasks);
    }
}
