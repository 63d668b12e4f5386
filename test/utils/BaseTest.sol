// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AgentRegistry} from "../../contracts/AgentRegistry.sol";
import {ConclaveToken} from "../../contracts/ConclaveToken.sol";
import {StakingVault} from "../../contracts/StakingVault.sol";
import {IAgentRegistry} from "../../contracts/interfaces/IAgentRegistry.sol";
import {Deploy} from "../../script/Deploy.s.sol";
import {IERC5267} from "@openzeppelin/contracts/interfaces/IERC5267.sol";
import {Test} from "forge-std/Test.sol";

/// @notice Deploys the whole protocol through `Deploy.deploy`, exactly as `script/Deploy.s.sol` does, and names
/// the actors.
abstract contract BaseTest is Test {
    Deploy internal deployScript;
    Deploy.Deployment internal deployment;

    ConclaveToken internal token;
    AgentRegistry internal registry;
    StakingVault internal vault;

    /// The account that deployed and holds the admin rights (the deploy script contract itself in tests).
    address internal admin;
    address internal holder = makeAddr("holder");
    address internal slasher = makeAddr("slasher");
    address internal pauser = makeAddr("pauser");
    address internal alice = makeAddr("alice");
    address internal bob = makeAddr("bob");
    address internal carol = makeAddr("carol");
    address internal operator = makeAddr("operator");

    IAgentRegistry.MetadataEntry[] internal noMetadata;

    function setUp() public virtual {
        vm.warp(1_750_000_000);
        deployScript = new Deploy();
        admin = address(deployScript);
        deployment = deployScript.deploy(Deploy.Config({deployer: admin, tokenRecipient: holder}));
        token = deployment.core.token;
        registry = deployment.core.registry;
        vault = deployment.core.vault;

        vm.startPrank(admin);
        vault.grantRole(vault.SLASHER_ROLE(), slasher);
        vault.grantRole(vault.PAUSER_ROLE(), pauser);
        vm.stopPrank();

        vm.label(address(token), "ConclaveToken");
        vm.label(address(registry), "AgentRegistry");
        vm.label(address(vault), "StakingVault");
    }

    // ---------------------------------------------------------------- helpers

    function _fund(address to, uint256 amount) internal {
        vm.prank(holder);
        token.transfer(to, amount);
    }

    function _register(address owner, IAgentRegistry.Role role) internal returns (uint256 agentId) {
        vm.prank(owner);
        agentId = registry.registerAgent("ipfs://bafkreigh2akiscaildc", noMetadata, role);
    }

    /// Funds `owner`, approves the vault and stakes `amount` for `agentId`.
    function _stake(address owner, uint256 agentId, uint256 amount) internal {
        _fund(owner, amount);
        vm.startPrank(owner);
        token.approve(address(vault), amount);
        vault.stake(agentId, amount);
        vm.stopPrank();
    }

    function _registerAndStake(address owner, IAgentRegistry.Role role, uint256 amount)
        internal
        returns (uint256 agentId)
    {
        agentId = _register(owner, role);
        _stake(owner, agentId, amount);
    }

    /// The EIP-712 digest of `structHash` under `target`'s own domain (read through ERC-5267).
    function _eip712Digest(IERC5267 target, bytes32 structHash) internal view returns (bytes32) {
        (, string memory name, string memory version, uint256 chainId, address verifyingContract,,) =
            target.eip712Domain();
        bytes32 domainSeparator = keccak256(
            abi.encode(
                keccak256(
                    "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"
                ),
                keccak256(bytes(name)),
                keccak256(bytes(version)),
                chainId,
                verifyingContract
            )
        );
        return keccak256(abi.encodePacked("\x19\x01", domainSeparator, structHash));
    }
}
