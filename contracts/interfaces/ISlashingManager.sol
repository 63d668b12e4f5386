// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title ISlashingManager
/// @notice Slashes are proposed with evidence, wait out a veto window, then anyone executes them.
///
/// Who proposes:
/// - governance (the Timelock) and the CLO seat's owner or operator while the CLO agent is active, any amount up to
///   the vault's per-slash maximum (`maxSlashBps`, at most 50 %) of the agent's own plus unbonding stake;
/// - anyone, when the performance rule holds: the agent's completion rate over its last attested tasks is below
///   `completionFloorBps` (default 50 %) with at least `minTasks` (default 20) of them. The amount is graded by the
///   performance score: the maximum times (1 - score). The rule proposes once per `minTasks` new attested tasks,
///   so one record is not slashed twice (the reputation registry's completion window should be at least
///   `minTasks`, or the rule cannot hold);
/// - the CLO or governance, from a fee-escrow dispute against the agent (the dispute's evidence).
///
/// Holding: a proposal holds back its amount in the vault at once, so the agent cannot withdraw its way out (it may
/// still request an unstake; unbonding stake stays slashable, and no withdrawal may take the stake within reach
/// below what is held). Vetoing or executing releases the hold.
///
/// Veto window: 3 days by default, at most 6 days, always shorter than the vault's shortest unbonding period
/// (7 days). The guardian multisig vetoes within it. Governance acts more slowly (voting, then the Timelock), so
/// anyone may `contest` a slash within its window by naming a Governor proposal whose only action is to veto it: the
/// slash then cannot execute while that proposal may still pass, and governance's veto lands when the proposal is
/// executed, even after the window. After the window (and any contest that failed), anyone executes. Execution takes
/// the proposed amount, or less if the vault's per-slash maximum of the stake now within reach is lower (after
/// another slash; withdrawals cannot shrink it, the vault keeps enough within reach), and the vault sends it to its
/// slash recipient (the treasury). A vetoed slash never executes.
interface ISlashingManager {
    enum SlashState {
        None,
        Proposed,
        Vetoed,
        Executed
    }

    /// @notice On what authority a slash was proposed.
    enum Origin {
        Governance,
        Reviewer,
        PerformanceRule,
        Dispute
    }

    struct Slash {
        uint64 agentId;
        uint40 vetoDeadline;
        SlashState state;
        Origin origin;
        uint128 amount;
        address proposer;
        uint64 disputeId;
    }

    event SlashProposed(
        uint256 indexed slashId,
        uint256 indexed agentId,
        address indexed proposer,
        Origin origin,
        uint256 amount,
        uint256 vetoDeadline,
        string evidenceURI,
        uint256 disputeId
    );
    event SlashVetoed(uint256 indexed slashId, uint256 indexed agentId, address indexed vetoer);
    event SlashExecuted(
        uint256 indexed slashId, uint256 indexed agentId, address indexed executor, uint256 amount
    );
    event SlashContested(
        uint256 indexed slashId, uint256 indexed agentId, uint256 indexed proposalId, address contester
    );
    event VetoWindowSet(uint256 previousWindow, uint256 newWindow);
    event GovernorSet(address governor);
    event PerformanceRuleSet(uint256 completionFloorBps, uint256 minTasks);

    error SlashingNotAuthorized(address caller);
    error SlashingZeroAmount();
    error SlashingAmountTooLarge(uint256 agentId, uint256 amount, uint256 maximum);
    error SlashingEmptyEvidence();
    error SlashingRuleNotMet(uint256 agentId, uint256 completionRate, uint256 windowTasks);
    error SlashingUnknown(uint256 slashId);
    error SlashingNotPending(uint256 slashId, SlashState state);
    error SlashingVetoWindowOpen(uint256 slashId, uint256 deadline, uint256 timestamp);
    error SlashingVetoWindowOver(uint256 slashId, uint256 deadline, uint256 timestamp);
    error SlashingVetoWindowOutOfBounds(uint256 window, uint256 lowerBound, uint256 upperBound);
    error SlashingRuleOutOfBounds(uint256 completionFloorBps, uint256 minTasks);
    error SlashingEvidenceMismatch(uint256 disputeId);
    error SlashingNothingToSlash(uint256 agentId);
    /// @notice `proposalId` is not a live Governor proposal whose only action is to veto slash `slashId`.
    error SlashingNotAVetoProposal(uint256 slashId, uint256 proposalId);
    /// @notice Governance's veto proposal `proposalId` may still pass: the slash waits.
    error SlashingContested(uint256 slashId, uint256 proposalId);
    error SlashingNoGovernor();
    error SlashingGovernorAlreadySet();
    /// @notice The performance rule already proposed slashing this record: it needs `required` new attested tasks.
    error SlashingRuleAlreadyApplied(uint256 agentId, uint256 newTasks, uint256 required);

    /// @notice Proposes slashing `amount` of `agentId` (governance, or the active CLO's owner or operator).
    function proposeSlash(uint256 agentId, uint256 amount, string calldata evidenceURI)
        external
        returns (uint256 slashId);

    /// @notice Anyone: proposes a graded slash of an agent that breaks the performance rule.
    function proposePerformanceSlash(uint256 agentId, string calldata evidenceURI)
        external
        returns (uint256 slashId);

    /// @notice Turns fee-escrow dispute `disputeId` into a proposal against its provider (CLO or governance).
    /// `evidenceURI` must be the dispute's own evidence.
    function proposeDisputeSlash(uint256 disputeId, uint256 amount, string calldata evidenceURI)
        external
        returns (uint256 slashId);

    /// @notice Vetoes a proposed slash within its veto window (the guardian or governance).
    function veto(uint256 slashId) external;

    /// @notice Within the veto window, names the Governor proposal (by its actions and description hash) that vetoes
    /// `slashId` (anyone): the slash cannot execute while the proposal may still pass.
    function contest(
        uint256 slashId,
        address[] calldata targets,
        uint256[] calldata values,
        bytes[] calldata calldatas,
        bytes32 descriptionHash
    ) external returns (uint256 proposalId);

    /// @notice Executes a proposed slash after its veto window (anyone), unless a veto proposal contests it.
    function execute(uint256 slashId) external returns (uint256 amount);

    function setVetoWindow(uint256 window) external;

    function setPerformanceRule(uint256 completionFloorBps, uint256 minTasks) external;

    /// @notice Names the Governor whose proposals may contest slashes (once, by the deployer before the hand-over).
    function setGovernor(address governor) external;

    /// @notice The Governor proposal contesting `slashId` (0: none).
    function contestOf(uint256 slashId) external view returns (uint256);

    function getSlash(uint256 slashId) external view returns (Slash memory);

    function vetoWindow() external view returns (uint256);

    function completionFloorBps() external view returns (uint256);

    function minTasks() external view returns (uint256);

    function totalSlashes() external view returns (uint256);

    /// @notice The largest slash of `agentId` now: the vault's `maxSlashBps` of its own plus unbonding stake.
    function maxSlashOf(uint256 agentId) external view returns (uint256);

    /// @notice Whether the performance rule holds for `agentId` now.
    function breaksPerformanceRule(uint256 agentId) external view returns (bool);
}
