// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AgentRegistry} from "../../contracts/AgentRegistry.sol";
import {ConclaveGovernor} from "../../contracts/ConclaveGovernor.sol";
import {ConclaveTimelock} from "../../contracts/ConclaveTimelock.sol";
import {ConclaveToken} from "../../contracts/ConclaveToken.sol";
import {ConclaveTreasury} from "../../contracts/ConclaveTreasury.sol";
import {FeeEscrow} from "../../contracts/FeeEscrow.sol";
import {GuardianMultisig} from "../../contracts/GuardianMultisig.sol";
import {ReputationRegistry} from "../../contracts/ReputationRegistry.sol";
import {RewardsDistributor} from "../../contracts/RewardsDistributor.sol";
import {SlashingManager} from "../../contracts/SlashingManager.sol";
import {StakingVault} from "../../contracts/StakingVault.sol";
import {ToolRegistry} from "../../contracts/ToolRegistry.sol";
import {IAgentRegistry} from "../../contracts/interfaces/IAgentRegistry.sol";
import {Deploy} from "../../script/Deploy.s.sol";
import {IERC5267} from "@openzeppelin/contracts/interfaces/IERC5267.sol";
import {Test} from "forge-std/Test.sol";

/// @notice Deploys the whole protocol through `Deploy.deploy` and `Deploy.handOver`, exactly as
/// `script/Deploy.s.sol` does, and names the actors. After the hand-over the Timelock is the only admin.
abstract contract BaseTest is Test {
    Deploy internal deployScript;
    Deploy.Deployment internal deployment;

    ConclaveToken internal token;
    AgentRegistry internal registry;
    StakingVault internal vault;
    ConclaveTimelock internal timelock;
    ConclaveTreasury internal treasury;
    GuardianMultisig internal guardian;
    ConclaveGovernor internal governor;
    FeeEscrow internal escrow;
    ToolRegistry internal tools;
    ReputationRegistry internal reputation;
    SlashingManager internal slashing;
    RewardsDistributor internal rewards;

    uint256 internal constant TREASURY_ALLOCATION = 100_000_000 ether;

    /// The deploying account (the deploy script contract itself in tests); it holds no right after the hand-over.
    address internal deployer;
    /// The admin of every contract: the Timelock.
    address internal admin;
    /// Guardian multisig owners (3-of-5), sorted by address, with their keys.
    address[] internal guardianOwners;
    mapping(address owner => uint256 key) internal guardianKeys;
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
        deployer = address(deployScript);
        for (uint256 i; i < 5; ++i) {
            (address owner, uint256 key) = makeAddrAndKey(string.concat("guardianOwner", vm.toString(i)));
            guardianOwners.push(owner);
            guardianKeys[owner] = key;
        }
        _sortAddresses(guardianOwners);
        deployment = deployScript.deploy(
            Deploy.Config({
                deployer: deployer,
                tokenRecipient: holder,
                treasuryAllocation: TREASURY_ALLOCATION,
                guardianOwners: guardianOwners,
                guardianThreshold: 3
            })
        );
        deployScript.handOver(deployment, deployer);
        token = deployment.core.token;
        registry = deployment.core.registry;
        vault = deployment.core.vault;
        timelock = deployment.gov.timelock;
        treasury = deployment.gov.treasury;
        guardian = deployment.gov.guardian;
        governor = deployment.gov.governor;
        escrow = deployment.gov.escrow;
        tools = deployment.gov.tools;
        reputation = deployment.gov.reputation;
        slashing = deployment.gov.slashing;
        rewards = deployment.gov.rewards;
        admin = address(timelock);

        vm.startPrank(admin);
        vault.grantRole(vault.SLASHER_ROLE(), slasher);
        vault.grantRole(vault.PAUSER_ROLE(), pauser);
        vm.stopPrank();

        vm.label(address(token), "ConclaveToken");
        vm.label(address(registry), "AgentRegistry");
        vm.label(address(vault), "StakingVault");
        vm.label(address(timelock), "ConclaveTimelock");
        vm.label(address(treasury), "ConclaveTreasury");
        vm.label(address(guardian), "GuardianMultisig");
        vm.label(address(governor), "ConclaveGovernor");
        vm.label(address(escrow), "FeeEscrow");
        vm.label(address(tools), "ToolRegistry");
    }

    function _sortAddresses(address[] storage list) internal {
        for (uint256 i = 1; i < list.length; ++i) {
            for (uint256 j = i; j > 0 && list[j - 1] > list[j]; --j) {
                (list[j - 1], list[j]) = (list[j], list[j - 1]);
            }
        }
    }

    // ---------------------------------------------------------------- helpers

    function _fund(address to, uint256 amount) internal {
        vm.prank(holder);
        assertTrue(token.transfer(to, amount));
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

    /// An EIP-2612 permit by `key` (for `owner`) of `amount` to the staking vault.
    function _permit(uint256 key, address owner, uint256 amount, uint256 deadline)
        internal
        view
        returns (uint8 v, bytes32 r, bytes32 s)
    {
        return _permitTo(key, owner, address(vault), amount, deadline);
    }

    /// An EIP-2612 permit by `key` (for `owner`) of `amount` to `spender`.
    function _permitTo(uint256 key, address owner, address spender, uint256 amount, uint256 deadline)
        internal
        view
        returns (uint8 v, bytes32 r, bytes32 s)
    {
        bytes32 structHash = keccak256(
            abi.encode(
                keccak256(
                    "Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)"
                ),
                owner,
                spender,
                amount,
                token.nonces(owner),
                deadline
            )
        );
        return vm.sign(key, keccak256(abi.encodePacked("\x19\x01", token.DOMAIN_SEPARATOR(), structHash)));
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
