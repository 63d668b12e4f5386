// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";

/// @title ConclaveTimelock
/// @notice OpenZeppelin's TimelockController with its delay bounded: governance may change the delay, within
/// [`MIN_DELAY`, `MAX_DELAY`]. The Governor proposes and cancels, the guardian may cancel, anyone executes.
contract ConclaveTimelock is TimelockController {
    /// @notice Bounds of the delay (constant).
    uint256 public constant MIN_DELAY = 1 days;
    uint256 public constant MAX_DELAY = 30 days;

    /// @notice A delay of `delay` is outside [`lowerBound`, `upperBound`].
    error TimelockDelayOutOfBounds(uint256 delay, uint256 lowerBound, uint256 upperBound);

    constructor(uint256 minDelay, address[] memory proposers, address[] memory executors, address admin)
        TimelockController(minDelay, proposers, executors, admin)
    {
        _checkDelay(minDelay);
    }

    /// @notice Changes the delay; callable only by the Timelock itself (a governance proposal).
    function updateDelay(uint256 newDelay) public override {
        _checkDelay(newDelay);
        super.updateDelay(newDelay);
    }

    function _checkDelay(uint256 delay) private pure {
        if (delay < MIN_DELAY || delay > MAX_DELAY) {
            revert TimelockDelayOutOfBounds(delay, MIN_DELAY, MAX_DELAY);
        }
    }
}
