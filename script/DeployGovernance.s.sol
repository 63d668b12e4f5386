// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ConclaveGovernor} from "../contracts/ConclaveGovernor.sol";
import {ConclaveTimelock} from "../contracts/ConclaveTimelock.sol";
import {ConclaveTreasury} from "../contracts/ConclaveTreasury.sol";
import {FeeEscrow} from "../contracts/FeeEscrow.sol";
import {GuardianMultisig} from "../contracts/GuardianMultisig.sol";
import {ToolRegistry} from "../contracts/ToolRegistry.sol";
import {IAgentRegistry} from "../contracts/interfaces/IAgentRegistry.sol";
import {IBoundedPausable} from "../contracts/interfaces/IBoundedPausable.sol";
import {IConclaveGovernor} from "../contracts/interfaces/IConclaveGovernor.sol";
import {IConclaveTreasury} from "../contracts/interfaces/IConclaveTreasury.sol";
import {IFeeEscrow} from "../contracts/interfaces/IFeeEscrow.sol";
import {IGuardianMultisig} from "../contracts/interfaces/IGuardianMultisig.sol";
import {IStakingVault} from "../contracts/interfaces/IStakingVault.sol";
import {DeployCore} from "./DeployCore.s.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {CommonBase} from "forge-std/Base.sol";

/// @notice Deploys the governance group (Timelock, treasury, guardian multisig, Governor) and the tool market (fee
/// escrow, tool registry), which the guardian's allow-list and the Governor's action types name; wires them to the
/// core group, and hands every right of every contract to the Timelock.
abstract contract DeployGovernance is CommonBase, DeployCore {
    struct Governance {
        ConclaveTimelock timelock;
        ConclaveTreasury treasury;
        GuardianMultisig guardian;
        ConclaveGovernor governor;
        FeeEscrow escrow;
        ToolRegistry tools;
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
        // The guardian cancels queued operations through the Governor (which holds the canceller role), so the
        // Governor's rule on proposals that only limit the guardian cannot be bypassed at the Timelock.
        gov.timelock.grantRole(gov.timelock.PROPOSER_ROLE(), address(gov.governor));
        gov.timelock.grantRole(gov.timelock.CANCELLER_ROLE(), address(gov.governor));

        core.vault.grantRole(core.vault.PAUSER_ROLE(), address(gov.guardian));
        core.vault.grantRole(core.vault.PAUSER_ROLE(), address(gov.timelock));
        core.vault.grantRole(core.vault.SLASHER_ROLE(), address(gov.timelock));
        core.vault.setSlashRecipient(address(gov.treasury));

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

    /// @dev Gives every admin right to the Timelock and removes every right the deployer held.
    function _handOver(Core memory core, Governance memory gov, address deployer) internal {
        address timelock = address(gov.timelock);
        _transferAdmin(IAccessControl(address(core.registry)), timelock, deployer);
        _transferAdmin(IAccessControl(address(core.vault)), timelock, deployer);
        _transferAdmin(IAccessControl(address(gov.escrow)), timelock, deployer);
        // The Timelock administers itself (granted by its constructor); the deployer leaves.
        gov.timelock.renounceRole(gov.timelock.DEFAULT_ADMIN_ROLE(), deployer);
    }

    function _transferAdmin(IAccessControl target, address timelock, address deployer) private {
        target.grantRole(bytes32(0), timelock);
        target.renounceRole(bytes32(0), deployer);
    }

    /// @dev The emergency functions the guardian may call: pause and unpause staking and the fee escrow, and cancel
    /// a proposal (as the Governor's proposal guardian; a queued one's Timelock operation is cancelled with it).
    function _guardianPermissions(Core memory core, Governance memory gov, address governor)
        private
        pure
        returns (IGuardianMultisig.CallPermission[] memory permissions)
    {
        permissions = new IGuardianMultisig.CallPermission[](5);
        permissions[0] =
            IGuardianMultisig.CallPermission(address(core.vault), IBoundedPausable.pause.selector);
        permissions[1] =
            IGuardianMultisig.CallPermission(address(core.vault), IBoundedPausable.unpause.selector);
        permissions[2] = IGuardianMultisig.CallPermission(governor, IGovernor.cancel.selector);
        permissions[3] =
            IGuardianMultisig.CallPermission(address(gov.escrow), IBoundedPausable.pause.selector);
        permissions[4] =
            IGuardianMultisig.CallPermission(address(gov.escrow), IBoundedPausable.unpause.selector);
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
        actions = new IConclaveGovernor.ActionCategoryInit[](36);
        uint256 n;
        // Role management of every AccessControl contract is a protocol upgrade (typing fails closed anyway; the
        // mapping documents it and keeps it so if the default ever changes).
        address[4] memory accessControlled = [timelock, registry, vault, address(gov.escrow)];
        for (uint256 i; i < accessControlled.length; ++i) {
            actions[n++] = _action(accessControlled[i], IAccessControl.grantRole.selector, upgrade);
            actions[n++] = _action(accessControlled[i], IAccessControl.revokeRole.selector, upgrade);
            actions[n++] = _action(accessControlled[i], IAccessControl.renounceRole.selector, upgrade);
        }
        actions[n++] = _action(timelock, TimelockController.updateDelay.selector, upgrade);
        actions[n++] = _action(registry, IAgentRegistry.setStakingVault.selector, upgrade);
        actions[n++] = _action(registry, IAgentRegistry.grantSeat.selector, role);
        actions[n++] = _action(registry, IAgentRegistry.revokeSeat.selector, role);
        actions[n++] = _action(vault, IStakingVault.setTierMinimum.selector, economic);
        actions[n++] = _action(vault, IStakingVault.setUnbondingPeriod.selector, economic);
        actions[n++] = _action(vault, IStakingVault.setMaxSlashBps.selector, economic);
        // Where every slash goes: protocol-level, so it needs the CLO review.
        actions[n++] = _action(vault, IStakingVault.setSlashRecipient.selector, upgrade);
        actions[n++] = _action(vault, IStakingVault.slash.selector, role);
        // Pausing, extending and lifting a pause by governance are emergencies (expedited, two thirds).
        actions[n++] = _action(vault, IBoundedPausable.pause.selector, emergency);
        actions[n++] = _action(vault, IBoundedPausable.pauseUntil.selector, emergency);
        actions[n++] = _action(vault, IBoundedPausable.unpause.selector, emergency);
        actions[n++] = _action(vault, IBoundedPausable.setPauseDuration.selector, upgrade);
        actions[n++] = _action(
            treasury, IConclaveTreasury.spend.selector, IConclaveGovernor.Category.TreasuryAllocation
        );
        actions[n++] = _action(treasury, IConclaveTreasury.emergencySpend.selector, emergency);
        actions[n++] = _action(treasury, IConclaveTreasury.setReserveFloor.selector, economic);
        actions[n++] = _action(address(gov.guardian), IGuardianMultisig.setCallAllowed.selector, upgrade);
        n = _escrowActionCategories(actions, n, address(gov.escrow));
        assert(n == actions.length);
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
