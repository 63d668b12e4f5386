// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAgentRegistry} from "../../contracts/interfaces/IAgentRegistry.sol";
import {IToolRegistry} from "../../contracts/interfaces/IToolRegistry.sol";
import {EscrowBase} from "../utils/EscrowBase.sol";

contract ToolRegistryTest is EscrowBase {
    string internal constant META = "ipfs://bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku";
    string internal constant ENDPOINT = "https://tools.example/search";

    function _list() internal returns (uint256 toolId) {
        vm.prank(alice);
        toolId = tools.listTool(providerAgent, META, ENDPOINT, address(token), 0.01 ether);
    }

    function test_ListTool_ByTheOwnerOrTheOperator() public {
        vm.expectEmit(address(tools));
        emit IToolRegistry.ToolListed(1, providerAgent, address(token), 0.01 ether, META, ENDPOINT);
        uint256 toolId = _list();
        assertEq(toolId, 1);
        IToolRegistry.Tool memory tool = tools.getTool(toolId);
        assertEq(tool.providerAgentId, providerAgent);
        assertEq(uint8(tool.status), uint8(IToolRegistry.Status.Active));
        assertEq(tool.token, address(token));
        assertEq(tool.pricePerCall, 0.01 ether);
        assertEq(tool.metadataURI, META);
        assertEq(tool.endpoint, ENDPOINT);
        assertTrue(tools.isServable(toolId));

        vm.prank(alice);
        registry.setOperator(providerAgent, operator);
        vm.prank(operator);
        assertEq(tools.listTool(providerAgent, META, "mcp+https://tools.example/mcp", address(token), 1), 2);
        assertEq(tools.totalTools(), 2);
    }

    function test_RevertWhen_ListedByAStrangerOrForAMissingAgent() public {
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(IToolRegistry.ToolNotProvider.selector, providerAgent, bob));
        tools.listTool(providerAgent, META, ENDPOINT, address(token), 1);
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(IToolRegistry.ToolNotProvider.selector, 999, bob));
        tools.listTool(999, META, ENDPOINT, address(token), 1);
    }

    function test_RevertWhen_AnInactiveAgentLists() public {
        uint256 idle = _register(carol, IAgentRegistry.Role.Utility);
        vm.prank(carol);
        vm.expectRevert(abi.encodeWithSelector(IToolRegistry.ToolProviderNotActive.selector, idle));
        tools.listTool(idle, META, ENDPOINT, address(token), 1);
    }

    function test_RevertWhen_TheListingIsInvalid() public {
        vm.startPrank(alice);
        vm.expectRevert(abi.encodeWithSelector(IToolRegistry.ToolTokenNotAllowed.selector, bob));
        tools.listTool(providerAgent, META, ENDPOINT, bob, 1);
        vm.expectRevert(abi.encodeWithSelector(IToolRegistry.ToolInvalidPrice.selector, 0));
        tools.listTool(providerAgent, META, ENDPOINT, address(token), 0);
        vm.expectRevert(
            abi.encodeWithSelector(IToolRegistry.ToolInvalidPrice.selector, uint256(type(uint128).max) + 1)
        );
        tools.listTool(providerAgent, META, ENDPOINT, address(token), uint256(type(uint128).max) + 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IToolRegistry.ToolInvalidMetadataURI.selector, "https://tools.example/meta.json"
            )
        );
        tools.listTool(providerAgent, "https://tools.example/meta.json", ENDPOINT, address(token), 1);
        vm.expectRevert(abi.encodeWithSelector(IToolRegistry.ToolInvalidMetadataURI.selector, "ipfs://"));
        tools.listTool(providerAgent, "ipfs://", ENDPOINT, address(token), 1);
        vm.expectRevert(IToolRegistry.ToolEmptyEndpoint.selector);
        tools.listTool(providerAgent, META, "", address(token), 1);
        vm.stopPrank();
        assertEq(tools.totalTools(), 0);
    }

    function test_SetPriceAndUpdate() public {
        uint256 toolId = _list();
        vm.expectEmit(address(tools));
        emit IToolRegistry.ToolPriceChanged(toolId, 0.01 ether, 0.02 ether);
        vm.prank(alice);
        tools.setPrice(toolId, 0.02 ether);
        assertEq(tools.getTool(toolId).pricePerCall, 0.02 ether);

        string memory meta2 = "ipfs://bafkreie5zqhwcuxynyr3cc3whkqhpjlvqkvjfqxdqrxyjhh5xd5zq4i2ve";
        vm.expectEmit(address(tools));
        emit IToolRegistry.ToolUpdated(toolId, meta2, "https://tools.example/v2");
        vm.prank(alice);
        tools.updateTool(toolId, meta2, "https://tools.example/v2");
        assertEq(tools.getTool(toolId).metadataURI, meta2);

        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(IToolRegistry.ToolNotProvider.selector, providerAgent, bob));
        tools.setPrice(toolId, 1);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IToolRegistry.ToolInvalidPrice.selector, 0));
        tools.setPrice(toolId, 0);
        vm.expectRevert(abi.encodeWithSelector(IToolRegistry.ToolNotFound.selector, 7));
        tools.setPrice(7, 1);
    }

    function test_PauseResumeRetire_RetiredIsFinal() public {
        uint256 toolId = _list();
        vm.startPrank(alice);
        vm.expectEmit(address(tools));
        emit IToolRegistry.ToolStatusChanged(toolId, IToolRegistry.Status.Active, IToolRegistry.Status.Paused);
        tools.pauseTool(toolId);
        assertFalse(tools.isServable(toolId));
        vm.expectRevert(
            abi.encodeWithSelector(
                IToolRegistry.ToolInvalidStatus.selector, toolId, IToolRegistry.Status.Paused
            )
        );
        tools.pauseTool(toolId);
        tools.resumeTool(toolId);
        assertTrue(tools.isServable(toolId));
        vm.expectRevert(
            abi.encodeWithSelector(
                IToolRegistry.ToolInvalidStatus.selector, toolId, IToolRegistry.Status.Active
            )
        );
        tools.resumeTool(toolId);
        tools.retireTool(toolId);
        assertFalse(tools.isServable(toolId));
        bytes memory retired = abi.encodeWithSelector(
            IToolRegistry.ToolInvalidStatus.selector, toolId, IToolRegistry.Status.Retired
        );
        vm.expectRevert(retired);
        tools.resumeTool(toolId);
        vm.expectRevert(retired);
        tools.setPrice(toolId, 1);
        vm.expectRevert(retired);
        tools.updateTool(toolId, META, ENDPOINT);
        vm.expectRevert(retired);
        tools.retireTool(toolId);
        vm.stopPrank();
    }

    function test_InactiveProvider_ToolsStayListedButAreNotServableAndCannotResume() public {
        uint256 live = _list();
        uint256 paused = _list();
        vm.startPrank(alice);
        tools.pauseTool(paused);
        // Below the specialized minimum of 5,000.
        vault.requestUnstake(providerAgent, 1 ether);
        vm.stopPrank();
        assertFalse(vault.isActive(providerAgent));
        assertEq(uint8(tools.getTool(live).status), uint8(IToolRegistry.Status.Active));
        assertFalse(tools.isServable(live));
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IToolRegistry.ToolProviderNotActive.selector, providerAgent));
        tools.resumeTool(paused);

        // Active again: its tools serve again.
        _stake(alice, providerAgent, 1 ether);
        assertTrue(tools.isServable(live));
    }
}
