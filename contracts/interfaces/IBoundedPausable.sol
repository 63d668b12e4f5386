// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IBoundedPausable
/// @notice A pause that cannot be kept on forever by the guardian.
/// @dev A pause (by a pauser, the guardian) lasts `pauseDuration` and then lifts by itself: `paused()` turns false at
/// `pausedUntil` with no transaction. Governance may pause or extend a running pause to a time of its choosing
/// (`pauseUntil`, at most `MAX_PAUSE_EXTENSION` ahead at a time), or lift it early (`unpause`). A pauser that is
/// not governance cannot pause again until `pauseDuration` has passed since the previous pause ended
/// (`pauseCooldownEnd`), so the guardian can
/// freeze a contract for at most half of any stretch of time; governance pauses without that wait. OpenZeppelin's
/// `Paused` and `Unpaused` events are emitted as usual, and `PauseExpirySet` tells when a pause lifts by itself.
interface IBoundedPausable {
    /// @notice The running pause lifts by itself at `pausedUntil` (set on pause, on extension, and to the current
    /// time on an early unpause).
    event PauseExpirySet(address indexed account, uint256 pausedUntil);

    /// @notice The pause duration changed.
    event PauseDurationSet(uint256 previousDuration, uint256 newDuration);

    /// @notice A pauser that is not governance may pause again only from `cooldownEnd`.
    error PauseCoolingDown(uint256 cooldownEnd, uint256 timestamp);

    /// @notice A pause until `until` is outside [`lowerBound`, `upperBound`] (after now and the current expiry, at
    /// most `MAX_PAUSE_EXTENSION` from now).
    error PauseExtensionOutOfBounds(uint256 until, uint256 lowerBound, uint256 upperBound);

    /// @notice A pause duration of `duration` is outside [`lowerBound`, `upperBound`].
    error PauseDurationOutOfBounds(uint256 duration, uint256 lowerBound, uint256 upperBound);

    /// @notice Pauses for `pauseDuration`. Pauser role; a pauser that is not governance waits out the cooldown.
    function pause() external;

    /// @notice Lifts the running pause early. Pauser role.
    function unpause() external;

    /// @notice Pauses, or extends the running pause, until `until`. Governance only.
    function pauseUntil(uint256 until) external;

    /// @notice Sets how long a pause lasts, within [`MIN_PAUSE_DURATION`, `MAX_PAUSE_DURATION`]. Governance only.
    function setPauseDuration(uint256 duration) external;

    /// @notice Whether the contract is paused now (false once `pausedUntil` has passed).
    function paused() external view returns (bool);

    /// @notice When the current or last pause lifts or lifted (0 if never paused).
    function pausedUntil() external view returns (uint256);

    /// @notice How long a pause lasts, in seconds.
    function pauseDuration() external view returns (uint256);

    /// @notice The earliest time a pauser that is not governance may pause again.
    function pauseCooldownEnd() external view returns (uint256);
}
