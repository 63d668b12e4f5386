// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IConclaveGovernor} from "../../contracts/interfaces/IConclaveGovernor.sol";
import {IFeeEscrow} from "../../contracts/interfaces/IFeeEscrow.sol";
import {GovernanceBase} from "../utils/GovernanceBase.sol";

/// @notice Gas snapshots (snapshots/AccountabilityGas.json) of attestations, feedback, slashing and rewards, each call
/// its own transaction (`isolate = true`), with history already there (an agent attested and rated before).
contract AccountabilityGas is GovernanceBase {
    address internal validator = makeAddr("validator");
    address internal payer;
    uint256 internal payerKey;
    IFeeEscrow.Channel internal terms;
    bytes32 internal channel;

    function setUp() public override {
        super.setUp();
        vm.prank(admin);
        reputation.setValidator(validator, true);
        (payer, payerKey) = makeAddrAndKey("payer");
        _fund(payer, 10_000 ether);
        terms = IFeeEscrow.Channel({
            consumer: payer,
            providerAgentId: uint64(aliceAgent),
            token: address(token),
            voucherKey: address(0),
            salt: 0
        });
        vm.prank(payer);
        token.approve(address(escrow), 10_000 ether);
        _attestAs(aliceAgent, 1, 90);
        _settle(100 ether);
        vm.prank(payer);
        reputation.giveFeedback(aliceAgent, 90, 0, "quality", "", "", "", bytes32(0));
    }

    function _attestAs(uint256 agentId, uint256 n, uint8 response) internal {
        vm.prank(validator);
        reputation.attest(agentId, keccak256(abi.encode(n)), response, "ipfs://r", keccak256("r"), "task");
    }

    /// Pays `amount` on a new channel, which the provider redeems and closes (settled: it backs ratings).
    function _settle(uint128 amount) internal {
        terms.salt += 1;
        vm.prank(payer);
        channel = escrow.open(terms, amount);
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(payerKey, escrow.voucherDigest(channel, amount));
        vm.prank(alice);
        escrow.redeemAndClose(terms, amount, abi.encodePacked(r, s, v));
    }

    function test_Gas_Reputation() public {
        _attestAs(aliceAgent, 2, 80);
        vm.snapshotGasLastCall("attest (agent with history)");
        _attestAs(bobAgent, 3, 80);
        vm.snapshotGasLastCall("attest (first of an agent)");
        _settle(100 ether);
        vm.prank(payer);
        reputation.giveFeedback(aliceAgent, 80, 0, "quality", "", "https://tool", "ipfs://review", bytes32(0));
        vm.snapshotGasLastCall("giveFeedback (rater with history)");
    }

    function test_Gas_Slashing() public {
        vm.prank(admin);
        uint256 id = slashing.proposeSlash(aliceAgent, 1000 ether, "ipfs://evidence");
        vm.snapshotGasLastCall("proposeSlash");
        vm.prank(address(guardian));
        slashing.veto(id);
        vm.snapshotGasLastCall("veto");
        vm.prank(admin);
        id = slashing.proposeSlash(aliceAgent, 1000 ether, "ipfs://evidence");
        vm.warp(vm.getBlockTimestamp() + slashing.vetoWindow());
        slashing.execute(id);
        vm.snapshotGasLastCall("execute slash");
    }

    function test_Gas_Rewards() public {
        uint256 proposal = _propose(
            _single(address(vault), abi.encodeCall(vault.setMaxSlashBps, (4000)), "gas"),
            IConclaveGovernor.Category.EconomicParameter,
            false
        );
        _toActive(proposal);
        _vote(alice, proposal, 1);
        uint256 epoch = (governor.proposalDeadline(proposal) - rewards.genesis()) / rewards.EPOCH_DURATION();
        vm.prank(admin);
        treasury.spend(address(token), address(rewards), 1000 ether);
        vm.prank(admin);
        rewards.fundEpoch(epoch, 1000 ether);
        vm.snapshotGasLastCall("fundEpoch");

        _pastDeadline(proposal);
        rewards.recordProposal(proposal);
        vm.snapshotGasLastCall("recordProposal");
        rewards.recordVote(proposal, aliceAgent);
        vm.snapshotGasLastCall("recordVote");
        uint256 end = rewards.epochStart(epoch) + rewards.EPOCH_DURATION();
        vm.warp(end + rewards.RECORDING_PHASE());
        rewards.register(epoch, aliceAgent);
        vm.snapshotGasLastCall("register (rewards)");
        vm.warp(end + rewards.RECORDING_PHASE() + rewards.REGISTRATION_PHASE());
        vm.prank(alice);
        rewards.claim(epoch, aliceAgent);
        vm.snapshotGasLastCall("claim");
    }
}
