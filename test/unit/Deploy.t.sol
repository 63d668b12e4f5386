// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Deploy} from "../../script/Deploy.s.sol";
import {Test} from "forge-std/Test.sol";

/// @notice The deploy script's own guards (the deployment itself is exercised by every test through BaseTest).
contract DeployTest is Test {
    /// The demo agents give anvil's publicly known keys every C-suite seat: never outside a local chain.
    function test_RevertWhen_DemoAgentsRequestedOutsideALocalChain() public {
        vm.chainId(1);
        vm.setEnv("DEMO_AGENTS", "true");
        vm.setEnv("DEPLOYER_PRIVATE_KEY", vm.toString(uint256(0xC0FFEE)));
        Deploy script = new Deploy();
        vm.expectRevert(abi.encodeWithSignature("DeployDemoAgentsOnLocalChainOnly(uint256)", 1));
        script.run();
    }
}
