import { index, onchainTable } from 'ponder';

/** One row per agent: identity, role, tier and stake, kept current by the registry and vault handlers. */
export const agent = onchainTable(
  'agent',
  (t) => ({
    id: t.bigint().primaryKey(),
    owner: t.hex().notNull(),
    agentURI: t.text().notNull(),
    baseRole: t.text().notNull(),
    seat: t.text().notNull(),
    /** The seat if held, else the base role. */
    role: t.text().notNull(),
    tier: t.text().notNull(),
    operator: t.hex(),
    wallet: t.hex(),
    stake: t.bigint().notNull(),
    unbonding: t.bigint().notNull(),
    /** Own stake at or above the tier minimum. */
    active: t.boolean().notNull(),
    /** Performance score in [0, 1e18] and reputation multiplier in [1e18, 3e18] (WAD), from the reputation registry. */
    score: t.bigint().notNull().default(0n),
    multiplier: t.bigint().notNull().default(1000000000000000000n),
    /** Completed share of the last attested tasks (WAD); attested tasks, completed ones, and ratings received. */
    completionRate: t.bigint().notNull().default(0n),
    tasks: t.integer().notNull().default(0),
    successes: t.integer().notNull().default(0),
    ratings: t.integer().notNull().default(0),
    /** Share of the votable proposals of the latest rewarded epoch the agent voted on (WAD); null before any. */
    participation: t.bigint(),
    registeredAt: t.bigint().notNull(),
    updatedAt: t.bigint().notNull(),
  }),
  (table) => ({
    ownerIdx: index().on(table.owner),
    roleIdx: index().on(table.role),
    tierActiveIdx: index().on(table.tier, table.active),
    stakeIdx: index().on(table.stake),
  }),
);

/** On-chain key/value metadata of agents (ERC-8004). */
export const agentMetadataValue = onchainTable(
  'agent_metadata_value',
  (t) => ({
    id: t.text().primaryKey(),
    agentId: t.bigint().notNull(),
    key: t.text().notNull(),
    value: t.hex().notNull(),
    updatedAt: t.bigint().notNull(),
  }),
  (table) => ({ agentIdx: index().on(table.agentId) }),
);

/** Unstake requests: pending until withdrawn. */
export const unbondingRequest = onchainTable(
  'unbonding_request',
  (t) => ({
    id: t.bigint().primaryKey(),
    agentId: t.bigint().notNull(),
    owner: t.hex().notNull(),
    amount: t.bigint().notNull(),
    shares: t.bigint().notNull(),
    releaseTime: t.bigint().notNull(),
    status: t.text().notNull(),
    withdrawnAmount: t.bigint(),
    requestedAt: t.bigint().notNull(),
    withdrawnAt: t.bigint(),
  }),
  (table) => ({ agentIdx: index().on(table.agentId), statusIdx: index().on(table.status) }),
);

/** Voting accounts: current delegate and delegated votes. */
export const account = onchainTable('account', (t) => ({
  id: t.hex().primaryKey(),
  delegate: t.hex(),
  votes: t.bigint().notNull(),
  updatedAt: t.bigint().notNull(),
}));

/** Every delegation change. */
export const delegation = onchainTable(
  'delegation',
  (t) => ({
    id: t.text().primaryKey(),
    delegator: t.hex().notNull(),
    fromDelegate: t.hex().notNull(),
    toDelegate: t.hex().notNull(),
    timestamp: t.bigint().notNull(),
  }),
  (table) => ({ delegatorIdx: index().on(table.delegator), toIdx: index().on(table.toDelegate) }),
);

/** Proposals with their type, review, tallies and Timelock operation. `status` follows events (Created, Queued,
 * Executed, Canceled); the time-based states (Active, Defeated, Succeeded) follow from the deadlines. */
export const proposal = onchainTable(
  'proposal',
  (t) => ({
    id: t.bigint().primaryKey(),
    proposer: t.hex().notNull(),
    description: t.text().notNull(),
    targets: t.json().$type<string[]>().notNull(),
    values: t.json().$type<string[]>().notNull(),
    calldatas: t.json().$type<string[]>().notNull(),
    category: t.text().notNull(),
    expedited: t.boolean().notNull(),
    fellBack: t.boolean().notNull(),
    reviewRequired: t.boolean().notNull(),
    quorumBps: t.integer().notNull(),
    expeditedQuorumBps: t.integer().notNull(),
    expeditedDeadline: t.bigint().notNull(),
    voteStart: t.bigint().notNull(),
    voteEnd: t.bigint().notNull(),
    status: t.text().notNull(),
    /** The Governor's `state()` as of the newest indexed block: Pending, Active, Canceled, Defeated, Succeeded,
     * Queued or Executed, with the expedited mark, the fall-back and late-quorum extensions taken into account. */
    state: t.text().notNull(),
    /** When the state may next change with time alone (start of voting, the mark, the deadline); null when only an
     * event can change it. */
    stateCheckAt: t.bigint(),
    verdict: t.text().notNull(),
    reviewCID: t.text(),
    reviewerAgentId: t.bigint(),
    forVotes: t.bigint().notNull(),
    againstVotes: t.bigint().notNull(),
    abstainVotes: t.bigint().notNull(),
    voterCount: t.integer().notNull(),
    /** Total stake when the proposal was created, for participation figures. */
    totalStakeAtCreation: t.bigint().notNull(),
    eta: t.bigint(),
    timelockOperationId: t.hex(),
    createdAt: t.bigint().notNull(),
    updatedAt: t.bigint().notNull(),
  }),
  (table) => ({ statusIdx: index().on(table.status), categoryIdx: index().on(table.category) }),
);

/** Each event-driven transition of a proposal (Created, Typed, Reviewed, MarkExtended, Extended, FellBack, Queued, Executed, Canceled). */
export const proposalTransition = onchainTable(
  'proposal_transition',
  (t) => ({
    id: t.text().primaryKey(),
    proposalId: t.bigint().notNull(),
    transition: t.text().notNull(),
    timestamp: t.bigint().notNull(),
    blockNumber: t.bigint().notNull(),
  }),
  (table) => ({ proposalIdx: index().on(table.proposalId) }),
);

export const vote = onchainTable(
  'vote',
  (t) => ({
    id: t.text().primaryKey(),
    proposalId: t.bigint().notNull(),
    voter: t.hex().notNull(),
    support: t.text().notNull(),
    weight: t.bigint().notNull(),
    reason: t.text().notNull(),
    timestamp: t.bigint().notNull(),
  }),
  (table) => ({ proposalIdx: index().on(table.proposalId), voterIdx: index().on(table.voter) }),
);

export const slashing = onchainTable(
  'slashing',
  (t) => ({
    id: t.text().primaryKey(),
    agentId: t.bigint().notNull(),
    slasher: t.hex().notNull(),
    recipient: t.hex().notNull(),
    amount: t.bigint().notNull(),
    fromOwn: t.bigint().notNull(),
    fromUnbonding: t.bigint().notNull(),
    timestamp: t.bigint().notNull(),
  }),
  (table) => ({ agentIdx: index().on(table.agentId) }),
);

/** Money into and out of the treasury: spends, emergency spends, slashed stake, token and native inflows. */
export const treasuryFlow = onchainTable('treasury_flow', (t) => ({
  id: t.text().primaryKey(),
  token: t.hex().notNull(),
  direction: t.text().notNull(),
  kind: t.text().notNull(),
  counterparty: t.hex().notNull(),
  amount: t.bigint().notNull(),
  timestamp: t.bigint().notNull(),
}));

export const timelockOperation = onchainTable('timelock_operation', (t) => ({
  id: t.hex().primaryKey(),
  status: t.text().notNull(),
  proposalId: t.bigint(),
  readyAt: t.bigint(),
  scheduledAt: t.bigint().notNull(),
  updatedAt: t.bigint().notNull(),
}));

export const guardianAction = onchainTable('guardian_action', (t) => ({
  id: t.text().primaryKey(),
  kind: t.text().notNull(),
  nonce: t.bigint(),
  target: t.hex(),
  selector: t.hex(),
  data: t.hex(),
  signers: t.json().$type<string[]>(),
  subject: t.hex(),
  value: t.bigint(),
  timestamp: t.bigint().notNull(),
}));

/** Governance parameters as last set on-chain (`contract:name[:key]`). */
export const parameter = onchainTable('parameter', (t) => ({
  id: t.text().primaryKey(),
  contract: t.text().notNull(),
  name: t.text().notNull(),
  value: t.text().notNull(),
  updatedAt: t.bigint().notNull(),
}));

/** Protocol totals (one row, id "protocol"). */
export const protocolStat = onchainTable('protocol_stat', (t) => ({
  id: t.text().primaryKey(),
  agents: t.integer().notNull(),
  totalStaked: t.bigint().notNull(),
  totalUnbonding: t.bigint().notNull(),
  proposals: t.integer().notNull(),
  votes: t.integer().notNull(),
  slashes: t.integer().notNull(),
  events: t.integer().notNull(),
  /** Sum of the completion rates of agents with attested tasks, and how many they are: the average (WAD) follows. */
  completionRateSum: t.bigint().notNull().default(0n),
  agentsWithTasks: t.integer().notNull().default(0),
  averageCompletionRate: t.bigint().notNull().default(0n),
  /** Votes cast, and the stake staked when each proposal was created, summed over proposals: their ratio is the
   * share of stake that voted (WAD). */
  votedStake: t.bigint().notNull().default(0n),
  stakeAtProposals: t.bigint().notNull().default(0n),
  stakeVotedShare: t.bigint().notNull().default(0n),
  /** The earliest `stateCheckAt` of any proposal: blocks before it cost the proposal clock one row read. */
  nextStateCheckAt: t.bigint(),
}));

/** The audit log: every event of every protocol contract, append-only, keyed by Ponder's event id. */
export const auditEvent = onchainTable(
  'audit_event',
  (t) => ({
    id: t.text().primaryKey(),
    contract: t.text().notNull(),
    eventName: t.text().notNull(),
    blockNumber: t.bigint().notNull(),
    blockTimestamp: t.bigint().notNull(),
    transactionHash: t.hex().notNull(),
    logIndex: t.integer().notNull(),
    agentId: t.bigint(),
    proposalId: t.bigint(),
    args: t.json().notNull(),
  }),
  (table) => ({
    blockIdx: index().on(table.blockNumber),
    agentIdx: index().on(table.agentId),
    proposalIdx: index().on(table.proposalId),
    nameIdx: index().on(table.eventName),
  }),
);

// ------------------------------------------------------------------ tools and the fee escrow

/** Tools listed in the ToolRegistry; `status` is Active, Paused or Retired. */
export const tool = onchainTable(
  'tool',
  (t) => ({
    id: t.bigint().primaryKey(),
    providerAgentId: t.bigint().notNull(),
    token: t.hex().notNull(),
    pricePerCall: t.bigint().notNull(),
    metadataURI: t.text().notNull(),
    endpoint: t.text().notNull(),
    status: t.text().notNull(),
    listedAt: t.bigint().notNull(),
    updatedAt: t.bigint().notNull(),
  }),
  (table) => ({ providerIdx: index().on(table.providerAgentId), statusIdx: index().on(table.status) }),
);

/**
 * Payment channels of the fee escrow; `status` is Open, Closing (the consumer asked to close; `closeDeadline` as
 * requested, before any pause extension) or Closed. `paid` includes `fees`.
 */
export const channel = onchainTable(
  'channel',
  (t) => ({
    id: t.hex().primaryKey(),
    consumer: t.hex().notNull(),
    providerAgentId: t.bigint().notNull(),
    token: t.hex().notNull(),
    voucherKey: t.hex().notNull(),
    salt: t.bigint().notNull(),
    deposit: t.bigint().notNull(),
    paid: t.bigint().notNull(),
    fees: t.bigint().notNull(),
    redemptions: t.integer().notNull(),
    status: t.text().notNull(),
    closeDeadline: t.bigint(),
    refund: t.bigint(),
    closedByProvider: t.boolean(),
    openedAt: t.bigint().notNull(),
    updatedAt: t.bigint().notNull(),
  }),
  (table) => ({
    consumerIdx: index().on(table.consumer),
    providerIdx: index().on(table.providerAgentId),
    statusIdx: index().on(table.status),
  }),
);

/** Vouchers redeemed: what each paid (`amount`, of which `fee` to the treasury). */
export const redemption = onchainTable(
  'redemption',
  (t) => ({
    id: t.text().primaryKey(),
    channelId: t.hex().notNull(),
    providerAgentId: t.bigint().notNull(),
    consumer: t.hex().notNull(),
    token: t.hex().notNull(),
    cumulativeAmount: t.bigint().notNull(),
    amount: t.bigint().notNull(),
    fee: t.bigint().notNull(),
    blockNumber: t.bigint().notNull(),
    timestamp: t.bigint().notNull(),
    transactionHash: t.hex().notNull(),
  }),
  (table) => ({
    channelIdx: index().on(table.channelId),
    providerIdx: index().on(table.providerAgentId),
    consumerIdx: index().on(table.consumer),
  }),
);

/** Transfers to providers' payout addresses (one per payee and token per redeeming transaction). */
export const payout = onchainTable(
  'payout',
  (t) => ({
    id: t.text().primaryKey(),
    payee: t.hex().notNull(),
    token: t.hex().notNull(),
    amount: t.bigint().notNull(),
    timestamp: t.bigint().notNull(),
    transactionHash: t.hex().notNull(),
  }),
  (table) => ({ payeeIdx: index().on(table.payee) }),
);

/** Disputes consumers recorded about providers (with an evidence URI). */
export const dispute = onchainTable(
  'dispute',
  (t) => ({
    id: t.bigint().primaryKey(),
    channelId: t.hex().notNull(),
    providerAgentId: t.bigint().notNull(),
    consumer: t.hex().notNull(),
    evidenceURI: t.text().notNull(),
    timestamp: t.bigint().notNull(),
  }),
  (table) => ({ providerIdx: index().on(table.providerAgentId) }),
);

/** Revenue per provider agent and token: `gross` paid by channels, `fees` to the treasury, `net` to the provider. */
export const providerRevenue = onchainTable('provider_revenue', (t) => ({
  id: t.text().primaryKey(),
  providerAgentId: t.bigint().notNull(),
  token: t.hex().notNull(),
  gross: t.bigint().notNull(),
  fees: t.bigint().notNull(),
  net: t.bigint().notNull(),
  redemptions: t.integer().notNull(),
}));

/** Per consumer and token: deposited into channels, paid to providers, refunded on close. */
export const consumerLedger = onchainTable('consumer_ledger', (t) => ({
  id: t.text().primaryKey(),
  consumer: t.hex().notNull(),
  token: t.hex().notNull(),
  deposited: t.bigint().notNull(),
  spent: t.bigint().notNull(),
  refunded: t.bigint().notNull(),
}));

/** Validations: an attested task outcome per request (ERC-8004 validation responses; the latest response shows). */
export const attestation = onchainTable(
  'attestation',
  (t) => ({
    id: t.hex().primaryKey(),
    agentId: t.bigint().notNull(),
    validator: t.hex().notNull(),
    requestURI: t.text(),
    response: t.integer(),
    responseURI: t.text(),
    responseHash: t.hex(),
    tag: t.text(),
    requestedAt: t.bigint(),
    respondedAt: t.bigint(),
  }),
  (table) => ({ agentIdx: index().on(table.agentId), validatorIdx: index().on(table.validator) }),
);

/** Ratings of providers by paying consumers (ERC-8004 feedback), with the payment weight behind each. */
export const rating = onchainTable(
  'rating',
  (t) => ({
    id: t.text().primaryKey(),
    agentId: t.bigint().notNull(),
    client: t.hex().notNull(),
    feedbackIndex: t.integer().notNull(),
    value: t.bigint().notNull(),
    valueDecimals: t.integer().notNull(),
    tag1: t.text().notNull(),
    tag2: t.text().notNull(),
    endpoint: t.text().notNull(),
    feedbackURI: t.text().notNull(),
    feedbackHash: t.hex().notNull(),
    /** What the client paid the provider since its previous rating (18-decimal units). */
    weight: t.bigint().notNull(),
    timestamp: t.bigint().notNull(),
  }),
  (table) => ({ agentIdx: index().on(table.agentId), clientIdx: index().on(table.client) }),
);

/** Each agent's performance after every attestation and rating: its history. */
export const performanceSnapshot = onchainTable(
  'performance_snapshot',
  (t) => ({
    id: t.text().primaryKey(),
    agentId: t.bigint().notNull(),
    score: t.bigint().notNull(),
    multiplier: t.bigint().notNull(),
    completionRate: t.bigint().notNull(),
    tasks: t.integer().notNull(),
    successes: t.integer().notNull(),
    ratings: t.integer().notNull(),
    blockNumber: t.bigint().notNull(),
    timestamp: t.bigint().notNull(),
  }),
  (table) => ({ agentTimeIdx: index().on(table.agentId, table.timestamp) }),
);

/** Slash proposals: Proposed (in or after its veto window), Vetoed or Executed. */
export const slashProposal = onchainTable(
  'slash_proposal',
  (t) => ({
    id: t.bigint().primaryKey(),
    agentId: t.bigint().notNull(),
    proposer: t.hex().notNull(),
    /** Governance, Reviewer, PerformanceRule or Dispute. */
    origin: t.text().notNull(),
    amount: t.bigint().notNull(),
    vetoDeadline: t.bigint().notNull(),
    evidenceURI: t.text().notNull(),
    disputeId: t.bigint(),
    state: t.text().notNull(),
    /** The Governor proposal to veto it that contests it: it cannot execute while that proposal may pass. */
    contestedBy: t.bigint(),
    vetoer: t.hex(),
    executedAmount: t.bigint(),
    proposedAt: t.bigint().notNull(),
    decidedAt: t.bigint(),
  }),
  (table) => ({ agentIdx: index().on(table.agentId), stateIdx: index().on(table.state) }),
);

/** Reward epochs: budget, votable proposals, registrations and claims. */
export const rewardEpoch = onchainTable('reward_epoch', (t) => ({
  id: t.bigint().primaryKey(),
  budget: t.bigint().notNull(),
  claimed: t.bigint().notNull(),
  totalWeight: t.bigint().notNull(),
  proposals: t.integer().notNull(),
  registered: t.integer().notNull(),
  claims: t.integer().notNull(),
  swept: t.bigint(),
}));

/** An agent's registration for an epoch's rewards, the parts of its weight, and its claim. */
export const rewardShare = onchainTable(
  'reward_share',
  (t) => ({
    id: t.text().primaryKey(),
    epoch: t.bigint().notNull(),
    agentId: t.bigint().notNull(),
    weight: t.bigint().notNull(),
    score: t.bigint().notNull(),
    multiplier: t.bigint().notNull(),
    participation: t.bigint().notNull(),
    claimed: t.bigint(),
    claimedBy: t.hex(),
    registeredAt: t.bigint().notNull(),
    claimedAt: t.bigint(),
  }),
  (table) => ({ epochIdx: index().on(table.epoch), agentIdx: index().on(table.agentId) }),
);
