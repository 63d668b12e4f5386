// The reference agent: a loop of idempotent steps over the public SDK. Every step reads what the chain (or the
// indexer) says before acting, so a restart, even after SIGKILL in the middle of a step, repeats nothing and loses
// nothing; the local store (state.ts, and the ledger and voucher files) holds only what the chain cannot say.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type ServerType, serve } from '@hono/node-server';
import { Hono, type MiddlewareHandler } from 'hono';
import { type Address, type Hex, getAddress, http } from 'viem';
import { type PrivateKeyAccount, privateKeyToAccount } from 'viem/accounts';
import {
  type ChannelConsumer,
  type ChannelProvider,
  type ConclaveClient,
  type GetAgentReturnType,
  type GetParametersReturnType,
  addressesFromDeployment,
  computeCid,
  conclaveGovernorAbi,
  conclaveTokenAbi,
  createChannelConsumer,
  createChannelProvider,
  createConclaveClient,
  createIndexerClient,
  isConclaveError,
  proposalStates,
  rewardsDistributorAbi,
} from '@conclave/sdk';
import { type ToolBuyer, createToolBuyer, createToolSeller, fileStore } from '@conclave/x402';
import type { AgentConfig } from './config.js';
import { type Logger, cncl, errorLine, ratio, shortHex, shortId } from './format.js';
import type { DecisionContext, Policy } from './policy.js';
import { describeAction, proposalView } from './proposals.js';
import { StateFile } from './state.js';
import { agentTools, describeTool } from './tools.js';

/** What the agent did since this process started (the chain and the indexer hold the full history). */
export type Counters = {
  votes: number;
  reviews: number;
  callsBought: number;
  callsSold: number;
  redemptions: number;
  claims: number;
  rewardRegistrations: number;
  stakeTopUps: number;
  toolsListed: number;
  purchaseFailures: number;
};

type Reachability = { reachable: boolean; block: string | null };

/** The payload of x402's PAYMENT-SIGNATURE and PAYMENT-RESPONSE headers: base64 JSON. */
const decodeHeader = <T>(value: string): T => JSON.parse(Buffer.from(value, 'base64').toString('utf8')) as T;

/** Resolves to `fallback` after `ms`. */
const within = <T>(promise: Promise<T>, ms: number, fallback: T) =>
  Promise.race([promise, new Promise<T>((resolve) => setTimeout(() => resolve(fallback), ms).unref())]);

/** A test hook: `AGENT_FAULT=kill-after-paid-response` kills the process at that point (see the README). */
function fault(point: string) {
  if (process.env.AGENT_FAULT === point) process.kill(process.pid, 'SIGKILL');
}

export class Agent {
  readonly account: PrivateKeyAccount;
  readonly client: ConclaveClient<PrivateKeyAccount>;
  readonly counters: Counters = {
    votes: 0,
    reviews: 0,
    callsBought: 0,
    callsSold: 0,
    redemptions: 0,
    claims: 0,
    rewardRegistrations: 0,
    stakeTopUps: 0,
    toolsListed: 0,
    purchaseFailures: 0,
  };
  readonly startedAt = new Date().toISOString();

  #indexer;
  #addresses;
  #state: StateFile;
  #log: Logger;
  #agentId: bigint | undefined;
  #agent: GetAgentReturnType | undefined;
  #parameters: { value: GetParametersReturnType; at: number } | undefined;
  #consumer: ChannelConsumer | undefined;
  #buyer: ToolBuyer | undefined;
  #ledger: ReturnType<typeof fileStore> | undefined;
  #vouchers: ReturnType<typeof fileStore> | undefined;
  #provider: ChannelProvider | undefined;
  #toolApp: Hono | undefined;
  #toolId: bigint | undefined;
  #server: ServerType | undefined;
  #timer: NodeJS.Timeout | undefined;
  #unwatch: (() => void) | undefined;
  #ticking: Promise<void> | undefined;
  #again = false;
  #stopping = false;
  #lastTick: { at: string; durationMs: number } | null = null;
  #lastError: { at: string; step: string; message: string } | null = null;
  /** Steps whose last run failed, with the error; a step that succeeds again leaves this list. */
  #problems = new Map<string, { at: string; message: string }>();
  /** Proposals this process saw voted on (by it or before a restart: the chain said so). */
  #voted = new Set<bigint>();
  #reviewChecked = new Set<bigint>();
  #rewardsCheck: { wall: number; chainTime: bigint } | undefined;
  #registeredFor = new Set<bigint>();
  #lastPurchase = 0;
  #buyEndpoint: string | undefined;
  #purchaseText = 'Conclave: a DAO of AI agents that runs itself.';
  #said = new Set<string>();
  #payers = new Map<string, string>();

  constructor(
    readonly config: AgentConfig,
    readonly policy: Policy,
    log: Logger,
  ) {
    this.account = privateKeyToAccount(config.privateKey);
    this.client = createConclaveClient({
      deployment: config.deployment,
      transport: http(config.rpcUrl, { timeout: 20_000, retryCount: 1 }),
      account: this.account,
      pollingInterval: 500,
    });
    // The SDK's indexer client has no timeout of its own: a stalled indexer must not stall the loop.
    this.#indexer = createIndexerClient({
      url: config.indexerUrl,
      fetch: (input, init) => fetch(input, { ...init, signal: AbortSignal.timeout(10_000) }),
    });
    this.#addresses = addressesFromDeployment(config.deployment);
    this.#state = new StateFile(config.dataDir);
    this.#log = log;
    this.#agentId = config.agentId;
  }

  get url() {
    return `http://${this.config.host}:${this.config.port}`;
  }

  /** Checks the local store belongs to this chain, serves /health, and starts the loop. */
  async start() {
    await this.#checkChain();
    this.#consumer = await this.#createConsumer();
    const app = new Hono();
    app.get('/health', async (c) => {
      const { healthy, body } = await this.health();
      return c.json(body, healthy ? 200 : 503);
    });
    // Review reports: the CID recorded on-chain names these bytes (an agent without IPFS serves them itself).
    app.get('/reports/:cid', (c) => {
      const file = path.join(this.config.dataDir, 'reports', `${c.req.param('cid').replace(/[^a-zA-Z0-9]/g, '')}.json`);
      return existsSync(file) ? c.body(readFileSync(file), 200, { 'content-type': 'application/json' }) : c.json({ error: 'no such report' }, 404);
    });
    // The paid tool is mounted once it is listed (its route needs the tool id).
    app.all('/tools/*', (c) => (this.#toolApp ? this.#toolApp.fetch(c.req.raw) : c.json({ error: 'the tool is not listed yet' }, 503)));
    this.#server = serve({ fetch: app.fetch, port: this.config.port, hostname: this.config.host });
    await new Promise<void>((resolve, reject) => {
      this.#server!.once('listening', () => resolve());
      this.#server!.once('error', reject);
    });
    this.#log(`started: ${this.account.address}, health on ${this.url}/health, policy: ${this.policy.name}`);
    this.#timer = setInterval(() => this.#kick(), this.config.tickSeconds * 1000);
    // A new block may open a vote or a review: look at once rather than at the next tick.
    this.#unwatch = this.client.watchBlockNumber({ onBlockNumber: () => this.#kick(), pollingInterval: 1000, onError: () => {} });
    this.#kick();
  }

  /** Stops the loop (waiting for a tick under way), the provider and the server. */
  async stop() {
    this.#stopping = true;
    clearInterval(this.#timer);
    this.#unwatch?.();
    await within(this.#ticking ?? Promise.resolve(), 15_000, undefined);
    await this.#provider?.stop();
    this.#ledger?.close();
    this.#vouchers?.close();
    const server = this.#server as (ServerType & { closeAllConnections?: () => void }) | undefined;
    const closed = new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    server?.closeAllConnections?.();
    await closed;
  }

  /** The health report: 200 when the agent knows its identity, reaches the chain and the indexer, and ticks. */
  async health() {
    const [chain, indexer] = await Promise.all([this.#probeChain(), this.#probeIndexer()]);
    const tickFresh = this.#lastTick !== null && Date.now() - Date.parse(this.#lastTick.at) < (3 * this.config.tickSeconds + 60) * 1000;
    const healthy = this.#agent !== undefined && chain.reachable && indexer.reachable && tickFresh;
    const consumerChannels = (await this.#consumer?.channels()) ?? [];
    const body = {
      healthy,
      name: this.config.name ?? null,
      agentId: this.#agentId?.toString() ?? null,
      address: this.account.address,
      role: this.#agent?.role ?? null,
      active: this.#agent?.active ?? null,
      stake: this.#agent?.stake.toString() ?? null,
      policy: this.policy.name,
      startedAt: this.startedAt,
      lastTick: this.#lastTick,
      lastError: this.#lastError,
      problems: Object.fromEntries(this.#problems),
      counters: this.counters,
      chain: { url: this.config.rpcUrl, ...chain },
      indexer: { url: this.config.indexerUrl, ...indexer },
      selling: this.config.sell
        ? {
            tool: this.config.sell.tool,
            toolId: this.#toolId?.toString() ?? null,
            unredeemed: (this.#provider?.unredeemed() ?? 0n).toString(),
            channels: (this.#provider?.channels() ?? []).map((c) => ({
              channelId: c.channelId,
              consumer: c.terms.consumer,
              cumulativeAmount: (c.voucher?.cumulativeAmount ?? 0n).toString(),
              paid: c.paid.toString(),
            })),
          }
        : null,
      buying: this.config.buy
        ? {
            providerAgentId: this.config.buy.providerAgentId.toString(),
            tool: this.config.buy.tool,
            endpoint: this.#buyEndpoint ?? null,
            channels: consumerChannels.map((c) => ({
              channelId: c.channelId,
              providerAgentId: c.terms.providerAgentId.toString(),
              deposit: c.deposit.toString(),
              spent: c.spent.toString(),
              closing: c.closing,
            })),
          }
        : null,
    };
    return { healthy, body };
  }

  // ------------------------------------------------------------------------------------------------ the loop

  #kick() {
    if (this.#stopping) return;
    if (this.#ticking) {
      this.#again = true;
      return;
    }
    this.#ticking = this.#tick().finally(() => {
      this.#ticking = undefined;
      if (this.#again && !this.#stopping) {
        this.#again = false;
        setTimeout(() => this.#kick(), 1000).unref();
      }
    });
  }

  async #tick() {
    const started = Date.now();
    const chain = await this.#probeChain();
    if (!chain.reachable) return this.#fail('chain', new Error(`the chain at ${this.config.rpcUrl} does not answer`));
    this.#problems.delete('chain');
    if (!(await this.#step('transactions', () => this.#ownTransactionsMined()))) return;
    if (this.#agentId === undefined || !this.#agent) {
      if (!(await this.#step('identity', () => this.#identity()))) return;
    }
    await this.#step('stake', () => this.#keepStake());
    if (this.config.sell) await this.#step('tool', () => this.#sell());
    await this.#step('rewards', () => this.#rewards());
    await this.#step('governance', () => this.#governance());
    if (this.config.buy) await this.#step('buy', () => this.#buy());
    this.#lastTick = { at: new Date().toISOString(), durationMs: Date.now() - started };
  }

  async #step(step: string, run: () => Promise<void>) {
    try {
      await run();
      this.#problems.delete(step);
      return true;
    } catch (error) {
      this.#fail(step, error);
      return false;
    }
  }

  #fail(step: string, error: unknown) {
    const message = errorLine(error);
    this.#lastError = { at: new Date().toISOString(), step, message };
    this.#problems.set(step, { at: this.#lastError.at, message });
    this.#log(`error (${step}): ${message}`);
  }

  /** Logs a line once per process (conditions that would otherwise repeat every tick). */
  #once(key: string, message: string) {
    if (this.#said.has(key)) return;
    this.#said.add(key);
    this.#log(message);
  }

  async #probeChain(): Promise<Reachability> {
    const block = await within(this.client.getBlockNumber({ cacheTime: 0 }).catch(() => null), 3000, null);
    return { reachable: block !== null, block: block?.toString() ?? null };
  }

  async #probeIndexer(): Promise<Reachability> {
    const status = await within(this.#indexer.status().catch(() => null), 3000, null);
    return { reachable: status !== null, block: status?.block ? String(status.block.number) : null };
  }

  /** Waits until the indexer has indexed the chain's current head (what it says is then complete). */
  async #indexerCaughtUp() {
    const head = await this.client.getBlockNumber({ cacheTime: 0 });
    for (let i = 0; i < 60; i++) {
      const status = await this.#indexer.status();
      if (status.block && BigInt(status.block.number) >= head) return;
      await new Promise((r) => setTimeout(r, 500));
    }
    throw new Error(`the indexer has not reached block ${head} in 30 s`);
  }

  /**
   * No transaction of this account is still pending: what the chain says then includes everything this agent sent,
   * also before a crash, so a decision read from it cannot repeat one already sent.
   */
  async #ownTransactionsMined() {
    for (let i = 0; i < 60; i++) {
      const [pending, latest] = await Promise.all([
        this.client.getTransactionCount({ address: this.account.address, blockTag: 'pending' }),
        this.client.getTransactionCount({ address: this.account.address, blockTag: 'latest' }),
      ]);
      if (pending === latest) return;
      if (i === 0) this.#log(`waiting for ${pending - latest} transaction(s) of this account to be mined`);
      await new Promise((r) => setTimeout(r, 1000));
    }
    throw new Error('transactions of this account are still pending after 60 s');
  }

  // ------------------------------------------------------------------------------------------------ identity

  /** The local store must belong to this chain: a devnet started anew has the same chain id and addresses. */
  async #checkChain() {
    let chainId: number;
    let genesis: Hex;
    for (let attempt = 1; ; attempt++) {
      try {
        chainId = await this.client.getChainId();
        genesis = (await this.client.getBlock({ blockNumber: 0n })).hash as Hex;
        break;
      } catch (error) {
        if (attempt === 30) throw error;
        if (attempt === 1) this.#log(`waiting for the chain at ${this.config.rpcUrl} (${errorLine(error)})`);
        await new Promise((r) => setTimeout(r, 2000));
      }
    }
    const chain = { chainId, genesis, registry: this.#addresses.registry };
    const stored = this.#state.state;
    if (!stored) {
      this.#state.write({ version: 1, chain });
      return;
    }
    if (stored.chain.chainId !== chainId || stored.chain.genesis !== genesis || getAddress(stored.chain.registry) !== chain.registry) {
      throw new Error(
        `${this.config.dataDir} holds the state of another chain (genesis ${shortHex(stored.chain.genesis)}, this one ${shortHex(genesis)}): remove it or choose another dataDir`,
      );
    }
  }

  /** Loads the configured or stored agent, finds one registered before a crash, or registers (once). */
  async #identity() {
    const me = this.account.address;
    const stored = this.#state.state?.agentId;
    let how = 'loaded';
    let agentId = this.config.agentId ?? (stored ? BigInt(stored) : undefined);
    if (agentId === undefined) {
      const register = this.config.register!;
      const card = await this.#card();
      // Registered, then killed before the id was stored: the indexer knows the agent by its owner and card.
      await this.#indexerCaughtUp();
      const { items } = await this.#indexer.agents({ where: { owner: me, agentURI: card.uri }, orderBy: 'id', limit: 1 });
      if (items[0]) {
        agentId = items[0].id;
        how = 'found (registered before a restart)';
      } else {
        const balance = await this.#balance();
        if (balance < register.stake) {
          throw new Error(`registering needs ${cncl(register.stake)} to stake; ${me} holds ${cncl(balance)}`);
        }
        ({ agentId } = await this.client.registerAgent({ agentURI: card.uri, role: register.role, stake: register.stake }));
        how = 'registered';
      }
    }
    const agent = await this.client.getAgent({ agentId });
    if (getAddress(agent.owner) !== me && getAddress(agent.operator) !== me) {
      throw new Error(`agent ${agentId} is owned by ${agent.owner}; ${me} is neither its owner nor its operator`);
    }
    if (stored !== agentId.toString()) this.#state.update({ agentId: agentId.toString() });
    this.#agentId = agentId;
    this.#log(`${how} agent ${agentId}: ${agent.role}, ${agent.active ? 'active' : 'inactive'}, ${cncl(agent.stake)} staked (minimum ${cncl(agent.minimumStake)})`);
    if (this.config.sell && !this.#provider) await this.#startProvider();
    await this.#resumeSummary().catch((error) => this.#log(`state: not summarised (${errorLine(error)})`));
    // Known from here on: the other steps run (a failure above retries this step at the next tick).
    this.#agent = agent;
  }

  /** The agent card a registration commits to (its CID is computed locally; serve or pin the bytes elsewhere). */
  async #card() {
    const register = this.config.register!;
    const services = this.config.sell ? [{ name: 'x402', endpoint: `${this.url}/tools/${this.config.sell.tool}` }] : [];
    return computeCid({ name: register.name, description: register.description, services });
  }

  /** One line on what the chain and the store say this agent has done, so a restart shows what it will not redo. */
  async #resumeSummary() {
    const open = await this.#openProposals();
    let voted = 0;
    for (const row of open) if (await this.#hasVoted(row.id)) voted++;
    const channels = (await this.#consumer?.channels()) ?? [];
    const ledger = channels.map((c) => `${cncl(c.spent)} of ${cncl(c.deposit)} on channel ${shortHex(c.channelId)} to agent ${c.terms.providerAgentId}`);
    this.#log(
      `state: voted on ${voted} of ${open.length} open proposal(s); ledger: ${ledger.length ? ledger.join(', ') : 'no channel'}` +
        (this.#provider ? `; ${cncl(this.#provider.unredeemed())} of vouchers not redeemed yet` : ''),
    );
  }

  async #balance() {
    return this.client.readContract({ address: this.#addresses.token, abi: conclaveTokenAbi, functionName: 'balanceOf', args: [this.account.address] });
  }

  // ------------------------------------------------------------------------------------------------ stake

  /** Tops the stake up to the tier minimum (and the configured buffer) when it has fallen below it. */
  async #keepStake() {
    const agent = await this.client.getAgent({ agentId: this.#agentId! });
    this.#agent = agent;
    if (agent.stake >= agent.minimumStake) return;
    const amount = agent.minimumStake - agent.stake + this.config.stakeBuffer;
    const balance = await this.#balance();
    if (balance < amount) {
      throw new Error(`${cncl(agent.stake)} staked is below the ${agent.tier} minimum ${cncl(agent.minimumStake)}; topping up needs ${cncl(amount)}, the account holds ${cncl(balance)}`);
    }
    await this.client.stake({ agentId: this.#agentId!, amount });
    this.counters.stakeTopUps++;
    this.#agent = await this.client.getAgent({ agentId: this.#agentId! });
    this.#log(`staked ${cncl(amount)}: ${cncl(this.#agent.stake)} staked, the ${agent.tier} minimum is ${cncl(agent.minimumStake)} (${this.#agent.active ? 'active again' : 'still inactive'})`);
  }

  // ------------------------------------------------------------------------------------------------ selling

  /** The provider watches close requests and redeems; it runs whether or not the tool is listed yet. */
  async #startProvider() {
    const sell = this.config.sell!;
    this.#vouchers ??= fileStore(path.join(this.config.dataDir, 'vouchers.log'));
    const provider = await createChannelProvider(this.client, {
      providerAgentId: this.#agentId!,
      store: this.#vouchers,
      addresses: this.#addresses,
      redeemThreshold: sell.redeemThreshold,
      onError: (error) => this.#fail('redeem', error),
      onRedeemed: ({ channelIds, amount, fee, hash }) => {
        this.counters.redemptions++;
        this.#problems.delete('redeem');
        this.#log(`redeemed ${cncl(amount)} (protocol fee ${cncl(fee)}) on ${channelIds.length} channel(s) in ${shortHex(hash)}`);
      },
    });
    await provider.start({ pollingInterval: 1000 });
    this.#provider = provider;
  }

  /** Lists the tool once (or finds its listing), then serves it, paid per call. */
  async #sell() {
    if (this.#toolApp) return;
    const sell = this.config.sell!;
    const tool = agentTools[sell.tool]!;
    const agentId = this.#agentId!;
    const endpoint = `${this.url}/tools/${tool.name}`;
    const ours = async (id: bigint) => {
      const listed = await this.client.getTool({ toolId: id }).catch(() => undefined);
      return listed && listed.providerAgentId === agentId && listed.endpoint === endpoint && listed.status !== 'retired' ? listed : undefined;
    };
    const stored = this.#state.state?.toolId;
    let listed = stored ? await ours(BigInt(stored)) : undefined;
    if (!listed) {
      // Listed, then killed before the id was stored: the indexer has the listing.
      await this.#indexerCaughtUp();
      const { items } = await this.#indexer.list('tool', {
        where: { providerAgentId: agentId, endpoint, status_not: 'Retired' },
        orderBy: 'listedAt',
        orderDirection: 'desc',
        limit: 1,
      });
      listed = items[0] ? await ours(items[0].id) : undefined;
    }
    if (!listed) {
      if (!this.#agent?.active) {
        this.#once('inactive-listing', `not listing ${tool.name}: the agent is not active (stake below its tier minimum)`);
        return;
      }
      const { uri } = await computeCid(describeTool(tool));
      const { toolId } = await this.client.listTool({ providerAgentId: agentId, metadataURI: uri, endpoint, pricePerCall: sell.price });
      this.counters.toolsListed++;
      this.#log(`listed ${tool.name} (tool ${toolId}) at ${cncl(sell.price)} per call: ${endpoint}`);
      listed = await ours(toolId);
      if (!listed) throw new Error(`tool ${toolId} is not this agent's listing at ${endpoint}`);
    } else if (listed.pricePerCall !== sell.price) {
      await this.client.setToolPrice({ toolId: listed.toolId, pricePerCall: sell.price });
      this.#log(`repriced ${tool.name} (tool ${listed.toolId}) from ${cncl(listed.pricePerCall)} to ${cncl(sell.price)} per call`);
    }
    if (this.#state.state?.toolId !== listed.toolId.toString()) this.#state.update({ toolId: listed.toolId.toString() });
    this.#toolId = listed.toolId;

    const seller = await createToolSeller({ client: this.client, provider: this.#provider!, addresses: this.#addresses });
    // After the seller's middleware ran: a PAYMENT-RESPONSE on a successful answer is a sale (its voucher is stored).
    const countSale: MiddlewareHandler = async (c, next) => {
      await next();
      const receipt = c.res.headers.get('PAYMENT-RESPONSE');
      if (c.res.status >= 400 || !receipt) return;
      const { payer, amount, extra } = decodeHeader<{ payer: Address; amount: string; extra: { channelId: Hex; cumulativeAmount: string } }>(receipt);
      this.counters.callsSold++;
      this.#log(
        `sold ${tool.name} to ${await this.#whois(payer)} for ${cncl(BigInt(amount))} (channel ${shortHex(extra.channelId)}, ${cncl(BigInt(extra.cumulativeAmount))} on it)`,
      );
    };
    const app = new Hono();
    app.post(`/tools/${tool.name}`, countSale, ...seller.http(listed.toolId, { description: tool.description, mimeType: 'application/json' }), async (c) => {
      const input = (await c.req.json().catch(() => undefined)) as { text?: unknown } | undefined;
      // A bad request fails with 400 and is not charged.
      if (typeof input?.text !== 'string') return c.json({ error: 'expected {"text": string}' }, 400);
      return c.json(tool.run({ text: input.text }));
    });
    this.#toolApp = app;
    this.#log(`selling ${tool.name} (tool ${listed.toolId}) at ${cncl(listed.pricePerCall)} per call on ${endpoint}`);
  }

  /** `agent 3` for an agent's owner (from the indexer), else the address. */
  async #whois(address: Address) {
    const known = this.#payers.get(address);
    if (known) return known;
    const { items } = await this.#indexer.agents({ where: { owner: address }, orderBy: 'id', limit: 1 }).catch(() => ({ items: [] }));
    const name = items[0] ? `agent ${items[0].id}` : shortHex(address);
    this.#payers.set(address, name);
    return name;
  }

  // ------------------------------------------------------------------------------------------------ rewards

  /**
   * Registers for the rewards of an epoch in its registration phase and claims those in their claim phase. Phases
   * move only with chain time: checked every minute, or at once when chain time jumped.
   */
  async #rewards() {
    const now = (await this.client.getBlock({ blockTag: 'latest' })).timestamp;
    const last = this.#rewardsCheck;
    if (last && Date.now() - last.wall < 60_000 && now - last.chainTime < 3600n) return;
    const agentId = this.#agentId!;
    const { epoch: current } = await this.client.getEpoch();
    for (let e = current - 1n; e >= 0n && e >= current - 6n; e--) {
      const epoch = await this.client.getEpoch({ epoch: e });
      if (epoch.budget === 0n) continue;
      if (epoch.phase === 'registration' && !this.#registeredFor.has(e) && this.#agent?.active) {
        const [weight] = await this.client.readContract({
          address: this.#addresses.rewards,
          abi: rewardsDistributorAbi,
          functionName: 'registration',
          args: [e, agentId],
        });
        // The weight is score × multiplier × participation: with no score yet, registering would buy nothing.
        const { score } = await this.client.getReputation({ agentId });
        if (weight === 0n && score === 0n) {
          this.#log(`not registering for the rewards of epoch ${e}: performance score 0 (no attested task or rating yet)`);
        } else if (weight === 0n) {
          try {
            const r = await this.client.registerForRewards({ epoch: e, agentId });
            this.counters.rewardRegistrations++;
            this.#log(
              `registered for the rewards of epoch ${e}: weight ${ratio(r.weight)} = score ${ratio(r.score)} × multiplier ${ratio(r.multiplier)} × participation ${ratio(r.participation)}`,
            );
          } catch (error) {
            // Registering is open to anyone: someone registered it already, with a weight of 0.
            if (!isConclaveError(error, 'RewardsAlreadyRegistered')) throw error;
          }
        }
        this.#registeredFor.add(e);
      }
      if (epoch.phase === 'claims') {
        const claimable = await this.client.getClaimable({ epoch: e, agentId });
        if (claimable > 0n) {
          const { amount } = await this.client.claimReward({ epoch: e, agentId });
          this.counters.claims++;
          this.#log(`claimed ${cncl(amount)} of reward epoch ${e} (budget ${cncl(epoch.budget)})`);
        }
      }
    }
    this.#rewardsCheck = { wall: Date.now(), chainTime: now };
  }

  // ------------------------------------------------------------------------------------------------ governance

  /** Proposals that may still be reviewed or voted on, from the indexer (the chain decides each one's state). */
  async #openProposals() {
    const now = (await this.client.getBlock({ blockTag: 'latest' })).timestamp;
    // A late quorum may push the deadline past the indexed voteEnd (by at most 7 days).
    const since = now - 7n * 86_400n;
    const rows = [];
    for (let after: string | undefined; ; ) {
      const page = await this.#indexer.proposals({ where: { status: 'Created', voteEnd_gte: since }, orderBy: 'createdAt', limit: 100, after });
      rows.push(...page.items);
      if (!page.hasNextPage || !page.endCursor) return rows;
      after = page.endCursor;
    }
  }

  async #hasVoted(proposalId: bigint) {
    if (this.#voted.has(proposalId)) return true;
    const voted = await this.client.readContract({
      address: this.#addresses.governor,
      abi: conclaveGovernorAbi,
      functionName: 'hasVoted',
      args: [proposalId, this.account.address],
    });
    if (voted) this.#voted.add(proposalId);
    return voted;
  }

  async #context(): Promise<DecisionContext> {
    if (!this.#parameters || Date.now() - this.#parameters.at > 60_000) {
      this.#parameters = { value: await this.client.getParameters(), at: Date.now() };
    }
    return { agentId: this.#agentId!, role: this.#agent!.role, address: this.account.address, parameters: this.#parameters.value };
  }

  async #governance() {
    const rows = await this.#openProposals();
    const newest = rows.at(-1);
    if (newest) this.#purchaseText = newest.description.replace(/#category=.*$/s, '');
    for (const row of rows) {
      if (this.#voted.has(row.id)) continue;
      const state = proposalStates[
        await this.client.readContract({ address: this.#addresses.governor, abi: conclaveGovernorAbi, functionName: 'state', args: [row.id] })
      ];
      if (state === 'Pending') await this.#maybeReview(row);
      if (state === 'Active') await this.#maybeVote(row);
    }
  }

  /** The CLO records a review of a Pending proposal whose category requires one, once. */
  async #maybeReview(row: { id: bigint; description: string; targets: unknown; values: unknown; calldatas: unknown }) {
    if (this.#agent?.seat !== 'CLO' || !this.#agent.active || this.#reviewChecked.has(row.id)) return;
    const chain = await this.client.getProposal({ proposalId: row.id });
    if (chain.state !== 'Pending') return;
    if (!chain.reviewRequired || chain.verdict !== 'None') {
      this.#reviewChecked.add(row.id);
      return;
    }
    const view = proposalView(this.config.deployment, chain, row);
    const { verdict, reasons } = await this.policy.review(view, await this.#context());
    const report = {
      proposalId: row.id.toString(),
      verdict,
      reasons,
      actions: view.actions.map(describeAction),
      reviewer: { agentId: this.#agentId!.toString(), address: this.account.address },
    };
    const { cid, bytes } = await computeCid(report);
    // Written before the review is sent, so the CID on-chain always has its bytes here (GET /reports/<cid>).
    mkdirSync(path.join(this.config.dataDir, 'reports'), { recursive: true });
    writeFileSync(path.join(this.config.dataDir, 'reports', `${cid}.json`), bytes);
    await this.client.review({ proposalId: row.id, verdict, reportCID: cid });
    this.#reviewChecked.add(row.id);
    this.counters.reviews++;
    this.#log(`reviewed proposal ${shortId(row.id)} (${chain.category}): ${verdict}: ${reasons.join('; ')} (report ${cid})`);
  }

  /** Votes on an Active proposal by the policy, unless the chain says this account already did. */
  async #maybeVote(row: { id: bigint; description: string; targets: unknown; values: unknown; calldatas: unknown }) {
    if (await this.#hasVoted(row.id)) return;
    const { votes } = await this.client.getVotes({ account: this.account.address });
    if (votes === 0n) {
      this.#once(`no-votes-${row.id}`, `not voting on proposal ${shortId(row.id)}: ${this.account.address} has no voting power`);
      return;
    }
    const chain = await this.client.getProposal({ proposalId: row.id });
    if (chain.state !== 'Active') return;
    const view = proposalView(this.config.deployment, chain, row);
    const { support, reason } = await this.policy.decide(view, await this.#context());
    // A vote weighs the smaller of the votes at the snapshot and now (0 for stake that came after the snapshot; the
    // vote still counts as participation).
    const { votes: atSnapshot } = await this.client.getVotes({ account: this.account.address, timestamp: chain.snapshot });
    await this.client.castVote({ proposalId: row.id, support, reason });
    this.#voted.add(row.id);
    this.counters.votes++;
    const weight = atSnapshot < votes ? atSnapshot : votes;
    this.#log(`voted ${support} with ${cncl(weight)} on proposal ${shortId(row.id)} (${chain.category}): ${reason}`);
  }

  // ------------------------------------------------------------------------------------------------ buying

  /**
   * The paying client. The SDK's consumer keeps each voucher it hands out on record as in doubt until the call's
   * outcome is in its ledger, so a crash between the provider storing a voucher and the ledger counting it costs
   * nothing: the provider refuses the next voucher as not newer, and the buyer counts the one in doubt and pays on.
   */
  async #createConsumer() {
    this.#ledger = fileStore(path.join(this.config.dataDir, 'ledger.log'));
    const consumer = await createChannelConsumer(this.client, {
      addresses: this.#addresses,
      store: this.#ledger,
      autoDeposit: (price) => price * BigInt(this.config.buy?.depositCalls ?? 100),
    });
    // The test hook `AGENT_FAULT=kill-after-paid-response` dies right after a paid answer, before the ledger counts it.
    const faulty: typeof fetch = async (input, init) => {
      const request = new Request(input, init);
      const response = await fetch(request);
      if (request.headers.has('PAYMENT-SIGNATURE')) fault('kill-after-paid-response');
      return response;
    };
    this.#buyer = createToolBuyer({ consumer, client: this.client, addresses: this.#addresses, maxPricePerCall: this.config.buy?.maxPrice, fetch: faulty });
    return consumer;
  }

  /** The endpoint of the tool to buy: the newest active listing of that agent at `…/tools/<name>`. */
  async #findEndpoint() {
    const { providerAgentId, tool } = this.config.buy!;
    const { items } = await this.#indexer.list('tool', {
      where: { providerAgentId, status: 'Active', endpoint_ends_with: `/tools/${tool}` },
      orderBy: 'listedAt',
      orderDirection: 'desc',
      limit: 1,
    });
    return items[0]?.endpoint;
  }

  /** Now and then, buys one call of another agent's tool on the text of the newest proposal. */
  async #buy() {
    const buy = this.config.buy!;
    if (Date.now() - this.#lastPurchase < buy.everySeconds * 1000) return;
    this.#lastPurchase = Date.now();
    this.#buyEndpoint ??= await this.#findEndpoint();
    if (!this.#buyEndpoint) {
      this.#once(`no-tool-${buy.providerAgentId}`, `agent ${buy.providerAgentId} lists no ${buy.tool} tool yet: waiting`);
      return;
    }
    // When this returns, the call's outcome is in the ledger (committed, abandoned, or kept in doubt by the SDK).
    const response = await this.#buyer!.fetch(this.#buyEndpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: this.#purchaseText }),
    });
    const receipt = response.headers.get('PAYMENT-RESPONSE');
    if (!response.ok || !receipt) {
      this.counters.purchaseFailures++;
      const body = (await response.text()).slice(0, 200);
      if (response.status === 503 || response.status === 404) this.#buyEndpoint = undefined;
      throw new Error(`buying ${buy.tool} from agent ${buy.providerAgentId}: HTTP ${response.status} ${body}`);
    }
    const { amount, extra } = decodeHeader<{ amount: string; extra: { channelId: Hex; cumulativeAmount: string } }>(receipt);
    const result = JSON.stringify(await response.json());
    this.counters.callsBought++;
    this.#log(
      `bought ${buy.tool} from agent ${buy.providerAgentId} for ${cncl(BigInt(amount))}: ${result.slice(0, 120)} (channel ${shortHex(extra.channelId)}, ${cncl(BigInt(extra.cumulativeAmount))} on it)`,
    );
  }
}
