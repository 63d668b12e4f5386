// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAgentRegistry} from "./interfaces/IAgentRegistry.sol";
import {IFeeEscrow} from "./interfaces/IFeeEscrow.sol";
import {IStakingVault} from "./interfaces/IStakingVault.sol";
import {IToolRegistry} from "./interfaces/IToolRegistry.sol";

/// @title ToolRegistry
/// @notice The on-chain list of paid tools (see `IToolRegistry`).
contract ToolRegistry is IToolRegistry {
    IAgentRegistry private immutable _REGISTRY;
    IStakingVault private immutable _VAULT;
    IFeeEscrow private immutable _ESCROW;

    uint256 private _totalTools;
    mapping(uint256 toolId => Tool) private _tools;

    constructor(IAgentRegistry registry_, IStakingVault vault_, IFeeEscrow escrow_) {
        _REGISTRY = registry_;
        _VAULT = vault_;
        _ESCROW = escrow_;
    }

    /// @inheritdoc IToolRegistry
    function listTool(
        uint256 providerAgentId,
        string calldata metadataURI,
        string calldata endpoint,
        address token,
        uint256 pricePerCall
    ) external returns (uint256 toolId) {
        _onlyProvider(providerAgentId);
        _requireActive(providerAgentId);
        if (!_ESCROW.isPaymentToken(token)) revert ToolTokenNotAllowed(token);
        _checkPrice(pricePerCall);
        _checkDescription(metadataURI, endpoint);
        toolId = ++_totalTools;
        _tools[toolId] = Tool({
            // forge-lint: disable-next-line(unsafe-typecast) — ids are sequential: an existing one is below 2^64
            providerAgentId: uint64(providerAgentId),
            status: Status.Active,
            token: token,
            // forge-lint: disable-next-line(unsafe-typecast) — `_checkPrice` bounds it
            pricePerCall: uint128(pricePerCall),
            metadataURI: metadataURI,
            endpoint: endpoint
        });
        emit ToolListed(toolId, providerAgentId, token, pricePerCall, metadataURI, endpoint);
    }

    /// @inheritdoc IToolRegistry
    function setPrice(uint256 toolId, uint256 pricePerCall) external {
        Tool storage tool = _managed(toolId);
        _checkPrice(pricePerCall);
        emit ToolPriceChanged(toolId, tool.pricePerCall, pricePerCall);
        // forge-lint: disable-next-line(unsafe-typecast) — `_checkPrice` bounds it
        tool.pricePerCall = uint128(pricePerCall);
    }

    /// @inheritdoc IToolRegistry
    function updateTool(uint256 toolId, string calldata metadataURI, string calldata endpoint) external {
        Tool storage tool = _managed(toolId);
        _checkDescription(metadataURI, endpoint);
        tool.metadataURI = metadataURI;
        tool.endpoint = endpoint;
        emit ToolUpdated(toolId, metadataURI, endpoint);
    }

    /// @inheritdoc IToolRegistry
    function pauseTool(uint256 toolId) external {
        Tool storage tool = _managed(toolId);
        if (tool.status != Status.Active) revert ToolInvalidStatus(toolId, tool.status);
        _setStatus(toolId, tool, Status.Paused);
    }

    /// @inheritdoc IToolRegistry
    function resumeTool(uint256 toolId) external {
        Tool storage tool = _managed(toolId);
        if (tool.status != Status.Paused) revert ToolInvalidStatus(toolId, tool.status);
        _requireActive(tool.providerAgentId);
        _setStatus(toolId, tool, Status.Active);
    }

    /// @inheritdoc IToolRegistry
    function retireTool(uint256 toolId) external {
        Tool storage tool = _managed(toolId);
        _setStatus(toolId, tool, Status.Retired);
    }

    /// @inheritdoc IToolRegistry
    function getTool(uint256 toolId) external view returns (Tool memory) {
        return _tools[toolId];
    }

    /// @inheritdoc IToolRegistry
    function isServable(uint256 toolId) external view returns (bool) {
        Tool storage tool = _tools[toolId];
        return tool.status == Status.Active && _VAULT.isActive(tool.providerAgentId);
    }

    /// @inheritdoc IToolRegistry
    function totalTools() external view returns (uint256) {
        return _totalTools;
    }

    function _setStatus(uint256 toolId, Tool storage tool, Status status) private {
        emit ToolStatusChanged(toolId, tool.status, status);
        tool.status = status;
    }

    /// @dev A listed tool that is not retired, managed by its provider's owner or operator.
    function _managed(uint256 toolId) private view returns (Tool storage tool) {
        tool = _tools[toolId];
        if (tool.status == Status.None) revert ToolNotFound(toolId);
        if (tool.status == Status.Retired) revert ToolInvalidStatus(toolId, Status.Retired);
        _onlyProvider(tool.providerAgentId);
    }

    function _onlyProvider(uint256 providerAgentId) private view {
        // The registry reverts for an agent that does not exist: nobody provides for it.
        try _REGISTRY.isOwnerOrOperator(providerAgentId, msg.sender) returns (bool provider) {
            if (provider) return;
        } catch {}
        revert ToolNotProvider(providerAgentId, msg.sender);
    }

    function _requireActive(uint256 providerAgentId) private view {
        if (!_VAULT.isActive(providerAgentId)) revert ToolProviderNotActive(providerAgentId);
    }

    function _checkPrice(uint256 price) private pure {
        if (price == 0 || price > type(uint128).max) revert ToolInvalidPrice(price);
    }

    function _checkDescription(string calldata metadataURI, string calldata endpoint) private pure {
        bytes calldata uri = bytes(metadataURI);
        // "ipfs://" and at least a CIDv1's multibase prefix and some digits.
        // forge-lint: disable-next-line(unsafe-typecast) — the first seven bytes, by design
        if (uri.length < 15 || bytes7(uri[:7]) != bytes7("ipfs://")) {
            revert ToolInvalidMetadataURI(metadataURI);
        }
        if (bytes(endpoint).length == 0) revert ToolEmptyEndpoint();
    }
}
