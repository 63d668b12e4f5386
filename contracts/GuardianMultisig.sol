// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IGuardianMultisig} from "./interfaces/IGuardianMultisig.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";

/// @title GuardianMultisig
/// @notice M-of-N emergency multisig limited to allow-listed calls without value.
contract GuardianMultisig is IGuardianMultisig, EIP712, ReentrancyGuardTransient {
    /// @notice The most owners the multisig may have (constant), which bounds an execution's gas.
    uint256 public constant MAX_OWNERS = 20;

    bytes32 private constant _EXECUTE_TYPEHASH =
        keccak256("Execute(address target,bytes data,uint256 nonce,uint256 deadline)");

    address private immutable _GOVERNANCE;

    address[] private _owners;
    mapping(address account => bool) private _isOwner;
    mapping(address target => mapping(bytes4 selector => bool)) private _allowed;
    uint256 public threshold;
    uint256 public nonce;

    constructor(
        address[] memory owners_,
        uint256 threshold_,
        address governance_,
        CallPermission[] memory initialPermissions
    ) EIP712("Conclave Guardian", "1") {
        _GOVERNANCE = governance_;
        for (uint256 i; i < owners_.length; ++i) {
            _addOwner(owners_[i]);
        }
        _changeThreshold(threshold_);
        for (uint256 i; i < initialPermissions.length; ++i) {
            _setCallAllowed(initialPermissions[i].target, initialPermissions[i].selector, true);
        }
    }

    modifier onlySelf() {
        if (msg.sender != address(this)) revert GuardianOnlySelf(msg.sender);
        _;
    }

    /// @inheritdoc IGuardianMultisig
    function execute(address target, bytes calldata data, uint256 deadline, Approval[] calldata approvals)
        external
        nonReentrant
        returns (bytes memory result)
    {
        if (block.timestamp > deadline) revert GuardianApprovalExpired(deadline, block.timestamp);
        if (data.length < 4) revert GuardianInvalidCalldata();
        bytes4 selector = bytes4(data[:4]);
        if (!_isCallAllowed(target, selector)) revert GuardianCallNotAllowed(target, selector);
        if (approvals.length < threshold) revert GuardianBelowThreshold(approvals.length, threshold);

        uint256 currentNonce = nonce;
        bytes32 digest = _hashExecution(target, data, currentNonce, deadline);
        address[] memory signers = new address[](approvals.length);
        address previous;
        for (uint256 i; i < approvals.length; ++i) {
            address signer = approvals[i].signer;
            if (signer <= previous) revert GuardianSignersNotOrdered(i, previous, signer);
            if (!_isOwner[signer]) revert GuardianNotOwner(signer);
            if (!_isValidApproval(signer, digest, approvals[i].signature)) {
                revert GuardianInvalidSignature(signer);
            }
            signers[i] = signer;
            previous = signer;
        }

        // The nonce moves before the call, so no approval can be used twice, even by a reentrant call.
        nonce = currentNonce + 1;
        emit Executed(currentNonce, target, selector, data, signers);
        bool ok;
        // solhint-disable-next-line avoid-low-level-calls
        (ok, result) = target.call(data);
        if (!ok) revert GuardianCallFailed(target, result);
    }

    /// @inheritdoc IGuardianMultisig
    function addOwner(address owner, uint256 newThreshold) external onlySelf {
        _addOwner(owner);
        _changeThreshold(newThreshold);
    }

    /// @inheritdoc IGuardianMultisig
    function removeOwner(address owner, uint256 newThreshold) external onlySelf {
        if (!_isOwner[owner]) revert GuardianInvalidOwner(owner);
        uint256 last = _owners.length - 1;
        for (uint256 i; i <= last; ++i) {
            if (_owners[i] == owner) {
                _owners[i] = _owners[last];
                _owners.pop();
                break;
            }
        }
        _isOwner[owner] = false;
        emit OwnerRemoved(owner);
        _changeThreshold(newThreshold);
    }

    /// @inheritdoc IGuardianMultisig
    function changeThreshold(uint256 newThreshold) external onlySelf {
        _changeThreshold(newThreshold);
    }

    /// @inheritdoc IGuardianMultisig
    function setCallAllowed(address target, bytes4 selector, bool allowed) external {
        if (msg.sender != _GOVERNANCE) revert GuardianOnlyGovernance(msg.sender);
        _setCallAllowed(target, selector, allowed);
    }

    /// @inheritdoc IGuardianMultisig
    function hashExecution(address target, bytes calldata data, uint256 nonce_, uint256 deadline)
        external
        view
        returns (bytes32)
    {
        return _hashExecution(target, data, nonce_, deadline);
    }

    /// @inheritdoc IGuardianMultisig
    function owners() external view returns (address[] memory) {
        return _owners;
    }

    /// @inheritdoc IGuardianMultisig
    function isOwner(address account) external view returns (bool) {
        return _isOwner[account];
    }

    /// @inheritdoc IGuardianMultisig
    function isCallAllowed(address target, bytes4 selector) external view returns (bool) {
        return _isCallAllowed(target, selector);
    }

    /// @inheritdoc IGuardianMultisig
    function governance() external view returns (address) {
        return _GOVERNANCE;
    }

    /// @dev The owner-management functions are always callable on this contract itself; nothing else is unless
    /// governance allowed it.
    function _isCallAllowed(address target, bytes4 selector) private view returns (bool) {
        if (target == address(this)) {
            return selector == this.addOwner.selector || selector == this.removeOwner.selector
                || selector == this.changeThreshold.selector;
        }
        return _allowed[target][selector];
    }

    /// @dev Non-malleable ECDSA first (no code lookup, so an EOA costs no cold account access, and EIP-7702
    /// accounts sign as their key), then ERC-1271 for contract owners.
    function _isValidApproval(address signer, bytes32 digest, bytes calldata signature)
        private
        view
        returns (bool)
    {
        (address recovered, ECDSA.RecoverError err,) = ECDSA.tryRecoverCalldata(digest, signature);
        if (err == ECDSA.RecoverError.NoError && recovered == signer) return true;
        return SignatureChecker.isValidERC1271SignatureNowCalldata(signer, digest, signature);
    }

    function _hashExecution(address target, bytes calldata data, uint256 nonce_, uint256 deadline)
        private
        view
        returns (bytes32)
    {
        return _hashTypedDataV4(
            keccak256(abi.encode(_EXECUTE_TYPEHASH, target, keccak256(data), nonce_, deadline))
        );
    }

    function _setCallAllowed(address target, bytes4 selector, bool allowed) private {
        _allowed[target][selector] = allowed;
        emit CallAllowed(target, selector, allowed);
    }

    function _addOwner(address owner) private {
        if (owner == address(0) || owner == address(this) || _isOwner[owner]) {
            revert GuardianInvalidOwner(owner);
        }
        if (_owners.length == MAX_OWNERS) revert GuardianTooManyOwners(_owners.length + 1, MAX_OWNERS);
        _owners.push(owner);
        _isOwner[owner] = true;
        emit OwnerAdded(owner);
    }

    function _changeThreshold(uint256 newThreshold) private {
        if (newThreshold == 0 || newThreshold > _owners.length) {
            revert GuardianInvalidThreshold(newThreshold, _owners.length);
        }
        emit ThresholdChanged(threshold, newThreshold);
        threshold = newThreshold;
    }
}
