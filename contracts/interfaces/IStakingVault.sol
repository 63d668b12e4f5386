// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IAgentRegistry} from "./IAgentRegistry.sol";
import {IBoundedPausable} from "./IBoundedPausable.sol";

/// @title IStakingVault
/// @notice Holds the protocol token staked by agents and turns it into voting power.
/// @dev Stake belongs to an agent and is controlled by the agent's owner (the holder of its identity token).
///
/// Voting power: the vault is an OpenZeppelin `Votes` source (ERC-5805) with a timestamp clock (ERC-6372,
/// `mode=timestamp`). The voting units of an account are the own stake of every agent it owns, 1:1; units move
/// with the identity token on transfer. An account that receives units while it has never delegated is
/// self-delegated, so stake counts as votes at once; it may delegate elsewhere at any time (for example to the
/// agent's operator key).
///
/// Unstaking: `requestUnstake` moves stake from *own* to *unbonding* at once (it stops counting for votes and for
/// the tier), and `withdraw` pays it to the agent's current owner once `unbondingPeriod` has passed. Unbonding stake
/// stays slashable: each agent's pending requests hold shares of one unbonding pool, so a slash lowers every
/// pending request pro rata in constant gas.
///
/// Slashing: the slasher role (the slashing manager) takes at most `maxSlashBps` of own plus unbonding stake per
/// call, split between the two in proportion, and sends it to `slashRecipient` (the treasury). Stake never goes
/// negative and a fully slashed agent can stake again.
///
/// Active: an agent is active exactly when its own stake is at or above the minimum of its tier. This is computed
/// on read, so it can never be out of sync.
///
/// Pausing (pauser role, the guardian) stops new stake only (`stake`, `stakeWithPermit`, `stakeForRegistrant`):
/// `requestUnstake`, `withdraw` and `slash` keep working, so a pause never traps funds. A pause lasts
/// `pauseDuration` (7 days by default) and lifts by itself unless governance extends it; the guardian cannot pause
/// again until `pauseDuration` has passed since the last pause ended (`IBoundedPausable`).
interface IStakingVault is IBoundedPausable {
    /// @notice One unbonding request: shares of its agent's unbonding pool, payable after `releaseTime`.
    struct UnbondingRequest {
        uint256 agentId;
        uint256 shares;
        uint48 releaseTime;
    }

    // ---------------------------------------------------------------- events

    /// @notice `staker` added `amount` to the own stake of `agentId`, now `ownStake`.
    event Staked(
        uint256 indexed agentId,
        address indexed staker,
        address indexed owner,
        uint256 amount,
        uint256 ownStake
    );

    /// @notice `amount` of own stake entered unbonding as request `requestId`, withdrawable from `releaseTime`.
    event UnstakeRequested(
        uint256 indexed agentId,
        uint256 indexed requestId,
        address indexed owner,
        uint256 amount,
        uint256 shares,
        uint48 releaseTime,
        uint256 ownStake,
        uint256 unbondingStake
    );

    /// @notice Request `requestId` paid `amount` to the agent's owner `to`.
    event Withdrawn(
        uint256 indexed agentId,
        uint256 indexed requestId,
        address indexed to,
        uint256 amount,
        uint256 unbondingStake
    );

    /// @notice `amount` was slashed from `agentId` (`fromOwn` + `fromUnbonding`) and sent to `recipient`.
    event Slashed(
        uint256 indexed agentId,
        address indexed slasher,
        address indexed recipient,
        uint256 amount,
        uint256 fromOwn,
        uint256 fromUnbonding,
        uint256 ownStake,
        uint256 unbondingStake
    );

    /// @notice A proposed slash holds back `amount` more of `agentId`'s stake (`held` in all) until it is executed
    /// or vetoed: while held, withdrawals may not take the agent's own plus unbonding stake below it.
    event StakeHeld(uint256 indexed agentId, address indexed slasher, uint256 amount, uint256 held);

    /// @notice `amount` of the stake held back for `agentId` was released (`held` remains).
    event StakeReleased(uint256 indexed agentId, address indexed slasher, uint256 amount, uint256 held);

    /// @notice The identity of `agentId` moved from `from` to `to`, and with it `ownStake` voting units.
    event StakeOwnerChanged(
        uint256 indexed agentId, address indexed from, address indexed to, uint256 ownStake
    );

    /// @notice The minimum own stake of `tier` changed.
    event TierMinimumSet(IAgentRegistry.Tier indexed tier, uint256 previousMinimum, uint256 newMinimum);

    /// @notice The unbonding period changed.
    event UnbondingPeriodSet(uint256 previousPeriod, uint256 newPeriod);

    /// @notice The largest share of an agent's stake one slash may take changed.
    event MaxSlashBpsSet(uint256 previousBps, uint256 newBps);

    /// @notice The recipient of slashed stake changed.
    event SlashRecipientSet(address indexed previousRecipient, address indexed newRecipient);

    // ---------------------------------------------------------------- errors

    /// @notice Amounts must be greater than zero.
    error StakingZeroAmount();

    /// @notice A proposed slash holds back `held` of `agentId`'s stake: withdrawing `amount` would leave only
    /// `remaining` within reach, too little for one slash to take what is held.
    error StakingStakeHeld(uint256 agentId, uint256 held, uint256 amount, uint256 remaining);

    /// @notice Releasing `amount` when only `held` is held back.
    error StakingReleaseTooLarge(uint256 agentId, uint256 amount, uint256 held);

    /// @notice `caller` may not act for `agentId` (owner, approved or operator required).
    error StakingNotAuthorized(uint256 agentId, address caller);

    /// @notice `caller` is neither the owner of `agentId` nor approved for it.
    error StakingNotOwnerOrApproved(uint256 agentId, address caller);

    /// @notice `agentId` has `stake` own stake, less than the `amount` asked for.
    error StakingInsufficientStake(uint256 agentId, uint256 stake, uint256 amount);

    /// @notice `amount` is too small to buy a share of the unbonding pool (after earlier slashes).
    error StakingUnstakeTooSmall(uint256 agentId, uint256 amount);

    /// @notice No pending request `requestId` exists (never made, or already withdrawn).
    error StakingUnknownRequest(uint256 requestId);

    /// @notice Request `requestId` unlocks at `releaseTime`, after `timestamp`.
    error StakingStillUnbonding(uint256 requestId, uint48 releaseTime, uint256 timestamp);

    /// @notice A slash of `amount` exceeds `maximum` (`maxSlashBps` of own plus unbonding stake).
    error StakingSlashTooLarge(uint256 agentId, uint256 amount, uint256 maximum);

    /// @notice Only the agent registry may report identity transfers.
    error StakingCallerNotRegistry(address caller);

    /// @notice A tier minimum of `minimum` is outside [`lowerBound`, `upperBound`] or breaks the order
    /// utility <= specialized <= C-suite.
    error StakingTierMinimumOutOfBounds(
        IAgentRegistry.Tier tier, uint256 minimum, uint256 lowerBound, uint256 upperBound
    );

    /// @notice `tier` has no minimum (only Utility, Specialized and CSuite have one).
    error StakingInvalidTier(IAgentRegistry.Tier tier);

    /// @notice An unbonding period of `period` is outside [`lowerBound`, `upperBound`].
    error StakingUnbondingPeriodOutOfBounds(uint256 period, uint256 lowerBound, uint256 upperBound);

    /// @notice A maximum slash of `bps` is outside [`lowerBound`, `upperBound`].
    error StakingMaxSlashOutOfBounds(uint256 bps, uint256 lowerBound, uint256 upperBound);

    /// @notice The slash recipient must not be the zero address.
    error StakingZeroSlashRecipient();

    // ---------------------------------------------------------------- staking

    /// @notice Stakes `amount` of the caller's tokens for `agentId` (needs an allowance). Owner, approved or
    /// operator only.
    function stake(uint256 agentId, uint256 amount) external;

    /// @notice Like `stake`, with an EIP-2612 permit from the caller instead of an allowance. A permit that was
    /// already used (for example by a front-runner) is ignored if the allowance suffices.
    function stakeWithPermit(uint256 agentId, uint256 amount, uint256 deadline, uint8 v, bytes32 r, bytes32 s)
        external;

    /// @notice Moves `amount` of own stake into unbonding. Owner or approved only.
    /// @return requestId The id to `withdraw` after `unbondingPeriod`.
    function requestUnstake(uint256 agentId, uint256 amount) external returns (uint256 requestId);

    /// @notice Pays an unbonded request to the agent's current owner. Owner or approved only.
    /// @return amount The amount paid (lower than requested if the agent was slashed meanwhile).
    function withdraw(uint256 requestId) external returns (uint256 amount);

    /// @notice Takes `amount` from the agent's own and unbonding stake, in proportion, to `slashRecipient`.
    /// Slasher role only.
    function slash(uint256 agentId, uint256 amount) external;

    /// @notice Holds back `amount` more of `agentId`'s stake for a proposed slash: until released, no withdrawal may
    /// leave less stake within reach (own plus unbonding) than one slash of `maxSlashBps` needs to take all that is
    /// held (requests may still be made; unbonding stake stays slashable). Slasher role only.
    function hold(uint256 agentId, uint256 amount) external;

    /// @notice Releases `amount` of what is held back for `agentId` (the slash was executed or vetoed). Slasher role.
    function release(uint256 agentId, uint256 amount) external;

    /// @notice Stake of `agentId` held back by proposed slashes.
    function heldOf(uint256 agentId) external view returns (uint256);

    /// @notice The account `account` delegated its votes to at `timepoint` (a past or current timestamp); the zero
    /// address for an account that had only ever delegated to itself (or not at all) by then.
    function delegatesAt(address account, uint256 timepoint) external view returns (address);

    /// @notice Moves the voting units of `agentId` from `from` to `to`. Agent registry only.
    function onAgentTransfer(uint256 agentId, address from, address to) external;

    // ---------------------------------------------------------------- pausing

    /// @notice Stakes `amount` for an agent the registry has just minted to `registrant`, paid by the registrant
    /// (its permit is tried when `deadline` is non-zero). Called only by the registry's `registerAndStake`.
    function stakeForRegistrant(
        uint256 agentId,
        address registrant,
        uint256 amount,
        uint256 deadline,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external;

    // ---------------------------------------------------------------- parameters (admin)

    /// @notice Sets the minimum own stake of `tier`, within [`MIN_TIER_MINIMUM`, `MAX_TIER_MINIMUM`], keeping
    /// utility <= specialized <= C-suite.
    function setTierMinimum(IAgentRegistry.Tier tier, uint256 minimum) external;

    /// @notice Sets the unbonding period, within [`MIN_UNBONDING_PERIOD`, `MAX_UNBONDING_PERIOD`].
    function setUnbondingPeriod(uint256 period) external;

    /// @notice Sets the largest share (basis points) of an agent's stake one slash may take, within
    /// [`MIN_SLASH_BPS`, `MAX_SLASH_BPS`].
    function setMaxSlashBps(uint256 bps) external;

    /// @notice Sets the recipient of slashed stake.
    function setSlashRecipient(address recipient) external;

    // ---------------------------------------------------------------- reads

    /// @notice The own stake of an agent (counts for votes and tier).
    function stakeOf(uint256 agentId) external view returns (uint256);

    /// @notice The unbonding stake of an agent (sum of its pending requests).
    function unbondingOf(uint256 agentId) external view returns (uint256);

    /// @notice The current value of a pending request (0 if unknown or withdrawn).
    function requestAmount(uint256 requestId) external view returns (uint256);

    /// @notice A pending request (zeroed once withdrawn).
    function unbondingRequest(uint256 requestId) external view returns (UnbondingRequest memory);

    /// @notice Whether the agent's own stake meets the minimum of its tier.
    function isActive(uint256 agentId) external view returns (bool);

    /// @notice The minimum own stake of `tier`.
    function tierMinimum(IAgentRegistry.Tier tier) external view returns (uint256);

    /// @notice The minimum own stake of the agent's current tier.
    function minimumStakeOf(uint256 agentId) external view returns (uint256);

    /// @notice Sum of all own stake (equals the total voting units).
    function totalStaked() external view returns (uint256);

    /// @notice Sum of all unbonding stake.
    function totalUnbonding() external view returns (uint256);

    /// @notice The unbonding period in seconds.
    function unbondingPeriod() external view returns (uint256);

    /// @notice The largest share of an agent's stake one slash may take, in basis points.
    function maxSlashBps() external view returns (uint256);

    /// @notice Where slashed stake goes.
    function slashRecipient() external view returns (address);

    /// @notice The staked token.
    function token() external view returns (address);

    /// @notice The agent registry.
    function registry() external view returns (IAgentRegistry);
}
