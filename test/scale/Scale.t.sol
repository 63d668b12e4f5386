// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAgentRegistry} from "../../contracts/interfaces/IAgentRegistry.sol";
import {BaseTest} from "../utils/BaseTest.sol";

/// @notice Registering and staking cost the same whatever the number of agents (SPEC: 10,000+ agents without any
/// operation's gas growing with their number). Runs without isolation: calldata (intrinsic gas) grows with the
/// id's bytes, the protocol's own work must not, and fresh accounts meet the same warm/cold state in both measurements.
contract ScaleGas is BaseTest {
    function _measure(string memory name) internal returns (uint256 registerGas, uint256 stakeGas) {
        address owner = makeAddr(name);
        _fund(owner, 1000 ether);
        vm.startPrank(owner);
        token.approve(address(vault), 1000 ether);
        uint256 id = registry.register("ipfs://bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy");
        registerGas = vm.lastCallGas().gasTotalUsed;
        vault.stake(id, 1000 ether);
        stakeGas = vm.lastCallGas().gasTotalUsed;
        vm.stopPrank();
    }

    function test_RegisterAndStakeGasFlatAt10000Agents() public {
        _measure("first"); // leaves every counter non-zero
        (uint256 registerSmall, uint256 stakeSmall) = _measure("second");

        for (uint256 i; i < 10_000; ++i) {
            // forge-lint: disable-next-line(unsafe-typecast) — small distinct owner addresses, i < 10,000
            _registerAndStake(address(uint160(0x10000 + i)), IAgentRegistry.Role.Utility, 1 ether);
        }
        assertEq(registry.totalAgents(), 10_002);

        (uint256 registerLarge, uint256 stakeLarge) = _measure("after10000");
        assertEq(registerLarge, registerSmall, "register gas with 10,000 more agents");
        assertEq(stakeLarge, stakeSmall, "stake gas with 10,000 more agents");
    }

    /// Attesting, proposing, vetoing and executing a slash cost the same for an agent whatever the number of other
    /// agents, attestations and slash proposals (nothing iterates over them).
    function _measureAccountability(string memory name)
        internal
        returns (uint256 attestGas, uint256 proposeGas, uint256 vetoGas, uint256 executeGas)
    {
        address owner = makeAddr(name);
        uint256 agentId = _registerAndStake(owner, IAgentRegistry.Role.Utility, 2000 ether);
        vm.prank(validator);
        reputation.attest(agentId, keccak256(abi.encode(name, 1)), 70, "", bytes32(0), "");
        vm.prank(validator);
        reputation.attest(agentId, keccak256(abi.encode(name, 2)), 80, "", bytes32(0), "");
        attestGas = vm.lastCallGas().gasTotalUsed;
        vm.startPrank(admin);
        uint256 vetoed = slashing.proposeSlash(agentId, 100 ether, "ipfs://evidence");
        uint256 executed = slashing.proposeSlash(agentId, 100 ether, "ipfs://evidence");
        proposeGas = vm.lastCallGas().gasTotalUsed;
        slashing.veto(vetoed);
        vetoGas = vm.lastCallGas().gasTotalUsed;
        vm.stopPrank();
        vm.warp(vm.getBlockTimestamp() + slashing.vetoWindow());
        slashing.execute(executed);
        executeGas = vm.lastCallGas().gasTotalUsed;
    }

    address internal validator = makeAddr("validator");

    function test_AccountabilityGasFlatAt10000Agents() public {
        vm.prank(admin);
        reputation.setValidator(validator, true);
        _measureAccountability("first");
        (uint256 attestSmall, uint256 proposeSmall, uint256 vetoSmall, uint256 executeSmall) =
            _measureAccountability("second");

        for (uint256 i; i < 10_000; ++i) {
            // forge-lint: disable-next-line(unsafe-typecast) — small distinct owner addresses, i < 10,000
            uint256 agentId = _register(address(uint160(0x10000 + i)), IAgentRegistry.Role.Utility);
            vm.prank(validator);
            reputation.attest(agentId, bytes32(i), uint8(i % 101), "", bytes32(0), "");
            vm.prank(admin);
            slashing.proposeSlash(1, 1 wei, "ipfs://evidence");
        }
        assertEq(slashing.totalSlashes(), 10_004);

        (uint256 attestLarge, uint256 proposeLarge, uint256 vetoLarge, uint256 executeLarge) =
            _measureAccountability("after10000");
        assertEq(attestLarge, attestSmall, "attest gas with 10,000 more agents and attestations");
        assertEq(proposeLarge, proposeSmall, "propose gas with 10,000 more slash proposals");
        assertEq(vetoLarge, vetoSmall, "veto gas");
        assertEq(executeLarge, executeSmall, "execute gas");
        emit log_named_uint("attest gas, before and after 10,000 agents", attestLarge);
        emit log_named_uint("proposeSlash gas, before and after 10,000 proposals", proposeLarge);
        emit log_named_uint("veto gas", vetoLarge);
        emit log_named_uint("execute gas", executeLarge);
    }
}
