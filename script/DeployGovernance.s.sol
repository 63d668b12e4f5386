// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ConclaveGovernor} from "../contracts/ConclaveGovernor.sol";
import {ConclaveTimelock} from "../contracts/ConclaveTimelock.sol";
import {ConclaveTreasury} from "../contracts/ConclaveTreasury.sol";
import {GuardianMultisig} from "../contracts/GuardianMultisig.sol";
import {IAgentRegistry} from "../contracts/interfaces/IAgentRegistry.sol";
import {IConclaveGovernor} from "../contracts/interfaces/IConclaveGovernor.sol";
import {IConclaveTreasury} from "../contracts/interfaces/IConclaveTreasury.sol";
import {IGuardianMultisig} from "../contracts/interfaces/IGuardianMultisig.sol";
import {IStakingVault} from "../contracts/interfaces/IStakingVault.sol";
import {DeployCore} from "./DeployCore.s.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {CommonBase} from "forge-std/Base.sol";

/// @notice Deploys the governance group (Timelock, treasury, guardian multisig, Governor), wires it to the core
/// group, and hands every right of every contract to the Timelock.
abstract contract DeployGovernance is CommonBase, DeployCore {
    struct Governance {
        ConclaveTimelock timelock;
        ConclaveTreasury treasury;
        GuardianMultisig guardian;
        ConclaveGovernor governor;
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
        // The guardian and the Governor name each other: the Governor is the next contract after the guardian.
        address predictedGovernor = vm.computeCreateAddress(deployer, vm.getNonce(deployer) + 1);
        gov.guardian = new GuardianMultisig(
            guardianOwners,
            guardianThreshold,
            address(gov.timelock),
            _guardianPermissions(core, gov.timelock, predictedGovernor)
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
        bytes32 proposer = gov.timelock.PROPOSER_ROLE();
        bytes32 canceller = gov.timelock.CANCELLER_ROLE();
        gov.timelock.grantRole(proposer, address(gov.governor));
        gov.timelock.grantRole(canceller, address(gov.governor));
        gov.timelock.grantRole(canceller, address(gov.guardian));

        core.vault.grantRole(core.vault.PAUSER_ROLE(), address(gov.guardian));
        core.vault.grantRole(core.vault.PAUSER_ROLE(), address(gov.timelock));
        core.vault.grantRole(core.vault.SLASHER_ROLE(), address(gov.timelock));
        core.vault.setSlashRecipient(address(gov.treasury));
    }

    /// @dev Gives every admin right to the Timelock and removes every right the deployer held.
    function _handOver(Core memory core, Governance memory gov, address deployer) internal {
        address timelock = address(gov.timelock);
        _transferAdmin(IAccessControl(address(core.registry)), timelock, deployer);
        _transferAdmin(IAccessControl(address(core.vault)), timelock, deployer);
        // The Timelock administers itself (granted by its constructor); the deployer leaves.
        gov.timelock.renounceRole(gov.timelock.DEFAULT_ADMIN_ROLE(), deployer);
    }

    function _transferAdmin(IAccessControl target, address timelock, address deployer) private {
        target.grantRole(bytes32(0), timelock);
        target.renounceRole(bytes32(0), deployer);
    }

    /// @dev The emergency functions the guardian may call: pause and unpause staking, cancel a Timelock operation,
    /// and cancel a proposal (as the Governor's proposal guardian).
    function _guardianPermissions(Core memory core, ConclaveTimelock timelock, address governor)
        private
        pure
        returns (IGuardianMultisig.CallPermission[] memory permissions)
    {
        permissions = new IGuardianMultisig.CallPermission[](4);
        permissions[0] = IGuardianMultisig.CallPermission(address(core.vault), IStakingVault.pause.selector);
        permissions[1] = IGuardianMultisig.CallPermission(address(core.vault), IStakingVault.unpause.selector);
        permissions[2] =
            IGuardianMultisig.CallPermission(address(timelock), TimelockController.cancel.selector);
        permissions[3] = IGuardianMultisig.CallPermission(governor, IGovernor.cancel.selector);
    }

    function _actionCategories(Core memory core, Governance memory gov)
        private
        pure
        returns (IConclaveGovernor.ActionCategoryInit[] memory actions)
    {
        IConclaveGovernor.Category upgrade = IConclaveGovernor.Category.ProtocolUpgrade;
        IConclaveGovernor.Category economic = IConclaveGovernor.Category.EconomicParameter;
        IConclaveGovernor.Category role = IConclaveGovernor.Category.AgentRole;
        address registry = address(core.registry);
        address vault = address(core.vault);
        address timelock = address(gov.timelock);
        address treasury = address(gov.treasury);
        actions = new IConclaveGovernor.ActionCategoryInit[](19);
        actions[0] = _action(timelock, TimelockController.updateDelay.selector, upgrade);
        actions[1] = _action(timelock, IAccessControl.grantRole.selector, upgrade);
        actions[2] = _action(timelock, IAccessControl.revokeRole.selector, upgrade);
        actions[3] = _action(registry, IAccessControl.grantRole.selector, upgrade);
        actions[4] = _action(registry, IAccessControl.revokeRole.selector, upgrade);
        actions[5] = _action(registry, IAgentRegistry.setStakingVault.selector, upgrade);
        actions[6] = _action(registry, IAgentRegistry.grantSeat.selector, role);
        actions[7] = _action(registry, IAgentRegistry.revokeSeat.selector, role);
        actions[8] = _action(vault, IAccessControl.grantRole.selector, upgrade);
        actions[9] = _action(vault, IAccessControl.revokeRole.selector, upgrade);
        actions[10] = _action(vault, IStakingVault.setTierMinimum.selector, economic);
        actions[11] = _action(vault, IStakingVault.setUnbondingPeriod.selector, economic);
        actions[12] = _action(vault, IStakingVault.setMaxSlashBps.selector, economic);
        actions[13] = _action(vault, IStakingVault.setSlashRecipient.selector, economic);
        actions[14] = _action(vault, IStakingVault.slash.selector, role);
        actions[15] = _action(
            treasury, IConclaveTreasury.spend.selector, IConclaveGovernor.Category.TreasuryAllocation
        );
        actions[16] = _action(
            treasury, IConclaveTreasury.emergencySpend.selector, IConclaveGovernor.Category.Emergency
        );
        actions[17] = _action(treasury, IConclaveTreasury.setReserveFloor.selector, economic);
        actions[18] = _action(address(gov.guardian), IGuardianMultisig.setCallAllowed.selector, upgrade);
    }

    function _action(address target, bytes4 selector, IConclaveGovernor.Category category)
        private
        pure
        returns (IConclaveGovernor.ActionCategoryInit memory)
    {
        return IConclaveGovernor.ActionCategoryInit(target, selector, category);
    }
}
