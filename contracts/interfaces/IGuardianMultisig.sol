// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IGuardianMultisig
/// @notice The emergency multisig: M-of-N owners who can stop harm (pause, unpause, cancel a proposal, cancel a
/// Timelock operation, veto a slash) and can never move funds.
/// @dev Execution: anyone submits `execute(target, data, deadline, approvals)` with at least `threshold` approvals.
/// Each approval is an owner's signature over the EIP-712 struct
/// `Execute(address target,bytes data,uint256 nonce,uint256 deadline)` in this contract's domain (name
/// "Conclave Guardian", version "1", chain id, this address), so it cannot be replayed on another chain, another
/// multisig or another nonce, and it expires at `deadline`. Approvals are strictly ordered by signer address (which
/// also rules out duplicates); EOA signatures are checked with non-malleable ECDSA, contract owners with ERC-1271.
///
/// What it can call: only `CALL`, never `DELEGATECALL`, never with value, and only an allow-listed (target, selector)
/// pair. The allow-list is kept by governance (the Timelock), not by the owners, so the owners cannot widen their
/// own powers. Owner and threshold changes are calls to this contract itself, approved like any other execution.
interface IGuardianMultisig {
    /// @notice One owner's approval of an execution.
    struct Approval {
        address signer;
        bytes signature;
    }

    /// @notice A (target, selector) pair the multisig may call.
    struct CallPermission {
        address target;
        bytes4 selector;
    }

    /// @notice Execution `nonce` called `target` with `data`, approved by `signers`.
    event Executed(
        uint256 indexed nonce, address indexed target, bytes4 indexed selector, bytes data, address[] signers
    );

    /// @notice An owner was added.
    event OwnerAdded(address indexed owner);

    /// @notice An owner was removed.
    event OwnerRemoved(address indexed owner);

    /// @notice The threshold changed.
    event ThresholdChanged(uint256 previousThreshold, uint256 newThreshold);

    /// @notice Governance allowed or disallowed `target`.`selector`.
    event CallAllowed(address indexed target, bytes4 indexed selector, bool allowed);

    /// @notice The approvals expired at `deadline` (now `timestamp`).
    error GuardianApprovalExpired(uint256 deadline, uint256 timestamp);

    /// @notice `count` approvals were given, fewer than the `threshold`.
    error GuardianBelowThreshold(uint256 count, uint256 threshold);

    /// @notice Approval `index` by `signer` does not come strictly after `previous` (unordered or duplicate).
    error GuardianSignersNotOrdered(uint256 index, address previous, address signer);

    /// @notice `signer` is not an owner.
    error GuardianNotOwner(address signer);

    /// @notice The signature of `signer` is not valid for this execution.
    error GuardianInvalidSignature(address signer);

    /// @notice `target`.`selector` is not on the allow-list.
    error GuardianCallNotAllowed(address target, bytes4 selector);

    /// @notice Calldata must hold at least a selector.
    error GuardianInvalidCalldata();

    /// @notice The call to `target` reverted with `reason`.
    error GuardianCallFailed(address target, bytes reason);

    /// @notice `owner` cannot be an owner here (zero, this contract, already an owner, or not an owner to remove).
    error GuardianInvalidOwner(address owner);

    /// @notice A threshold of `threshold` is invalid for `owners` owners (it must be 1..owners).
    error GuardianInvalidThreshold(uint256 threshold, uint256 owners);

    /// @notice More than `MAX_OWNERS` owners.
    error GuardianTooManyOwners(uint256 owners, uint256 maximum);

    /// @notice Only the multisig itself (an approved execution) may call.
    error GuardianOnlySelf(address caller);

    /// @notice Only governance (the Timelock) may call.
    error GuardianOnlyGovernance(address caller);

    /// @notice Executes an allow-listed call approved by at least `threshold` owners.
    /// @return result The call's return data.
    function execute(address target, bytes calldata data, uint256 deadline, Approval[] calldata approvals)
        external
        returns (bytes memory result);

    /// @notice Adds an owner and sets the threshold. Only through `execute` on this contract.
    function addOwner(address owner, uint256 newThreshold) external;

    /// @notice Removes an owner and sets the threshold. Only through `execute` on this contract.
    function removeOwner(address owner, uint256 newThreshold) external;

    /// @notice Sets the threshold. Only through `execute` on this contract.
    function changeThreshold(uint256 newThreshold) external;

    /// @notice Allows or disallows a (target, selector) pair. Governance (the Timelock) only.
    function setCallAllowed(address target, bytes4 selector, bool allowed) external;

    /// @notice The EIP-712 digest owners sign for an execution.
    function hashExecution(address target, bytes calldata data, uint256 nonce, uint256 deadline)
        external
        view
        returns (bytes32);

    /// @notice The owners, in the order they were added.
    function owners() external view returns (address[] memory);

    /// @notice Whether `account` is an owner.
    function isOwner(address account) external view returns (bool);

    /// @notice The number of approvals an execution needs.
    function threshold() external view returns (uint256);

    /// @notice The nonce the next execution must be approved with.
    function nonce() external view returns (uint256);

    /// @notice Whether `target`.`selector` may be called.
    function isCallAllowed(address target, bytes4 selector) external view returns (bool);

    /// @notice The governance executor that keeps the allow-list.
    function governance() external view returns (address);
}
