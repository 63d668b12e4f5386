// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AgentRegistry} from "../../../contracts/AgentRegistry.sol";
import {ConclaveToken} from "../../../contracts/ConclaveToken.sol";
import {StakingVault} from "../../../contracts/StakingVault.sol";
import {IAgentRegistry} from "../../../contracts/interfaces/IAgentRegistry.sol";
import {IERC721Receiver} from "@openzeppelin/contracts/token/ERC721/IERC721Receiver.sol";

/// @notice Test and benchmark helper: generates a large protocol history (registrations, stakes, unstake requests)
/// in few transactions, through the protocol's public functions. Used by the indexer's crash test and benchmark.
contract HistorySeeder is IERC721Receiver {
    AgentRegistry internal immutable REGISTRY;
    StakingVault internal immutable VAULT;

    constructor(AgentRegistry registry, StakingVault vault, ConclaveToken token) {
        REGISTRY = registry;
        VAULT = vault;
        token.approve(address(vault), type(uint256).max);
    }

    /// @notice Registers `count` agents, stakes `stakeEach` for each, and asks to unstake half of every fourth.
    function seed(uint256 count, uint256 stakeEach) external {
        IAgentRegistry.MetadataEntry[] memory none = new IAgentRegistry.MetadataEntry[](0);
        for (uint256 i; i < count; ++i) {
            uint256 agentId = REGISTRY.registerAgent(
                "", none, i % 3 == 0 ? IAgentRegistry.Role.Specialized : IAgentRegistry.Role.Utility
            );
            VAULT.stake(agentId, stakeEach);
            if (i % 4 == 0) VAULT.requestUnstake(agentId, stakeEach / 2);
        }
    }

    function onERC721Received(address, address, uint256, bytes calldata) external pure returns (bytes4) {
        return IERC721Receiver.onERC721Received.selector;
    }
}
