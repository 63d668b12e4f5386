// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AgentRegistry} from "../../../contracts/AgentRegistry.sol";
import {ConclaveToken} from "../../../contracts/ConclaveToken.sol";
import {StakingVault} from "../../../contracts/StakingVault.sol";
import {IAgentRegistry} from "../../../contracts/interfaces/IAgentRegistry.sol";
import {CommonBase} from "forge-std/Base.sol";
import {StdCheats} from "forge-std/StdCheats.sol";
import {StdUtils} from "forge-std/StdUtils.sol";

/// @notice Drives the registry and vault with bounded inputs (no call is expected to revert) and keeps a ghost
/// ledger of what every agent's stake must be.
contract StakingHandler is CommonBase, StdCheats, StdUtils {
    ConclaveToken internal immutable TOKEN;
    AgentRegistry internal immutable REGISTRY;
    StakingVault internal immutable VAULT;
    address internal immutable HOLDER;
    address internal immutable SLASHER;

    address[] public actors;
    uint256[] public agents;
    uint256[] public pendingRequests;

    mapping(uint256 agentId => uint256) public ghostOwn;
    uint256 public ghostSlashed;
    uint256 public ghostWithdrawn;
    uint256 public ghostDeposited;

    constructor(
        ConclaveToken token,
        AgentRegistry registry,
        StakingVault vault,
        address holder,
        address slasher
    ) {
        TOKEN = token;
        REGISTRY = registry;
        VAULT = vault;
        HOLDER = holder;
        SLASHER = slasher;
        for (uint256 i; i < 4; ++i) {
            actors.push(makeAddr(string.concat("actor", vm.toString(i))));
        }
    }

    function actorCount() external view returns (uint256) {
        return actors.length;
    }

    function agentCount() external view returns (uint256) {
        return agents.length;
    }

    function pendingCount() external view returns (uint256) {
        return pendingRequests.length;
    }

    function register(uint256 actorSeed, bool specialized) external {
        address actor = actors[actorSeed % actors.length];
        IAgentRegistry.MetadataEntry[] memory none = new IAgentRegistry.MetadataEntry[](0);
        vm.prank(actor);
        uint256 agentId = REGISTRY.registerAgent(
            "ipfs://bafkrei",
            none,
            specialized ? IAgentRegistry.Role.Specialized : IAgentRegistry.Role.Utility
        );
        agents.push(agentId);
    }

    function stake(uint256 agentSeed, uint256 amount) external {
        if (agents.length == 0) return;
        uint256 agentId = agents[agentSeed % agents.length];
        address owner = REGISTRY.ownerOf(agentId);
        amount = bound(amount, 1, 50_000 ether);
        vm.prank(HOLDER);
        assert(TOKEN.transfer(owner, amount));
        vm.startPrank(owner);
        TOKEN.approve(address(VAULT), amount);
        VAULT.stake(agentId, amount);
        vm.stopPrank();
        ghostOwn[agentId] += amount;
        ghostDeposited += amount;
    }

    function requestUnstake(uint256 agentSeed, uint256 amount) external {
        if (agents.length == 0) return;
        uint256 agentId = agents[agentSeed % agents.length];
        uint256 own = VAULT.stakeOf(agentId);
        if (own == 0) return;
        amount = bound(amount, 1, own);
        // Skip amounts too small to buy a share after slashes (a documented, typed revert).
        (uint256 unbonding, uint256 shares) = (VAULT.unbondingOf(agentId), _shares(agentId));
        if (shares != 0 && amount * shares / unbonding == 0) return;
        vm.prank(REGISTRY.ownerOf(agentId));
        uint256 requestId = VAULT.requestUnstake(agentId, amount);
        pendingRequests.push(requestId);
        ghostOwn[agentId] -= amount;
    }

    function withdraw(uint256 requestSeed) external {
        if (pendingRequests.length == 0) return;
        uint256 index = requestSeed % pendingRequests.length;
        uint256 requestId = pendingRequests[index];
        uint48 release = VAULT.unbondingRequest(requestId).releaseTime;
        if (vm.getBlockTimestamp() < release) vm.warp(release);
        uint256 agentId = VAULT.unbondingRequest(requestId).agentId;
        vm.prank(REGISTRY.ownerOf(agentId));
        ghostWithdrawn += VAULT.withdraw(requestId);
        pendingRequests[index] = pendingRequests[pendingRequests.length - 1];
        pendingRequests.pop();
    }

    function slash(uint256 agentSeed, uint256 bps) external {
        if (agents.length == 0) return;
        uint256 agentId = agents[agentSeed % agents.length];
        uint256 own = VAULT.stakeOf(agentId);
        uint256 unbonding = VAULT.unbondingOf(agentId);
        uint256 max = (own + unbonding) / 2;
        if (max == 0) return;
        uint256 amount = bound(bps, 1, 5000) * (own + unbonding) / 10_000;
        amount = bound(amount, 1, max);
        uint256 fromUnbonding = amount * unbonding / (own + unbonding);
        vm.prank(SLASHER);
        VAULT.slash(agentId, amount);
        ghostOwn[agentId] -= amount - fromUnbonding;
        ghostSlashed += amount;
    }

    function transferAgent(uint256 agentSeed, uint256 toSeed) external {
        if (agents.length == 0) return;
        uint256 agentId = agents[agentSeed % agents.length];
        address from = REGISTRY.ownerOf(agentId);
        address to = actors[toSeed % actors.length];
        vm.prank(from);
        REGISTRY.transferFrom(from, to, agentId);
    }

    function delegate(uint256 actorSeed, uint256 toSeed) external {
        vm.prank(actors[actorSeed % actors.length]);
        VAULT.delegate(actors[toSeed % actors.length]);
    }

    function warp(uint256 seconds_) external {
        vm.warp(vm.getBlockTimestamp() + bound(seconds_, 1, 10 days));
    }

    /// @dev The vault keeps request shares private to its pool; the sum of pending shares per agent stands in.
    function _shares(uint256 agentId) internal view returns (uint256 total) {
        for (uint256 i; i < pendingRequests.length; ++i) {
            if (VAULT.unbondingRequest(pendingRequests[i]).agentId == agentId) {
                total += VAULT.unbondingRequest(pendingRequests[i]).shares;
            }
        }
    }
}
