// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IGuardianMultisig} from "../../../contracts/interfaces/IGuardianMultisig.sol";

/// @notice An allow-listed target that tries to re-enter the multisig with approvals it was handed.
contract Reenterer {
    IGuardianMultisig internal immutable GUARDIAN;
    address internal target;
    bytes internal data;
    uint256 internal deadline;
    IGuardianMultisig.Approval[] internal approvals;

    constructor(IGuardianMultisig guardian) {
        GUARDIAN = guardian;
    }

    function arm(
        address target_,
        bytes calldata data_,
        uint256 deadline_,
        IGuardianMultisig.Approval[] calldata a
    ) external {
        target = target_;
        data = data_;
        deadline = deadline_;
        delete approvals;
        for (uint256 i; i < a.length; ++i) {
            approvals.push(a[i]);
        }
    }

    function attack() external {
        GUARDIAN.execute(target, data, deadline, approvals);
    }
}
