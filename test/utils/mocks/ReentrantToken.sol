// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @notice An ERC-20 that, once armed, calls back into `target` with `data` from inside its next transfer, and
/// records what the call answered.
contract ReentrantToken is ERC20 {
    address internal target;
    bytes internal data;
    bool public armed;
    bool public reentered;
    bytes public reentryError;

    constructor() ERC20("Reentrant", "RE") {
        _mint(msg.sender, 1e30);
    }

    function arm(address target_, bytes calldata data_) external {
        (target, data, armed) = (target_, data_, true);
    }

    function _update(address from, address to, uint256 value) internal override {
        super._update(from, to, value);
        if (armed) {
            armed = false;
            (bool ok, bytes memory answer) = target.call(data);
            reentered = ok;
            reentryError = answer;
        }
    }
}
