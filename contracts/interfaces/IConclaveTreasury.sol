// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IConclaveTreasury
/// @notice Holds the protocol's funds (slashed stake, protocol fees, allocations) and spends them only on the
/// Timelock's order, keeping an emergency reserve.
/// @dev Reserve floor: an ordinary `spend` may not leave less than `reserveFloorBps` of the token's holdings, where
/// the holdings are the larger of those when the transaction's first spend of that token ran and those now (tokens
/// that arrive between two spends raise the floor). One proposal that spends the same token several times is
/// therefore held to one floor that never falls; only `emergencySpend` goes below it, and the Governor
/// maps it to the `Emergency` category, which passes only as an expedited proposal. The native currency is
/// `token == address(0)`.
interface IConclaveTreasury {
    /// @notice `amount` of `token` went to `to`, leaving `balanceAfter`.
    event Spent(
        address indexed token, address indexed to, uint256 amount, uint256 balanceAfter, bool emergency
    );

    /// @notice Native currency arrived.
    event NativeReceived(address indexed from, uint256 amount);

    /// @notice The reserve floor changed.
    event ReserveFloorSet(uint256 previousBps, uint256 newBps);

    /// @notice Only the governance executor (the Timelock) may call.
    error TreasuryNotGovernance(address caller);

    /// @notice The spend would leave `balanceAfter`, below the reserve floor `floor`.
    error TreasuryBelowReserveFloor(address token, uint256 balanceAfter, uint256 floor);

    /// @notice The treasury holds `balance` of `token`, less than `amount`.
    error TreasuryInsufficientBalance(address token, uint256 balance, uint256 amount);

    /// @notice Amounts must be greater than zero.
    error TreasuryZeroAmount();

    /// @notice The recipient must not be the zero address.
    error TreasuryZeroRecipient();

    /// @notice A native transfer to `to` failed.
    error TreasuryNativeTransferFailed(address to, uint256 amount);

    /// @notice A floor of `bps` is outside [`lowerBound`, `upperBound`].
    error TreasuryReserveFloorOutOfBounds(uint256 bps, uint256 lowerBound, uint256 upperBound);

    /// @notice Pays `amount` of `token` to `to`, keeping the reserve floor. Governance only.
    function spend(address token, address to, uint256 amount) external;

    /// @notice Pays `amount` of `token` to `to`, below the floor if need be. Governance only (Emergency category).
    function emergencySpend(address token, address to, uint256 amount) external;

    /// @notice Sets the reserve floor, within [`MIN_RESERVE_FLOOR_BPS`, `MAX_RESERVE_FLOOR_BPS`]. Governance only.
    function setReserveFloor(uint256 bps) external;

    /// @notice The reserve floor in basis points of holdings.
    function reserveFloorBps() external view returns (uint256);

    /// @notice The amount of `token` an ordinary spend must leave now (before any spend in this transaction).
    function reserveFloor(address token) external view returns (uint256);

    /// @notice The treasury's holdings of `token` (`address(0)`: native currency).
    function holdings(address token) external view returns (uint256);

    /// @notice The governance executor (the Timelock).
    function governance() external view returns (address);
}
