// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";

/// @title ConclaveToken
/// @notice The protocol token: a plain ERC-20 with EIP-2612 permit and a fixed supply minted once at deployment.
/// @dev Voting power comes from stake in the StakingVault, not from holding the token, so the token carries no
/// votes and has no owner, mint or burn.
contract ConclaveToken is ERC20, ERC20Permit {
    /// @notice The whole supply, minted at deployment (constant).
    uint256 public constant TOTAL_SUPPLY = 1_000_000_000 ether;

    constructor(address recipient) ERC20("Conclave", "CNCL") ERC20Permit("Conclave") {
        _mint(recipient, TOTAL_SUPPLY);
    }
}
