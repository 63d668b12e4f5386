// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ConclaveGovernor} from "../contracts/ConclaveGovernor.sol";
import {ConclaveTimelock} from "../contracts/ConclaveTimelock.sol";
import {ConclaveTreasury} from "../contracts/ConclaveTreasury.sol";
import {FeeEscrow} from "../contracts/FeeEscrow.sol";
import {GuardianMultisig} from "../contracts/GuardianMultisig.sol";
import {ReputationRegistry} from "../contracts/ReputationRegistry.sol";
import {RewardsDistributor} from "../contracts/RewardsDistributor.sol";
import {SlashingManager} from "../contracts/SlashingManager.sol";
import {ToolRegistry} from "../contracts/ToolRegistry.sol";
import {IAgentRegistry} from "../contracts/interfaces/IAgentRegistry.sol";
import {IBoundedPausable} from "../contracts/interfaces/IBoundedPausable.sol";
import {IConclaveGovernor} from "../contracts/interfaces/IConclaveGovernor.sol";
import {IConclaveTreasury} from "../contracts/interfaces/IConclaveTreasury.sol";
import {IFeeEscrow} from "../contracts/interfaces/IFeeEscrow.sol";
import {IGuardianMultisig} from "../contracts/interfaces/IGuardianMultisig.sol";
import {IReputationRegistry} from "../contracts/interfaces/IReputationRegistry.sol";
import {IRewardsDistributor} from "../contracts/interfaces/IRewardsDistributor.sol";
import {ISlashingManager} from "../contracts/interfaces/ISlashingManager.sol";
import {IStakingVault} from "../contracts/interfaces/IStakingVault.sol";
import {DeployCore} from "./DeployCore.s.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {CommonBase} from "forge-std/Base.sol";

/// @notice Deploys the governance group (Timelock, treasury, guardian multisig, Governor), the tool market (fee
/// escrow, tool registry) and accountability (reputation registry, slashing manager), which the guardian's
/// allow-list and the Governor's action types name, and the rewards distributor; wires them to the core group, and
/// hands every right of every contract to the Timelock.
abstract contract DeployGovernance is CommonBase, DeployCore {
    struct Governance {
        ConclaveTimelock timelock;
        ConclaveTreasury treasury;
        GuardianMultisig guardian;
        ConclaveGovernor governor;
        FeeEscrow escrow;
        ToolRegistry tools;
        ReputationRegistry reputation;
        SlashingManager slashing;
        RewardsDistributor rewards;
    }

    uint256 internal constant _TIMELOCK_DELAY = 48 hours;

    /// @notice The Governor was not deployed at the address the guardian's allow-list was built for.
    error DeployGovernorMispredicted(address predicted, address deployed);

    function _deployGovernance(
        Core memory core,
        address deployer,
        address[] memory guardianOwners,
        uint256 guardianThreshold
    ) internal returns (Governance memory gov) {
        // The deployer administers the Timelock only until `_handOver`.
        address[] memory none = new address[](0);
        address[] memory anyone = new address[](1); // address(0): execution is permissionless
        gov.timelock = new ConclaveTimelock(_TIMELOCK_DELAY, none, anyone, deployer);
        gov.treasury = new ConclaveTreasury(address(gov.timelock));
        (gov.escrow, gov.tools) = _deployMarket(core, address(gov.treasury), deployer);
        (gov.reputation, gov.slashing, gov.rewards) =
            _deployAccountability(core, gov.escrow, address(gov.treasury), deployer);
        // The guardian and the Governor name each other: the Governor is the next contract after the guardian.
        address predictedGovernor = vm.computeCreateAddress(deployer, vm.getNonce(deployer) + 1);
        gov.guardian = new GuardianMultisig(
            guardianOwners,
            guardianThreshold,
            address(gov.timelock),
            _guardianPermissions(core, gov, predictedGovernor)
        );
        gov.governor = new ConclaveGovernor(
            IVotes(address(core.vault)),
            TimelockController(payable(address(gov.timelock))),
            IAgentRegistry(address(core.registry)),
            address(gov.guardian),
            _actionCategories(core, gov)
        );
        if (address(gov.governor) != predictedGovernor) {
            revert DeployGovernorMispredicted(predictedGovernor, address(gov.governor));
        }
        // Rewards count the votes cast through this Governor; its veto proposals may contest slashes.
        gov.rewards.setGovernor(address(gov.governor));
        gov.slashing.setGovernor(address(gov.governor));
        // The guardian cancels queued operations through the Governor (which holds the canceller role), so the
        // Governor's rule on proposals that only limit the guardian cannot be bypassed at the Timelock.
        gov.timelock.grantRole(gov.timelock.PROPOSER_ROLE(), address(gov.governor));
        gov.timelock.grantRole(gov.timelock.CANCELLER_ROLE(), address(gov.governor));
        _grantRoles(core, gov);
    }

    /// @dev The pausers, slashers and vetoers of the vault, the escrow and the slashing manager.
    function _grantRoles(Core memory core, Governance memory gov) private {
        core.vault.grantRole(core.vault.PAUSER_ROLE(), address(gov.guardian));
        core.vault.grantRole(core.vault.PAUSER_ROLE(), address(gov.timelock));
        core.vault.grantRole(core.vault.SLASHER_ROLE(), address(gov.timelock));
        core.vault.grantRole(core.vault.SLASHER_ROLE(), address(gov.slashing));
        core.vault.setSlashRecipient(address(gov.treasury));
        // Vetoes: the guardian (its allow-list names `veto`) and governance.
        gov.slashing.grantRole(gov.slashing.VETOER_ROLE(), address(gov.guardian));
        gov.slashing.grantRole(gov.slashing.VETOER_ROLE(), address(gov.timelock));

        gov.escrow.grantRole(gov.escrow.PAUSER_ROLE(), address(gov.guardian));
        gov.escrow.grantRole(gov.escrow.PAUSER_ROLE(), address(gov.timelock));
        // The protocol token pays for tools from the start; governance allows others (`setPaymentToken`).
        gov.escrow.setPaymentToken(address(core.token), true);
    }

    /// @dev The tool market: the fee escrow (administered by `deployer` until `_handOver`) and the tool registry.
    function _deployMarket(Core memory core, address treasury, address deployer)
        private
        returns (FeeEscrow escrow, ToolRegistry tools)
    {
        IAgentRegistry registry = IAgentRegistry(address(core.registry));
        IStakingVault vault = IStakingVault(address(core.vault));
        escrow = new FeeEscrow(registry, vault, treasury, deployer);
        tools = new ToolRegistry(registry, vault, IFeeEscrow(address(escrow)));
    }

    /// @dev Accountability: the reputation registry (reads settled payments from the escrow), the slashing manager
    /// and the rewards distributor (administered by `deployer` until `_handOver`).
    function _deployAccountability(Core memory core, FeeEscrow escrow, address treasury, address deployer)
        private
        returns (ReputationRegistry reputation, SlashingManager slashing, RewardsDistributor rewards)
    {
        IAgentRegistry registry = IAgentRegistry(address(core.registry));
        IStakingVault vault = IStakingVault(address(core.vault));
        reputation = new ReputationRegistry(registry, IFeeEscrow(address(escrow)), deployer);
        slashing = new SlashingManager(
            registry, vault, IReputationRegistry(address(reputation)), IFeeEscrow(address(escrow)), deployer
        );
        rewards = new RewardsDistributor(
            IERC20(address(core.token)),
            registry,
            vault,
            IReputationRegistry(address(reputation)),
            treasury,
            deployer
        );
    }

    /// @dev Gives every admin right to the Timelock and removes every right the deployer held.
    function _handOver(Core memory core, Governance memory gov, address deployer) internal {
        address timelock = address(gov.timelock);
        _transferAdmin(IAccessControl(address(core.registry)), timelock, deployer);
        _transferAdmin(IAccessControl(address(core.vault)), timelock, deployer);
        _transferAdmin(IAccessControl(address(gov.escrow)), timelock, deployer);
        _transferAdmin(IAccessControl(address(gov.reputation)), timelock, deployer);
        _transferAdmin(IAccessControl(address(gov.slashing)), timelock, deployer);
        _transferAdmin(IAccessControl(address(gov.rewards)), timelock, deployer);
        // The Timelock administers itself (granted by its constructor); the deployer leaves.
        gov.timelock.renounceRole(gov.timelock.DEFAULT_ADMIN_ROLE(), deployer);
    }

    function _transferAdmin(IAccessControl target, address timelock, address deployer) private {
        target.grantRole(bytes32(0), timelock);
        target.renounceRole(bytes32(0), deployer);
    }

    /// @dev The emergency functions the guardian may call: pause and unpause staking and the fee escrow, cancel a
    /// proposal (as the Governor's proposal guardian; a queued one's Timelock operation is cancelled with it), and
    /// veto a proposed slash.
    function _guardianPermissions(Core memory core, Governance memory gov, address governor)
        private
        pure
        returns (IGuardianMultisig.CallPermission[] memory permissions)
    {
        permissions = new IGuardianMultisig.CallPermission[](6);
        permissions[0] =
            IGuardianMultisig.CallPermission(address(core.vault), IBoundedPausable.pause.selector);
        permissions[1] =
            IGuardianMultisig.CallPermission(address(core.vault), IBoundedPausable.unpause.selector);
        permissions[2] = IGuardianMultisig.CallPermission(governor, IGovernor.cancel.selector);
        permissions[3] =
            IGuardianMultisig.CallPermission(address(gov.escrow), IBoundedPausable.pause.selector);
        permissions[4] =
            IGuardianMultisig.CallPermission(address(gov.escrow), IBoundedPausable.unpause.selector);
        permissions[5] =
            IGuardianMultisig.CallPermission(address(gov.slashing), ISlashingManager.veto.selector);
    }

    function _actionCategories(Core memory core, Governance memory gov)
        private
        pure
        returns (IConclaveGovernor.ActionCategoryInit[] memory actions)
    {
        IConclaveGovernor.Category upgrade = IConclaveGovernor.Category.ProtocolUpgrade;
        IConclaveGovernor.Category economic = IConclaveGovernor.Category.EconomicParameter;
        IConclaveGovernor.Category role = IConclaveGovernor.Category.AgentRole;
        IConclaveGovernor.Category emergency = IConclaveGovernor.Category.Emergency;
        address registry = address(core.registry);
        address vault = address(core.vault);
        address timelock = address(gov.timelock);
        address treasury = address(gov.treasury);
        actions = new IConclaveGovernor.ActionCategoryInit[](57);
        uint256 n;
        // Role management of every AccessControl contract is a protocol upgrade (typing fails closed anyway; the
        // mapping documents it and keeps it so if the default ever changes).
        address[7] memory accessControlled = [
            timelock,
            registry,
            vault,
            address(gov.escrow),
            address(gov.reputation),
            address(gov.slashing),
            address(gov.rewards)
        ];
        for (uint256 i; i < accessControlled.length; ++i) {
            actions[n++] = _action(accessControlled[i], IAccessControl.grantRole.selector, upgrade);
            actions[n++] = _action(accessControlled[i], IAccessControl.revokeRole.selector, upgrade);
            actions[n++] = _action(accessControlled[i], IAccessControl.renounceRole.selector, upgrade);
        }
        actions[n++] = _action(timelock, TimelockController.updateDelay.selector, upgrade);
        actions[n++] = _action(registry, IAgentRegistry.setStakingVault.selector, upgrade);
        actions[n++] = _action(registry, IAgentRegistry.grantSeat.selector, role);
        actions[n++] = _action(registry, IAgentRegistry.revokeSeat.selector, role);
        n = _vaultActionCategories(actions, n, vault);
        actions[n++] = _action(
            treasury, IConclaveTreasury.spend.selector, IConclaveGovernor.Category.TreasuryAllocation
        );
        actions[n++] = _action(treasury, IConclaveTreasury.emergencySpend.selector, emergency);
        actions[n++] = _action(treasury, IConclaveTreasury.setReserveFloor.selector, economic);
        actions[n++] = _action(address(gov.guardian), IGuardianMultisig.setCallAllowed.selector, upgrade);
        n = _escrowActionCategories(actions, n, address(gov.escrow));
        n = _accountabilityActionCategories(actions, n, gov);
        assert(n == actions.length);
    }

    /// @dev Validators, the success threshold, the completion window, the veto window and the performance rule are
    /// protocol-level (they decide who may be slashed and how): they need the CLO review. A slash proposed by
    /// governance is an agent-role action, as a direct slash is; a veto by governance is an emergency.
    function _accountabilityActionCategories(
        IConclaveGovernor.ActionCategoryInit[] memory actions,
        uint256 n,
        Governance memory gov
    ) private pure returns (uint256) {
        IConclaveGovernor.Category upgrade = IConclaveGovernor.Category.ProtocolUpgrade;
        IConclaveGovernor.Category role = IConclaveGovernor.Category.AgentRole;
        address reputation = address(gov.reputation);
        address slashing = address(gov.slashing);
        actions[n++] = _action(reputation, IReputationRegistry.setValidator.selector, upgrade);
        actions[n++] = _action(reputation, IReputationRegistry.setSuccessThreshold.selector, upgrade);
        actions[n++] = _action(reputation, IReputationRegistry.setCompletionWindow.selector, upgrade);
        actions[n++] = _action(slashing, ISlashingManager.setVetoWindow.selector, upgrade);
        actions[n++] = _action(slashing, ISlashingManager.setPerformanceRule.selector, upgrade);
        actions[n++] = _action(slashing, ISlashingManager.setGovernor.selector, upgrade);
        actions[n++] = _action(slashing, ISlashingManager.proposeSlash.selector, role);
        actions[n++] = _action(slashing, ISlashingManager.proposeDisputeSlash.selector, role);
        actions[n++] = _action(slashing, ISlashingManager.veto.selector, IConclaveGovernor.Category.Emergency);
        // Funding an epoch earmarks treasury money sent here: a treasury allocation, as the `spend` before it.
        address rewards = address(gov.rewards);
        actions[n++] = _action(
            rewards, IRewardsDistributor.fundEpoch.selector, IConclaveGovernor.Category.TreasuryAllocation
        );
        actions[n++] = _action(
            rewards, IRewardsDistributor.setClaimWindow.selector, IConclaveGovernor.Category.EconomicParameter
        );
        actions[n++] = _action(rewards, IRewardsDistributor.setGovernor.selector, upgrade);
        return n;
    }

    /// @dev The vault's parameters are economic, where slashes go is protocol-level (it needs the CLO review), a
    /// direct slash is an agent-role action, and pausing, extending and lifting a pause are emergencies (expedited,
    /// two thirds).
    function _vaultActionCategories(
        IConclaveGovernor.ActionCategoryInit[] memory actions,
        uint256 n,
        address vault
    ) private pure returns (uint256) {
        IConclaveGovernor.Category upgrade = IConclaveGovernor.Category.ProtocolUpgrade;
        IConclaveGovernor.Category economic = IConclaveGovernor.Category.EconomicParameter;
        IConclaveGovernor.Category emergency = IConclaveGovernor.Category.Emergency;
        actions[n++] = _action(vault, IStakingVault.setTierMinimum.selector, economic);
        actions[n++] = _action(vault, IStakingVault.setUnbondingPeriod.selector, economic);
        actions[n++] = _action(vault, IStakingVault.setMaxSlashBps.selector, economic);
        actions[n++] = _action(vault, IStakingVault.setSlashRecipient.selector, upgrade);
        actions[n++] = _action(vault, IStakingVault.slash.selector, IConclaveGovernor.Category.AgentRole);
        actions[n++] = _action(vault, IBoundedPausable.pause.selector, emergency);
        actions[n++] = _action(vault, IBoundedPausable.pauseUntil.selector, emergency);
        actions[n++] = _action(vault, IBoundedPausable.unpause.selector, emergency);
        actions[n++] = _action(vault, IBoundedPausable.setPauseDuration.selector, upgrade);
        return n;
    }

    /// @dev The fee escrow's parameters are economic; its pause controls are emergencies, as the vault's.
    function _escrowActionCategories(
        IConclaveGovernor.ActionCategoryInit[] memory actions,
        uint256 n,
        address escrow
    ) private pure returns (uint256) {
        IConclaveGovernor.Category economic = IConclaveGovernor.Category.EconomicParameter;
        IConclaveGovernor.Category emergency = IConclaveGovernor.Category.Emergency;
        actions[n++] = _action(escrow, IFeeEscrow.setProtocolFeeBps.selector, economic);
        actions[n++] = _action(escrow, IFeeEscrow.setChallengeWindow.selector, economic);
        actions[n++] = _action(escrow, IFeeEscrow.setPaymentToken.selector, economic);
        actions[n++] = _action(escrow, IBoundedPausable.pause.selector, emergency);
        actions[n++] = _action(escrow, IBoundedPausable.pauseUntil.selector, emergency);
        actions[n++] = _action(escrow, IBoundedPausable.unpause.selector, emergency);
        actions[n++] = _action(
            escrow, IBoundedPausable.setPauseDuration.selector, IConclaveGovernor.Category.ProtocolUpgrade
        );
        return n;
    }

    function _action(address target, bytes4 selector, IConclaveGovernor.Category category)
        private
        pure
        returns (IConclaveGovernor.ActionCategoryInit memory)
    {
        return IConclaveGovernor.ActionCategoryInit(target, selector, category);
    }
}
