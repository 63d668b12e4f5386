// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";

/// @title IAgentRegistry
/// @notice The identity of every Conclave agent: one ERC-721 token per agent, compatible with ERC-8004's
/// identity registry (`register`, `setAgentURI`, `getMetadata`/`setMetadata`, the reserved `agentWallet`
/// and ERC-8004's events), plus a role, a tier and an operator key.
/// @dev Roles and tiers:
/// - An agent has a *base role*, `Utility` or `Specialized`, chosen by its owner at registration and changeable
///   by the owner at any time.
/// - The five C-suite seats (CEO, CTO, CFO, CLO, CMO) hold one agent each and are granted and revoked only by the
///   admin (the Timelock once governance is deployed). An agent holds at most one seat.
/// - The *effective role* of an agent is its seat if it holds one, otherwise its base role; its tier follows from
///   the effective role. Revoking a seat returns the agent to its base role.
/// - Whether an agent is *active* depends on its stake, so the staking vault answers it (`IStakingVault.isActive`).
///
/// Authority over an agent: its owner (the holder of the identity token) and the owner's ERC-721 approvals manage
/// it; the operator key may act for the agent where a function says so (staking, and later serving tools and
/// voting by delegation). On transfer of the identity, the operator and the `agentWallet` are cleared and the
/// agent's voting units move to the new owner through the staking vault's hook.
///
/// Seats do not travel: an agent that holds a C-suite seat cannot be transferred (`RegistryTransferOfSeatedAgent`)
/// until governance revokes the seat, so buying the token never buys a seat. (Revoking the seat on transfer was the
/// alternative; refusing keeps the seat's holder and the token's holder the same without a silent side effect.)
///
/// `agentWallet` (ERC-8004): the registrant until changed, announced at registration with
/// `MetadataSet(agentId, "agentWallet", …)` and returned by `getMetadata(agentId, "agentWallet")` as the packed
/// address, exactly as ERC-8004's reference registry does.
///
/// Storage: an `ipfs://` URI of a CIDv1 with a sha2-256 digest (what the SDK computes) is stored as its digest and
/// rebuilt on read (`CidLib`), so registering costs one slot for it instead of three; every other URI is stored as
/// given. `agentURI`/`tokenURI` return exactly the string that was registered.
///
/// Onboarding in one transaction: `registerAndStake` registers, names the operator key (optional) and stakes with
/// an EIP-2612 permit (or an existing allowance) through the staking vault.
interface IAgentRegistry is IERC721 {
    /// @notice What an agent does. `None` only marks "no seat" and unregistered agents.
    enum Role {
        None,
        Utility,
        Specialized,
        CEO,
        CTO,
        CFO,
        CLO,
        CMO
    }

    /// @notice The staking tier of a role: C-suite roles share one tier.
    enum Tier {
        None,
        Utility,
        Specialized,
        CSuite
    }

    /// @notice One entry of on-chain key/value metadata (ERC-8004).
    struct MetadataEntry {
        string metadataKey;
        bytes metadataValue;
    }

    // ---------------------------------------------------------------- events (ERC-8004)

    /// @notice An agent identity was minted to `owner`.
    event Registered(uint256 indexed agentId, string agentURI, address indexed owner);

    /// @notice The agent card URI changed.
    event URIUpdated(uint256 indexed agentId, string newURI, address indexed updatedBy);

    /// @notice A metadata entry was written (also for the reserved `agentWallet`, whose value is the packed address,
    /// or empty when cleared).
    event MetadataSet(
        uint256 indexed agentId, string indexed indexedMetadataKey, string metadataKey, bytes metadataValue
    );

    // ---------------------------------------------------------------- events (Conclave)

    /// @notice The base role of an agent was set (at registration `previousRole` is `None`).
    event RoleChanged(uint256 indexed agentId, Role previousRole, Role newRole);

    /// @notice A C-suite seat was granted to an agent.
    event SeatGranted(Role indexed seat, uint256 indexed agentId, address indexed grantedBy);

    /// @notice A C-suite seat was revoked from an agent.
    event SeatRevoked(Role indexed seat, uint256 indexed agentId, address indexed revokedBy);

    /// @notice The operator key of an agent changed (`operator` is zero when cleared).
    event OperatorSet(uint256 indexed agentId, address indexed operator, address indexed previousOperator);

    /// @notice The staking vault that receives identity-transfer notifications was set (once).
    event StakingVaultSet(address indexed stakingVault);

    // ---------------------------------------------------------------- errors

    /// @notice `caller` is neither the owner of `agentId` nor approved for it.
    error RegistryNotOwnerOrApproved(uint256 agentId, address caller);

    /// @notice `role` cannot be chosen by an owner: only `Utility` and `Specialized` can.
    error RegistryRoleNotSelfAssignable(Role role);

    /// @notice `role` is not a C-suite seat.
    error RegistryNotASeat(Role role);

    /// @notice `seat` is already held by `holder`.
    error RegistrySeatOccupied(Role seat, uint256 holder);

    /// @notice `seat` is not held by any agent.
    error RegistrySeatVacant(Role seat);

    /// @notice `agentId` already holds `seat`; an agent holds at most one seat.
    error RegistryAgentHoldsSeat(uint256 agentId, Role seat);

    /// @notice The metadata key `agentWallet` is reserved: it changes only through `setAgentWallet`.
    error RegistryReservedMetadataKey(string metadataKey);

    /// @notice Metadata keys must not be empty.
    error RegistryEmptyMetadataKey();

    /// @notice `agentURI` does not start with `ipfs://`, `https://` or `data:`.
    error RegistryUnsupportedURIScheme(string agentURI);

    /// @notice The new agent wallet must not be the zero address.
    error RegistryZeroWallet();

    /// @notice The wallet proof expired at `deadline` (now `timestamp`).
    error RegistryWalletProofExpired(uint256 deadline, uint256 timestamp);

    /// @notice The wallet proof's `deadline` lies more than `maxDelay` seconds after `timestamp`.
    error RegistryWalletProofDeadlineTooFar(uint256 deadline, uint256 timestamp, uint256 maxDelay);

    /// @notice The signature does not prove control of `wallet` (EIP-712 for an EOA, ERC-1271 for a contract).
    error RegistryInvalidWalletProof(uint256 agentId, address wallet);

    /// @notice The staking vault was already set to `stakingVault`.
    error RegistryStakingVaultAlreadySet(address stakingVault);

    /// @notice The staking vault must not be the zero address (or is not set yet).
    error RegistryZeroStakingVault();

    /// @notice `agentId` holds `seat`: it cannot change hands until governance revokes the seat.
    error RegistryTransferOfSeatedAgent(uint256 agentId, Role seat);

    // ---------------------------------------------------------------- registration (ERC-8004)

    /// @notice Registers a `Utility` agent with no URI; the identity is minted to the caller.
    /// @return agentId The new agent's id (ids start at 1).
    function register() external returns (uint256 agentId);

    /// @notice Registers a `Utility` agent with an agent card URI (`ipfs://`, `https://` or `data:`).
    function register(string calldata agentURI) external returns (uint256 agentId);

    /// @notice Registers a `Utility` agent with a URI and on-chain metadata (`agentWallet` is reserved).
    function register(string calldata agentURI, MetadataEntry[] calldata metadata)
        external
        returns (uint256 agentId);

    /// @notice Registers an agent with a self-assignable base role (`Utility` or `Specialized`).
    function registerAgent(string calldata agentURI, MetadataEntry[] calldata metadata, Role role)
        external
        returns (uint256 agentId);

    /// @notice Registers an agent, names its operator key (`operator`, zero for none) and stakes `amount` for it
    /// from the caller, in one transaction. With `deadline` non-zero, (`v`, `r`, `s`) is an EIP-2612 permit of
    /// `amount` to the staking vault; with `deadline` zero the caller must have approved the vault already.
    function registerAndStake(
        string calldata agentURI,
        Role role,
        address operator,
        uint256 amount,
        uint256 deadline,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external returns (uint256 agentId);

    // ---------------------------------------------------------------- identity management

    /// @notice Sets the agent card URI. Owner or approved only.
    function setAgentURI(uint256 agentId, string calldata newURI) external;

    /// @notice Writes one metadata entry. Owner or approved only; `agentWallet` is reserved.
    function setMetadata(uint256 agentId, string calldata metadataKey, bytes calldata metadataValue) external;

    /// @notice Sets the agent's payment wallet, proven by `signature` from `newWallet` over the EIP-712 struct
    /// `AgentWalletSet(uint256 agentId,address newWallet,address owner,uint256 deadline)` (ERC-1271 for a contract
    /// wallet). The deadline must not be past nor more than `MAX_WALLET_PROOF_DELAY` ahead. Owner or approved only.
    function setAgentWallet(uint256 agentId, address newWallet, uint256 deadline, bytes calldata signature)
        external;

    /// @notice Clears the agent's payment wallet. Owner or approved only.
    function unsetAgentWallet(uint256 agentId) external;

    /// @notice Sets the operator key that may act for the agent (zero clears it). Owner or approved only.
    function setOperator(uint256 agentId, address operator) external;

    /// @notice Changes the base role between `Utility` and `Specialized`. Owner or approved only.
    function setRole(uint256 agentId, Role role) external;

    // ---------------------------------------------------------------- admin

    /// @notice Grants a vacant C-suite `seat` to `agentId`. Admin only.
    function grantSeat(uint256 agentId, Role seat) external;

    /// @notice Revokes an occupied C-suite `seat`; its holder returns to its base role. Admin only.
    function revokeSeat(Role seat) external;

    /// @notice Sets, once, the staking vault notified on identity transfers. Admin only.
    function setStakingVault(address stakingVault) external;

    // ---------------------------------------------------------------- reads

    /// @notice The agent card URI (the ERC-721 `tokenURI`).
    function agentURI(uint256 agentId) external view returns (string memory);

    /// @notice A metadata value (empty if unset).
    function getMetadata(uint256 agentId, string calldata metadataKey) external view returns (bytes memory);

    /// @notice The agent's verified payment wallet (the registering owner until changed; zero after a transfer).
    function getAgentWallet(uint256 agentId) external view returns (address);

    /// @notice The operator key of an agent (zero if none).
    function operatorOf(uint256 agentId) external view returns (address);

    /// @notice The effective role: the seat if the agent holds one, otherwise its base role.
    function roleOf(uint256 agentId) external view returns (Role);

    /// @notice The base role chosen by the owner.
    function baseRoleOf(uint256 agentId) external view returns (Role);

    /// @notice The seat held by the agent, or `None`.
    function seatOf(uint256 agentId) external view returns (Role);

    /// @notice The tier of the agent's effective role.
    function tierOf(uint256 agentId) external view returns (Tier);

    /// @notice The agent holding `seat`, or 0 when vacant.
    function seatHolder(Role seat) external view returns (uint256 agentId);

    /// @notice Whether `account` is the owner of `agentId` or approved for it.
    function isOwnerOrApproved(uint256 agentId, address account) external view returns (bool);

    /// @notice Whether `account` may act for `agentId`: owner, approved, or the operator key.
    function isAuthorized(uint256 agentId, address account) external view returns (bool);

    /// @notice Whether `account` is the owner of `agentId` or its operator key (not a mere ERC-721 approval): who may
    /// exercise the agent's seat, such as the CLO's review.
    function isOwnerOrOperator(uint256 agentId, address account) external view returns (bool);

    /// @notice ERC-8004: whether `spender` is the owner of `agentId` or approved for it. Reverts for an unknown agent.
    function isAuthorizedOrOwner(address spender, uint256 agentId) external view returns (bool);

    /// @notice ERC-8004: the version of the identity registry interface implemented.
    function getVersion() external pure returns (string memory);

    /// @notice The number of agents ever registered (also the newest id).
    function totalAgents() external view returns (uint256);

    /// @notice The staking vault notified on identity transfers.
    function stakingVault() external view returns (address);

    /// @notice The longest a wallet proof's deadline may lie ahead (constant).
    function MAX_WALLET_PROOF_DELAY() external view returns (uint256);
}
