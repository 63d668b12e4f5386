// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @notice An external contract a proposal can call (a strategic partner), recording who called it.
contract CallReceiver {
    address public lastCaller;
    uint256 public calls;

    event Pinged(address indexed caller, uint256 value);

    function ping(uint256 value) external {
        lastCaller = msg.sender;
        ++calls;
        emit Pinged(msg.sender, value);
    }
}
