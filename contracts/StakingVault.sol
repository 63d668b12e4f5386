// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAgentRegistry} from "./interfaces/IAgentRegistry.sol";
import {IBoundedPausable} from "./interfaces/IBoundedPausable.sol";
import {IStakingVault} from "./interfaces/IStakingVault.sol";
import {BoundedPausable} from "./utils/BoundedPausable.sol";
import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {Votes} from "@openzeppelin/contracts/governance/utils/Votes.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {Checkpoints} from "@openzeppelin/contracts/utils/structs/Checkpoints.sol";

/// @title StakingVault
/// @notice Agent stake, unbonding, slashing and the protocol's voting power (OpenZeppelin `Votes`).
contract StakingVault is IStakingVault, Votes, AccessControl, BoundedPausable, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;
    using SafeCast for uint256;
    using Checkpoints for Checkpoints.Trace208;

    /// @notice May call `slash` (the slashing manager).
    bytes32 public constant SLASHER_ROLE = keccak256("SLASHER_ROLE");
    /// @notice May pause and unpause (the guardian).
    bytes32 public constant PAUSER_ROLE = keccak256("PAUSER_ROLE");

    /// @notice Bounds of every tier minimum (constant).
    uint256 public constant MIN_TIER_MINIMUM = 1 ether;
    uint256 public constant MAX_TIER_MINIMUM = 10_000_000 ether;
    /// @notice Bounds of the unbonding period (constant). The lower bound stays above the longest slash veto window
    /// governance may set (3 days by default, at most 6 days), so a proposed slash always fits.
    uint256 public constant MIN_UNBONDING_PERIOD = 7 days;
    uint256 public constant MAX_UNBONDING_PERIOD = 90 days;
    /// @notice Bounds of the per-slash maximum, in basis points (constant): never more than half the stake.
    uint256 public constant MIN_SLASH_BPS = 100;
    uint256 public constant MAX_SLASH_BPS = 5000;
    uint256 private constant _BPS = 10_000;

    /// @dev `own` counts for votes and tier; `unbonding` is the pool shared by the agent's pending requests,
    /// which hold `unbondingShares` of it between them.
    struct AgentStake {
        uint128 own;
        uint128 unbonding;
        uint256 unbondingShares;
    }

    /// @dev Storage form of `UnbondingRequest`: id and release time share a slot (agent ids are sequential).
    struct StoredRequest {
        uint64 agentId;
        uint48 releaseTime;
        uint256 shares;
    }

    IERC20 private immutable _TOKEN;
    IAgentRegistry private immutable _REGISTRY;

    uint256 public unbondingPeriod;
    uint256 public maxSlashBps;
    address public slashRecipient;
    uint256 public totalStaked;
    uint256 public totalUnbonding;

    uint256 private _lastRequestId;
    mapping(uint256 agentId => AgentStake) private _stakes;
    mapping(uint256 requestId => StoredRequest) private _requests;
    mapping(address account => uint256 units) private _votingUnits;
    mapping(IAgentRegistry.Tier tier => uint256 minimum) private _tierMinimums;
    mapping(uint256 agentId => uint256 amount) private _held;
    /// @dev Each account's delegate over time (keyed by the timestamp clock), for `delegatesAt`.
    mapping(address account => Checkpoints.Trace208) private _delegateHistory;

    constructor(IERC20 token_, IAgentRegistry registry_, address admin, address slashRecipient_)
        EIP712("Conclave Staking", "1")
        BoundedPausable(7 days)
    {
        _TOKEN = token_;
        _REGISTRY = registry_;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _setSlashRecipient(slashRecipient_);
        _setUnbondingPeriod(14 days);
        _setMaxSlashBps(MAX_SLASH_BPS);
        _setTierMinimumUnchecked(IAgentRegistry.Tier.Utility, 1000 ether);
        _setTierMinimumUnchecked(IAgentRegistry.Tier.Specialized, 5000 ether);
        _setTierMinimumUnchecked(IAgentRegistry.Tier.CSuite, 10_000 ether);
    }

    // ---------------------------------------------------------------- staking

    /// @inheritdoc IStakingVault
    function stake(uint256 agentId, uint256 amount) external nonReentrant whenNotPaused {
        _stake(agentId, _checkStaker(agentId), msg.sender, amount);
    }

    /// @inheritdoc IStakingVault
    function stakeWithPermit(uint256 agentId, uint256 amount, uint256 deadline, uint8 v, bytes32 r, bytes32 s)
        external
        nonReentrant
        whenNotPaused
    {
        // A front-run permit makes this call fail, but the allowance it set is still good: fall through to
        // transferFrom, which fails on its own if the allowance is short (OpenZeppelin's recommended pattern).
        try IERC20Permit(address(_TOKEN)).permit(msg.sender, address(this), amount, deadline, v, r, s) {}
            catch {}
        _stake(agentId, _checkStaker(agentId), msg.sender, amount);
    }

    /// @inheritdoc IStakingVault
    function stakeForRegistrant(
        uint256 agentId,
        address registrant,
        uint256 amount,
        uint256 deadline,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external nonReentrant whenNotPaused {
        if (msg.sender != address(_REGISTRY)) revert StakingCallerNotRegistry(msg.sender);
        // Same front-run-tolerant permit as `stakeWithPermit`; the registry has just minted the agent to
        // `registrant` and makes no other call in between, so the registrant is its owner.
        if (deadline != 0) {
            try IERC20Permit(address(_TOKEN)).permit(registrant, address(this), amount, deadline, v, r, s) {}
                catch {}
        }
        _stake(agentId, registrant, registrant, amount);
    }

    /// @inheritdoc IStakingVault
    function requestUnstake(uint256 agentId, uint256 amount)
        external
        nonReentrant
        returns (uint256 requestId)
    {
        address owner = _checkOwnerOrApproved(agentId);
        if (amount == 0) revert StakingZeroAmount();
        AgentStake storage s = _stakes[agentId];
        uint256 own = s.own;
        if (amount > own) revert StakingInsufficientStake(agentId, own, amount);

        // The first request of an empty pool prices shares 1:1; later ones at the pool's current price, so that a
        // slash between requests is borne only by the requests that were pending when it happened. The pool never
        // holds more than its shares (slashes lower it, withdrawals round in its favour; an invariant test checks
        // it), so `shares >= amount`; the zero check stays as a guard.
        uint256 shares = s.unbondingShares == 0 ? amount : Math.mulDiv(amount, s.unbondingShares, s.unbonding);
        if (shares == 0) revert StakingUnstakeTooSmall(agentId, amount);

        s.own = (own - amount).toUint128();
        s.unbonding = (uint256(s.unbonding) + amount).toUint128();
        s.unbondingShares += shares;
        totalStaked -= amount;
        totalUnbonding += amount;
        _transferVotingUnits(owner, address(0), amount);
        _votingUnits[owner] -= amount;

        requestId = ++_lastRequestId;
        uint48 releaseTime = (block.timestamp + unbondingPeriod).toUint48();
        _requests[requestId] =
            StoredRequest({agentId: agentId.toUint64(), releaseTime: releaseTime, shares: shares});
        emit UnstakeRequested(agentId, requestId, owner, amount, shares, releaseTime, s.own, s.unbonding);
    }

    /// @inheritdoc IStakingVault
    function withdraw(uint256 requestId) external nonReentrant returns (uint256 amount) {
        StoredRequest memory request = _requests[requestId];
        if (request.shares == 0) revert StakingUnknownRequest(requestId);
        address owner = _checkOwnerOrApproved(request.agentId);
        if (block.timestamp < request.releaseTime) {
            revert StakingStillUnbonding(requestId, request.releaseTime, block.timestamp);
        }

        AgentStake storage s = _stakes[request.agentId];
        // Rounds down, so the pool never pays out more than it holds; the last request takes what is left.
        amount = request.shares == s.unbondingShares
            ? s.unbonding
            : Math.mulDiv(request.shares, s.unbonding, s.unbondingShares);
        // A proposed slash keeps what it may take within reach until it is executed or vetoed: enough stake that
        // one slash (at most `maxSlashBps` of the stake within reach) still covers what is held.
        uint256 held = _held[request.agentId];
        if (held != 0) {
            uint256 remaining = uint256(s.own) + s.unbonding - amount;
            if (remaining * maxSlashBps < held * _BPS) {
                revert StakingStakeHeld(request.agentId, held, amount, remaining);
            }
        }
        s.unbonding = (uint256(s.unbonding) - amount).toUint128();
        s.unbondingShares -= request.shares;
        totalUnbonding -= amount;
        delete _requests[requestId];

        emit Withdrawn(request.agentId, requestId, owner, amount, s.unbonding);
        if (amount != 0) _TOKEN.safeTransfer(owner, amount);
    }

    /// @inheritdoc IStakingVault
    function slash(uint256 agentId, uint256 amount) external nonReentrant onlyRole(SLASHER_ROLE) {
        if (amount == 0) revert StakingZeroAmount();
        address owner = _REGISTRY.ownerOf(agentId);
        AgentStake storage s = _stakes[agentId];
        uint256 own = s.own;
        uint256 unbonding = s.unbonding;
        uint256 maximum = Math.mulDiv(own + unbonding, maxSlashBps, _BPS);
        if (amount > maximum) revert StakingSlashTooLarge(agentId, amount, maximum);

        // amount <= (own + unbonding) / 2, so neither part can exceed what it is taken from.
        uint256 fromUnbonding = Math.mulDiv(amount, unbonding, own + unbonding);
        uint256 fromOwn = amount - fromUnbonding;
        s.own = (own - fromOwn).toUint128();
        s.unbonding = (unbonding - fromUnbonding).toUint128();
        totalStaked -= fromOwn;
        totalUnbonding -= fromUnbonding;
        if (fromOwn != 0) {
            _transferVotingUnits(owner, address(0), fromOwn);
            _votingUnits[owner] -= fromOwn;
        }

        address recipient = slashRecipient;
        emit Slashed(agentId, msg.sender, recipient, amount, fromOwn, fromUnbonding, s.own, s.unbonding);
        _TOKEN.safeTransfer(recipient, amount);
    }

    /// @inheritdoc IStakingVault
    function hold(uint256 agentId, uint256 amount) external onlyRole(SLASHER_ROLE) {
        if (amount == 0) revert StakingZeroAmount();
        uint256 held = _held[agentId] + amount;
        _held[agentId] = held;
        emit StakeHeld(agentId, msg.sender, amount, held);
    }

    /// @inheritdoc IStakingVault
    function release(uint256 agentId, uint256 amount) external onlyRole(SLASHER_ROLE) {
        uint256 held = _held[agentId];
        if (amount == 0) revert StakingZeroAmount();
        if (amount > held) revert StakingReleaseTooLarge(agentId, amount, held);
        _held[agentId] = held - amount;
        emit StakeReleased(agentId, msg.sender, amount, held - amount);
    }

    /// @inheritdoc IStakingVault
    function heldOf(uint256 agentId) external view returns (uint256) {
        return _held[agentId];
    }

    /// @inheritdoc IStakingVault
    function onAgentTransfer(uint256 agentId, address from, address to) external {
        if (msg.sender != address(_REGISTRY)) revert StakingCallerNotRegistry(msg.sender);
        uint256 own = _stakes[agentId].own;
        if (own != 0) {
            _selfDelegateIfUnset(to);
            _votingUnits[from] -= own;
            _votingUnits[to] += own;
            _transferVotingUnits(from, to, own);
        }
        emit StakeOwnerChanged(agentId, from, to, own);
    }

    // ---------------------------------------------------------------- pausing

    /// @inheritdoc BoundedPausable
    function paused() public view override(IBoundedPausable, BoundedPausable) returns (bool) {
        return super.paused();
    }

    /// @notice Pauses staking for `pauseDuration`. Pauser role; a pauser that is not governance waits out the
    /// cooldown after the previous pause.
    function pause() external onlyRole(PAUSER_ROLE) {
        _boundedPause(hasRole(DEFAULT_ADMIN_ROLE, msg.sender));
    }

    /// @notice Lifts the running pause early. Pauser role.
    function unpause() external onlyRole(PAUSER_ROLE) {
        _boundedUnpause();
    }

    /// @notice Pauses, or extends the running pause, until `until` (governance).
    function pauseUntil(uint256 until) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _pauseUntil(until);
    }

    /// @notice Sets how long a pause lasts (governance).
    function setPauseDuration(uint256 duration) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setPauseDuration(duration);
    }

    // ---------------------------------------------------------------- parameters

    /// @inheritdoc IStakingVault
    function setTierMinimum(IAgentRegistry.Tier tier, uint256 minimum) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (tier == IAgentRegistry.Tier.None) revert StakingInvalidTier(tier);
        // Keep utility <= specialized <= C-suite: the bounds of one tier are its neighbours' minimums.
        uint256 lower = tier == IAgentRegistry.Tier.Utility
            ? MIN_TIER_MINIMUM
            : _tierMinimums[IAgentRegistry.Tier(uint8(tier) - 1)];
        uint256 upper = tier == IAgentRegistry.Tier.CSuite
            ? MAX_TIER_MINIMUM
            : _tierMinimums[IAgentRegistry.Tier(uint8(tier) + 1)];
        if (minimum < lower || minimum > upper) {
            revert StakingTierMinimumOutOfBounds(tier, minimum, lower, upper);
        }
        _setTierMinimumUnchecked(tier, minimum);
    }

    /// @inheritdoc IStakingVault
    function setUnbondingPeriod(uint256 period) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setUnbondingPeriod(period);
    }

    /// @inheritdoc IStakingVault
    function setMaxSlashBps(uint256 bps) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setMaxSlashBps(bps);
    }

    /// @inheritdoc IStakingVault
    function setSlashRecipient(address recipient) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setSlashRecipient(recipient);
    }

    // ---------------------------------------------------------------- reads

    /// @inheritdoc IStakingVault
    function stakeOf(uint256 agentId) external view returns (uint256) {
        return _stakes[agentId].own;
    }

    /// @inheritdoc IStakingVault
    function unbondingOf(uint256 agentId) external view returns (uint256) {
        return _stakes[agentId].unbonding;
    }

    /// @inheritdoc IStakingVault
    function requestAmount(uint256 requestId) external view returns (uint256) {
        StoredRequest storage request = _requests[requestId];
        if (request.shares == 0) return 0;
        AgentStake storage s = _stakes[request.agentId];
        return Math.mulDiv(request.shares, s.unbonding, s.unbondingShares);
    }

    /// @inheritdoc IStakingVault
    function unbondingRequest(uint256 requestId) external view returns (UnbondingRequest memory) {
        StoredRequest storage request = _requests[requestId];
        return UnbondingRequest({
            agentId: request.agentId, shares: request.shares, releaseTime: request.releaseTime
        });
    }

    /// @inheritdoc IStakingVault
    function isActive(uint256 agentId) external view returns (bool) {
        return _stakes[agentId].own >= _tierMinimums[_REGISTRY.tierOf(agentId)];
    }

    /// @inheritdoc IStakingVault
    function tierMinimum(IAgentRegistry.Tier tier) external view returns (uint256) {
        return _tierMinimums[tier];
    }

    /// @inheritdoc IStakingVault
    function minimumStakeOf(uint256 agentId) external view returns (uint256) {
        return _tierMinimums[_REGISTRY.tierOf(agentId)];
    }

    /// @inheritdoc IStakingVault
    function token() external view returns (address) {
        return address(_TOKEN);
    }

    /// @inheritdoc IStakingVault
    function registry() external view returns (IAgentRegistry) {
        return _REGISTRY;
    }

    /// @notice Voting units of `account`: the own stake of every agent it owns.
    function votingUnitsOf(address account) external view returns (uint256) {
        return _votingUnits[account];
    }

    /// @notice ERC-6372: the vault's checkpoints are keyed by timestamp.
    function clock() public view override returns (uint48) {
        return uint48(block.timestamp);
    }

    /// @notice ERC-6372 clock description.
    // solhint-disable-next-line func-name-mixedcase
    function CLOCK_MODE() public pure override returns (string memory) {
        return "mode=timestamp";
    }

    // ---------------------------------------------------------------- internal

    /// @dev The owner of `agentId`, after checking that the caller may stake for it.
    function _checkStaker(uint256 agentId) private view returns (address owner) {
        if (!_REGISTRY.isAuthorized(agentId, msg.sender)) revert StakingNotAuthorized(agentId, msg.sender);
        owner = _REGISTRY.ownerOf(agentId);
    }

    /// @dev Adds `amount` (paid by `payer`) to the own stake of `agentId`, whose voting units go to `owner`.
    function _stake(uint256 agentId, address owner, address payer, uint256 amount) private {
        if (amount == 0) revert StakingZeroAmount();
        AgentStake storage s = _stakes[agentId];
        s.own = (uint256(s.own) + amount).toUint128();
        totalStaked += amount;
        _selfDelegateIfUnset(owner);
        _votingUnits[owner] += amount;
        _transferVotingUnits(address(0), owner, amount);

        emit Staked(agentId, payer, owner, amount, s.own);
        _TOKEN.safeTransferFrom(payer, address(this), amount);
    }

    /// @inheritdoc IStakingVault
    function delegatesAt(address account, uint256 timepoint) external view returns (address) {
        return address(uint160(_delegateHistory[account].upperLookupRecent(SafeCast.toUint48(timepoint))));
    }

    /// @dev Records each change of delegate, so that who voted for an account at a proposal's snapshot can be told
    /// afterwards (the rewards distributor's participation).
    function _delegate(address account, address delegatee) internal override {
        super._delegate(account, delegatee);
        Checkpoints.Trace208 storage history = _delegateHistory[account];
        // An account that has only ever delegated to itself needs no history (`delegatesAt` answers 0: its own votes
        // are its own): the first stake's self-delegation stays cheap.
        if (delegatee == account && history.length() == 0) return;
        history.push(clock(), uint160(delegatee));
    }

    /// @dev Makes stake count as votes without a separate `delegate` call. Must run before the account's units
    /// grow: `_delegate` moves the units the account holds at that moment, and the new ones are moved after.
    function _selfDelegateIfUnset(address account) private {
        if (delegates(account) == address(0)) _delegate(account, account);
    }

    function _checkOwnerOrApproved(uint256 agentId) private view returns (address owner) {
        owner = _REGISTRY.ownerOf(agentId);
        if (!_REGISTRY.isOwnerOrApproved(agentId, msg.sender)) {
            revert StakingNotOwnerOrApproved(agentId, msg.sender);
        }
    }

    function _getVotingUnits(address account) internal view override returns (uint256) {
        return _votingUnits[account];
    }

    function _setTierMinimumUnchecked(IAgentRegistry.Tier tier, uint256 minimum) private {
        emit TierMinimumSet(tier, _tierMinimums[tier], minimum);
        _tierMinimums[tier] = minimum;
    }

    function _setUnbondingPeriod(uint256 period) private {
        if (period < MIN_UNBONDING_PERIOD || period > MAX_UNBONDING_PERIOD) {
            revert StakingUnbondingPeriodOutOfBounds(period, MIN_UNBONDING_PERIOD, MAX_UNBONDING_PERIOD);
        }
        emit UnbondingPeriodSet(unbondingPeriod, period);
        unbondingPeriod = period;
    }

    function _setMaxSlashBps(uint256 bps) private {
        if (bps < MIN_SLASH_BPS || bps > MAX_SLASH_BPS) {
            revert StakingMaxSlashOutOfBounds(bps, MIN_SLASH_BPS, MAX_SLASH_BPS);
        }
        emit MaxSlashBpsSet(maxSlashBps, bps);
        maxSlashBps = bps;
    }

    function _setSlashRecipient(address recipient) private {
        if (recipient == address(0)) revert StakingZeroSlashRecipient();
        emit SlashRecipientSet(slashRecipient, recipient);
        slashRecipient = recipient;
    }
}
