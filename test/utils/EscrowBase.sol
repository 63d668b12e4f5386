// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAgentRegistry} from "../../contracts/interfaces/IAgentRegistry.sol";
import {IFeeEscrow} from "../../contracts/interfaces/IFeeEscrow.sol";
import {BaseTest} from "./BaseTest.sol";
import {IERC5267} from "@openzeppelin/contracts/interfaces/IERC5267.sol";

/// @notice The deployed protocol with an active provider agent (owned by alice) and a funded consumer with a
/// voucher key, plus helpers to open channels and sign vouchers as the SDK does.
abstract contract EscrowBase is BaseTest {
    uint256 internal providerAgent;
    address internal consumer;
    uint256 internal consumerKey;
    address internal hotKey;
    uint256 internal hotKeyKey;

    uint256 internal constant DEPOSIT = 1000 ether;

    function setUp() public virtual override {
        super.setUp();
        providerAgent = _registerAndStake(alice, IAgentRegistry.Role.Specialized, 5000 ether);
        (consumer, consumerKey) = makeAddrAndKey("consumer");
        (hotKey, hotKeyKey) = makeAddrAndKey("hotKey");
        _fund(consumer, 100_000 ether);
        vm.prank(consumer);
        token.approve(address(escrow), type(uint256).max);
        bytes32 pauserRole = escrow.PAUSER_ROLE();
        vm.prank(admin);
        escrow.grantRole(pauserRole, pauser);
    }

    function _terms(address who, address voucherKey, uint96 salt)
        internal
        view
        returns (IFeeEscrow.Channel memory)
    {
        return IFeeEscrow.Channel({
            consumer: who,
            providerAgentId: uint64(providerAgent),
            token: address(token),
            voucherKey: voucherKey,
            salt: salt
        });
    }

    /// The consumer's channel (with its voucher key) to the provider, opened with `amount`.
    function _openChannel(uint256 amount) internal returns (IFeeEscrow.Channel memory terms, bytes32 id) {
        terms = _terms(consumer, hotKey, 0);
        vm.prank(consumer);
        id = escrow.open(terms, amount);
    }

    function _voucher(uint256 key, bytes32 id, uint128 cumulativeAmount)
        internal
        view
        returns (bytes memory)
    {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, escrow.voucherDigest(id, cumulativeAmount));
        return abi.encodePacked(r, s, v);
    }

    /// The provider's payout share of `amount` under the current fee.
    function _afterFee(uint256 amount) internal view returns (uint256) {
        return amount - amount * escrow.protocolFeeBps() / 10_000;
    }

    function _sign(uint256 key, bytes32 digest) internal pure returns (bytes memory) {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, digest);
        return abi.encodePacked(r, s, v);
    }

    function _setAgentWallet(uint256 agentId, address owner, address wallet, uint256 walletKey) internal {
        uint256 deadline = vm.getBlockTimestamp() + 1 minutes;
        bytes32 structHash = keccak256(
            abi.encode(
                keccak256("AgentWalletSet(uint256 agentId,address newWallet,address owner,uint256 deadline)"),
                agentId,
                wallet,
                owner,
                deadline
            )
        );
        bytes memory proof = _sign(walletKey, _eip712Digest(IERC5267(address(registry)), structHash));
        vm.prank(owner);
        registry.setAgentWallet(agentId, wallet, deadline, proof);
    }
}
