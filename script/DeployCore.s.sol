// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AgentRegistry} from "../contracts/AgentRegistry.sol";
import {ConclaveToken} from "../contracts/ConclaveToken.sol";
import {StakingVault} from "../contracts/StakingVault.sol";
import {IAgentRegistry} from "../contracts/interfaces/IAgentRegistry.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @notice Deploys the core group: protocol token, agent registry and staking vault, wired together.
/// @dev `admin` is the account making the calls (the deployer); it keeps every right until the governance group
/// hands them over.
abstract contract DeployCore {
    struct Core {
        ConclaveToken token;
        AgentRegistry registry;
        StakingVault vault;
    }

    function _deployCore(address admin, address tokenRecipient, address slashRecipient)
        internal
        returns (Core memory core)
    {
        core.token = new ConclaveToken(tokenRecipient);
        core.registry = new AgentRegistry(admin);
        core.vault = new StakingVault(
            IERC20(address(core.token)), IAgentRegistry(address(core.registry)), admin, slashRecipient
        );
        core.registry.setStakingVault(address(core.vault));
    }
}
