// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {GuardianMultisig} from "../../contracts/GuardianMultisig.sol";
import {IConclaveGovernor} from "../../contracts/interfaces/IConclaveGovernor.sol";
import {IGuardianMultisig} from "../../contracts/interfaces/IGuardianMultisig.sol";
import {GovernanceBase} from "../utils/GovernanceBase.sol";
import {CallReceiver} from "../utils/mocks/CallReceiver.sol";
import {Safe} from "@safe-global/safe-smart-account/contracts/Safe.sol";
import {Enum} from "@safe-global/safe-smart-account/contracts/libraries/Enum.sol";
import {SafeProxyFactory} from "@safe-global/safe-smart-account/contracts/proxies/SafeProxyFactory.sol";

/// @notice Gas snapshots (snapshots/GovernanceGas.json) of the governance life cycle, the guardian multisig and the
/// treasury, plus the side-by-side benchmark of the guardian against Safe 1.5.0 (compiled from source with this
/// project's compiler settings) executing the same call with the same owners and threshold.
contract GovernanceGas is GovernanceBase {
    function _ping(uint256 value) internal pure returns (bytes memory) {
        return abi.encodeCall(CallReceiver.ping, (value));
    }

    function test_Gas_GovernorLifecycle() public {
        CallReceiver partner = new CallReceiver();
        IConclaveGovernor.Category partnership = IConclaveGovernor.Category.StrategicPartnership;
        _governance(
            address(governor),
            abi.encodeCall(
                IConclaveGovernor.setActionCategory,
                (address(partner), CallReceiver.ping.selector, partnership, true)
            )
        );
        Proposal memory p = _single(address(partner), _ping(1), "gas");
        vm.prank(alice);
        uint256 id =
            governor.proposeTyped(p.targets, p.values, p.calldatas, p.description, partnership, false);
        vm.snapshotGasLastCall("propose (typed)");
        p.description = governor.proposalDescription(p.description, partnership, false, alice);
        _toActive(id);

        vm.prank(alice);
        governor.castVote(id, 1);
        vm.snapshotGasLastCall("castVote");

        (, uint256 carolKey) = makeAddrAndKey("carol");
        bytes32 ballot =
            keccak256(abi.encode(governor.BALLOT_TYPEHASH(), id, uint8(0), carol, governor.nonces(carol)));
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(carolKey, _eip712Digest(governor, ballot));
        governor.castVoteBySig(id, 0, carol, abi.encodePacked(r, s, v));
        vm.snapshotGasLastCall("castVoteBySig");

        _pastDeadline(id);
        _queue(p);
        vm.snapshotGasLastCall("queue");
        vm.warp(vm.getBlockTimestamp() + 48 hours);
        _execute(p);
        vm.snapshotGasLastCall("execute");
    }

    function test_Gas_TreasurySpend() public {
        vm.prank(address(timelock));
        treasury.spend(address(token), dave, 1000 ether);
        vm.snapshotGasLastCall("treasury spend");
    }

    // ---------------------------------------------------------------- guardian vs Safe

    function _owners(uint256 count) internal view returns (address[] memory owners) {
        owners = new address[](count);
        for (uint256 i; i < count; ++i) {
            owners[i] = guardianOwners[i]; // sorted ascending
        }
    }

    function _guardianRun(uint256 ownerCount, uint256 threshold, string memory name) internal {
        CallReceiver target = new CallReceiver();
        IGuardianMultisig.CallPermission[] memory permissions = new IGuardianMultisig.CallPermission[](1);
        permissions[0] = IGuardianMultisig.CallPermission(address(target), CallReceiver.ping.selector);
        GuardianMultisig multisig =
            new GuardianMultisig(_owners(ownerCount), threshold, address(timelock), permissions);
        bytes memory data = _ping(1);
        uint256 deadline = vm.getBlockTimestamp() + 1 hours;
        bytes32 digest = multisig.hashExecution(address(target), data, 0, deadline);
        IGuardianMultisig.Approval[] memory approvals = new IGuardianMultisig.Approval[](threshold);
        for (uint256 i; i < threshold; ++i) {
            (uint8 v, bytes32 r, bytes32 s) = vm.sign(guardianKeys[guardianOwners[i]], digest);
            approvals[i] = IGuardianMultisig.Approval(guardianOwners[i], abi.encodePacked(r, s, v));
        }
        multisig.execute(address(target), data, deadline, approvals);
        vm.snapshotGasLastCall(name);
        assertEq(target.calls(), 1);
    }

    function _safeRun(uint256 ownerCount, uint256 threshold, string memory name) internal {
        CallReceiver target = new CallReceiver();
        Safe singleton = new Safe();
        SafeProxyFactory factory = new SafeProxyFactory();
        bytes memory init = abi.encodeCall(
            Safe.setup,
            (_owners(ownerCount), threshold, address(0), "", address(0), address(0), 0, payable(address(0)))
        );
        Safe safe = Safe(payable(address(factory.createProxyWithNonce(address(singleton), init, 0))));
        bytes memory data = _ping(1);
        bytes32 txHash = safe.getTransactionHash(
            address(target), 0, data, Enum.Operation.Call, 0, 0, 0, address(0), address(0), safe.nonce()
        );
        bytes memory signatures;
        for (uint256 i; i < threshold; ++i) {
            (uint8 v, bytes32 r, bytes32 s) = vm.sign(guardianKeys[guardianOwners[i]], txHash);
            signatures = abi.encodePacked(signatures, r, s, v);
        }
        safe.execTransaction(
            address(target),
            0,
            data,
            Enum.Operation.Call,
            0,
            0,
            0,
            address(0),
            payable(address(0)),
            signatures
        );
        vm.snapshotGasLastCall(name);
        assertEq(target.calls(), 1);
    }

    function test_Gas_Guardian2of3() public {
        _guardianRun(3, 2, "guardian execute 2-of-3");
    }

    function test_Gas_Guardian3of5() public {
        _guardianRun(5, 3, "guardian execute 3-of-5");
    }

    function test_Gas_Safe2of3() public {
        _safeRun(3, 2, "safe execTransaction 2-of-3");
    }

    function test_Gas_Safe3of5() public {
        _safeRun(5, 3, "safe execTransaction 3-of-5");
    }
}
