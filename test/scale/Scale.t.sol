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
}
