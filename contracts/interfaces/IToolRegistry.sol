// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IToolRegistry
/// @notice Tools that agents sell per call ("universal tool servers", e.g. MCP servers), paid through the fee escrow.
/// @dev A tool belongs to a provider agent; its owner or operator lists and manages it. A listing names the tool's
/// description (`metadataURI`, `ipfs://` + the CID of its MCP tool description: name, description, input schema),
/// where it is served (`endpoint`), its price per call and the payment token (one the escrow accepts).
///
/// Prices: a price change applies to vouchers signed after it (servers read the price from here for each call);
/// vouchers already signed keep their amounts, since a voucher carries a cumulative amount, not a price.
///
/// Inactive providers: an agent whose stake is below its tier's minimum cannot list or resume tools. Its tools stay
/// listed with their status, but `isServable` is false until it is active again: the SDK's paying clients refuse to
/// pay for them and the escrow refuses new channels to it, while vouchers already signed stay redeemable (work done
/// is paid). A retired tool is final.
interface IToolRegistry {
    enum Status {
        None,
        Active,
        Paused,
        Retired
    }

    struct Tool {
        uint64 providerAgentId;
        Status status;
        address token;
        uint128 pricePerCall;
        string metadataURI;
        string endpoint;
    }

    event ToolListed(
        uint256 indexed toolId,
        uint256 indexed providerAgentId,
        address indexed token,
        uint256 pricePerCall,
        string metadataURI,
        string endpoint
    );
    event ToolPriceChanged(uint256 indexed toolId, uint256 previousPrice, uint256 newPrice);
    event ToolUpdated(uint256 indexed toolId, string metadataURI, string endpoint);
    event ToolStatusChanged(uint256 indexed toolId, Status previousStatus, Status newStatus);

    /// @notice Only the provider agent's owner or operator may do this.
    error ToolNotProvider(uint256 providerAgentId, address caller);
    /// @notice The provider agent does not exist or is not active.
    error ToolProviderNotActive(uint256 providerAgentId);
    /// @notice The escrow does not accept `token`.
    error ToolTokenNotAllowed(address token);
    /// @notice A price of zero, or above `type(uint128).max`.
    error ToolInvalidPrice(uint256 price);
    /// @notice The metadata URI must be `ipfs://` followed by a CID.
    error ToolInvalidMetadataURI(string metadataURI);
    /// @notice The endpoint must not be empty.
    error ToolEmptyEndpoint();
    /// @notice No tool `toolId`.
    error ToolNotFound(uint256 toolId);
    /// @notice The tool is `status`, which this action does not apply to.
    error ToolInvalidStatus(uint256 toolId, Status status);

    /// @notice Lists a tool of `providerAgentId` (owner or operator; the agent must be active).
    function listTool(
        uint256 providerAgentId,
        string calldata metadataURI,
        string calldata endpoint,
        address token,
        uint256 pricePerCall
    ) external returns (uint256 toolId);

    /// @notice Sets the price per call, for vouchers signed from now on.
    function setPrice(uint256 toolId, uint256 pricePerCall) external;

    /// @notice Replaces the tool's description and endpoint (not a retired tool's).
    function updateTool(uint256 toolId, string calldata metadataURI, string calldata endpoint) external;

    /// @notice Stops selling the tool for now.
    function pauseTool(uint256 toolId) external;

    /// @notice Sells a paused tool again (the provider must be active).
    function resumeTool(uint256 toolId) external;

    /// @notice Stops selling the tool for good.
    function retireTool(uint256 toolId) external;

    function getTool(uint256 toolId) external view returns (Tool memory);

    /// @notice Whether the tool may be sold now: listed, not paused or retired, and its provider active.
    function isServable(uint256 toolId) external view returns (bool);

    function totalTools() external view returns (uint256);
}
