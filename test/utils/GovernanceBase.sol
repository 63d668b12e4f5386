// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAgentRegistry} from "../../contracts/interfaces/IAgentRegistry.sol";
import {IConclaveGovernor} from "../../contracts/interfaces/IConclaveGovernor.sol";
import {IGuardianMultisig} from "../../contracts/interfaces/IGuardianMultisig.sol";
import {BaseTest} from "./BaseTest.sol";
import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {Vm} from "forge-std/Vm.sol";

/// @notice Governance fixtures: five staked voters (100,000 CNCL in all: 4 % quorum = 4,000, 10 % = 10,000), the
/// CLO reviewer among them, and helpers to run proposals and sign guardian approvals.
abstract contract GovernanceBase is BaseTest {
    address internal dave = makeAddr("dave");
    address internal clo = makeAddr("clo");
    uint256 internal aliceAgent;
    uint256 internal bobAgent;
    uint256 internal carolAgent;
    uint256 internal daveAgent;
    uint256 internal cloAgent;

    struct Proposal {
        address[] targets;
        uint256[] values;
        bytes[] calldatas;
        string description;
    }

    function setUp() public virtual override {
        super.setUp();
        aliceAgent = _registerAndStake(alice, IAgentRegistry.Role.Specialized, 40_000 ether);
        bobAgent = _registerAndStake(bob, IAgentRegistry.Role.Specialized, 25_000 ether);
        carolAgent = _registerAndStake(carol, IAgentRegistry.Role.Specialized, 15_000 ether);
        daveAgent = _registerAndStake(dave, IAgentRegistry.Role.Specialized, 10_000 ether);
        cloAgent = _registerAndStake(clo, IAgentRegistry.Role.Specialized, 10_000 ether);
        vm.prank(admin);
        registry.grantSeat(cloAgent, IAgentRegistry.Role.CLO);
        vm.warp(vm.getBlockTimestamp() + 1);
    }

    // ---------------------------------------------------------------- proposals

    function _single(address target, bytes memory data, string memory description)
        internal
        pure
        returns (Proposal memory p)
    {
        p.targets = new address[](1);
        p.values = new uint256[](1);
        p.calldatas = new bytes[](1);
        p.targets[0] = target;
        p.calldatas[0] = data;
        p.description = description;
    }

    function _propose(Proposal memory p, IConclaveGovernor.Category category, bool expedited)
        internal
        returns (uint256 id)
    {
        id = _proposeAs(alice, p, category, expedited);
    }

    /// Proposes as `proposer` and replaces `p.description` with the description the Governor recorded (the type
    /// and the proposer are part of it), which `queue`, `execute` and `cancel` need.
    function _proposeAs(
        address proposer,
        Proposal memory p,
        IConclaveGovernor.Category category,
        bool expedited
    ) internal returns (uint256 id) {
        vm.recordLogs();
        vm.prank(proposer);
        id = governor.proposeTyped(p.targets, p.values, p.calldatas, p.description, category, expedited);
        p.description = _recordedDescription();
    }

    /// The description of the last `ProposalCreated` among the recorded logs.
    function _recordedDescription() internal returns (string memory description) {
        Vm.Log[] memory logs = vm.getRecordedLogs();
        for (uint256 i = logs.length; i > 0; --i) {
            if (logs[i - 1].topics[0] == IGovernor.ProposalCreated.selector) {
                (,,,,,,,, description) = abi.decode(
                    logs[i - 1].data,
                    (uint256, address, address[], uint256[], string[], bytes[], uint256, uint256, string)
                );
                return description;
            }
        }
        revert("no ProposalCreated");
    }

    function _toActive(uint256 id) internal {
        vm.warp(governor.proposalSnapshot(id) + 1);
    }

    function _vote(address voter, uint256 id, uint8 support) internal {
        vm.prank(voter);
        governor.castVote(id, support);
    }

    function _pastDeadline(uint256 id) internal {
        vm.warp(governor.proposalDeadline(id) + 1);
    }

    function _review(uint256 id, IConclaveGovernor.Verdict verdict) internal {
        vm.prank(clo);
        governor.review(id, verdict, "bafkreireviewreport");
    }

    function _queue(Proposal memory p) internal {
        governor.queue(p.targets, p.values, p.calldatas, keccak256(bytes(p.description)));
    }

    function _execute(Proposal memory p) internal {
        governor.execute(p.targets, p.values, p.calldatas, keccak256(bytes(p.description)));
    }

    /// Passes a standard proposal with alice and bob voting For, then queues and executes it.
    function _pass(Proposal memory p, IConclaveGovernor.Category category) internal returns (uint256 id) {
        id = _propose(p, category, false);
        if (governor.proposalType(id).reviewRequired) _review(id, IConclaveGovernor.Verdict.Favourable);
        _toActive(id);
        _vote(alice, id, 1);
        _vote(bob, id, 1);
        _pastDeadline(id);
        assertEq(uint8(governor.state(id)), uint8(IGovernor.ProposalState.Succeeded));
        _queue(p);
        vm.warp(vm.getBlockTimestamp() + timelock.getMinDelay());
        _execute(p);
        assertEq(uint8(governor.state(id)), uint8(IGovernor.ProposalState.Executed));
    }

    /// Passes and executes `data` on `target` through a full proposal of the category the action is mapped to.
    function _governance(address target, bytes memory data) internal {
        // forge-lint: disable-next-line(unsafe-typecast) — the selector is the first four bytes by design
        (IConclaveGovernor.Category category,) = governor.actionCategory(target, bytes4(data));
        _pass(_single(target, data, string.concat("gov-", vm.toString(vm.getBlockTimestamp()))), category);
    }

    /// Runs `data` on `target` through a proposal up to execution and expects execution to revert with `err`.
    function _governanceReverts(address target, bytes memory data, bytes memory err) internal {
        // forge-lint: disable-next-line(unsafe-typecast) — the selector is the first four bytes by design
        (IConclaveGovernor.Category category,) = governor.actionCategory(target, bytes4(data));
        Proposal memory p =
            _single(target, data, string.concat("gov-revert-", vm.toString(vm.getBlockTimestamp())));
        uint256 id = _propose(p, category, false);
        if (governor.proposalType(id).reviewRequired) _review(id, IConclaveGovernor.Verdict.Favourable);
        _toActive(id);
        _vote(alice, id, 1);
        _pastDeadline(id);
        _queue(p);
        vm.warp(vm.getBlockTimestamp() + timelock.getMinDelay());
        vm.expectRevert(err);
        _execute(p);
    }

    // ---------------------------------------------------------------- guardian approvals

    /// Approvals by the first `count` owners (sorted), over `target`/`data` at the current nonce.
    function _approvals(address target, bytes memory data, uint256 deadline, uint256 count)
        internal
        view
        returns (IGuardianMultisig.Approval[] memory approvals)
    {
        approvals = new IGuardianMultisig.Approval[](count);
        bytes32 digest = guardian.hashExecution(target, data, guardian.nonce(), deadline);
        for (uint256 i; i < count; ++i) {
            address owner = guardianOwners[i];
            (uint8 v, bytes32 r, bytes32 s) = vm.sign(guardianKeys[owner], digest);
            approvals[i] = IGuardianMultisig.Approval(owner, abi.encodePacked(r, s, v));
        }
    }

    function _guardianExecute(address target, bytes memory data) internal returns (bytes memory) {
        uint256 deadline = vm.getBlockTimestamp() + 1 hours;
        return guardian.execute(target, data, deadline, _approvals(target, data, deadline, 3));
    }
}
