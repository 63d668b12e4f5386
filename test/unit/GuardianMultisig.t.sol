// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {GuardianMultisig} from "../../contracts/GuardianMultisig.sol";
import {IBoundedPausable} from "../../contracts/interfaces/IBoundedPausable.sol";
import {IConclaveTreasury} from "../../contracts/interfaces/IConclaveTreasury.sol";
import {IGuardianMultisig} from "../../contracts/interfaces/IGuardianMultisig.sol";
import {IStakingVault} from "../../contracts/interfaces/IStakingVault.sol";
import {GovernanceBase} from "../utils/GovernanceBase.sol";
import {CallReceiver} from "../utils/mocks/CallReceiver.sol";
import {ERC1271WalletMock} from "../utils/mocks/ERC1271WalletMock.sol";
import {Reenterer} from "../utils/mocks/Reenterer.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

contract GuardianMultisigTest is GovernanceBase {
    CallReceiver internal partner;
    bytes internal pauseCall = abi.encodeCall(IBoundedPausable.pause, ());

    function setUp() public override {
        super.setUp();
        partner = new CallReceiver();
        vm.prank(address(timelock));
        guardian.setCallAllowed(address(partner), CallReceiver.ping.selector, true);
    }

    function _sign(address signer, bytes32 digest) internal view returns (IGuardianMultisig.Approval memory) {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(guardianKeys[signer], digest);
        return IGuardianMultisig.Approval(signer, abi.encodePacked(r, s, v));
    }

    function _deadline() internal view returns (uint256) {
        return vm.getBlockTimestamp() + 1 hours;
    }

    // ---------------------------------------------------------------- happy paths

    function test_Defaults() public view {
        assertEq(guardian.threshold(), 3);
        assertEq(guardian.owners().length, 5);
        assertEq(guardian.nonce(), 0);
        assertTrue(guardian.isCallAllowed(address(vault), IBoundedPausable.pause.selector));
        assertTrue(guardian.isCallAllowed(address(guardian), IGuardianMultisig.addOwner.selector));
        assertFalse(guardian.isCallAllowed(address(guardian), IGuardianMultisig.setCallAllowed.selector));
        assertFalse(guardian.isCallAllowed(address(treasury), IConclaveTreasury.spend.selector));
    }

    function test_Execute_PausesWithThreeApprovals() public {
        uint256 deadline = _deadline();
        IGuardianMultisig.Approval[] memory approvals = _approvals(address(vault), pauseCall, deadline, 3);
        address[] memory signers = new address[](3);
        for (uint256 i; i < 3; ++i) {
            signers[i] = approvals[i].signer;
        }
        vm.expectEmit(address(guardian));
        emit IGuardianMultisig.Executed(
            0, address(vault), IBoundedPausable.pause.selector, pauseCall, signers
        );
        vm.prank(makeAddr("relayer"));
        guardian.execute(address(vault), pauseCall, deadline, approvals);
        assertTrue(vault.paused());
        assertEq(guardian.nonce(), 1);
    }

    function test_Execute_ByERC1271Owner() public {
        (address signer, uint256 key) = makeAddrAndKey("contractOwnerSigner");
        ERC1271WalletMock wallet = new ERC1271WalletMock(signer);
        address[] memory owners = new address[](2);
        (owners[0], owners[1]) = address(wallet) < guardianOwners[0]
            ? (address(wallet), guardianOwners[0])
            : (guardianOwners[0], address(wallet));
        IGuardianMultisig.CallPermission[] memory permissions = new IGuardianMultisig.CallPermission[](1);
        permissions[0] = IGuardianMultisig.CallPermission(address(partner), CallReceiver.ping.selector);
        GuardianMultisig multisig = new GuardianMultisig(owners, 2, address(timelock), permissions);

        bytes memory data = abi.encodeCall(CallReceiver.ping, (1));
        uint256 deadline = _deadline();
        bytes32 digest = multisig.hashExecution(address(partner), data, 0, deadline);
        IGuardianMultisig.Approval[] memory approvals = new IGuardianMultisig.Approval[](2);
        for (uint256 i; i < 2; ++i) {
            uint256 signingKey = owners[i] == address(wallet) ? key : guardianKeys[owners[i]];
            (uint8 v, bytes32 r, bytes32 s) = vm.sign(signingKey, digest);
            approvals[i] = IGuardianMultisig.Approval(owners[i], abi.encodePacked(r, s, v));
        }
        multisig.execute(address(partner), data, deadline, approvals);
        assertEq(partner.lastCaller(), address(multisig));
    }

    function test_OwnerManagementThroughItself() public {
        address newOwner = makeAddr("newOwner");
        _guardianExecute(address(guardian), abi.encodeCall(IGuardianMultisig.addOwner, (newOwner, 4)));
        assertTrue(guardian.isOwner(newOwner));
        assertEq(guardian.threshold(), 4);
        assertEq(guardian.owners().length, 6);

        uint256 deadline = _deadline();
        bytes memory removal = abi.encodeCall(IGuardianMultisig.removeOwner, (guardianOwners[4], 3));
        guardian.execute(
            address(guardian), removal, deadline, _approvals(address(guardian), removal, deadline, 4)
        );
        assertFalse(guardian.isOwner(guardianOwners[4]));
        assertEq(guardian.threshold(), 3);

        _guardianExecute(address(guardian), abi.encodeCall(IGuardianMultisig.changeThreshold, (2)));
        assertEq(guardian.threshold(), 2);
    }

    // ---------------------------------------------------------------- attacks

    function test_RevertWhen_ReplayedOnAnotherChain() public {
        uint256 deadline = _deadline();
        vm.chainId(1);
        IGuardianMultisig.Approval[] memory approvals = _approvals(address(vault), pauseCall, deadline, 3);
        vm.chainId(31_337);
        vm.expectRevert(
            abi.encodeWithSelector(IGuardianMultisig.GuardianInvalidSignature.selector, approvals[0].signer)
        );
        guardian.execute(address(vault), pauseCall, deadline, approvals);
    }

    function test_RevertWhen_ApprovalsForAnotherMultisigUsedHere() public {
        IGuardianMultisig.CallPermission[] memory permissions = new IGuardianMultisig.CallPermission[](0);
        GuardianMultisig other = new GuardianMultisig(guardianOwners, 3, address(timelock), permissions);
        uint256 deadline = _deadline();
        bytes32 otherDigest = other.hashExecution(address(vault), pauseCall, 0, deadline);
        IGuardianMultisig.Approval[] memory approvals = new IGuardianMultisig.Approval[](3);
        for (uint256 i; i < 3; ++i) {
            approvals[i] = _sign(guardianOwners[i], otherDigest);
        }
        vm.expectRevert(
            abi.encodeWithSelector(IGuardianMultisig.GuardianInvalidSignature.selector, guardianOwners[0])
        );
        guardian.execute(address(vault), pauseCall, deadline, approvals);
    }

    function test_RevertWhen_MalleableSignature() public {
        uint256 deadline = _deadline();
        IGuardianMultisig.Approval[] memory approvals = _approvals(address(vault), pauseCall, deadline, 3);
        bytes memory sig = approvals[1].signature;
        bytes32 r;
        bytes32 s;
        uint8 v;
        assembly {
            r := mload(add(sig, 0x20))
            s := mload(add(sig, 0x40))
            v := byte(0, mload(add(sig, 0x60)))
        }
        uint256 n = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141;
        approvals[1].signature = abi.encodePacked(r, bytes32(n - uint256(s)), v == 27 ? uint8(28) : uint8(27));
        vm.expectRevert(
            abi.encodeWithSelector(IGuardianMultisig.GuardianInvalidSignature.selector, approvals[1].signer)
        );
        guardian.execute(address(vault), pauseCall, deadline, approvals);
    }

    function test_RevertWhen_DuplicateSigner() public {
        uint256 deadline = _deadline();
        IGuardianMultisig.Approval[] memory approvals = _approvals(address(vault), pauseCall, deadline, 3);
        approvals[2] = approvals[1];
        vm.expectRevert(
            abi.encodeWithSelector(
                IGuardianMultisig.GuardianSignersNotOrdered.selector,
                2,
                approvals[1].signer,
                approvals[1].signer
            )
        );
        guardian.execute(address(vault), pauseCall, deadline, approvals);
    }

    function test_RevertWhen_UnorderedSigners() public {
        uint256 deadline = _deadline();
        IGuardianMultisig.Approval[] memory approvals = _approvals(address(vault), pauseCall, deadline, 3);
        (approvals[0], approvals[1]) = (approvals[1], approvals[0]);
        vm.expectRevert(
            abi.encodeWithSelector(
                IGuardianMultisig.GuardianSignersNotOrdered.selector,
                1,
                approvals[0].signer,
                approvals[1].signer
            )
        );
        guardian.execute(address(vault), pauseCall, deadline, approvals);
    }

    function test_RevertWhen_ApprovalExpired() public {
        uint256 deadline = _deadline();
        IGuardianMultisig.Approval[] memory approvals = _approvals(address(vault), pauseCall, deadline, 3);
        vm.warp(deadline + 1);
        vm.expectRevert(
            abi.encodeWithSelector(IGuardianMultisig.GuardianApprovalExpired.selector, deadline, deadline + 1)
        );
        guardian.execute(address(vault), pauseCall, deadline, approvals);
    }

    function test_RevertWhen_ApprovalForOtherDeadline() public {
        uint256 deadline = _deadline();
        IGuardianMultisig.Approval[] memory approvals = _approvals(address(vault), pauseCall, deadline, 3);
        vm.expectRevert(
            abi.encodeWithSelector(IGuardianMultisig.GuardianInvalidSignature.selector, approvals[0].signer)
        );
        guardian.execute(address(vault), pauseCall, deadline + 1 days, approvals);
    }

    function test_RevertWhen_BelowThreshold() public {
        uint256 deadline = _deadline();
        IGuardianMultisig.Approval[] memory approvals = _approvals(address(vault), pauseCall, deadline, 2);
        vm.expectRevert(abi.encodeWithSelector(IGuardianMultisig.GuardianBelowThreshold.selector, 2, 3));
        guardian.execute(address(vault), pauseCall, deadline, approvals);
    }

    function test_RevertWhen_NonOwnerSigns() public {
        (address stranger, uint256 key) = makeAddrAndKey("stranger");
        uint256 deadline = _deadline();
        bytes32 digest = guardian.hashExecution(address(vault), pauseCall, 0, deadline);
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, digest);
        // Two owners and the stranger, strictly ordered by address wherever the stranger falls.
        IGuardianMultisig.Approval[] memory approvals = new IGuardianMultisig.Approval[](3);
        approvals[0] = _sign(guardianOwners[0], digest);
        approvals[1] = _sign(guardianOwners[1], digest);
        approvals[2] = IGuardianMultisig.Approval(stranger, abi.encodePacked(r, s, v));
        for (uint256 i = 2; i > 0 && approvals[i - 1].signer > approvals[i].signer; --i) {
            (approvals[i - 1], approvals[i]) = (approvals[i], approvals[i - 1]);
        }
        vm.expectRevert(abi.encodeWithSelector(IGuardianMultisig.GuardianNotOwner.selector, stranger));
        guardian.execute(address(vault), pauseCall, deadline, approvals);
    }

    function test_RevertWhen_CallOutsideAllowList() public {
        bytes memory spend =
            abi.encodeCall(IConclaveTreasury.spend, (address(token), guardianOwners[0], 1 ether));
        uint256 deadline = _deadline();
        IGuardianMultisig.Approval[] memory approvals = _approvals(address(treasury), spend, deadline, 5);
        vm.expectRevert(
            abi.encodeWithSelector(
                IGuardianMultisig.GuardianCallNotAllowed.selector,
                address(treasury),
                IConclaveTreasury.spend.selector
            )
        );
        guardian.execute(address(treasury), spend, deadline, approvals);

        bytes memory transfer = abi.encodeCall(IERC20.transfer, (guardianOwners[0], 1));
        approvals = _approvals(address(token), transfer, deadline, 5);
        vm.expectRevert(
            abi.encodeWithSelector(
                IGuardianMultisig.GuardianCallNotAllowed.selector, address(token), IERC20.transfer.selector
            )
        );
        guardian.execute(address(token), transfer, deadline, approvals);

        bytes memory widen = abi.encodeCall(
            IGuardianMultisig.setCallAllowed, (address(treasury), IConclaveTreasury.spend.selector, true)
        );
        approvals = _approvals(address(guardian), widen, deadline, 5);
        vm.expectRevert(
            abi.encodeWithSelector(
                IGuardianMultisig.GuardianCallNotAllowed.selector,
                address(guardian),
                IGuardianMultisig.setCallAllowed.selector
            )
        );
        guardian.execute(address(guardian), widen, deadline, approvals);
    }

    function test_RevertWhen_CalldataTooShort() public {
        uint256 deadline = _deadline();
        IGuardianMultisig.Approval[] memory approvals = _approvals(address(vault), hex"aabb", deadline, 3);
        vm.expectRevert(IGuardianMultisig.GuardianInvalidCalldata.selector);
        guardian.execute(address(vault), hex"aabb", deadline, approvals);
    }

    function test_RevertWhen_ValueSent() public {
        uint256 deadline = _deadline();
        bytes memory call = abi.encodeCall(
            IGuardianMultisig.execute,
            (address(vault), pauseCall, deadline, _approvals(address(vault), pauseCall, deadline, 3))
        );
        vm.deal(address(this), 1 ether);
        (bool ok,) = address(guardian).call{value: 1 ether}(call);
        assertFalse(ok, "execute is not payable: the multisig never carries value");
        assertEq(address(guardian).balance, 0);
        assertFalse(vault.paused());
    }

    function test_RevertWhen_ReentrancyDuringExecution() public {
        Reenterer reenterer = new Reenterer(guardian);
        vm.prank(address(timelock));
        guardian.setCallAllowed(address(reenterer), Reenterer.attack.selector, true);

        // Valid approvals for the *next* nonce, handed to the target, which replays them from inside execution.
        uint256 deadline = _deadline();
        bytes32 nextDigest = guardian.hashExecution(address(vault), pauseCall, 1, deadline);
        IGuardianMultisig.Approval[] memory inner = new IGuardianMultisig.Approval[](3);
        for (uint256 i; i < 3; ++i) {
            inner[i] = _sign(guardianOwners[i], nextDigest);
        }
        reenterer.arm(address(vault), pauseCall, deadline, inner);

        bytes memory attack = abi.encodeCall(Reenterer.attack, ());
        IGuardianMultisig.Approval[] memory outer = _approvals(address(reenterer), attack, deadline, 3);
        vm.expectRevert(
            abi.encodeWithSelector(
                IGuardianMultisig.GuardianCallFailed.selector,
                address(reenterer),
                abi.encodeWithSelector(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector)
            )
        );
        guardian.execute(address(reenterer), attack, deadline, outer);
        assertEq(guardian.nonce(), 0, "nothing happened");
        assertFalse(vault.paused());
    }

    function test_RevertWhen_CallFails() public {
        _guardianExecute(address(vault), pauseCall);
        uint256 deadline = _deadline();
        IGuardianMultisig.Approval[] memory approvals = _approvals(address(vault), pauseCall, deadline, 3);
        vm.expectRevert(
            abi.encodeWithSelector(
                IGuardianMultisig.GuardianCallFailed.selector,
                address(vault),
                abi.encodeWithSignature("EnforcedPause()")
            )
        );
        guardian.execute(address(vault), pauseCall, deadline, approvals);
        assertEq(guardian.nonce(), 1, "a failed call consumes nothing");
    }

    function test_RevertWhen_OwnerListCorrupted() public {
        address[3] memory bad = [address(0), guardianOwners[0], address(guardian)];
        for (uint256 i; i < bad.length; ++i) {
            bytes memory data = abi.encodeCall(IGuardianMultisig.addOwner, (bad[i], 3));
            uint256 deadline = _deadline();
            IGuardianMultisig.Approval[] memory approvals = _approvals(address(guardian), data, deadline, 3);
            vm.expectRevert(
                abi.encodeWithSelector(
                    IGuardianMultisig.GuardianCallFailed.selector,
                    address(guardian),
                    abi.encodeWithSelector(IGuardianMultisig.GuardianInvalidOwner.selector, bad[i])
                )
            );
            guardian.execute(address(guardian), data, deadline, approvals);
        }

        bytes memory tooHigh = abi.encodeCall(IGuardianMultisig.changeThreshold, (6));
        uint256 d = _deadline();
        IGuardianMultisig.Approval[] memory a = _approvals(address(guardian), tooHigh, d, 3);
        vm.expectRevert(
            abi.encodeWithSelector(
                IGuardianMultisig.GuardianCallFailed.selector,
                address(guardian),
                abi.encodeWithSelector(IGuardianMultisig.GuardianInvalidThreshold.selector, 6, 5)
            )
        );
        guardian.execute(address(guardian), tooHigh, d, a);

        bytes memory zero = abi.encodeCall(IGuardianMultisig.changeThreshold, (0));
        a = _approvals(address(guardian), zero, d, 3);
        vm.expectRevert(
            abi.encodeWithSelector(
                IGuardianMultisig.GuardianCallFailed.selector,
                address(guardian),
                abi.encodeWithSelector(IGuardianMultisig.GuardianInvalidThreshold.selector, 0, 5)
            )
        );
        guardian.execute(address(guardian), zero, d, a);

        bytes memory removeBelow = abi.encodeCall(IGuardianMultisig.removeOwner, (guardianOwners[0], 5));
        a = _approvals(address(guardian), removeBelow, d, 3);
        vm.expectRevert(
            abi.encodeWithSelector(
                IGuardianMultisig.GuardianCallFailed.selector,
                address(guardian),
                abi.encodeWithSelector(IGuardianMultisig.GuardianInvalidThreshold.selector, 5, 4)
            )
        );
        guardian.execute(address(guardian), removeBelow, d, a);

        bytes memory removeStranger = abi.encodeCall(IGuardianMultisig.removeOwner, (alice, 3));
        a = _approvals(address(guardian), removeStranger, d, 3);
        vm.expectRevert(
            abi.encodeWithSelector(
                IGuardianMultisig.GuardianCallFailed.selector,
                address(guardian),
                abi.encodeWithSelector(IGuardianMultisig.GuardianInvalidOwner.selector, alice)
            )
        );
        guardian.execute(address(guardian), removeStranger, d, a);
        assertEq(guardian.owners().length, 5);
        assertEq(guardian.threshold(), 3);
    }

    function test_RevertWhen_ConstructedWithCorruptOwners() public {
        IGuardianMultisig.CallPermission[] memory none = new IGuardianMultisig.CallPermission[](0);
        address[] memory dup = new address[](2);
        dup[0] = alice;
        dup[1] = alice;
        vm.expectRevert(abi.encodeWithSelector(IGuardianMultisig.GuardianInvalidOwner.selector, alice));
        new GuardianMultisig(dup, 1, address(timelock), none);

        address[] memory withZero = new address[](1);
        vm.expectRevert(abi.encodeWithSelector(IGuardianMultisig.GuardianInvalidOwner.selector, address(0)));
        new GuardianMultisig(withZero, 1, address(timelock), none);

        address[] memory one = new address[](1);
        one[0] = alice;
        vm.expectRevert(abi.encodeWithSelector(IGuardianMultisig.GuardianInvalidThreshold.selector, 2, 1));
        new GuardianMultisig(one, 2, address(timelock), none);

        address[] memory many = new address[](21);
        for (uint256 i; i < many.length; ++i) {
            many[i] = makeAddr(string.concat("o", vm.toString(i)));
        }
        vm.expectRevert(abi.encodeWithSelector(IGuardianMultisig.GuardianTooManyOwners.selector, 21, 20));
        new GuardianMultisig(many, 1, address(timelock), none);
    }

    function test_RevertWhen_OwnerManagementCalledDirectly() public {
        vm.startPrank(guardianOwners[0]);
        vm.expectRevert(
            abi.encodeWithSelector(IGuardianMultisig.GuardianOnlySelf.selector, guardianOwners[0])
        );
        guardian.addOwner(alice, 3);
        vm.expectRevert(
            abi.encodeWithSelector(IGuardianMultisig.GuardianOnlySelf.selector, guardianOwners[0])
        );
        guardian.removeOwner(guardianOwners[1], 3);
        vm.expectRevert(
            abi.encodeWithSelector(IGuardianMultisig.GuardianOnlySelf.selector, guardianOwners[0])
        );
        guardian.changeThreshold(1);
        vm.expectRevert(
            abi.encodeWithSelector(IGuardianMultisig.GuardianOnlyGovernance.selector, guardianOwners[0])
        );
        guardian.setCallAllowed(address(treasury), IConclaveTreasury.spend.selector, true);
        vm.stopPrank();
    }

    function test_AllowListKeptByGovernance() public {
        bytes memory call = abi.encodeCall(CallReceiver.ping, (3));
        _governance(
            address(guardian),
            abi.encodeCall(
                IGuardianMultisig.setCallAllowed, (address(partner), CallReceiver.ping.selector, false)
            )
        );
        uint256 deadline = _deadline();
        IGuardianMultisig.Approval[] memory approvals = _approvals(address(partner), call, deadline, 3);
        vm.expectRevert(
            abi.encodeWithSelector(
                IGuardianMultisig.GuardianCallNotAllowed.selector,
                address(partner),
                CallReceiver.ping.selector
            )
        );
        guardian.execute(address(partner), call, deadline, approvals);
    }
}
