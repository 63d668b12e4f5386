// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAgentRegistry} from "../../contracts/interfaces/IAgentRegistry.sol";
import {IBoundedPausable} from "../../contracts/interfaces/IBoundedPausable.sol";
import {IFeeEscrow} from "../../contracts/interfaces/IFeeEscrow.sol";
import {EscrowBase} from "../utils/EscrowBase.sol";
import {ERC1271WalletMock} from "../utils/mocks/ERC1271WalletMock.sol";
import {ReentrantToken} from "../utils/mocks/ReentrantToken.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {Vm} from "forge-std/Vm.sol";

contract FeeEscrowTest is EscrowBase {
    bytes32 internal constant DOMAIN_TYPEHASH =
        keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");
    /// secp256k1's group order: `s` above half of it is the malleable twin of a valid signature.
    uint256 internal constant SECP256K1_N =
        0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141;

    // ---------------------------------------------------------------- opening and topping up

    function test_Open_PullsTheDepositAndRecordsTheTerms() public {
        IFeeEscrow.Channel memory terms = _terms(consumer, hotKey, 7);
        bytes32 expected = keccak256(abi.encode(terms));
        vm.expectEmit(address(escrow));
        emit IFeeEscrow.ChannelOpened(expected, consumer, providerAgent, address(token), hotKey, 7, DEPOSIT);
        vm.prank(consumer);
        bytes32 id = escrow.open(terms, DEPOSIT);
        assertEq(id, expected);
        assertEq(escrow.channelId(terms), expected);
        assertEq(token.balanceOf(address(escrow)), DEPOSIT);
        IFeeEscrow.ChannelState memory state = escrow.channelState(id);
        assertEq(state.deposit, DEPOSIT);
        assertEq(state.paid, 0);
        assertEq(state.closeAt, 0);
    }

    function test_RevertWhen_OpenForAnotherConsumer() public {
        IFeeEscrow.Channel memory terms = _terms(bob, address(0), 0);
        vm.prank(consumer);
        vm.expectRevert(
            abi.encodeWithSelector(IFeeEscrow.EscrowInvalidTerms.selector, escrow.channelId(terms))
        );
        escrow.open(terms, DEPOSIT);
    }

    function test_RevertWhen_OpenToAnInactiveOrMissingProvider() public {
        uint256 idle = _register(carol, IAgentRegistry.Role.Utility); // registered, never staked
        IFeeEscrow.Channel memory terms = _terms(consumer, address(0), 0);
        terms.providerAgentId = uint64(idle);
        vm.prank(consumer);
        vm.expectRevert(abi.encodeWithSelector(IFeeEscrow.EscrowProviderNotActive.selector, idle));
        escrow.open(terms, DEPOSIT);
        terms.providerAgentId = 999;
        vm.prank(consumer);
        vm.expectRevert(abi.encodeWithSelector(IFeeEscrow.EscrowProviderNotActive.selector, 999));
        escrow.open(terms, DEPOSIT);
    }

    function test_RevertWhen_OpenWithATokenGovernanceHasNotAllowed() public {
        ReentrantToken other = new ReentrantToken();
        IFeeEscrow.Channel memory terms = _terms(consumer, address(0), 0);
        terms.token = address(other);
        vm.prank(consumer);
        vm.expectRevert(abi.encodeWithSelector(IFeeEscrow.EscrowTokenNotAllowed.selector, address(other)));
        escrow.open(terms, DEPOSIT);
    }

    function test_RevertWhen_OpenTwiceOrWithNothing() public {
        (IFeeEscrow.Channel memory terms, bytes32 id) = _openChannel(DEPOSIT);
        vm.startPrank(consumer);
        vm.expectRevert(abi.encodeWithSelector(IFeeEscrow.EscrowChannelExists.selector, id));
        escrow.open(terms, DEPOSIT);
        terms.salt = 1;
        vm.expectRevert(abi.encodeWithSelector(IFeeEscrow.EscrowInvalidAmount.selector, 0));
        escrow.open(terms, 0);
        vm.expectRevert(
            abi.encodeWithSelector(IFeeEscrow.EscrowInvalidAmount.selector, uint256(type(uint96).max) + 1)
        );
        escrow.open(terms, uint256(type(uint96).max) + 1);
        vm.stopPrank();
    }

    function test_OpenWithPermit() public {
        (address dave, uint256 daveKey) = makeAddrAndKey("dave");
        _fund(dave, DEPOSIT);
        uint256 deadline = vm.getBlockTimestamp() + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = _permitTo(daveKey, dave, address(escrow), DEPOSIT, deadline);
        vm.prank(dave);
        bytes32 id = escrow.openWithPermit(_terms(dave, address(0), 0), DEPOSIT, deadline, v, r, s);
        assertEq(escrow.channelState(id).deposit, DEPOSIT);
        assertEq(token.balanceOf(dave), 0);
    }

    function test_TopUp_ByAnyoneAndWithPermit() public {
        (IFeeEscrow.Channel memory terms, bytes32 id) = _openChannel(DEPOSIT);
        _fund(bob, 10 ether);
        vm.startPrank(bob);
        token.approve(address(escrow), 10 ether);
        vm.expectEmit(address(escrow));
        emit IFeeEscrow.ChannelToppedUp(id, bob, 10 ether, DEPOSIT + 10 ether);
        escrow.topUp(terms, 10 ether);
        vm.stopPrank();

        (address dave, uint256 daveKey) = makeAddrAndKey("dave");
        _fund(dave, 5 ether);
        uint256 deadline = vm.getBlockTimestamp() + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = _permitTo(daveKey, dave, address(escrow), 5 ether, deadline);
        vm.prank(dave);
        escrow.topUpWithPermit(terms, 5 ether, deadline, v, r, s);
        assertEq(escrow.channelState(id).deposit, DEPOSIT + 15 ether);
        assertEq(token.balanceOf(address(escrow)), DEPOSIT + 15 ether);
    }

    function test_RevertWhen_TopUpAClosingOrMissingChannel() public {
        (IFeeEscrow.Channel memory terms, bytes32 id) = _openChannel(DEPOSIT);
        vm.startPrank(consumer);
        escrow.requestClose(terms);
        uint256 deadline = escrow.closeDeadline(id);
        vm.expectRevert(abi.encodeWithSelector(IFeeEscrow.EscrowChannelClosing.selector, id, deadline));
        escrow.topUp(terms, 1 ether);
        terms.salt = 9;
        vm.expectRevert(
            abi.encodeWithSelector(IFeeEscrow.EscrowChannelNotFound.selector, escrow.channelId(terms))
        );
        escrow.topUp(terms, 1 ether);
        vm.stopPrank();
    }

    // ---------------------------------------------------------------- redeeming

    function test_Redeem_PaysTheNewAmountToTheProviderAndTheFeeToTheTreasury() public {
        (IFeeEscrow.Channel memory terms, bytes32 id) = _openChannel(DEPOSIT);
        uint256 before = token.balanceOf(alice);

        vm.expectEmit(address(escrow));
        emit IFeeEscrow.VoucherRedeemed(id, 100 ether, 100 ether, 2.5 ether);
        vm.expectEmit(address(escrow));
        emit IFeeEscrow.PayoutSent(alice, address(token), 97.5 ether);
        uint256 paid = escrow.redeem(terms, 100 ether, _voucher(consumerKey, id, 100 ether));
        assertEq(paid, 100 ether);
        // The next voucher pays only the difference.
        paid = escrow.redeem(terms, 250 ether, _voucher(hotKeyKey, id, 250 ether));
        assertEq(paid, 150 ether);

        assertEq(token.balanceOf(alice) - before, _afterFee(250 ether));
        assertEq(escrow.accruedFees(address(token)), 250 ether * 250 / 10_000);
        assertEq(escrow.channelState(id).paid, 250 ether);
        assertEq(token.balanceOf(address(escrow)), DEPOSIT - _afterFee(250 ether));

        uint256 treasuryBefore = token.balanceOf(address(treasury));
        vm.expectEmit(address(escrow));
        emit IFeeEscrow.FeesSwept(address(token), address(treasury), 6.25 ether);
        vm.prank(bob); // anyone
        escrow.sweepFees(address(token));
        assertEq(token.balanceOf(address(treasury)) - treasuryBefore, 6.25 ether);
        assertEq(escrow.accruedFees(address(token)), 0);
        vm.expectRevert(abi.encodeWithSelector(IFeeEscrow.EscrowNothingToSweep.selector, address(token)));
        escrow.sweepFees(address(token));
    }

    function test_Redeem_PaysTheAgentWalletElseTheOwner() public {
        (IFeeEscrow.Channel memory terms, bytes32 id) = _openChannel(DEPOSIT);
        (address wallet, uint256 walletKey) = makeAddrAndKey("providerWallet");
        _setAgentWallet(providerAgent, alice, wallet, walletKey);
        assertEq(escrow.payoutAddress(providerAgent), wallet);
        escrow.redeem(terms, 100 ether, _voucher(consumerKey, id, 100 ether));
        assertEq(token.balanceOf(wallet), _afterFee(100 ether));

        vm.prank(alice);
        registry.unsetAgentWallet(providerAgent);
        assertEq(escrow.payoutAddress(providerAgent), alice);
        uint256 before = token.balanceOf(alice);
        escrow.redeem(terms, 200 ether, _voucher(consumerKey, id, 200 ether));
        assertEq(token.balanceOf(alice) - before, _afterFee(100 ether));
        assertEq(token.balanceOf(wallet), _afterFee(100 ether));
    }

    function test_Redeem_ContractConsumerApprovesThroughERC1271() public {
        (address signer, uint256 signerKey) = makeAddrAndKey("walletSigner");
        ERC1271WalletMock wallet = new ERC1271WalletMock(signer);
        _fund(address(wallet), DEPOSIT);
        vm.prank(address(wallet));
        token.approve(address(escrow), DEPOSIT);
        IFeeEscrow.Channel memory terms = _terms(address(wallet), address(0), 0);
        vm.prank(address(wallet));
        bytes32 id = escrow.open(terms, DEPOSIT);
        escrow.redeem(terms, 40 ether, _voucher(signerKey, id, 40 ether));
        assertEq(escrow.channelState(id).paid, 40 ether);
    }

    function test_Redeem_VoucherAboveTheDepositPaysTheDepositThenTheRestAfterATopUp() public {
        (IFeeEscrow.Channel memory terms, bytes32 id) = _openChannel(100 ether);
        bytes memory voucher = _voucher(consumerKey, id, 150 ether);
        assertEq(escrow.redeem(terms, 150 ether, voucher), 100 ether);
        vm.expectRevert(
            abi.encodeWithSelector(
                IFeeEscrow.EscrowVoucherNotNewer.selector, id, 150 ether, 100 ether, 100 ether
            )
        );
        escrow.redeem(terms, 150 ether, voucher);
        vm.prank(consumer);
        escrow.topUp(terms, 100 ether);
        assertEq(escrow.redeem(terms, 150 ether, voucher), 50 ether);
        assertEq(escrow.channelState(id).paid, 150 ether);
    }

    function test_RevertWhen_VoucherIsForAnotherChain() public {
        (IFeeEscrow.Channel memory terms, bytes32 id) = _openChannel(DEPOSIT);
        assertEq(_digest(block.chainid, address(escrow), id, 100 ether), escrow.voucherDigest(id, 100 ether));
        bytes memory voucher = _sign(consumerKey, _digest(1, address(escrow), id, 100 ether));
        _expectInvalidSignature(id, 100 ether, voucher);
        escrow.redeem(terms, 100 ether, voucher);
    }

    function test_RevertWhen_VoucherIsForAnotherEscrow() public {
        (IFeeEscrow.Channel memory terms, bytes32 id) = _openChannel(DEPOSIT);
        bytes memory voucher =
            _sign(consumerKey, _digest(block.chainid, makeAddr("otherEscrow"), id, 100 ether));
        _expectInvalidSignature(id, 100 ether, voucher);
        escrow.redeem(terms, 100 ether, voucher);
    }

    function test_RevertWhen_VoucherIsForAnotherChannel() public {
        (IFeeEscrow.Channel memory terms, bytes32 id) = _openChannel(DEPOSIT);
        IFeeEscrow.Channel memory other = _terms(consumer, hotKey, 1);
        vm.prank(consumer);
        bytes32 otherId = escrow.open(other, DEPOSIT);
        bytes memory voucher = _voucher(consumerKey, otherId, 100 ether);
        _expectInvalidSignature(id, 100 ether, voucher);
        escrow.redeem(terms, 100 ether, voucher);
    }

    function test_RevertWhen_VoucherIsForALowerCumulativeAmount() public {
        (IFeeEscrow.Channel memory terms, bytes32 id) = _openChannel(DEPOSIT);
        escrow.redeem(terms, 300 ether, _voucher(consumerKey, id, 300 ether));
        bytes memory older = _voucher(consumerKey, id, 200 ether);
        vm.expectRevert(
            abi.encodeWithSelector(
                IFeeEscrow.EscrowVoucherNotNewer.selector, id, 200 ether, 300 ether, DEPOSIT
            )
        );
        escrow.redeem(terms, 200 ether, older);
    }

    function test_RevertWhen_SignatureIsTheHighSTwin() public {
        (IFeeEscrow.Channel memory terms, bytes32 id) = _openChannel(DEPOSIT);
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(consumerKey, escrow.voucherDigest(id, 100 ether));
        // The same signature with s' = n - s and the other parity: ecrecover accepts it, the escrow must not.
        bytes memory twin =
            abi.encodePacked(r, bytes32(SECP256K1_N - uint256(s)), v == 27 ? uint8(28) : uint8(27));
        assertEq(
            ecrecover(
                escrow.voucherDigest(id, 100 ether), v == 27 ? 28 : 27, r, bytes32(SECP256K1_N - uint256(s))
            ),
            consumer
        );
        vm.expectRevert(
            abi.encodeWithSelector(IFeeEscrow.EscrowInvalidVoucherSignature.selector, id, address(0))
        );
        escrow.redeem(terms, 100 ether, twin);
    }

    function test_RevertWhen_SignerIsNeitherTheConsumerNorItsVoucherKey() public {
        (IFeeEscrow.Channel memory terms, bytes32 id) = _openChannel(DEPOSIT);
        (address mallory, uint256 malloryKey) = makeAddrAndKey("mallory");
        bytes memory voucher = _voucher(malloryKey, id, 100 ether);
        vm.expectRevert(
            abi.encodeWithSelector(IFeeEscrow.EscrowInvalidVoucherSignature.selector, id, mallory)
        );
        escrow.redeem(terms, 100 ether, voucher);
        // Naming another voucher key in the terms is another channel, which does not exist.
        terms.voucherKey = mallory;
        bytes32 forged = escrow.channelId(terms);
        voucher = _voucher(malloryKey, forged, 100 ether);
        vm.expectRevert(abi.encodeWithSelector(IFeeEscrow.EscrowChannelNotFound.selector, forged));
        escrow.redeem(terms, 100 ether, voucher);
    }

    function test_RevertWhen_RedeemAfterWithdrawal() public {
        (IFeeEscrow.Channel memory terms, bytes32 id) = _openChannel(DEPOSIT);
        bytes memory voucher = _voucher(consumerKey, id, 100 ether);
        vm.prank(consumer);
        escrow.requestClose(terms);
        vm.warp(escrow.closeDeadline(id));
        vm.prank(consumer);
        assertEq(escrow.withdraw(terms), DEPOSIT);
        vm.expectRevert(abi.encodeWithSelector(IFeeEscrow.EscrowChannelClosed.selector, id));
        escrow.redeem(terms, 100 ether, voucher);
        assertEq(token.balanceOf(address(escrow)), 0);
    }

    function test_RevertWhen_ClosedTwice() public {
        (IFeeEscrow.Channel memory terms, bytes32 id) = _openChannel(DEPOSIT);
        vm.prank(alice);
        escrow.redeemAndClose(terms, 0, "");
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IFeeEscrow.EscrowChannelClosed.selector, id));
        escrow.redeemAndClose(terms, 0, "");
        vm.startPrank(consumer);
        vm.expectRevert(abi.encodeWithSelector(IFeeEscrow.EscrowChannelClosed.selector, id));
        escrow.requestClose(terms);
        vm.expectRevert(abi.encodeWithSelector(IFeeEscrow.EscrowChannelClosed.selector, id));
        escrow.withdraw(terms);
        vm.stopPrank();

        // Through the consumer's path: a second withdrawal pays nothing more.
        (IFeeEscrow.Channel memory second, bytes32 secondId) = (_terms(consumer, hotKey, 1), bytes32(0));
        vm.startPrank(consumer);
        secondId = escrow.open(second, DEPOSIT);
        escrow.requestClose(second);
        vm.expectRevert(
            abi.encodeWithSelector(
                IFeeEscrow.EscrowChannelClosing.selector, secondId, escrow.closeDeadline(secondId)
            )
        );
        escrow.requestClose(second);
        vm.warp(escrow.closeDeadline(secondId));
        escrow.withdraw(second);
        vm.expectRevert(abi.encodeWithSelector(IFeeEscrow.EscrowChannelClosed.selector, secondId));
        escrow.withdraw(second);
        vm.stopPrank();
    }

    function test_ReentrantTokenCannotReenter() public {
        ReentrantToken evil = new ReentrantToken();
        vm.prank(admin);
        escrow.setPaymentToken(address(evil), true);
        IFeeEscrow.Channel memory terms = _terms(consumer, address(0), 0);
        terms.token = address(evil);
        assertTrue(evil.transfer(consumer, DEPOSIT));
        vm.startPrank(consumer);
        evil.approve(address(escrow), DEPOSIT);
        bytes32 id = escrow.open(terms, DEPOSIT);
        vm.stopPrank();

        // During the payout, the token calls redeem again with the same voucher (a second payment if it got in).
        bytes memory voucher = _voucher(consumerKey, id, 100 ether);
        evil.arm(address(escrow), abi.encodeCall(escrow.redeem, (terms, 100 ether, voucher)));
        escrow.redeem(terms, 100 ether, voucher);
        assertFalse(evil.reentered());
        assertEq(
            evil.reentryError(),
            abi.encodeWithSelector(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector)
        );
        assertEq(escrow.channelState(id).paid, 100 ether);
        assertEq(evil.balanceOf(alice), _afterFee(100 ether));
        assertEq(evil.balanceOf(address(escrow)), DEPOSIT - _afterFee(100 ether));
        assertEq(evil.balanceOf(address(escrow)), DEPOSIT - 100 ether + escrow.accruedFees(address(evil)));
    }

    function test_FeeChangedBetweenVoucherAndRedemption_TheFeeAtRedemptionApplies() public {
        (IFeeEscrow.Channel memory terms, bytes32 id) = _openChannel(DEPOSIT);
        bytes memory voucher = _voucher(consumerKey, id, 200 ether);
        vm.prank(admin);
        escrow.setProtocolFeeBps(1000);
        uint256 before = token.balanceOf(alice);
        escrow.redeem(terms, 200 ether, voucher);
        // The consumer pays exactly the voucher; the fee in force at redemption splits it.
        assertEq(escrow.channelState(id).paid, 200 ether);
        assertEq(token.balanceOf(alice) - before, 180 ether);
        assertEq(escrow.accruedFees(address(token)), 20 ether);
    }

    function test_RedeemMany_PaysEachPayeeOncePerToken() public {
        uint256 second = _registerAndStake(bob, IAgentRegistry.Role.Specialized, 5000 ether);
        IFeeEscrow.Redemption[] memory batch = new IFeeEscrow.Redemption[](4);
        for (uint256 i; i < 4; ++i) {
            (address payer, uint256 payerKey) = makeAddrAndKey(string.concat("payer", vm.toString(i)));
            _fund(payer, DEPOSIT);
            IFeeEscrow.Channel memory terms = _terms(payer, address(0), 0);
            // Channels 0, 1 and 3 pay alice's agent; channel 2 pays bob's.
            if (i == 2) terms.providerAgentId = uint64(second);
            vm.startPrank(payer);
            token.approve(address(escrow), DEPOSIT);
            bytes32 id = escrow.open(terms, DEPOSIT);
            vm.stopPrank();
            batch[i] = IFeeEscrow.Redemption(
                terms, uint128(10 ether * (i + 1)), _voucher(payerKey, id, uint128(10 ether * (i + 1)))
            );
        }
        uint256 aliceBefore = token.balanceOf(alice);
        uint256 bobBefore = token.balanceOf(bob);
        vm.recordLogs();
        assertEq(escrow.redeemMany(batch), 100 ether);
        Vm.Log[] memory logs = vm.getRecordedLogs();
        uint256 payouts;
        for (uint256 i; i < logs.length; ++i) {
            if (logs[i].topics[0] == IFeeEscrow.PayoutSent.selector) ++payouts;
        }
        assertEq(payouts, 2);
        assertEq(
            token.balanceOf(alice) - aliceBefore,
            _afterFee(10 ether) + _afterFee(20 ether) + _afterFee(40 ether)
        );
        assertEq(token.balanceOf(bob) - bobBefore, _afterFee(30 ether));
        assertEq(escrow.accruedFees(address(token)), 100 ether * 250 / 10_000);
    }

    function test_RevertWhen_RedeemManyHoldsABadSignature() public {
        (IFeeEscrow.Channel memory terms, bytes32 id) = _openChannel(DEPOSIT);
        (, uint256 strangerKey) = makeAddrAndKey("stranger");
        IFeeEscrow.Redemption[] memory batch = new IFeeEscrow.Redemption[](2);
        batch[0] = IFeeEscrow.Redemption(terms, 10 ether, _voucher(consumerKey, id, 10 ether));
        batch[1] = IFeeEscrow.Redemption(terms, 20 ether, _voucher(strangerKey, id, 20 ether));
        vm.expectPartialRevert(IFeeEscrow.EscrowInvalidVoucherSignature.selector);
        escrow.redeemMany(batch);
        assertEq(escrow.channelState(id).paid, 0);
    }

    /// Someone front-runs a provider's batch by redeeming one of its vouchers first: the batch still pays the rest.
    function test_RedeemMany_AVoucherRedeemedFirstIsSkipped() public {
        (IFeeEscrow.Channel memory terms, bytes32 id) = _openChannel(DEPOSIT);
        IFeeEscrow.Channel memory second = _terms(consumer, hotKey, 1);
        vm.prank(consumer);
        bytes32 secondId = escrow.open(second, DEPOSIT);
        IFeeEscrow.Redemption[] memory batch = new IFeeEscrow.Redemption[](3);
        batch[0] = IFeeEscrow.Redemption(terms, 10 ether, _voucher(hotKeyKey, id, 10 ether));
        batch[1] = IFeeEscrow.Redemption(second, 20 ether, _voucher(hotKeyKey, secondId, 20 ether));
        // An older voucher of the first channel, behind its newer one in the same batch, is skipped too.
        batch[2] = IFeeEscrow.Redemption(terms, 5 ether, _voucher(hotKeyKey, id, 5 ether));
        vm.prank(carol);
        escrow.redeem(terms, 10 ether, batch[0].signature);
        uint256 before = token.balanceOf(alice);
        assertEq(escrow.redeemMany(batch), 20 ether);
        assertEq(token.balanceOf(alice) - before, _afterFee(20 ether));
        assertEq(escrow.channelState(id).paid, 10 ether);
        assertEq(escrow.channelState(secondId).paid, 20 ether);
        // A single redemption of a spent voucher still says so.
        vm.expectRevert(
            abi.encodeWithSelector(IFeeEscrow.EscrowVoucherNotNewer.selector, id, 10 ether, 10 ether, DEPOSIT)
        );
        escrow.redeem(terms, 10 ether, batch[0].signature);
    }

    /// Someone front-runs the provider's last redemption: the provider's close still goes through.
    function test_RedeemAndClose_AfterTheVoucherWasRedeemedFirst() public {
        (IFeeEscrow.Channel memory terms, bytes32 id) = _openChannel(DEPOSIT);
        bytes memory voucher = _voucher(hotKeyKey, id, 10 ether);
        vm.prank(carol);
        escrow.redeem(terms, 10 ether, voucher);
        vm.prank(alice);
        assertEq(escrow.redeemAndClose(terms, 10 ether, voucher), DEPOSIT - 10 ether);
        assertEq(escrow.channelState(id).closeAt, escrow.CLOSED());
        assertEq(token.balanceOf(alice), _afterFee(10 ether));
        assertEq(token.balanceOf(address(escrow)), escrow.accruedFees(address(token)));
    }

    // ---------------------------------------------------------------- closing

    function test_Close_ProviderRedeemsInsideTheWindowThenTheConsumerWithdrawsTheRest() public {
        (IFeeEscrow.Channel memory terms, bytes32 id) = _openChannel(DEPOSIT);
        uint256 requestedAt = vm.getBlockTimestamp();
        vm.expectEmit(address(escrow));
        emit IFeeEscrow.ChannelCloseRequested(id, consumer, requestedAt + 24 hours);
        vm.prank(consumer);
        escrow.requestClose(terms);
        assertEq(escrow.closeDeadline(id), requestedAt + 24 hours);

        vm.warp(requestedAt + 24 hours - 1);
        escrow.redeem(terms, 300 ether, _voucher(consumerKey, id, 300 ether));
        vm.prank(consumer);
        vm.expectRevert(
            abi.encodeWithSelector(
                IFeeEscrow.EscrowChallengeWindowOpen.selector,
                id,
                requestedAt + 24 hours,
                requestedAt + 24 hours - 1
            )
        );
        escrow.withdraw(terms);

        vm.warp(requestedAt + 24 hours);
        bytes memory late = _voucher(consumerKey, id, 400 ether);
        vm.expectRevert(
            abi.encodeWithSelector(
                IFeeEscrow.EscrowChallengeWindowOver.selector,
                id,
                requestedAt + 24 hours,
                requestedAt + 24 hours
            )
        );
        escrow.redeem(terms, 400 ether, late);
        uint256 before = token.balanceOf(consumer);
        vm.expectEmit(address(escrow));
        emit IFeeEscrow.ChannelClosed(id, consumer, 700 ether, false);
        vm.prank(consumer);
        assertEq(escrow.withdraw(terms), 700 ether);
        assertEq(token.balanceOf(consumer) - before, 700 ether);
        assertEq(escrow.channelState(id).closeAt, escrow.CLOSED());
    }

    function test_RevertWhen_SomeoneElseClosesOrWithdraws() public {
        (IFeeEscrow.Channel memory terms, bytes32 id) = _openChannel(DEPOSIT);
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(IFeeEscrow.EscrowNotConsumer.selector, id, bob));
        escrow.requestClose(terms);
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(IFeeEscrow.EscrowNotConsumer.selector, id, bob));
        escrow.withdraw(terms);
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(IFeeEscrow.EscrowNotProvider.selector, providerAgent, bob));
        escrow.redeemAndClose(terms, 0, "");
        vm.prank(consumer);
        vm.expectRevert(abi.encodeWithSelector(IFeeEscrow.EscrowChannelNotClosing.selector, id));
        escrow.withdraw(terms);
    }

    function test_RedeemAndClose_TheProviderSettlesAndRefundsAtOnce() public {
        (IFeeEscrow.Channel memory terms, bytes32 id) = _openChannel(DEPOSIT);
        vm.prank(alice);
        registry.setOperator(providerAgent, operator);
        bytes memory voucher = _voucher(hotKeyKey, id, 120 ether);
        uint256 consumerBefore = token.balanceOf(consumer);
        vm.expectEmit(address(escrow));
        emit IFeeEscrow.ChannelClosed(id, consumer, DEPOSIT - 120 ether, true);
        vm.prank(operator);
        assertEq(escrow.redeemAndClose(terms, 120 ether, voucher), DEPOSIT - 120 ether);
        assertEq(token.balanceOf(consumer) - consumerBefore, DEPOSIT - 120 ether);
        assertEq(token.balanceOf(alice), _afterFee(120 ether));
        assertEq(token.balanceOf(address(escrow)), escrow.accruedFees(address(token)));
    }

    // ---------------------------------------------------------------- pausing

    function test_Pause_StopsEveryMovementAndStretchesTheChallengeWindow() public {
        (IFeeEscrow.Channel memory terms, bytes32 id) = _openChannel(DEPOSIT);
        bytes memory voucher = _voucher(consumerKey, id, 100 ether);
        uint256 t0 = vm.getBlockTimestamp();
        vm.prank(consumer);
        escrow.requestClose(terms);

        vm.warp(t0 + 10 hours);
        vm.prank(pauser);
        escrow.pause();
        vm.expectRevert(Pausable.EnforcedPause.selector);
        escrow.redeem(terms, 100 ether, voucher);
        vm.prank(consumer);
        vm.expectRevert(Pausable.EnforcedPause.selector);
        escrow.open(_terms(consumer, address(0), 5), DEPOSIT);
        // While paused, the window grows with the pause.
        vm.warp(t0 + 30 hours);
        assertEq(escrow.closeDeadline(id), t0 + 24 hours + 20 hours);

        // The pause lifts by itself after 7 days: the provider still has the 14 hours it had left.
        uint256 lifted = t0 + 10 hours + 7 days;
        vm.warp(lifted);
        assertFalse(escrow.paused());
        assertEq(escrow.pausedSeconds(), 7 days);
        assertEq(escrow.closeDeadline(id), t0 + 24 hours + 7 days);
        vm.prank(consumer);
        vm.expectRevert(
            abi.encodeWithSelector(
                IFeeEscrow.EscrowChallengeWindowOpen.selector, id, t0 + 24 hours + 7 days, lifted
            )
        );
        escrow.withdraw(terms);
        vm.warp(t0 + 24 hours + 7 days - 1);
        escrow.redeem(terms, 100 ether, voucher);
        vm.warp(t0 + 24 hours + 7 days);
        vm.prank(consumer);
        assertEq(escrow.withdraw(terms), DEPOSIT - 100 ether);
    }

    function test_Pause_AnEarlyUnpauseStretchesOnlyByThePausedTime() public {
        (IFeeEscrow.Channel memory terms, bytes32 id) = _openChannel(DEPOSIT);
        uint256 t0 = vm.getBlockTimestamp();
        vm.prank(consumer);
        escrow.requestClose(terms);
        vm.warp(t0 + 1 hours);
        vm.prank(pauser);
        escrow.pause();
        vm.warp(t0 + 4 hours);
        vm.prank(pauser);
        escrow.unpause();
        assertEq(escrow.closeDeadline(id), t0 + 27 hours);
        // A second pause, after the cooldown, adds up.
        vm.warp(t0 + 4 hours + 7 days);
        vm.prank(pauser);
        escrow.pause();
        vm.warp(t0 + 6 hours + 7 days);
        vm.prank(pauser);
        escrow.unpause();
        assertEq(escrow.pausedSeconds(), 5 hours);
        assertEq(escrow.closeDeadline(id), t0 + 29 hours);
        // A close requested after the pauses is not stretched by them.
        IFeeEscrow.Channel memory later = _terms(consumer, address(0), 3);
        vm.startPrank(consumer);
        bytes32 laterId = escrow.open(later, DEPOSIT);
        escrow.requestClose(later);
        vm.stopPrank();
        assertEq(escrow.closeDeadline(laterId), vm.getBlockTimestamp() + 24 hours);
    }

    function test_RevertWhen_StrangerPausesOrGoverns() public {
        vm.startPrank(bob);
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector, bob, escrow.PAUSER_ROLE()
            )
        );
        escrow.pause();
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, bob, bytes32(0))
        );
        escrow.setProtocolFeeBps(100);
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, bob, bytes32(0))
        );
        escrow.setPaymentToken(bob, true);
        vm.stopPrank();
    }

    // ---------------------------------------------------------------- governance parameters and disputes

    function test_Parameters_DefaultsAndBounds() public {
        assertEq(escrow.protocolFeeBps(), 250);
        assertEq(escrow.challengeWindow(), 24 hours);
        assertEq(escrow.treasury(), address(treasury));
        assertTrue(escrow.isPaymentToken(address(token)));
        vm.startPrank(admin);
        vm.expectRevert(abi.encodeWithSelector(IFeeEscrow.EscrowFeeOutOfBounds.selector, 1001, 1000));
        escrow.setProtocolFeeBps(1001);
        vm.expectRevert(
            abi.encodeWithSelector(IFeeEscrow.EscrowWindowOutOfBounds.selector, 59 minutes, 1 hours, 7 days)
        );
        escrow.setChallengeWindow(59 minutes);
        vm.expectRevert(
            abi.encodeWithSelector(IFeeEscrow.EscrowWindowOutOfBounds.selector, 7 days + 1, 1 hours, 7 days)
        );
        escrow.setChallengeWindow(7 days + 1);
        vm.expectEmit(address(escrow));
        emit IFeeEscrow.ProtocolFeeSet(250, 1000);
        escrow.setProtocolFeeBps(1000);
        escrow.setChallengeWindow(2 hours);
        vm.stopPrank();
        assertEq(escrow.protocolFeeBps(), 1000);
        assertEq(escrow.challengeWindow(), 2 hours);
    }

    function test_RecordDispute_OnlyTheConsumerOfAChannelWithEvidence() public {
        (IFeeEscrow.Channel memory terms, bytes32 id) = _openChannel(DEPOSIT);
        string memory evidence = "ipfs://bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku";
        vm.expectEmit(address(escrow));
        emit IFeeEscrow.DisputeRecorded(1, id, providerAgent, consumer, evidence);
        vm.prank(consumer);
        assertEq(escrow.recordDispute(terms, evidence), 1);
        assertEq(escrow.disputeCount(), 1);

        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(IFeeEscrow.EscrowNotConsumer.selector, id, bob));
        escrow.recordDispute(terms, evidence);
        vm.prank(consumer);
        vm.expectRevert(IFeeEscrow.EscrowEmptyEvidence.selector);
        escrow.recordDispute(terms, "");
        IFeeEscrow.Channel memory none = _terms(consumer, address(0), 42);
        bytes32 noneId = escrow.channelId(none);
        vm.prank(consumer);
        vm.expectRevert(abi.encodeWithSelector(IFeeEscrow.EscrowChannelNotFound.selector, noneId));
        escrow.recordDispute(none, evidence);
    }

    // ---------------------------------------------------------------- helpers

    function _digest(uint256 chainId, address verifyingContract, bytes32 id, uint128 amount)
        internal
        pure
        returns (bytes32)
    {
        bytes32 domain = keccak256(
            abi.encode(
                DOMAIN_TYPEHASH, keccak256("Conclave Fee Escrow"), keccak256("1"), chainId, verifyingContract
            )
        );
        bytes32 structHash = keccak256(
            abi.encode(keccak256("Voucher(bytes32 channelId,uint128 cumulativeAmount)"), id, amount)
        );
        return keccak256(abi.encodePacked("\x19\x01", domain, structHash));
    }

    /// Expects the escrow to reject `voucher` for (`id`, `amount`), naming the address the signature recovers to.
    function _expectInvalidSignature(bytes32 id, uint128 amount, bytes memory voucher) internal {
        (bytes32 r, bytes32 s) = abi.decode(voucher, (bytes32, bytes32));
        address recovered = ecrecover(escrow.voucherDigest(id, amount), uint8(voucher[64]), r, s);
        vm.expectRevert(
            abi.encodeWithSelector(IFeeEscrow.EscrowInvalidVoucherSignature.selector, id, recovered)
        );
    }
}
