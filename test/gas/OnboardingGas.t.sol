// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAgentRegistry} from "../../contracts/interfaces/IAgentRegistry.sol";
import {BaseTest} from "../utils/BaseTest.sol";
import {HistorySeeder} from "../utils/mocks/HistorySeeder.sol";

/// @notice Gas of a new agent's first hour (snapshots/OnboardingGas.json): registering with a 66-byte `ipfs://` URI
/// and the one-transaction onboarding (`registerAndStake` with a permit and an operator key), against the
/// three-transaction path (register, approve, stake), each for a new owner at agent #1 and at agent #10,001.
/// ERC-8004's reference registry, for comparison (transaction gas, same URI): 217,893 at #1, 200,793 at #10,001.
contract OnboardingGas is BaseTest {
    string internal constant URI = "ipfs://bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy";
    uint256 internal constant STAKE = 1000 ether;

    /// 10,000 agents registered and staked through the protocol's functions, in one transaction (so the isolated
    /// gas profile does not run 40,000 transactions).
    function _seed10000Agents() internal {
        HistorySeeder seeder = new HistorySeeder(registry, vault, token);
        _fund(address(seeder), 10_000 ether);
        seeder.seed(10_000, 1 ether);
        assertEq(registry.totalAgents(), 10_000);
    }

    function _register(string memory label) internal {
        address owner = makeAddr(label);
        vm.prank(owner);
        registry.register(URI);
        vm.snapshotGasLastCall(label);
    }

    function _threeTransactions(string memory label) internal {
        address owner = makeAddr(label);
        _fund(owner, STAKE);
        vm.startPrank(owner);
        uint256 agentId = registry.register(URI);
        uint256 registerGas = vm.lastCallGas().gasTotalUsed;
        token.approve(address(vault), STAKE);
        uint256 approveGas = vm.lastCallGas().gasTotalUsed;
        vault.stake(agentId, STAKE);
        uint256 stakeGas = vm.lastCallGas().gasTotalUsed;
        vm.stopPrank();
        vm.snapshotValue(label, registerGas + approveGas + stakeGas);
    }

    function _onboard(string memory label) internal {
        (address owner, uint256 key) = makeAddrAndKey(label);
        _fund(owner, STAKE);
        uint256 deadline = vm.getBlockTimestamp() + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = _permit(key, owner, STAKE, deadline);
        vm.prank(owner);
        registry.registerAndStake(URI, IAgentRegistry.Role.Utility, operator, STAKE, deadline, v, r, s);
        vm.snapshotGasLastCall(label);
    }

    function test_Gas_RegisterAgent1() public {
        _register("register (agent #1, new owner)");
    }

    function test_Gas_RegisterAgent10001() public {
        _seed10000Agents();
        _register("register (agent #10,001, new owner)");
    }

    function test_Gas_OnboardAgent1() public {
        _onboard("registerAndStake with permit and operator (agent #1)");
    }

    function test_Gas_OnboardAgent10001() public {
        _seed10000Agents();
        _onboard("registerAndStake with permit and operator (agent #10,001)");
    }

    function test_Gas_ThreeTransactionsAgent1() public {
        _threeTransactions("register + approve + stake, 3 transactions (agent #1)");
    }

    function test_Gas_ThreeTransactionsAgent10001() public {
        _seed10000Agents();
        _threeTransactions("register + approve + stake, 3 transactions (agent #10,001)");
    }
}
