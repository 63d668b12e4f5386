// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AgentRegistry} from "../../contracts/AgentRegistry.sol";
import {IAgentRegistry} from "../../contracts/interfaces/IAgentRegistry.sol";
import {IStakingVault} from "../../contracts/interfaces/IStakingVault.sol";
import {CidLib} from "../../contracts/libraries/CidLib.sol";
import {BaseTest} from "../utils/BaseTest.sol";
import {ERC1271WalletMock} from "../utils/mocks/ERC1271WalletMock.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IERC721Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {IERC165} from "@openzeppelin/contracts/utils/introspection/IERC165.sol";

contract AgentRegistryTest is BaseTest {
    bytes32 internal constant WALLET_TYPEHASH =
        keccak256("AgentWalletSet(uint256 agentId,address newWallet,address owner,uint256 deadline)");

    string internal constant URI = "ipfs://bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy";

    // ---------------------------------------------------------------- register

    function test_Register_NoArguments() public {
        vm.expectEmit(address(registry));
        emit IAgentRegistry.Registered(1, "", alice);
        vm.expectEmit(address(registry));
        emit IAgentRegistry.RoleChanged(1, IAgentRegistry.Role.None, IAgentRegistry.Role.Utility);
        vm.prank(alice);
        uint256 agentId = registry.register();

        assertEq(agentId, 1);
        assertEq(registry.ownerOf(1), alice);
        assertEq(registry.agentURI(1), "");
        assertEq(uint8(registry.roleOf(1)), uint8(IAgentRegistry.Role.Utility));
        assertEq(uint8(registry.tierOf(1)), uint8(IAgentRegistry.Tier.Utility));
        assertEq(registry.getAgentWallet(1), alice);
        assertEq(registry.totalAgents(), 1);
    }

    function test_Register_WithURI() public {
        vm.prank(alice);
        uint256 agentId = registry.register(URI);
        assertEq(registry.agentURI(agentId), URI);
        assertEq(registry.tokenURI(agentId), URI);
    }

    function test_Register_WithMetadata() public {
        IAgentRegistry.MetadataEntry[] memory metadata = new IAgentRegistry.MetadataEntry[](2);
        metadata[0] = IAgentRegistry.MetadataEntry("specialty", bytes("security"));
        metadata[1] = IAgentRegistry.MetadataEntry("model", bytes("large"));

        vm.expectEmit(address(registry));
        emit IAgentRegistry.MetadataSet(1, "specialty", "specialty", bytes("security"));
        vm.prank(alice);
        uint256 agentId = registry.register(URI, metadata);

        assertEq(registry.getMetadata(agentId, "specialty"), bytes("security"));
        assertEq(registry.getMetadata(agentId, "model"), bytes("large"));
        assertEq(registry.getMetadata(agentId, "unset"), bytes(""));
    }

    function test_RegisterAgent_Specialized() public {
        vm.prank(alice);
        uint256 agentId = registry.registerAgent(
            "https://agents.example/a.json", noMetadata, IAgentRegistry.Role.Specialized
        );
        assertEq(uint8(registry.roleOf(agentId)), uint8(IAgentRegistry.Role.Specialized));
        assertEq(uint8(registry.baseRoleOf(agentId)), uint8(IAgentRegistry.Role.Specialized));
        assertEq(uint8(registry.tierOf(agentId)), uint8(IAgentRegistry.Tier.Specialized));
    }

    function test_Register_DataURI() public {
        vm.prank(alice);
        uint256 agentId = registry.register("data:application/json;base64,e30=");
        assertEq(registry.agentURI(agentId), "data:application/json;base64,e30=");
    }

    function test_Register_IdsIncrease() public {
        vm.prank(alice);
        assertEq(registry.register(), 1);
        vm.prank(bob);
        assertEq(registry.register(), 2);
        assertEq(registry.totalAgents(), 2);
    }

    function test_RevertWhen_RegisterAgentWithSeatRole() public {
        for (uint8 r = uint8(IAgentRegistry.Role.CEO); r <= uint8(IAgentRegistry.Role.CMO); ++r) {
            vm.expectRevert(
                abi.encodeWithSelector(
                    IAgentRegistry.RegistryRoleNotSelfAssignable.selector, IAgentRegistry.Role(r)
                )
            );
            vm.prank(alice);
            registry.registerAgent(URI, noMetadata, IAgentRegistry.Role(r));
        }
    }

    function test_RevertWhen_RegisterAgentWithNoneRole() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IAgentRegistry.RegistryRoleNotSelfAssignable.selector, IAgentRegistry.Role.None
            )
        );
        vm.prank(alice);
        registry.registerAgent(URI, noMetadata, IAgentRegistry.Role.None);
    }

    function test_RevertWhen_RegisterWithUnsupportedScheme() public {
        string[3] memory bad = ["http://agents.example/a.json", "ipfs:/missing-slash", "ftp://x"];
        for (uint256 i; i < bad.length; ++i) {
            vm.expectRevert(
                abi.encodeWithSelector(IAgentRegistry.RegistryUnsupportedURIScheme.selector, bad[i])
            );
            vm.prank(alice);
            registry.register(bad[i]);
        }
        assertEq(registry.totalAgents(), 0);
    }

    function test_RevertWhen_RegisterWithReservedMetadataKey() public {
        IAgentRegistry.MetadataEntry[] memory metadata = new IAgentRegistry.MetadataEntry[](1);
        metadata[0] = IAgentRegistry.MetadataEntry("agentWallet", abi.encodePacked(bob));
        vm.expectRevert(
            abi.encodeWithSelector(IAgentRegistry.RegistryReservedMetadataKey.selector, "agentWallet")
        );
        vm.prank(alice);
        registry.register(URI, metadata);
        assertEq(registry.totalAgents(), 0);
    }

    function test_RevertWhen_RegisterWithEmptyMetadataKey() public {
        IAgentRegistry.MetadataEntry[] memory metadata = new IAgentRegistry.MetadataEntry[](1);
        metadata[0] = IAgentRegistry.MetadataEntry("", bytes("x"));
        vm.expectRevert(IAgentRegistry.RegistryEmptyMetadataKey.selector);
        vm.prank(alice);
        registry.registerAgent(URI, metadata, IAgentRegistry.Role.Utility);
    }

    // ---------------------------------------------------------------- URI and metadata

    function test_SetAgentURI() public {
        uint256 agentId = _register(alice, IAgentRegistry.Role.Utility);
        vm.expectEmit(address(registry));
        emit IAgentRegistry.URIUpdated(agentId, URI, alice);
        vm.prank(alice);
        registry.setAgentURI(agentId, URI);
        assertEq(registry.agentURI(agentId), URI);
    }

    function test_SetAgentURI_ByApproved() public {
        uint256 agentId = _register(alice, IAgentRegistry.Role.Utility);
        vm.prank(alice);
        registry.approve(bob, agentId);
        vm.prank(bob);
        registry.setAgentURI(agentId, URI);
        assertEq(registry.agentURI(agentId), URI);
    }

    function test_RevertWhen_SetAgentURIByStranger() public {
        uint256 agentId = _register(alice, IAgentRegistry.Role.Utility);
        vm.expectRevert(
            abi.encodeWithSelector(IAgentRegistry.RegistryNotOwnerOrApproved.selector, agentId, bob)
        );
        vm.prank(bob);
        registry.setAgentURI(agentId, URI);
    }

    function test_RevertWhen_SetAgentURIByOperator() public {
        uint256 agentId = _register(alice, IAgentRegistry.Role.Utility);
        vm.prank(alice);
        registry.setOperator(agentId, operator);
        vm.expectRevert(
            abi.encodeWithSelector(IAgentRegistry.RegistryNotOwnerOrApproved.selector, agentId, operator)
        );
        vm.prank(operator);
        registry.setAgentURI(agentId, URI);
    }

    function test_RevertWhen_SetAgentURIUnsupportedScheme() public {
        uint256 agentId = _register(alice, IAgentRegistry.Role.Utility);
        vm.expectRevert(
            abi.encodeWithSelector(IAgentRegistry.RegistryUnsupportedURIScheme.selector, "http://x")
        );
        vm.prank(alice);
        registry.setAgentURI(agentId, "http://x");
    }

    function test_RevertWhen_SetAgentURIOfUnknownAgent() public {
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721NonexistentToken.selector, 42));
        vm.prank(alice);
        registry.setAgentURI(42, URI);
    }

    function test_SetMetadata() public {
        uint256 agentId = _register(alice, IAgentRegistry.Role.Utility);
        vm.expectEmit(address(registry));
        emit IAgentRegistry.MetadataSet(agentId, "endpoint", "endpoint", bytes("https://a.example/mcp"));
        vm.prank(alice);
        registry.setMetadata(agentId, "endpoint", bytes("https://a.example/mcp"));
        assertEq(registry.getMetadata(agentId, "endpoint"), bytes("https://a.example/mcp"));
    }

    function test_RevertWhen_SetMetadataReservedKey() public {
        uint256 agentId = _register(alice, IAgentRegistry.Role.Utility);
        vm.expectRevert(
            abi.encodeWithSelector(IAgentRegistry.RegistryReservedMetadataKey.selector, "agentWallet")
        );
        vm.prank(alice);
        registry.setMetadata(agentId, "agentWallet", abi.encodePacked(bob));
    }

    function test_RevertWhen_SetMetadataEmptyKey() public {
        uint256 agentId = _register(alice, IAgentRegistry.Role.Utility);
        vm.expectRevert(IAgentRegistry.RegistryEmptyMetadataKey.selector);
        vm.prank(alice);
        registry.setMetadata(agentId, "", bytes("x"));
    }

    function test_RevertWhen_SetMetadataByStranger() public {
        uint256 agentId = _register(alice, IAgentRegistry.Role.Utility);
        vm.expectRevert(
            abi.encodeWithSelector(IAgentRegistry.RegistryNotOwnerOrApproved.selector, agentId, bob)
        );
        vm.prank(bob);
        registry.setMetadata(agentId, "k", bytes("v"));
    }

    // ---------------------------------------------------------------- agent wallet

    function _walletDigest(uint256 agentId, address wallet, address owner, uint256 deadline)
        internal
        view
        returns (bytes32)
    {
        bytes32 structHash = keccak256(abi.encode(WALLET_TYPEHASH, agentId, wallet, owner, deadline));
        return _eip712Digest(registry, structHash);
    }

    function _sign(uint256 key, bytes32 digest) internal pure returns (bytes memory) {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, digest);
        return abi.encodePacked(r, s, v);
    }

    function test_SetAgentWallet_EOAProof() public {
        uint256 agentId = _register(alice, IAgentRegistry.Role.Utility);
        (address wallet, uint256 key) = makeAddrAndKey("wallet");
        uint256 deadline = vm.getBlockTimestamp() + 60;
        bytes memory sig = _sign(key, _walletDigest(agentId, wallet, alice, deadline));

        vm.expectEmit(address(registry));
        emit IAgentRegistry.MetadataSet(agentId, "agentWallet", "agentWallet", abi.encodePacked(wallet));
        vm.prank(alice);
        registry.setAgentWallet(agentId, wallet, deadline, sig);
        assertEq(registry.getAgentWallet(agentId), wallet);
        assertEq(
            registry.getMetadata(agentId, "agentWallet"), abi.encodePacked(wallet), "as ERC-8004 returns it"
        );
    }

    function test_SetAgentWallet_ERC1271Proof() public {
        uint256 agentId = _register(alice, IAgentRegistry.Role.Utility);
        (address signer, uint256 key) = makeAddrAndKey("walletSigner");
        ERC1271WalletMock wallet = new ERC1271WalletMock(signer);
        uint256 deadline = vm.getBlockTimestamp() + 60;
        bytes memory sig = _sign(key, _walletDigest(agentId, address(wallet), alice, deadline));

        vm.prank(alice);
        registry.setAgentWallet(agentId, address(wallet), deadline, sig);
        assertEq(registry.getAgentWallet(agentId), address(wallet));
    }

    function test_RevertWhen_SetAgentWalletWrongSigner() public {
        uint256 agentId = _register(alice, IAgentRegistry.Role.Utility);
        (address wallet,) = makeAddrAndKey("wallet");
        (, uint256 otherKey) = makeAddrAndKey("other");
        uint256 deadline = vm.getBlockTimestamp() + 60;
        bytes memory sig = _sign(otherKey, _walletDigest(agentId, wallet, alice, deadline));

        vm.expectRevert(
            abi.encodeWithSelector(IAgentRegistry.RegistryInvalidWalletProof.selector, agentId, wallet)
        );
        vm.prank(alice);
        registry.setAgentWallet(agentId, wallet, deadline, sig);
        assertEq(registry.getAgentWallet(agentId), alice);
    }

    function test_RevertWhen_SetAgentWalletProofForOtherAgent() public {
        uint256 agentId = _register(alice, IAgentRegistry.Role.Utility);
        uint256 otherAgent = _register(alice, IAgentRegistry.Role.Utility);
        (address wallet, uint256 key) = makeAddrAndKey("wallet");
        uint256 deadline = vm.getBlockTimestamp() + 60;
        bytes memory sig = _sign(key, _walletDigest(otherAgent, wallet, alice, deadline));

        vm.expectRevert(
            abi.encodeWithSelector(IAgentRegistry.RegistryInvalidWalletProof.selector, agentId, wallet)
        );
        vm.prank(alice);
        registry.setAgentWallet(agentId, wallet, deadline, sig);
    }

    function test_RevertWhen_SetAgentWalletERC1271Rejects() public {
        uint256 agentId = _register(alice, IAgentRegistry.Role.Utility);
        (address signer,) = makeAddrAndKey("walletSigner");
        (, uint256 otherKey) = makeAddrAndKey("other");
        ERC1271WalletMock wallet = new ERC1271WalletMock(signer);
        uint256 deadline = vm.getBlockTimestamp() + 60;
        bytes memory sig = _sign(otherKey, _walletDigest(agentId, address(wallet), alice, deadline));

        vm.expectRevert(
            abi.encodeWithSelector(
                IAgentRegistry.RegistryInvalidWalletProof.selector, agentId, address(wallet)
            )
        );
        vm.prank(alice);
        registry.setAgentWallet(agentId, address(wallet), deadline, sig);
    }

    function test_RevertWhen_SetAgentWalletMalleableSignature() public {
        uint256 agentId = _register(alice, IAgentRegistry.Role.Utility);
        (address wallet, uint256 key) = makeAddrAndKey("wallet");
        uint256 deadline = vm.getBlockTimestamp() + 60;
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, _walletDigest(agentId, wallet, alice, deadline));
        // The same signature in its high-s form: valid for ecrecover, rejected by OpenZeppelin's ECDSA.
        uint256 n = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141;
        bytes memory malleated = abi.encodePacked(r, bytes32(n - uint256(s)), v == 27 ? uint8(28) : uint8(27));

        vm.expectRevert(
            abi.encodeWithSelector(IAgentRegistry.RegistryInvalidWalletProof.selector, agentId, wallet)
        );
        vm.prank(alice);
        registry.setAgentWallet(agentId, wallet, deadline, malleated);
    }

    function test_RevertWhen_SetAgentWalletExpired() public {
        uint256 agentId = _register(alice, IAgentRegistry.Role.Utility);
        (address wallet, uint256 key) = makeAddrAndKey("wallet");
        uint256 deadline = vm.getBlockTimestamp() - 1;
        bytes memory sig = _sign(key, _walletDigest(agentId, wallet, alice, deadline));
        vm.expectRevert(
            abi.encodeWithSelector(
                IAgentRegistry.RegistryWalletProofExpired.selector, deadline, vm.getBlockTimestamp()
            )
        );
        vm.prank(alice);
        registry.setAgentWallet(agentId, wallet, deadline, sig);
    }

    function test_RevertWhen_SetAgentWalletDeadlineTooFar() public {
        uint256 agentId = _register(alice, IAgentRegistry.Role.Utility);
        (address wallet, uint256 key) = makeAddrAndKey("wallet");
        uint256 deadline = vm.getBlockTimestamp() + registry.MAX_WALLET_PROOF_DELAY() + 1;
        bytes memory sig = _sign(key, _walletDigest(agentId, wallet, alice, deadline));
        vm.expectRevert(
            abi.encodeWithSelector(
                IAgentRegistry.RegistryWalletProofDeadlineTooFar.selector,
                deadline,
                vm.getBlockTimestamp(),
                5 minutes
            )
        );
        vm.prank(alice);
        registry.setAgentWallet(agentId, wallet, deadline, sig);
    }

    function test_RevertWhen_SetAgentWalletZero() public {
        uint256 agentId = _register(alice, IAgentRegistry.Role.Utility);
        vm.expectRevert(IAgentRegistry.RegistryZeroWallet.selector);
        vm.prank(alice);
        registry.setAgentWallet(agentId, address(0), vm.getBlockTimestamp(), "");
    }

    function test_RevertWhen_SetAgentWalletByStranger() public {
        uint256 agentId = _register(alice, IAgentRegistry.Role.Utility);
        (address wallet, uint256 key) = makeAddrAndKey("wallet");
        uint256 deadline = vm.getBlockTimestamp() + 60;
        bytes memory sig = _sign(key, _walletDigest(agentId, wallet, bob, deadline));
        vm.expectRevert(
            abi.encodeWithSelector(IAgentRegistry.RegistryNotOwnerOrApproved.selector, agentId, bob)
        );
        vm.prank(bob);
        registry.setAgentWallet(agentId, wallet, deadline, sig);
    }

    function test_UnsetAgentWallet() public {
        uint256 agentId = _register(alice, IAgentRegistry.Role.Utility);
        vm.expectEmit(address(registry));
        emit IAgentRegistry.MetadataSet(agentId, "agentWallet", "agentWallet", "");
        vm.prank(alice);
        registry.unsetAgentWallet(agentId);
        assertEq(registry.getAgentWallet(agentId), address(0));
    }

    function test_RevertWhen_UnsetAgentWalletByStranger() public {
        uint256 agentId = _register(alice, IAgentRegistry.Role.Utility);
        vm.expectRevert(
            abi.encodeWithSelector(IAgentRegistry.RegistryNotOwnerOrApproved.selector, agentId, bob)
        );
        vm.prank(bob);
        registry.unsetAgentWallet(agentId);
    }

    // ---------------------------------------------------------------- operator and role

    function test_SetOperator() public {
        uint256 agentId = _register(alice, IAgentRegistry.Role.Utility);
        vm.expectEmit(address(registry));
        emit IAgentRegistry.OperatorSet(agentId, operator, address(0));
        vm.prank(alice);
        registry.setOperator(agentId, operator);
        assertEq(registry.operatorOf(agentId), operator);
        assertTrue(registry.isAuthorized(agentId, operator));
        assertFalse(registry.isOwnerOrApproved(agentId, operator));
        assertTrue(registry.isAuthorized(agentId, alice));
        assertFalse(registry.isAuthorized(agentId, bob));
        assertFalse(registry.isAuthorized(agentId, address(0)));

        vm.prank(alice);
        registry.setOperator(agentId, address(0));
        assertFalse(registry.isAuthorized(agentId, operator));
    }

    function test_RevertWhen_SetOperatorByStranger() public {
        uint256 agentId = _register(alice, IAgentRegistry.Role.Utility);
        vm.expectRevert(
            abi.encodeWithSelector(IAgentRegistry.RegistryNotOwnerOrApproved.selector, agentId, bob)
        );
        vm.prank(bob);
        registry.setOperator(agentId, bob);
    }

    function test_SetRole() public {
        uint256 agentId = _register(alice, IAgentRegistry.Role.Utility);
        vm.expectEmit(address(registry));
        emit IAgentRegistry.RoleChanged(agentId, IAgentRegistry.Role.Utility, IAgentRegistry.Role.Specialized);
        vm.prank(alice);
        registry.setRole(agentId, IAgentRegistry.Role.Specialized);
        assertEq(uint8(registry.tierOf(agentId)), uint8(IAgentRegistry.Tier.Specialized));
    }

    function test_RevertWhen_SetRoleToSeat() public {
        uint256 agentId = _register(alice, IAgentRegistry.Role.Utility);
        vm.expectRevert(
            abi.encodeWithSelector(
                IAgentRegistry.RegistryRoleNotSelfAssignable.selector, IAgentRegistry.Role.CEO
            )
        );
        vm.prank(alice);
        registry.setRole(agentId, IAgentRegistry.Role.CEO);
    }

    function test_RevertWhen_SetRoleByStranger() public {
        uint256 agentId = _register(alice, IAgentRegistry.Role.Utility);
        vm.expectRevert(
            abi.encodeWithSelector(IAgentRegistry.RegistryNotOwnerOrApproved.selector, agentId, bob)
        );
        vm.prank(bob);
        registry.setRole(agentId, IAgentRegistry.Role.Specialized);
    }

    // ---------------------------------------------------------------- seats

    function test_GrantAndRevokeSeat() public {
        uint256 agentId = _register(alice, IAgentRegistry.Role.Specialized);
        vm.expectEmit(address(registry));
        emit IAgentRegistry.SeatGranted(IAgentRegistry.Role.CFO, agentId, admin);
        vm.prank(admin);
        registry.grantSeat(agentId, IAgentRegistry.Role.CFO);

        assertEq(registry.seatHolder(IAgentRegistry.Role.CFO), agentId);
        assertEq(uint8(registry.roleOf(agentId)), uint8(IAgentRegistry.Role.CFO));
        assertEq(uint8(registry.seatOf(agentId)), uint8(IAgentRegistry.Role.CFO));
        assertEq(uint8(registry.tierOf(agentId)), uint8(IAgentRegistry.Tier.CSuite));

        // The owner can still change the base role; the seat stays the effective role.
        vm.prank(alice);
        registry.setRole(agentId, IAgentRegistry.Role.Utility);
        assertEq(uint8(registry.roleOf(agentId)), uint8(IAgentRegistry.Role.CFO));

        vm.expectEmit(address(registry));
        emit IAgentRegistry.SeatRevoked(IAgentRegistry.Role.CFO, agentId, admin);
        vm.prank(admin);
        registry.revokeSeat(IAgentRegistry.Role.CFO);

        assertEq(registry.seatHolder(IAgentRegistry.Role.CFO), 0);
        assertEq(uint8(registry.roleOf(agentId)), uint8(IAgentRegistry.Role.Utility));
        assertEq(uint8(registry.tierOf(agentId)), uint8(IAgentRegistry.Tier.Utility));
    }

    function test_RevertWhen_GrantSeatByNonAdmin() public {
        uint256 agentId = _register(alice, IAgentRegistry.Role.Specialized);
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector, alice, registry.DEFAULT_ADMIN_ROLE()
            )
        );
        vm.prank(alice);
        registry.grantSeat(agentId, IAgentRegistry.Role.CEO);
    }

    function test_RevertWhen_GrantSeatOccupied() public {
        uint256 first = _register(alice, IAgentRegistry.Role.Specialized);
        uint256 second = _register(bob, IAgentRegistry.Role.Specialized);
        vm.startPrank(admin);
        registry.grantSeat(first, IAgentRegistry.Role.CEO);
        vm.expectRevert(
            abi.encodeWithSelector(
                IAgentRegistry.RegistrySeatOccupied.selector, IAgentRegistry.Role.CEO, first
            )
        );
        registry.grantSeat(second, IAgentRegistry.Role.CEO);
        vm.stopPrank();
    }

    function test_RevertWhen_GrantSecondSeatToAgent() public {
        uint256 agentId = _register(alice, IAgentRegistry.Role.Specialized);
        vm.startPrank(admin);
        registry.grantSeat(agentId, IAgentRegistry.Role.CEO);
        vm.expectRevert(
            abi.encodeWithSelector(
                IAgentRegistry.RegistryAgentHoldsSeat.selector, agentId, IAgentRegistry.Role.CEO
            )
        );
        registry.grantSeat(agentId, IAgentRegistry.Role.CTO);
        vm.stopPrank();
    }

    function test_RevertWhen_GrantNonSeatRole() public {
        uint256 agentId = _register(alice, IAgentRegistry.Role.Specialized);
        vm.expectRevert(
            abi.encodeWithSelector(IAgentRegistry.RegistryNotASeat.selector, IAgentRegistry.Role.Specialized)
        );
        vm.prank(admin);
        registry.grantSeat(agentId, IAgentRegistry.Role.Specialized);
    }

    function test_RevertWhen_GrantSeatToUnknownAgent() public {
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721NonexistentToken.selector, 7));
        vm.prank(admin);
        registry.grantSeat(7, IAgentRegistry.Role.CEO);
    }

    function test_RevertWhen_RevokeVacantSeat() public {
        vm.expectRevert(
            abi.encodeWithSelector(IAgentRegistry.RegistrySeatVacant.selector, IAgentRegistry.Role.CLO)
        );
        vm.prank(admin);
        registry.revokeSeat(IAgentRegistry.Role.CLO);
    }

    function test_RevertWhen_RevokeNonSeatRole() public {
        vm.expectRevert(
            abi.encodeWithSelector(IAgentRegistry.RegistryNotASeat.selector, IAgentRegistry.Role.None)
        );
        vm.prank(admin);
        registry.revokeSeat(IAgentRegistry.Role.None);
    }

    function test_RevertWhen_RevokeSeatByNonAdmin() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector, alice, registry.DEFAULT_ADMIN_ROLE()
            )
        );
        vm.prank(alice);
        registry.revokeSeat(IAgentRegistry.Role.CEO);
    }

    // ---------------------------------------------------------------- staking vault link

    function test_RevertWhen_SetStakingVaultTwice() public {
        vm.expectRevert(
            abi.encodeWithSelector(IAgentRegistry.RegistryStakingVaultAlreadySet.selector, address(vault))
        );
        vm.prank(admin);
        registry.setStakingVault(address(0xBEEF));
    }

    function test_RevertWhen_SetStakingVaultZeroOrByNonAdmin() public {
        vm.startPrank(admin);
        AgentRegistry fresh = new AgentRegistry(admin);
        vm.expectRevert(IAgentRegistry.RegistryZeroStakingVault.selector);
        fresh.setStakingVault(address(0));
        vm.stopPrank();

        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector, alice, fresh.DEFAULT_ADMIN_ROLE()
            )
        );
        vm.prank(alice);
        fresh.setStakingVault(address(vault));
        assertEq(registry.stakingVault(), address(vault));
    }

    // ---------------------------------------------------------------- transfers

    function test_Transfer_ClearsOperatorAndWallet() public {
        uint256 agentId = _register(alice, IAgentRegistry.Role.Utility);
        vm.prank(alice);
        registry.setOperator(agentId, operator);

        vm.expectEmit(address(registry));
        emit IAgentRegistry.OperatorSet(agentId, address(0), operator);
        vm.expectEmit(address(registry));
        emit IAgentRegistry.MetadataSet(agentId, "agentWallet", "agentWallet", "");
        vm.prank(alice);
        registry.transferFrom(alice, bob, agentId);

        assertEq(registry.ownerOf(agentId), bob);
        assertEq(registry.operatorOf(agentId), address(0));
        assertEq(registry.getAgentWallet(agentId), address(0));
        assertFalse(registry.isAuthorized(agentId, operator));
    }

    function test_SupportsInterface() public view {
        assertTrue(registry.supportsInterface(type(IERC721).interfaceId));
        assertTrue(registry.supportsInterface(type(IERC165).interfaceId));
        assertTrue(registry.supportsInterface(type(IAccessControl).interfaceId));
        assertTrue(registry.supportsInterface(bytes4(0x49064906)), "ERC-4906");
        assertFalse(registry.supportsInterface(0xdeadbeef));
    }

    function test_RevertWhen_ReadUnknownAgent() public {
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721NonexistentToken.selector, 9));
        registry.roleOf(9);
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721NonexistentToken.selector, 9));
        registry.getAgentWallet(9);
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721NonexistentToken.selector, 9));
        registry.isAuthorized(9, alice);
    }

    function testFuzz_RegisterRoleAndURI(uint8 rawRole, bool useHttps) public {
        IAgentRegistry.Role role = IAgentRegistry.Role(bound(rawRole, 0, 7));
        string memory uri = useHttps ? "https://a.example/card.json" : URI;
        bool allowed = role == IAgentRegistry.Role.Utility || role == IAgentRegistry.Role.Specialized;
        if (!allowed) {
            vm.expectRevert(
                abi.encodeWithSelector(IAgentRegistry.RegistryRoleNotSelfAssignable.selector, role)
            );
        }
        vm.prank(alice);
        registry.registerAgent(uri, noMetadata, role);
        assertEq(registry.totalAgents(), allowed ? 1 : 0);
        if (allowed) assertEq(uint8(registry.roleOf(1)), uint8(role));
    }

    // ---------------------------------------------------------------- security review regressions

    /// A C-suite seat is granted only by governance: the identity token cannot carry it to a buyer.
    function test_RevertWhen_TransferringAnAgentThatHoldsASeat() public {
        uint256 agentId = _register(alice, IAgentRegistry.Role.Specialized);
        vm.prank(admin);
        registry.grantSeat(agentId, IAgentRegistry.Role.CLO);
        vm.expectRevert(
            abi.encodeWithSignature(
                "RegistryTransferOfSeatedAgent(uint256,uint8)", agentId, uint8(IAgentRegistry.Role.CLO)
            )
        );
        vm.prank(alice);
        registry.transferFrom(alice, bob, agentId);
        assertEq(registry.ownerOf(agentId), alice);
        assertEq(registry.seatHolder(IAgentRegistry.Role.CLO), agentId);
    }

    /// Once governance revokes the seat, the agent transfers as any other.
    function test_Transfer_AfterSeatRevoked() public {
        uint256 agentId = _register(alice, IAgentRegistry.Role.Specialized);
        vm.startPrank(admin);
        registry.grantSeat(agentId, IAgentRegistry.Role.CLO);
        registry.revokeSeat(IAgentRegistry.Role.CLO);
        vm.stopPrank();
        vm.prank(alice);
        registry.transferFrom(alice, bob, agentId);
        assertEq(registry.ownerOf(agentId), bob);
    }

    /// As in ERC-8004, registration sets `agentWallet` to the registrant, announces it with `MetadataSet`, and
    /// `getMetadata(id, "agentWallet")` returns it.
    function test_Register_AnnouncesAndReturnsTheInitialAgentWallet() public {
        vm.expectEmit(address(registry));
        emit IAgentRegistry.MetadataSet(1, "agentWallet", "agentWallet", abi.encodePacked(alice));
        vm.prank(alice);
        uint256 agentId = registry.register(URI);
        assertEq(registry.getMetadata(agentId, "agentWallet"), abi.encodePacked(alice));
        assertEq(registry.getAgentWallet(agentId), alice);
        vm.prank(alice);
        registry.transferFrom(alice, bob, agentId);
        assertEq(registry.getMetadata(agentId, "agentWallet"), "");
    }

    /// ERC-8004's `isAuthorizedOrOwner(address,uint256)` and `getVersion()`, with the reference's selectors.
    function test_ERC8004_IsAuthorizedOrOwnerAndGetVersion() public {
        uint256 agentId = _register(alice, IAgentRegistry.Role.Utility);
        vm.prank(alice);
        registry.approve(carol, agentId);
        assertTrue(_isAuthorizedOrOwner(alice, agentId));
        assertTrue(_isAuthorizedOrOwner(carol, agentId));
        assertFalse(_isAuthorizedOrOwner(bob, agentId));

        (bool ok, bytes memory result) = address(registry).staticcall(abi.encodeWithSignature("getVersion()"));
        assertTrue(ok, "getVersion()");
        assertEq(abi.decode(result, (string)), "2.0.0");

        (ok, result) = address(registry)
            .staticcall(abi.encodeWithSignature("isAuthorizedOrOwner(address,uint256)", alice, 99));
        assertFalse(ok, "unknown agent reverts, as in the reference");
        assertEq(result, abi.encodeWithSelector(IERC721Errors.ERC721NonexistentToken.selector, 99));
    }

    function _isAuthorizedOrOwner(address spender, uint256 agentId) internal view returns (bool) {
        (bool ok, bytes memory result) = address(registry)
            .staticcall(abi.encodeWithSignature("isAuthorizedOrOwner(address,uint256)", spender, agentId));
        assertTrue(ok, "isAuthorizedOrOwner(address,uint256)");
        return abi.decode(result, (bool));
    }

    // ---------------------------------------------------------------- compact CID storage

    /// A CIDv1 with a two-byte codec (dag-json, 0x0129) round-trips too.
    string internal constant DAG_JSON_URI =
        "ipfs://baguqeeraig2b4pilh6po7lzzhypqt3xbbzpadgn7ob2ocj6yfwy7kujvwrlq";

    function test_URI_CompactCIDsReadBackExactly() public {
        string[4] memory uris = [
            URI,
            DAG_JSON_URI,
            // not canonical (upper case), with a path, or another scheme: stored as given
            "ipfs://BAFKREIGH2AKISCAILDCQABSYG3DFR6CHU3FGPREGIYMSCK7E7AQA4S52ZY",
            "ipfs://bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy/card.json"
        ];
        for (uint256 i; i < uris.length; ++i) {
            vm.prank(alice);
            uint256 agentId = registry.register(uris[i]);
            assertEq(registry.agentURI(agentId), uris[i]);
            assertEq(registry.tokenURI(agentId), uris[i]);
        }
    }

    function test_URI_SwitchBetweenCompactAndString() public {
        vm.prank(alice);
        uint256 agentId = registry.register("https://a.example/card.json");
        vm.startPrank(alice);
        registry.setAgentURI(agentId, URI);
        assertEq(registry.agentURI(agentId), URI);
        registry.setAgentURI(agentId, "data:application/json,{}");
        assertEq(registry.agentURI(agentId), "data:application/json,{}");
        registry.setAgentURI(agentId, "");
        assertEq(registry.agentURI(agentId), "");
        vm.stopPrank();
    }

    /// Any sha2-256 digest and one- or two-byte codec: the rebuilt URI parses back to the same codec and digest,
    /// and registering it reads back the same string.
    function testFuzz_URI_CompactRoundTrip(bytes32 digest, uint16 rawCodec) public {
        uint16 codec = uint16(bound(rawCodec, 1, 0x3fff));
        string memory uri = CidHarness.toURI(codec, digest);
        (uint16 parsedCodec, bytes32 parsedDigest) = CidHarness.parse(bytes(uri));
        assertEq(parsedCodec, codec);
        assertEq(parsedDigest, digest);
        vm.prank(alice);
        uint256 agentId = registry.register(uri);
        assertEq(registry.agentURI(agentId), uri);
    }

    // ---------------------------------------------------------------- one-transaction onboarding

    function test_RegisterAndStake_WithPermitAndOperator() public {
        (address owner, uint256 key) = makeAddrAndKey("newcomer");
        _fund(owner, 5000 ether);
        uint256 deadline = vm.getBlockTimestamp() + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = _permit(key, owner, 5000 ether, deadline);
        vm.expectEmit(address(vault));
        emit IStakingVault.Staked(1, owner, owner, 5000 ether, 5000 ether);
        vm.prank(owner);
        uint256 agentId = registry.registerAndStake(
            URI, IAgentRegistry.Role.Specialized, operator, 5000 ether, deadline, v, r, s
        );
        assertEq(registry.ownerOf(agentId), owner);
        assertEq(registry.operatorOf(agentId), operator);
        assertEq(uint8(registry.roleOf(agentId)), uint8(IAgentRegistry.Role.Specialized));
        assertEq(registry.agentURI(agentId), URI);
        assertEq(vault.stakeOf(agentId), 5000 ether);
        assertTrue(vault.isActive(agentId));
        assertEq(vault.getVotes(owner), 5000 ether);
        assertEq(token.balanceOf(owner), 0);
    }

    function test_RegisterAndStake_WithAllowanceAndNoOperator() public {
        _fund(alice, 1000 ether);
        vm.startPrank(alice);
        token.approve(address(vault), 1000 ether);
        uint256 agentId =
            registry.registerAndStake(URI, IAgentRegistry.Role.Utility, address(0), 1000 ether, 0, 0, 0, 0);
        vm.stopPrank();
        assertEq(registry.operatorOf(agentId), address(0));
        assertEq(vault.stakeOf(agentId), 1000 ether);
    }

    function test_RevertWhen_RegisterAndStakeWithoutFundsChangesNothing() public {
        vm.expectRevert();
        vm.prank(alice);
        registry.registerAndStake(URI, IAgentRegistry.Role.Utility, address(0), 1000 ether, 0, 0, 0, 0);
        assertEq(registry.totalAgents(), 0);
        assertEq(registry.balanceOf(alice), 0);
    }

    function test_RevertWhen_RegisterAndStakeZero() public {
        vm.expectRevert(IStakingVault.StakingZeroAmount.selector);
        vm.prank(alice);
        registry.registerAndStake(URI, IAgentRegistry.Role.Utility, address(0), 0, 0, 0, 0, 0);
    }

    function test_RevertWhen_RegisterAndStakeWhilePaused() public {
        vm.prank(pauser);
        vault.pause();
        vm.expectRevert(Pausable.EnforcedPause.selector);
        vm.prank(alice);
        registry.registerAndStake(URI, IAgentRegistry.Role.Utility, address(0), 1 ether, 0, 0, 0, 0);
    }
}

/// @dev Exposes CidLib's internal functions to the fuzz test.
library CidHarness {
    function toURI(uint16 codec, bytes32 digest) internal pure returns (string memory) {
        return CidLib.toURI(codec, digest);
    }

    function parse(bytes memory uri) internal pure returns (uint16, bytes32) {
        return CidLib.parse(uri);
    }
}
