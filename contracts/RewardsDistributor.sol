// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAgentRegistry} from "./interfaces/IAgentRegistry.sol";
import {IReputationRegistry} from "./interfaces/IReputationRegistry.sol";
import {IRewardsDistributor} from "./interfaces/IRewardsDistributor.sol";
import {IStakingVault} from "./interfaces/IStakingVault.sol";
import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

/// @title RewardsDistributor
/// @notice Epoch budgets from the treasury, shared by active agents in proportion to performance score times
/// reputation multiplier times governance participation. See `IRewardsDistributor` for the phases. Governance holds
/// `DEFAULT_ADMIN_ROLE` (the Timelock).
contract RewardsDistributor is IRewardsDistributor, AccessControl, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;
    using SafeCast for uint256;

    uint256 public constant EPOCH_DURATION = 7 days;
    uint256 public constant RECORDING_PHASE = 1 days;
    uint256 public constant REGISTRATION_PHASE = 2 days;
    uint256 public constant MIN_CLAIM_WINDOW = 7 days;
    uint256 public constant MAX_CLAIM_WINDOW = 365 days;
    uint256 private constant _WAD = 1e18;

    /// @dev One slot per (epoch, agent).
    struct Registration {
        uint128 weight;
        uint32 voted;
        bool registered;
        bool claimed;
    }

    IERC20 private immutable _TOKEN;
    IAgentRegistry private immutable _REGISTRY;
    IStakingVault private immutable _VAULT;
    IReputationRegistry private immutable _REPUTATION;
    address private immutable _TREASURY;

    uint256 private immutable _GENESIS;
    IGovernor public governor;
    uint256 public claimWindow;
    uint256 public allocated;

    mapping(uint256 epoch => Epoch) private _epochs;
    mapping(uint256 epoch => mapping(uint256 agentId => Registration)) private _registrations;
    /// @dev Epoch + 1 of a recorded proposal (0: not recorded).
    mapping(uint256 proposalId => uint256 epochPlusOne) private _proposalEpochs;
    mapping(uint256 proposalId => mapping(uint256 agentId => bool)) private _votesRecorded;

    constructor(
        IERC20 token_,
        IAgentRegistry registry_,
        IStakingVault vault_,
        IReputationRegistry reputation_,
        address treasury_,
        address admin
    ) {
        _TOKEN = token_;
        _REGISTRY = registry_;
        _VAULT = vault_;
        _REPUTATION = reputation_;
        _TREASURY = treasury_;
        _GENESIS = block.timestamp;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _setClaimWindow(30 days);
    }

    // ---------------------------------------------------------------- governance

    /// @inheritdoc IRewardsDistributor
    function fundEpoch(uint256 epoch, uint256 amount) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (amount == 0) revert RewardsZeroAmount();
        _requirePhase(epoch, Phase.Running);
        uint256 available = _TOKEN.balanceOf(address(this)) - allocated;
        if (amount > available) revert RewardsInsufficientFunds(available, amount);
        Epoch storage e = _epochs[epoch];
        e.budget += amount.toUint128();
        allocated += amount;
        emit EpochFunded(epoch, amount, e.budget);
    }

    /// @inheritdoc IRewardsDistributor
    function setClaimWindow(uint256 window) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setClaimWindow(window);
    }

    /// @inheritdoc IRewardsDistributor
    function setGovernor(address governor_) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (address(governor) != address(0)) revert RewardsGovernorAlreadySet();
        governor = IGovernor(governor_);
        emit GovernorSet(governor_);
    }

    // ---------------------------------------------------------------- participation

    /// @inheritdoc IRewardsDistributor
    function recordProposal(uint256 proposalId) external {
        IGovernor g = _governor();
        if (_proposalEpochs[proposalId] != 0) revert RewardsProposalAlreadyRecorded(proposalId);
        uint256 snapshot = g.proposalSnapshot(proposalId);
        uint256 deadline = g.proposalDeadline(proposalId);
        // Votable: it existed, its voting has closed, after it began on or after genesis, and it was not cancelled.
        if (snapshot == 0 || deadline >= block.timestamp || deadline < _GENESIS) {
            revert RewardsProposalNotVotable(proposalId);
        }
        if (g.state(proposalId) == IGovernor.ProposalState.Canceled) {
            revert RewardsProposalNotVotable(proposalId);
        }
        uint256 epoch = (deadline - _GENESIS) / EPOCH_DURATION;
        Phase phase = phaseOf(epoch);
        if (phase != Phase.Running && phase != Phase.Recording) revert RewardsWrongPhase(epoch, phase);
        _proposalEpochs[proposalId] = epoch + 1;
        _epochs[epoch].proposals += 1;
        emit ProposalRecorded(epoch, proposalId);
    }

    /// @inheritdoc IRewardsDistributor
    function recordVote(uint256 proposalId, uint256 agentId) external {
        uint256 epochPlusOne = _proposalEpochs[proposalId];
        if (epochPlusOne == 0) revert RewardsProposalNotRecorded(proposalId);
        uint256 epoch = epochPlusOne - 1;
        Phase phase = phaseOf(epoch);
        if (phase != Phase.Running && phase != Phase.Recording) revert RewardsWrongPhase(epoch, phase);
        if (_votesRecorded[proposalId][agentId]) revert RewardsVoteAlreadyRecorded(proposalId, agentId);
        if (!_voted(proposalId, agentId)) revert RewardsDidNotVote(proposalId, agentId);
        _votesRecorded[proposalId][agentId] = true;
        _registrations[epoch][agentId].voted += 1;
        emit VoteRecorded(epoch, proposalId, agentId);
    }

    // ---------------------------------------------------------------- rewards

    /// @inheritdoc IRewardsDistributor
    function register(uint256 epoch, uint256 agentId) external returns (uint256 weight) {
        _requirePhase(epoch, Phase.Registration);
        if (!_VAULT.isActive(agentId)) revert RewardsAgentNotActive(agentId);
        Registration storage r = _registrations[epoch][agentId];
        if (r.registered) revert RewardsAlreadyRegistered(epoch, agentId);
        Epoch storage e = _epochs[epoch];
        uint256 score = _REPUTATION.performanceScore(agentId);
        uint256 multiplier = _REPUTATION.reputationMultiplier(agentId);
        uint256 share = e.proposals == 0 ? _WAD : uint256(r.voted) * _WAD / e.proposals;
        weight = score * multiplier / _WAD * share / _WAD;
        r.registered = true;
        r.weight = weight.toUint128();
        e.totalWeight += weight.toUint128();
        e.registered += 1;
        emit AgentRegistered(epoch, agentId, weight, score, multiplier, share);
    }

    /// @inheritdoc IRewardsDistributor
    function claim(uint256 epoch, uint256 agentId) external nonReentrant returns (uint256 amount) {
        _requirePhase(epoch, Phase.Claims);
        address owner = _REGISTRY.ownerOf(agentId);
        if (!_REGISTRY.isOwnerOrOperator(agentId, msg.sender)) {
            revert RewardsNotAuthorized(agentId, msg.sender);
        }
        Registration storage r = _registrations[epoch][agentId];
        if (!r.registered) revert RewardsNotRegistered(epoch, agentId);
        if (r.claimed) revert RewardsAlreadyClaimed(epoch, agentId);
        if (!_VAULT.isActive(agentId)) revert RewardsAgentNotActive(agentId);
        Epoch storage e = _epochs[epoch];
        // A swept epoch pays nothing more, even if a longer claim window reopens its claim phase.
        if (e.swept) revert RewardsAlreadySwept(epoch);
        r.claimed = true;
        // Each share is fixed by the registrations: the order of claims changes nothing, and the shares add up to at
        // most the budget (each rounds down).
        amount = e.totalWeight == 0 ? 0 : Math.mulDiv(e.budget, r.weight, e.totalWeight);
        e.claimed += amount.toUint128();
        allocated -= amount;
        emit RewardClaimed(epoch, agentId, owner, amount);
        if (amount != 0) _TOKEN.safeTransfer(owner, amount);
    }

    /// @inheritdoc IRewardsDistributor
    function sweep(uint256 epoch) external nonReentrant returns (uint256 amount) {
        Phase phase = phaseOf(epoch);
        Epoch storage e = _epochs[epoch];
        // After the claim window; or at once in the claim phase when nobody registered (nobody can claim).
        if (phase != Phase.Closed && !(phase == Phase.Claims && e.totalWeight == 0)) {
            revert RewardsWrongPhase(epoch, phase);
        }
        if (e.swept) revert RewardsAlreadySwept(epoch);
        e.swept = true;
        amount = uint256(e.budget) - e.claimed;
        allocated -= amount;
        emit EpochSwept(epoch, _TREASURY, amount);
        if (amount != 0) _TOKEN.safeTransfer(_TREASURY, amount);
    }

    // ---------------------------------------------------------------- reads

    /// @inheritdoc IRewardsDistributor
    function genesis() public view returns (uint256) {
        return _GENESIS;
    }

    /// @inheritdoc IRewardsDistributor
    function currentEpoch() public view returns (uint256) {
        return (block.timestamp - _GENESIS) / EPOCH_DURATION;
    }

    /// @inheritdoc IRewardsDistributor
    function epochStart(uint256 epoch) public view returns (uint256) {
        return _GENESIS + epoch * EPOCH_DURATION;
    }

    /// @inheritdoc IRewardsDistributor
    function phaseOf(uint256 epoch) public view returns (Phase) {
        uint256 end = epochStart(epoch) + EPOCH_DURATION;
        if (block.timestamp < end) return Phase.Running;
        if (block.timestamp < end + RECORDING_PHASE) return Phase.Recording;
        if (block.timestamp < end + RECORDING_PHASE + REGISTRATION_PHASE) return Phase.Registration;
        if (block.timestamp < end + RECORDING_PHASE + REGISTRATION_PHASE + claimWindow) return Phase.Claims;
        return Phase.Closed;
    }

    /// @inheritdoc IRewardsDistributor
    function getEpoch(uint256 epoch) external view returns (Epoch memory) {
        return _epochs[epoch];
    }

    /// @inheritdoc IRewardsDistributor
    function registration(uint256 epoch, uint256 agentId)
        external
        view
        returns (uint256 weight, bool claimed)
    {
        Registration storage r = _registrations[epoch][agentId];
        return (r.weight, r.claimed);
    }

    /// @inheritdoc IRewardsDistributor
    function claimable(uint256 epoch, uint256 agentId) external view returns (uint256) {
        Registration storage r = _registrations[epoch][agentId];
        Epoch storage e = _epochs[epoch];
        if (phaseOf(epoch) != Phase.Claims || r.claimed || e.swept || e.totalWeight == 0) return 0;
        return Math.mulDiv(e.budget, r.weight, e.totalWeight);
    }

    /// @inheritdoc IRewardsDistributor
    function participation(uint256 epoch, uint256 agentId)
        external
        view
        returns (uint256 voted, uint256 proposals)
    {
        return (_registrations[epoch][agentId].voted, _epochs[epoch].proposals);
    }

    // ---------------------------------------------------------------- internals

    /// @dev The agent's owner voted on the proposal, or the account the owner had delegated its votes to at the
    /// proposal's snapshot did (the Governor counted the owner's votes through it). A delegation made afterwards
    /// does not count.
    function _voted(uint256 proposalId, uint256 agentId) private view returns (bool) {
        IGovernor g = _governor();
        address owner = _REGISTRY.ownerOf(agentId);
        if (g.hasVoted(proposalId, owner)) return true;
        address delegate = _VAULT.delegatesAt(owner, g.proposalSnapshot(proposalId));
        return delegate != address(0) && delegate != owner && g.hasVoted(proposalId, delegate);
    }

    function _governor() private view returns (IGovernor g) {
        g = governor;
        if (address(g) == address(0)) revert RewardsNoGovernor();
    }

    function _requirePhase(uint256 epoch, Phase expected) private view {
        Phase phase = phaseOf(epoch);
        if (phase != expected) revert RewardsWrongPhase(epoch, phase);
    }

    function _setClaimWindow(uint256 window) private {
        if (window < MIN_CLAIM_WINDOW || window > MAX_CLAIM_WINDOW) {
            revert RewardsClaimWindowOutOfBounds(window, MIN_CLAIM_WINDOW, MAX_CLAIM_WINDOW);
        }
        emit ClaimWindowSet(claimWindow, window);
        claimWindow = window;
    }
}
