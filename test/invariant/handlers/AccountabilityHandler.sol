// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ConclaveToken} from "../../../contracts/ConclaveToken.sol";
import {ConclaveTreasury} from "../../../contracts/ConclaveTreasury.sol";
import {ReputationRegistry} from "../../../contracts/ReputationRegistry.sol";
import {RewardsDistributor} from "../../../contracts/RewardsDistributor.sol";
import {SlashingManager} from "../../../contracts/SlashingManager.sol";
import {StakingVault} from "../../../contracts/StakingVault.sol";
import {IRewardsDistributor} from "../../../contracts/interfaces/IRewardsDistributor.sol";
import {ISlashingManager} from "../../../contracts/interfaces/ISlashingManager.sol";
import {IStakingVault} from "../../../contracts/interfaces/IStakingVault.sol";
import {CommonBase} from "forge-std/Base.sol";
import {StdUtils} from "forge-std/StdUtils.sol";

/// @notice Drives attestations, slash proposals, vetoes, executions, unstaking and withdrawals, and reward epochs,
/// with bounded inputs; calls that the rules refuse (a withdrawal under a hold, a claim outside its phase) are
/// tried and their refusals kept. Ghost ledgers record what must hold.
contract AccountabilityHandler is CommonBase, StdUtils {
    struct Protocol {
        ConclaveToken token;
        StakingVault vault;
        ConclaveTreasury treasury;
        ReputationRegistry reputation;
        SlashingManager slashing;
        RewardsDistributor rewards;
        address admin;
        address guardian;
        address validator;
    }

    Protocol internal p;
    uint256[] public agents;
    address[] public owners;
    uint256[] public slashIds;
    uint256[] public vetoed;
    uint256[] public requests;
    uint256[] public epochs;
    uint256 internal tasks;

    uint256 public ghostSlashed;
    uint256 public ghostSwept;
    uint256 public ghostSpent;
    /// Set if a withdrawal ever left less stake within reach than was held back.
    bool public heldStakeWithdrawn;
    mapping(uint256 epoch => uint256) public ghostClaimed;

    constructor(Protocol memory protocol, uint256[] memory agents_, address[] memory owners_) {
        p = protocol;
        agents = agents_;
        owners = owners_;
    }

    function slashCount() external view returns (uint256) {
        return slashIds.length;
    }

    function vetoedCount() external view returns (uint256) {
        return vetoed.length;
    }

    function epochCount() external view returns (uint256) {
        return epochs.length;
    }

    function agentCount() external view returns (uint256) {
        return agents.length;
    }

    // ---------------------------------------------------------------- actions

    function attest(uint256 agentSeed, uint8 response) external {
        vm.prank(p.validator);
        p.reputation
            .attest(
                agents[agentSeed % agents.length],
                keccak256(abi.encode(++tasks)),
                uint8(bound(response, 0, 100)),
                "",
                0,
                ""
            );
    }

    function proposeSlash(uint256 agentSeed, uint256 amountSeed) external {
        uint256 agentId = agents[agentSeed % agents.length];
        uint256 maximum = p.slashing.maxSlashOf(agentId);
        if (maximum == 0) return;
        vm.prank(p.admin);
        slashIds.push(p.slashing.proposeSlash(agentId, bound(amountSeed, 1, maximum), "ipfs://evidence"));
    }

    function veto(uint256 idSeed) external {
        if (slashIds.length == 0) return;
        uint256 id = slashIds[idSeed % slashIds.length];
        ISlashingManager.Slash memory s = p.slashing.getSlash(id);
        if (s.state != ISlashingManager.SlashState.Proposed || block.timestamp >= s.vetoDeadline) return;
        vm.prank(p.guardian);
        p.slashing.veto(id);
        vetoed.push(id);
    }

    function execute(uint256 idSeed) external {
        if (slashIds.length == 0) return;
        uint256 id = slashIds[idSeed % slashIds.length];
        ISlashingManager.Slash memory s = p.slashing.getSlash(id);
        if (s.state != ISlashingManager.SlashState.Proposed) return;
        if (block.timestamp < s.vetoDeadline) vm.warp(s.vetoDeadline);
        ghostSlashed += p.slashing.execute(id);
    }

    function requestUnstake(uint256 agentSeed, uint256 amountSeed) external {
        uint256 i = agentSeed % agents.length;
        uint256 own = p.vault.stakeOf(agents[i]);
        if (own == 0) return;
        vm.prank(owners[i]);
        try p.vault.requestUnstake(agents[i], bound(amountSeed, 1, own)) returns (uint256 requestId) {
            requests.push(requestId);
        } catch {}
    }

    /// Tries a withdrawal once it is due: it may be refused (a hold), but never leave less within reach than held.
    function withdraw(uint256 requestSeed) external {
        if (requests.length == 0) return;
        uint256 index = requestSeed % requests.length;
        uint256 requestId = requests[index];
        IStakingVault.UnbondingRequest memory r = p.vault.unbondingRequest(requestId);
        if (r.releaseTime > block.timestamp) vm.warp(r.releaseTime);
        uint256 held = p.vault.heldOf(r.agentId);
        address owner = owners[_indexOf(r.agentId)];
        vm.prank(owner);
        try p.vault.withdraw(requestId) {
            // One slash must still be able to take all that is held from what stays within reach.
            uint256 reach = p.vault.stakeOf(r.agentId) + p.vault.unbondingOf(r.agentId);
            if (reach * p.vault.maxSlashBps() < held * 10_000) {
                heldStakeWithdrawn = true;
            }
            requests[index] = requests[requests.length - 1];
            requests.pop();
        } catch {}
    }

    function warp(uint256 seconds_) external {
        vm.warp(block.timestamp + bound(seconds_, 1 hours, 4 days));
    }

    function fundEpoch(uint256 amountSeed) external {
        uint256 epoch = p.rewards.currentEpoch();
        uint256 amount = bound(amountSeed, 1 ether, 10_000 ether);
        vm.startPrank(p.admin);
        p.treasury.spend(address(p.token), address(p.rewards), amount);
        p.rewards.fundEpoch(epoch, amount);
        vm.stopPrank();
        ghostSpent += amount;
        if (epochs.length == 0 || epochs[epochs.length - 1] != epoch) epochs.push(epoch);
    }

    /// Registers and claims where the phases allow; refusals (a wrong phase, an inactive agent) are fine.
    function registerAndClaim(uint256 epochSeed, uint256 agentSeed) external {
        if (epochs.length == 0) return;
        uint256 epoch = epochs[epochSeed % epochs.length];
        uint256 i = agentSeed % agents.length;
        try p.rewards.register(epoch, agents[i]) {} catch {}
        vm.prank(owners[i]);
        try p.rewards.claim(epoch, agents[i]) returns (uint256 amount) {
            ghostClaimed[epoch] += amount;
        } catch {}
    }

    function sweep(uint256 epochSeed) external {
        if (epochs.length == 0) return;
        uint256 epoch = epochs[epochSeed % epochs.length];
        if (p.rewards.phaseOf(epoch) != IRewardsDistributor.Phase.Closed || p.rewards.getEpoch(epoch).swept) {
            return;
        }
        ghostSwept += p.rewards.sweep(epoch);
    }

    function _indexOf(uint256 agentId) private view returns (uint256) {
        for (uint256 i; i < agents.length; ++i) {
            if (agents[i] == agentId) return i;
        }
        revert("unknown agent");
    }
}
