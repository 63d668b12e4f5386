// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAgentRegistry} from "../contracts/interfaces/IAgentRegistry.sol";
import {DeployGovernance} from "./DeployGovernance.s.sol";
import {Script} from "forge-std/Script.sol";

/// @title Deploy
/// @notice Deploys the Conclave protocol, hands every right to the Timelock, and writes
/// `deployments/<chainId>.json`.
/// @dev Environment:
/// - `DEPLOYER_PRIVATE_KEY`: the deploying key (defaults to anvil's first account on chain 31337 only);
/// - `GUARDIAN_OWNERS` (comma-separated addresses) and `GUARDIAN_THRESHOLD`: the guardian multisig (default on
///   chain 31337: anvil's accounts 6-10, 3-of-5; required elsewhere);
/// - `TREASURY_ALLOCATION`: tokens (wei) sent to the treasury (default 600,000,000 CNCL);
/// - `DEMO_AGENTS`: `true` to register and stake the five C-suite demo agents from anvil's accounts 1-5 (local
///   chains only: anvil's keys are public, and the demo agents hold every C-suite seat);
/// - `DEPLOYMENTS_DIR`: where to write the deployment file (default `deployments`).
/// Tests call `deploy` and `handOver` directly, so they deploy exactly what the script deploys.
contract Deploy is Script, DeployGovernance {
    struct Config {
        /// The account that makes the deployment calls; it holds no right after `handOver`.
        address deployer;
        /// Receives the supply not allocated to the treasury.
        address tokenRecipient;
        uint256 treasuryAllocation;
        address[] guardianOwners;
        uint256 guardianThreshold;
    }

    struct Deployment {
        Core core;
        Governance gov;
        uint256 startBlock;
    }

    string internal constant _ANVIL_MNEMONIC = "test test test test test test test test test test test junk";
    /// @dev anvil's and Hardhat's default chain id: the only chain the demo agents may be seeded on.
    uint256 internal constant _LOCAL_CHAIN_ID = 31_337;

    /// @notice `DEMO_AGENTS` was requested on chain `chainId`, which is not a local chain.
    error DeployDemoAgentsOnLocalChainOnly(uint256 chainId);
    uint256 internal constant _DEMO_STAKE = 10_000 ether;

    function run() external returns (Deployment memory deployment) {
        bool demoAgents = vm.envOr("DEMO_AGENTS", false);
        if (demoAgents && block.chainid != _LOCAL_CHAIN_ID) {
            revert DeployDemoAgentsOnLocalChainOnly(block.chainid);
        }
        uint256 deployerKey = _deployerKey();
        address deployer = vm.addr(deployerKey);
        (address[] memory owners, uint256 threshold) = _guardianConfig();
        Config memory config = Config({
            deployer: deployer,
            tokenRecipient: deployer,
            treasuryAllocation: vm.envOr("TREASURY_ALLOCATION", uint256(600_000_000 ether)),
            guardianOwners: owners,
            guardianThreshold: threshold
        });

        vm.startBroadcast(deployerKey);
        deployment = deploy(config);
        vm.stopBroadcast();

        if (demoAgents) _seedDemoAgents(deployment, deployerKey);

        vm.startBroadcast(deployerKey);
        handOver(deployment, deployer);
        vm.stopBroadcast();
        _writeDeployment(deployment);
    }

    /// @notice Deploys and wires every contract group and allocates the token supply. The deployer keeps its
    /// rights until `handOver`. Call from a broadcast (script) or directly (tests).
    function deploy(Config memory config) public returns (Deployment memory deployment) {
        deployment.startBlock = block.number;
        deployment.core = _deployCore(config.deployer, config.deployer, config.deployer);
        deployment.gov = _deployGovernance(
            deployment.core, config.deployer, config.guardianOwners, config.guardianThreshold
        );
        deployment.core.token.transfer(address(deployment.gov.treasury), config.treasuryAllocation);
        if (config.tokenRecipient != config.deployer) {
            deployment.core.token
                .transfer(config.tokenRecipient, deployment.core.token.balanceOf(config.deployer));
        }
    }

    /// @notice Hands every right to the Timelock; `deployer` keeps none.
    function handOver(Deployment memory deployment, address deployer) public {
        _handOver(deployment.core, deployment.gov, deployer);
    }

    /// @dev The five C-suite seats, each held by an agent registered and staked by one of anvil's accounts 1-5.
    function _seedDemoAgents(Deployment memory deployment, uint256 deployerKey) internal {
        Core memory core = deployment.core;
        IAgentRegistry.MetadataEntry[] memory noMetadata = new IAgentRegistry.MetadataEntry[](0);
        string[5] memory names = ["ceo", "cto", "cfo", "clo", "cmo"];
        IAgentRegistry.Role[5] memory seats = [
            IAgentRegistry.Role.CEO,
            IAgentRegistry.Role.CTO,
            IAgentRegistry.Role.CFO,
            IAgentRegistry.Role.CLO,
            IAgentRegistry.Role.CMO
        ];
        for (uint32 i; i < 5; ++i) {
            uint256 key = vm.deriveKey(_ANVIL_MNEMONIC, i + 1);
            address owner = vm.addr(key);

            vm.broadcast(deployerKey);
            core.token.transfer(owner, _DEMO_STAKE);

            vm.startBroadcast(key);
            uint256 agentId = core.registry
                .registerAgent(
                    string.concat("https://demo.conclave.invalid/agents/", names[i], ".json"),
                    noMetadata,
                    IAgentRegistry.Role.Specialized
                );
            core.token.approve(address(core.vault), _DEMO_STAKE);
            core.vault.stake(agentId, _DEMO_STAKE);
            vm.stopBroadcast();

            vm.broadcast(deployerKey);
            core.registry.grantSeat(agentId, seats[i]);
        }
    }

    function _deployerKey() internal view returns (uint256) {
        if (block.chainid == _LOCAL_CHAIN_ID) {
            return vm.envOr("DEPLOYER_PRIVATE_KEY", vm.deriveKey(_ANVIL_MNEMONIC, 0));
        }
        return vm.envUint("DEPLOYER_PRIVATE_KEY");
    }

    function _guardianConfig() internal view returns (address[] memory owners, uint256 threshold) {
        if (block.chainid == _LOCAL_CHAIN_ID && !vm.envExists("GUARDIAN_OWNERS")) {
            owners = new address[](5);
            for (uint32 i; i < 5; ++i) {
                owners[i] = vm.addr(vm.deriveKey(_ANVIL_MNEMONIC, i + 6));
            }
            return (owners, vm.envOr("GUARDIAN_THRESHOLD", uint256(3)));
        }
        return (vm.envAddress("GUARDIAN_OWNERS", ","), vm.envUint("GUARDIAN_THRESHOLD"));
    }

    function _writeDeployment(Deployment memory deployment) internal {
        string memory dir = vm.envOr("DEPLOYMENTS_DIR", string("deployments"));
        string memory contracts = "contracts";
        vm.serializeAddress(contracts, "ConclaveToken", address(deployment.core.token));
        vm.serializeAddress(contracts, "AgentRegistry", address(deployment.core.registry));
        vm.serializeAddress(contracts, "StakingVault", address(deployment.core.vault));
        vm.serializeAddress(contracts, "ConclaveTimelock", address(deployment.gov.timelock));
        vm.serializeAddress(contracts, "ConclaveTreasury", address(deployment.gov.treasury));
        vm.serializeAddress(contracts, "GuardianMultisig", address(deployment.gov.guardian));
        vm.serializeAddress(contracts, "FeeEscrow", address(deployment.gov.escrow));
        vm.serializeAddress(contracts, "ToolRegistry", address(deployment.gov.tools));
        vm.serializeAddress(contracts, "ReputationRegistry", address(deployment.gov.reputation));
        vm.serializeAddress(contracts, "SlashingManager", address(deployment.gov.slashing));
        vm.serializeAddress(contracts, "RewardsDistributor", address(deployment.gov.rewards));
        string memory contractsJson =
            vm.serializeAddress(contracts, "ConclaveGovernor", address(deployment.gov.governor));

        string memory root = "deployment";
        vm.serializeUint(root, "chainId", block.chainid);
        vm.serializeUint(root, "startBlock", deployment.startBlock);
        string memory json = vm.serializeString(root, "contracts", contractsJson);
        vm.writeJson(json, string.concat(dir, "/", vm.toString(block.chainid), ".json"));
    }
}
