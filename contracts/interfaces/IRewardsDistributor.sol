// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IRewardsDistributor
/// @notice Epoch rewards for active agents, weighted by performance, reputation and governance participation.
///
/// Epochs last 7 days from `genesis`. Governance funds an epoch's budget from the treasury (`treasury.spend` to
/// this contract, then `fundEpoch`). After an epoch ends, three phases follow, each a fixed length:
/// 1. recording (1 day): anyone records the epoch's votable proposals (`recordProposal`: a proposal whose voting
///    closed within the epoch and which was not cancelled) and which agents voted on them (`recordVote`: the agent's
///    owner voted, or the account the owner had delegated to at the proposal's snapshot did, as the Governor counted
///    the owner's votes; a delegation made later does not count). Voting may have run before the epoch.
/// 2. registration (2 days): anyone registers an active agent (`register`), fixing its weight
///    `performance_score * reputation_multiplier * governance_participation`, where participation is the share of
///    the epoch's votable proposals the agent voted on (1 when there were none). Scores are read as they stand.
/// 3. claims (`claimWindow`, 30 days by default): the agent's owner or operator claims
///    `budget * weight / total weight` for the owner: this is the formula's
///    `reward = base_reward * score * multiplier * participation` with `base_reward = budget / total weight`. What an
///    agent receives does not depend on the order of claims, the sum never exceeds the budget (rounding down), and
///    an agent that is no longer active at its claim forfeits it. After the claim window, anyone returns what is left
///    to the treasury (`sweep`); a swept epoch pays nothing more, even if governance lengthens the claim window.
/// Every operation is O(1); nothing iterates over agents or proposals.
interface IRewardsDistributor {
    enum Phase {
        Running,
        Recording,
        Registration,
        Claims,
        Closed
    }

    struct Epoch {
        uint128 budget;
        uint128 claimed;
        uint128 totalWeight;
        uint32 proposals;
        uint32 registered;
        bool swept;
    }

    event EpochFunded(uint256 indexed epoch, uint256 amount, uint256 budget);
    event ProposalRecorded(uint256 indexed epoch, uint256 indexed proposalId);
    event VoteRecorded(uint256 indexed epoch, uint256 indexed proposalId, uint256 indexed agentId);
    event AgentRegistered(
        uint256 indexed epoch,
        uint256 indexed agentId,
        uint256 weight,
        uint256 score,
        uint256 multiplier,
        uint256 participation
    );
    event RewardClaimed(uint256 indexed epoch, uint256 indexed agentId, address indexed to, uint256 amount);
    event EpochSwept(uint256 indexed epoch, address indexed treasury, uint256 amount);
    event ClaimWindowSet(uint256 previousWindow, uint256 newWindow);
    event GovernorSet(address governor);

    error RewardsWrongPhase(uint256 epoch, Phase phase);
    error RewardsZeroAmount();
    error RewardsInsufficientFunds(uint256 available, uint256 amount);
    error RewardsProposalNotVotable(uint256 proposalId);
    error RewardsProposalAlreadyRecorded(uint256 proposalId);
    error RewardsProposalNotRecorded(uint256 proposalId);
    error RewardsVoteAlreadyRecorded(uint256 proposalId, uint256 agentId);
    error RewardsDidNotVote(uint256 proposalId, uint256 agentId);
    error RewardsAgentNotActive(uint256 agentId);
    error RewardsAlreadyRegistered(uint256 epoch, uint256 agentId);
    error RewardsNotRegistered(uint256 epoch, uint256 agentId);
    error RewardsAlreadyClaimed(uint256 epoch, uint256 agentId);
    error RewardsNotAuthorized(uint256 agentId, address caller);
    error RewardsAlreadySwept(uint256 epoch);
    error RewardsClaimWindowOutOfBounds(uint256 window, uint256 lowerBound, uint256 upperBound);
    error RewardsGovernorAlreadySet();
    error RewardsNoGovernor();

    function fundEpoch(uint256 epoch, uint256 amount) external;

    function recordProposal(uint256 proposalId) external;

    function recordVote(uint256 proposalId, uint256 agentId) external;

    function register(uint256 epoch, uint256 agentId) external returns (uint256 weight);

    function claim(uint256 epoch, uint256 agentId) external returns (uint256 amount);

    function sweep(uint256 epoch) external returns (uint256 amount);

    function setClaimWindow(uint256 window) external;

    /// @notice Names the Governor whose votes count (once, by the deployer before the hand-over).
    function setGovernor(address governor) external;

    function currentEpoch() external view returns (uint256);

    function epochStart(uint256 epoch) external view returns (uint256);

    function phaseOf(uint256 epoch) external view returns (Phase);

    function getEpoch(uint256 epoch) external view returns (Epoch memory);

    /// @notice The weight `agentId` registered for `epoch` (0 if none) and whether it claimed.
    function registration(uint256 epoch, uint256 agentId) external view returns (uint256 weight, bool claimed);

    /// @notice What `agentId` can claim for `epoch` now (0 outside the claim phase).
    function claimable(uint256 epoch, uint256 agentId) external view returns (uint256);

    /// @notice Votable proposals recorded for `epoch`, and how many of them `agentId` voted on.
    function participation(uint256 epoch, uint256 agentId)
        external
        view
        returns (uint256 voted, uint256 proposals);

    function genesis() external view returns (uint256);

    function claimWindow() external view returns (uint256);

    /// @notice Budgets funded and not yet claimed or swept.
    function allocated() external view returns (uint256);
}
