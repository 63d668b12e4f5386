// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IConclaveTreasury} from "./interfaces/IConclaveTreasury.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {SlotDerivation} from "@openzeppelin/contracts/utils/SlotDerivation.sol";
import {TransientSlot} from "@openzeppelin/contracts/utils/TransientSlot.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/// @title ConclaveTreasury
/// @notice The protocol treasury, driven only by the Timelock, with a reserve floor per token.
contract ConclaveTreasury is IConclaveTreasury, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;
    using SlotDerivation for bytes32;
    using TransientSlot for *;

    /// @notice Bounds of the reserve floor (constant).
    uint256 public constant MIN_RESERVE_FLOOR_BPS = 500;
    uint256 public constant MAX_RESERVE_FLOOR_BPS = 5000;
    uint256 private constant _BPS = 10_000;
    /// @dev Transient slot base for the holdings at a transaction's first spend of each token.
    bytes32 private constant _REFERENCE_SLOT = bytes32(uint256(keccak256("conclave.treasury.reference")) - 1);

    address private immutable _GOVERNANCE;
    uint256 public reserveFloorBps;

    constructor(address governance_) {
        _GOVERNANCE = governance_;
        _setReserveFloor(2000);
    }

    modifier onlyGovernance() {
        if (msg.sender != _GOVERNANCE) revert TreasuryNotGovernance(msg.sender);
        _;
    }

    receive() external payable {
        emit NativeReceived(msg.sender, msg.value);
    }

    /// @inheritdoc IConclaveTreasury
    function spend(address token, address to, uint256 amount) external onlyGovernance nonReentrant {
        uint256 balance = _checkSpend(token, to, amount);
        TransientSlot.Uint256Slot slot = _REFERENCE_SLOT.deriveMapping(token).asUint256();
        // The larger of the holdings at the transaction's first spend (so splitting a spend cannot step below the
        // floor) and the holdings now (so tokens that arrived since raise it).
        uint256 reference_ = slot.tload();
        if (balance > reference_) {
            reference_ = balance;
            slot.tstore(balance);
        }
        uint256 floor = Math.mulDiv(reference_, reserveFloorBps, _BPS, Math.Rounding.Ceil);
        if (balance - amount < floor) revert TreasuryBelowReserveFloor(token, balance - amount, floor);
        _pay(token, to, amount, balance, false);
    }

    /// @inheritdoc IConclaveTreasury
    function emergencySpend(address token, address to, uint256 amount) external onlyGovernance nonReentrant {
        uint256 balance = _checkSpend(token, to, amount);
        _pay(token, to, amount, balance, true);
    }

    /// @inheritdoc IConclaveTreasury
    function setReserveFloor(uint256 bps) external onlyGovernance {
        _setReserveFloor(bps);
    }

    /// @inheritdoc IConclaveTreasury
    function reserveFloor(address token) external view returns (uint256) {
        return Math.mulDiv(holdings(token), reserveFloorBps, _BPS, Math.Rounding.Ceil);
    }

    /// @inheritdoc IConclaveTreasury
    function holdings(address token) public view returns (uint256) {
        return token == address(0) ? address(this).balance : IERC20(token).balanceOf(address(this));
    }

    /// @inheritdoc IConclaveTreasury
    function governance() external view returns (address) {
        return _GOVERNANCE;
    }

    function _checkSpend(address token, address to, uint256 amount) private view returns (uint256 balance) {
        if (amount == 0) revert TreasuryZeroAmount();
        if (to == address(0)) revert TreasuryZeroRecipient();
        balance = holdings(token);
        if (amount > balance) revert TreasuryInsufficientBalance(token, balance, amount);
    }

    function _pay(address token, address to, uint256 amount, uint256 balance, bool emergency) private {
        emit Spent(token, to, amount, balance - amount, emergency);
        if (token == address(0)) {
            // solhint-disable-next-line avoid-low-level-calls
            (bool ok,) = to.call{value: amount}("");
            if (!ok) revert TreasuryNativeTransferFailed(to, amount);
        } else {
            IERC20(token).safeTransfer(to, amount);
        }
    }

    function _setReserveFloor(uint256 bps) private {
        if (bps < MIN_RESERVE_FLOOR_BPS || bps > MAX_RESERVE_FLOOR_BPS) {
            revert TreasuryReserveFloorOutOfBounds(bps, MIN_RESERVE_FLOOR_BPS, MAX_RESERVE_FLOOR_BPS);
        }
        emit ReserveFloorSet(reserveFloorBps, bps);
        reserveFloorBps = bps;
    }
}
