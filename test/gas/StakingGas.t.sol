// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAgentRegistry} from "../../contracts/interfaces/IAgentRegistry.sol";
import {BaseTest} from "../utils/BaseTest.sol";

/// @notice Gas snapshots (snapshots/StakingGas.json) of the agent and staking operations, checked in CI with
/// FORGE_SNAPSHOT_CHECK=true. Each operation is measured on warm protocol state, as users meet it.
contract StakingGas is BaseTest {
    uint256 internal agentId;

    function setUp() public override {
        super.setUp();
        // A previous agent makes the counters and totals non-zero, as on a live deployment.
        _registerAndStake(carol, IAgentRegistry.Role.Utility, 1000 ether);
        agentId = _register(alice, IAgentRegistry.Role.Utility);
        _fund(alice, 10_000 ether);
        vm.prank(alice);
        token.approve(address(vault), type(uint256).max);
    }

    function test_Gas_Register() public {
        vm.prank(bob);
        registry.register("ipfs://bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy");
        vm.snapshotGasLastCall("register");
    }

    function test_Gas_Stake() public {
        vm.prank(alice);
        vault.stake(agentId, 1000 ether);
        vm.snapshotGasLastCall("stake (first, self-delegates)");
        vm.prank(alice);
        vault.stake(agentId, 1000 ether);
        vm.snapshotGasLastCall("stake (top-up)");
    }

    function test_Gas_StakeWithPermit() public {
        (address dave, uint256 key) = makeAddrAndKey("dave");
        uint256 daveAgent = _register(dave, IAgentRegistry.Role.Utility);
        _fund(dave, 1000 ether);
        uint256 deadline = vm.getBlockTimestamp() + 1 hours;
        bytes32 structHash = keccak256(
            abi.encode(
                keccak256(
                    "Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)"
                ),
                dave,
                address(vault),
                1000 ether,
                token.nonces(dave),
                deadline
            )
        );
        (uint8 v, bytes32 r, bytes32 s) =
            vm.sign(key, keccak256(abi.encodePacked("\x19\x01", token.DOMAIN_SEPARATOR(), structHash)));
        vm.prank(dave);
        vault.stakeWithPermit(daveAgent, 1000 ether, deadline, v, r, s);
        vm.snapshotGasLastCall("stakeWithPermit");
    }

    function test_Gas_RequestUnstakeAndWithdraw() public {
        vm.startPrank(alice);
        vault.stake(agentId, 2000 ether);
        vault.requestUnstake(agentId, 500 ether);
        vm.snapshotGasLastCall("requestUnstake");
        uint256 requestId = vault.requestUnstake(agentId, 500 ether);
        vm.warp(vm.getBlockTimestamp() + 14 days);
        vault.withdraw(requestId);
        vm.snapshotGasLastCall("withdraw");
        vm.stopPrank();
    }

    function test_Gas_Delegate() public {
        vm.startPrank(alice);
        vault.stake(agentId, 1000 ether);
        vault.delegate(operator);
        vm.snapshotGasLastCall("delegate");
        vm.stopPrank();
    }

    function test_Gas_Slash() public {
        vm.startPrank(alice);
        vault.stake(agentId, 2000 ether);
        vault.requestUnstake(agentId, 500 ether);
        vm.stopPrank();
        vm.prank(slasher);
        vault.slash(agentId, 500 ether);
        vm.snapshotGasLastCall("slash");
    }

    function test_Gas_TransferAgentWithStake() public {
        vm.prank(alice);
        vault.stake(agentId, 1000 ether);
        vm.prank(alice);
        registry.transferFrom(alice, bob, agentId);
        vm.snapshotGasLastCall("transferFrom (agent with stake)");
    }
}
