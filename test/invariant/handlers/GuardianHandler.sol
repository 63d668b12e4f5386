// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {GuardianMultisig} from "../../../contracts/GuardianMultisig.sol";
import {IGuardianMultisig} from "../../../contracts/interfaces/IGuardianMultisig.sol";
import {CallReceiver} from "../../utils/mocks/CallReceiver.sol";
import {CommonBase} from "forge-std/Base.sol";
import {StdUtils} from "forge-std/StdUtils.sol";

/// @notice Submits executions with valid and corrupted approval sets and records what must have happened.
contract GuardianHandler is CommonBase, StdUtils {
    GuardianMultisig internal immutable GUARDIAN;
    CallReceiver internal immutable PARTNER;
    address[] internal owners;
    uint256[] internal keys;
    uint256 internal immutable STRANGER_KEY;

    uint256 public ghostSuccesses;
    uint256 public ghostInvalidAccepted;
    uint256 public ghostNonceDecreases;
    uint256 internal lastNonce;

    constructor(
        GuardianMultisig guardian,
        CallReceiver partner,
        address[] memory owners_,
        uint256[] memory keys_
    ) {
        GUARDIAN = guardian;
        PARTNER = partner;
        owners = owners_;
        keys = keys_;
        STRANGER_KEY = uint256(keccak256("stranger"));
    }

    /// @param count approvals to give (0..5); @param corruption 0 valid, 1 unordered, 2 duplicate, 3 stranger,
    /// 4 expired, anything else valid.
    function execute(uint256 count, uint256 corruption, uint256 value) external {
        count = bound(count, 0, owners.length);
        corruption = bound(corruption, 0, 6);
        bytes memory data = abi.encodeCall(CallReceiver.ping, (value));
        uint256 deadline = corruption == 4 ? vm.getBlockTimestamp() - 1 : vm.getBlockTimestamp() + 1 hours;
        bytes32 digest = GUARDIAN.hashExecution(address(PARTNER), data, GUARDIAN.nonce(), deadline);

        IGuardianMultisig.Approval[] memory approvals = new IGuardianMultisig.Approval[](count);
        for (uint256 i; i < count; ++i) {
            approvals[i] = _sign(owners[i], keys[i], digest);
        }
        bool valid = count >= GUARDIAN.threshold() && corruption != 4;
        if (count >= 2 && corruption == 1) {
            (approvals[0], approvals[1]) = (approvals[1], approvals[0]);
            valid = false;
        } else if (count >= 2 && corruption == 2) {
            approvals[1] = approvals[0];
            valid = false;
        } else if (count >= 1 && corruption == 3) {
            approvals[count - 1] = _sign(vm.addr(STRANGER_KEY), STRANGER_KEY, digest);
            valid = false;
        }

        try GUARDIAN.execute(address(PARTNER), data, deadline, approvals) {
            ++ghostSuccesses;
            if (!valid) ++ghostInvalidAccepted;
        } catch {}
        uint256 nonce = GUARDIAN.nonce();
        if (nonce < lastNonce) ++ghostNonceDecreases;
        lastNonce = nonce;
    }

    function warp(uint256 seconds_) external {
        vm.warp(vm.getBlockTimestamp() + bound(seconds_, 1, 1 days));
    }

    function _sign(address signer, uint256 key, bytes32 digest)
        internal
        pure
        returns (IGuardianMultisig.Approval memory)
    {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, digest);
        return IGuardianMultisig.Approval(signer, abi.encodePacked(r, s, v));
    }
}
