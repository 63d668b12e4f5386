// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IBoundedPausable} from "../interfaces/IBoundedPausable.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";

/// @title BoundedPausable
/// @notice OpenZeppelin `Pausable` whose pause expires (see `IBoundedPausable`). The inheriting contract decides who
/// pauses and who governs, and exposes the external functions.
abstract contract BoundedPausable is IBoundedPausable, Pausable {
    /// @notice Bounds of the pause duration (constant).
    uint256 public constant MIN_PAUSE_DURATION = 1 days;
    uint256 public constant MAX_PAUSE_DURATION = 30 days;
    /// @notice How far ahead governance may move a pause's expiry at a time (constant).
    uint256 public constant MAX_PAUSE_EXTENSION = 90 days;

    /// @inheritdoc IBoundedPausable
    uint256 public pausedUntil;
    /// @inheritdoc IBoundedPausable
    uint256 public pauseDuration;

    constructor(uint256 pauseDuration_) {
        _setPauseDuration(pauseDuration_);
    }

    /// @inheritdoc IBoundedPausable
    function paused() public view virtual override(IBoundedPausable, Pausable) returns (bool) {
        return super.paused() && block.timestamp < pausedUntil;
    }

    /// @inheritdoc IBoundedPausable
    function pauseCooldownEnd() public view returns (uint256) {
        return pausedUntil == 0 ? 0 : pausedUntil + pauseDuration;
    }

    /// @dev Pauses for `pauseDuration`; `byGovernance` skips the cooldown.
    function _boundedPause(bool byGovernance) internal {
        // No pause may be running (an expired one counts as lifted: `paused()` is false).
        _requireNotPaused();
        if (!byGovernance && block.timestamp < pauseCooldownEnd()) {
            revert PauseCoolingDown(pauseCooldownEnd(), block.timestamp);
        }
        _pause();
        uint256 until = block.timestamp + pauseDuration;
        pausedUntil = until;
        emit PauseExpirySet(_msgSender(), until);
    }

    /// @dev Lifts the running pause now; the cooldown counts from now.
    function _boundedUnpause() internal {
        _unpause();
        pausedUntil = block.timestamp;
        emit PauseExpirySet(_msgSender(), block.timestamp);
    }

    /// @dev Governance: pauses (if not paused) or extends the running pause, until `until`.
    function _pauseUntil(uint256 until) internal {
        uint256 lower = (pausedUntil > block.timestamp ? pausedUntil : block.timestamp) + 1;
        uint256 upper = block.timestamp + MAX_PAUSE_EXTENSION;
        if (until < lower || until > upper) revert PauseExtensionOutOfBounds(until, lower, upper);
        if (!paused()) _pause();
        pausedUntil = until;
        emit PauseExpirySet(_msgSender(), until);
    }

    function _setPauseDuration(uint256 duration) internal {
        if (duration < MIN_PAUSE_DURATION || duration > MAX_PAUSE_DURATION) {
            revert PauseDurationOutOfBounds(duration, MIN_PAUSE_DURATION, MAX_PAUSE_DURATION);
        }
        emit PauseDurationSet(pauseDuration, duration);
        pauseDuration = duration;
    }
}
