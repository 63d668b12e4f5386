// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAgentRegistry} from "./interfaces/IAgentRegistry.sol";
import {IStakingVault} from "./interfaces/IStakingVault.sol";
import {CidLib} from "./libraries/CidLib.sol";
import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IERC4906} from "@openzeppelin/contracts/interfaces/IERC4906.sol";
import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";
import {ERC721Utils} from "@openzeppelin/contracts/token/ERC721/utils/ERC721Utils.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";
import {IERC165} from "@openzeppelin/contracts/utils/introspection/IERC165.sol";

/// @title AgentRegistry
/// @notice ERC-8004-compatible identity registry with Conclave roles, seats and operator keys.
contract AgentRegistry is IAgentRegistry, ERC721, EIP712, AccessControl {
    /// @inheritdoc IAgentRegistry
    uint256 public constant MAX_WALLET_PROOF_DELAY = 5 minutes;

    bytes32 private constant _AGENT_WALLET_SET_TYPEHASH =
        keccak256("AgentWalletSet(uint256 agentId,address newWallet,address owner,uint256 deadline)");
    bytes32 private constant _AGENT_WALLET_KEY_HASH = keccak256("agentWallet");
    string private constant _AGENT_WALLET_KEY = "agentWallet";

    /// @dev Everything a registration writes about the agent fits one slot. `walletIsOwner`: the agent wallet is the
    /// registrant (who still owns the agent, since a transfer clears it), so it needs no slot of its own; a proven
    /// wallet lives in `_wallets`. `cidCodec`: non-zero when the URI is `ipfs://` + the CIDv1 of that codec and the
    /// sha2-256 digest in `_uriDigests`; zero when the URI is the string in `_uris` (or empty).
    struct Agent {
        Role baseRole;
        Role seat;
        bool walletIsOwner;
        uint16 cidCodec;
        address operator;
    }

    /// @dev The next agent's id. Starts at 1 (0 means "no agent") and is never zero, so registering the first agent
    /// costs the same as registering the ten-thousandth.
    uint256 private _nextAgentId = 1;
    address private _stakingVault;
    mapping(uint256 agentId => Agent) private _agents;
    mapping(uint256 agentId => address wallet) private _wallets;
    mapping(uint256 agentId => bytes32 digest) private _uriDigests;
    mapping(uint256 agentId => string uri) private _uris;
    mapping(uint256 agentId => mapping(string metadataKey => bytes metadataValue)) private _metadata;
    mapping(Role seat => uint256 agentId) private _seatHolders;

    constructor(address admin) ERC721("Conclave Agent", "AGENT") EIP712("ERC8004IdentityRegistry", "1") {
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
    }

    // ---------------------------------------------------------------- registration

    /// @inheritdoc IAgentRegistry
    function register() external returns (uint256 agentId) {
        agentId = _register("", Role.Utility);
        _checkReceiver(agentId);
    }

    /// @inheritdoc IAgentRegistry
    function register(string calldata agentURI_) external returns (uint256 agentId) {
        agentId = _register(agentURI_, Role.Utility);
        _checkReceiver(agentId);
    }

    /// @inheritdoc IAgentRegistry
    function register(string calldata agentURI_, MetadataEntry[] calldata metadata)
        external
        returns (uint256 agentId)
    {
        agentId = _register(agentURI_, Role.Utility);
        _setMetadataEntries(agentId, metadata);
        _checkReceiver(agentId);
    }

    /// @inheritdoc IAgentRegistry
    function registerAgent(string calldata agentURI_, MetadataEntry[] calldata metadata, Role role)
        external
        returns (uint256 agentId)
    {
        agentId = _register(agentURI_, role);
        _setMetadataEntries(agentId, metadata);
        _checkReceiver(agentId);
    }

    /// @inheritdoc IAgentRegistry
    function registerAndStake(
        string calldata agentURI_,
        Role role,
        address operator,
        uint256 amount,
        uint256 deadline,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external returns (uint256 agentId) {
        address vault = _stakingVault;
        if (vault == address(0)) revert RegistryZeroStakingVault();
        agentId = _register(agentURI_, role);
        if (operator != address(0)) _setOperator(agentId, operator);
        IStakingVault(vault).stakeForRegistrant(agentId, msg.sender, amount, deadline, v, r, s);
        _checkReceiver(agentId);
    }

    // ---------------------------------------------------------------- identity management

    /// @inheritdoc IAgentRegistry
    function setAgentURI(uint256 agentId, string calldata newURI) external {
        _checkOwnerOrApproved(agentId);
        if (_agents[agentId].cidCodec == 0 && bytes(_uris[agentId]).length != 0) delete _uris[agentId];
        _agents[agentId].cidCodec = _storeURI(agentId, newURI);
        emit URIUpdated(agentId, newURI, msg.sender);
        emit IERC4906.MetadataUpdate(agentId);
    }

    /// @inheritdoc IAgentRegistry
    function setMetadata(uint256 agentId, string calldata metadataKey, bytes calldata metadataValue)
        external
    {
        _checkOwnerOrApproved(agentId);
        _setMetadataEntry(agentId, metadataKey, metadataValue);
    }

    /// @inheritdoc IAgentRegistry
    function setAgentWallet(uint256 agentId, address newWallet, uint256 deadline, bytes calldata signature)
        external
    {
        address owner = _checkOwnerOrApproved(agentId);
        if (newWallet == address(0)) revert RegistryZeroWallet();
        if (block.timestamp > deadline) revert RegistryWalletProofExpired(deadline, block.timestamp);
        if (deadline > block.timestamp + MAX_WALLET_PROOF_DELAY) {
            revert RegistryWalletProofDeadlineTooFar(deadline, block.timestamp, MAX_WALLET_PROOF_DELAY);
        }
        bytes32 digest = _hashTypedDataV4(
            keccak256(abi.encode(_AGENT_WALLET_SET_TYPEHASH, agentId, newWallet, owner, deadline))
        );
        // SignatureChecker uses ERC-1271 for contracts and non-malleable ECDSA for EOAs.
        if (!SignatureChecker.isValidSignatureNow(newWallet, digest, signature)) {
            revert RegistryInvalidWalletProof(agentId, newWallet);
        }
        _setWallet(agentId, newWallet);
    }

    /// @inheritdoc IAgentRegistry
    function unsetAgentWallet(uint256 agentId) external {
        _checkOwnerOrApproved(agentId);
        _clearWallet(agentId);
    }

    /// @inheritdoc IAgentRegistry
    function setOperator(uint256 agentId, address operator) external {
        _checkOwnerOrApproved(agentId);
        _setOperator(agentId, operator);
    }

    /// @inheritdoc IAgentRegistry
    function setRole(uint256 agentId, Role role) external {
        _checkOwnerOrApproved(agentId);
        _checkSelfAssignable(role);
        Role previous = _agents[agentId].baseRole;
        _agents[agentId].baseRole = role;
        emit RoleChanged(agentId, previous, role);
    }

    // ---------------------------------------------------------------- admin

    /// @inheritdoc IAgentRegistry
    function grantSeat(uint256 agentId, Role seat) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _checkSeat(seat);
        _requireOwned(agentId);
        uint256 holder = _seatHolders[seat];
        if (holder != 0) revert RegistrySeatOccupied(seat, holder);
        Role held = _agents[agentId].seat;
        if (held != Role.None) revert RegistryAgentHoldsSeat(agentId, held);
        _seatHolders[seat] = agentId;
        _agents[agentId].seat = seat;
        emit SeatGranted(seat, agentId, msg.sender);
    }

    /// @inheritdoc IAgentRegistry
    function revokeSeat(Role seat) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _checkSeat(seat);
        uint256 holder = _seatHolders[seat];
        if (holder == 0) revert RegistrySeatVacant(seat);
        delete _seatHolders[seat];
        _agents[holder].seat = Role.None;
        emit SeatRevoked(seat, holder, msg.sender);
    }

    /// @inheritdoc IAgentRegistry
    function setStakingVault(address stakingVault_) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (_stakingVault != address(0)) revert RegistryStakingVaultAlreadySet(_stakingVault);
        if (stakingVault_ == address(0)) revert RegistryZeroStakingVault();
        _stakingVault = stakingVault_;
        emit StakingVaultSet(stakingVault_);
    }

    // ---------------------------------------------------------------- reads

    /// @inheritdoc IAgentRegistry
    function agentURI(uint256 agentId) external view returns (string memory) {
        return tokenURI(agentId);
    }

    /// @inheritdoc IAgentRegistry
    function getMetadata(uint256 agentId, string calldata metadataKey) external view returns (bytes memory) {
        if (keccak256(bytes(metadataKey)) == _AGENT_WALLET_KEY_HASH) {
            address wallet = _walletOf(agentId);
            return wallet == address(0) ? bytes("") : abi.encodePacked(wallet);
        }
        return _metadata[agentId][metadataKey];
    }

    /// @inheritdoc IAgentRegistry
    function getAgentWallet(uint256 agentId) external view returns (address) {
        _requireOwned(agentId);
        return _walletOf(agentId);
    }

    /// @inheritdoc IAgentRegistry
    function operatorOf(uint256 agentId) external view returns (address) {
        _requireOwned(agentId);
        return _agents[agentId].operator;
    }

    /// @inheritdoc IAgentRegistry
    function roleOf(uint256 agentId) public view returns (Role) {
        _requireOwned(agentId);
        Agent storage agent = _agents[agentId];
        return agent.seat != Role.None ? agent.seat : agent.baseRole;
    }

    /// @inheritdoc IAgentRegistry
    function baseRoleOf(uint256 agentId) external view returns (Role) {
        _requireOwned(agentId);
        return _agents[agentId].baseRole;
    }

    /// @inheritdoc IAgentRegistry
    function seatOf(uint256 agentId) external view returns (Role) {
        _requireOwned(agentId);
        return _agents[agentId].seat;
    }

    /// @inheritdoc IAgentRegistry
    function tierOf(uint256 agentId) external view returns (Tier) {
        Role role = roleOf(agentId);
        if (role == Role.Utility) return Tier.Utility;
        if (role == Role.Specialized) return Tier.Specialized;
        return Tier.CSuite;
    }

    /// @inheritdoc IAgentRegistry
    function seatHolder(Role seat) external view returns (uint256) {
        return _seatHolders[seat];
    }

    /// @inheritdoc IAgentRegistry
    function isOwnerOrApproved(uint256 agentId, address account) public view returns (bool) {
        return _isAuthorized(_requireOwned(agentId), account, agentId);
    }

    /// @inheritdoc IAgentRegistry
    function isAuthorized(uint256 agentId, address account) external view returns (bool) {
        return isOwnerOrApproved(agentId, account)
            || (account != address(0) && account == _agents[agentId].operator);
    }

    /// @inheritdoc IAgentRegistry
    function isOwnerOrOperator(uint256 agentId, address account) external view returns (bool) {
        return
            account == _requireOwned(agentId)
                || (account != address(0) && account == _agents[agentId].operator);
    }

    /// @inheritdoc IAgentRegistry
    function isAuthorizedOrOwner(address spender, uint256 agentId) external view returns (bool) {
        return isOwnerOrApproved(agentId, spender);
    }

    /// @inheritdoc IAgentRegistry
    function getVersion() external pure returns (string memory) {
        return "2.0.0";
    }

    /// @inheritdoc IAgentRegistry
    function totalAgents() external view returns (uint256) {
        return _nextAgentId - 1;
    }

    /// @inheritdoc IAgentRegistry
    function stakingVault() external view returns (address) {
        return _stakingVault;
    }

    /// @notice The agent card URI (ERC-721 metadata): the registered string, rebuilt from its digest when compact.
    function tokenURI(uint256 agentId) public view override returns (string memory) {
        _requireOwned(agentId);
        uint16 codec = _agents[agentId].cidCodec;
        return codec != 0 ? CidLib.toURI(codec, _uriDigests[agentId]) : _uris[agentId];
    }

    /// @notice ERC-165: ERC-721 (with metadata), ERC-4906 (`MetadataUpdate` on a new URI) and AccessControl.
    function supportsInterface(bytes4 interfaceId)
        public
        view
        override(ERC721, AccessControl, IERC165)
        returns (bool)
    {
        return interfaceId == bytes4(0x49064906) || ERC721.supportsInterface(interfaceId)
            || AccessControl.supportsInterface(interfaceId);
    }

    // ---------------------------------------------------------------- internal

    /// @dev On transfer (not mint) the new owner starts clean: no operator, no wallet, and the agent's voting units
    /// follow the identity through the staking vault. An agent holding a seat does not move.
    function _update(address to, uint256 tokenId, address auth) internal override returns (address from) {
        from = super._update(to, tokenId, auth);
        if (from != address(0) && to != address(0) && from != to) {
            Agent storage agent = _agents[tokenId];
            if (agent.seat != Role.None) revert RegistryTransferOfSeatedAgent(tokenId, agent.seat);
            if (agent.operator != address(0)) _setOperator(tokenId, address(0));
            _clearWallet(tokenId);
            address vault = _stakingVault;
            if (vault != address(0)) IStakingVault(vault).onAgentTransfer(tokenId, from, to);
        }
    }

    /// @dev Mints to the caller and writes everything; the ERC-721 receiver check (the only external call to the
    /// caller) is left to the external function, after all its other effects.
    function _register(string memory agentURI_, Role role) private returns (uint256 agentId) {
        _checkSelfAssignable(role);
        agentId = _nextAgentId++;
        uint16 codec = _storeURI(agentId, agentURI_);
        _agents[agentId] = Agent({
            baseRole: role, seat: Role.None, walletIsOwner: true, cidCodec: codec, operator: address(0)
        });
        emit Registered(agentId, agentURI_, msg.sender);
        emit MetadataSet(agentId, _AGENT_WALLET_KEY, _AGENT_WALLET_KEY, abi.encodePacked(msg.sender));
        emit RoleChanged(agentId, Role.None, role);
        _mint(msg.sender, agentId);
    }

    function _checkReceiver(uint256 agentId) private {
        ERC721Utils.checkOnERC721Received(msg.sender, address(0), msg.sender, agentId, "");
    }

    /// @dev Checks the scheme and stores the URI: as its digest when it is a canonical `ipfs://` CIDv1, else as it
    /// is. Returns the CID codec to keep in the agent's slot (0 for a stored string).
    function _storeURI(uint256 agentId, string memory uri) private returns (uint16 codec) {
        bytes memory b = bytes(uri);
        if (b.length == 0) return 0;
        if (_hasPrefix(b, "ipfs://")) {
            bytes32 digest;
            (codec, digest) = CidLib.parse(b);
            if (codec != 0) {
                _uriDigests[agentId] = digest;
                return codec;
            }
        } else if (!_hasPrefix(b, "https://") && !_hasPrefix(b, "data:")) {
            revert RegistryUnsupportedURIScheme(uri);
        }
        _uris[agentId] = uri;
    }

    function _walletOf(uint256 agentId) private view returns (address) {
        return _agents[agentId].walletIsOwner ? _ownerOf(agentId) : _wallets[agentId];
    }

    function _setMetadataEntries(uint256 agentId, MetadataEntry[] calldata metadata) private {
        for (uint256 i; i < metadata.length; ++i) {
            _setMetadataEntry(agentId, metadata[i].metadataKey, metadata[i].metadataValue);
        }
    }

    function _setMetadataEntry(uint256 agentId, string calldata key, bytes calldata value) private {
        if (bytes(key).length == 0) revert RegistryEmptyMetadataKey();
        if (keccak256(bytes(key)) == _AGENT_WALLET_KEY_HASH) revert RegistryReservedMetadataKey(key);
        _metadata[agentId][key] = value;
        emit MetadataSet(agentId, key, key, value);
    }

    function _setWallet(uint256 agentId, address wallet) private {
        _agents[agentId].walletIsOwner = false;
        _wallets[agentId] = wallet;
        emit MetadataSet(agentId, _AGENT_WALLET_KEY, _AGENT_WALLET_KEY, abi.encodePacked(wallet));
    }

    /// @dev Clears whichever form the wallet has (writing only what is set) and announces it.
    function _clearWallet(uint256 agentId) private {
        Agent storage agent = _agents[agentId];
        if (agent.walletIsOwner) {
            agent.walletIsOwner = false;
        } else if (_wallets[agentId] != address(0)) {
            delete _wallets[agentId];
        } else {
            return;
        }
        emit MetadataSet(agentId, _AGENT_WALLET_KEY, _AGENT_WALLET_KEY, "");
    }

    function _setOperator(uint256 agentId, address operator) private {
        address previous = _agents[agentId].operator;
        _agents[agentId].operator = operator;
        emit OperatorSet(agentId, operator, previous);
    }

    function _checkOwnerOrApproved(uint256 agentId) private view returns (address owner) {
        owner = _requireOwned(agentId);
        if (!_isAuthorized(owner, msg.sender, agentId)) {
            revert RegistryNotOwnerOrApproved(agentId, msg.sender);
        }
    }

    function _checkSelfAssignable(Role role) private pure {
        if (role != Role.Utility && role != Role.Specialized) revert RegistryRoleNotSelfAssignable(role);
    }

    function _checkSeat(Role role) private pure {
        if (role < Role.CEO) revert RegistryNotASeat(role);
    }

    function _hasPrefix(bytes memory subject, bytes memory prefix) private pure returns (bool) {
        if (subject.length < prefix.length) return false;
        for (uint256 i; i < prefix.length; ++i) {
            if (subject[i] != prefix[i]) return false;
        }
        return true;
    }
}
