// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAgentRegistry} from "../../contracts/interfaces/IAgentRegistry.sol";
import {IFeeEscrow} from "../../contracts/interfaces/IFeeEscrow.sol";
import {EscrowBase} from "../utils/EscrowBase.sol";
import {EscrowHandler} from "./handlers/EscrowHandler.sol";

contract FeeEscrowInvariantTest is EscrowBase {
    EscrowHandler internal handler;
    address internal secondWallet;
    address[3] internal payers;
    uint256 internal treasuryStart;

    function setUp() public override {
        super.setUp();
        // Two provider agents of alice's: the first pays out to alice, the second to a wallet of its own.
        uint256 second = _registerAndStake(alice, IAgentRegistry.Role.Specialized, 5000 ether);
        uint256 walletKey;
        (secondWallet, walletKey) = makeAddrAndKey("secondWallet");
        _setAgentWallet(second, alice, secondWallet, walletKey);

        uint256[3] memory keys;
        for (uint256 i; i < 3; ++i) {
            (payers[i], keys[i]) = makeAddrAndKey(string.concat("payer", vm.toString(i)));
            _fund(payers[i], 1_000_000 ether);
            vm.prank(payers[i]);
            token.approve(address(escrow), type(uint256).max);
        }
        handler = new EscrowHandler(token, escrow, pauser, alice, [providerAgent, second], payers, keys);
        treasuryStart = token.balanceOf(address(treasury));
        targetContract(address(handler));
    }

    /// The escrow holds exactly the balances of its channels that are not closed plus the fees not swept.
    function invariant_BalanceEqualsChannelBalancesPlusFees() public view {
        uint256 held;
        for (uint256 i; i < handler.channelCount(); ++i) {
            IFeeEscrow.ChannelState memory s = escrow.channelState(handler.channelIds(i));
            if (s.closeAt != escrow.CLOSED()) held += s.deposit - s.paid;
        }
        assertEq(token.balanceOf(address(escrow)), held + escrow.accruedFees(address(token)));
    }

    /// What a channel has paid is exactly what its redemptions paid: it only grows, never beyond the deposit, and
    /// not at all once closed (the handler's attempts on closed channels all failed).
    function invariant_PaidOnlyGrowsWithinTheDeposit() public view {
        for (uint256 i; i < handler.channelCount(); ++i) {
            bytes32 id = handler.channelIds(i);
            IFeeEscrow.ChannelState memory s = escrow.channelState(id);
            assertEq(s.paid, handler.ghostPaid(id), "paid = sum of redemptions");
            assertLe(s.paid, s.deposit, "paid <= deposit");
        }
    }

    /// Providers' shares reach only their payout addresses, the fees only the escrow and then the treasury, and
    /// consumers get back exactly what was not paid.
    function invariant_MoneyGoesOnlyWhereItIsOwed() public view {
        assertEq(token.balanceOf(alice), handler.ghostPayouts(alice), "alice's agent");
        assertEq(token.balanceOf(secondWallet), handler.ghostPayouts(secondWallet), "second agent's wallet");
        assertEq(escrow.accruedFees(address(token)) + handler.ghostSwept(), handler.ghostFees(), "fees");
        assertEq(token.balanceOf(address(treasury)) - treasuryStart, handler.ghostSwept(), "treasury");
        uint256 deposits;
        uint256 refunds;
        for (uint256 i; i < handler.channelCount(); ++i) {
            IFeeEscrow.ChannelState memory s = escrow.channelState(handler.channelIds(i));
            deposits += s.deposit;
            if (s.closeAt == escrow.CLOSED()) refunds += s.deposit - s.paid;
        }
        uint256 consumersHold;
        for (uint256 i; i < 3; ++i) {
            consumersHold += token.balanceOf(payers[i]);
        }
        assertEq(consumersHold, 3_000_000 ether - deposits + refunds, "consumers");
    }
}
