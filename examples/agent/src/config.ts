// The agent's configuration: a JSON file (checked with zod), completed from a devnet file when it names one, and from
// the environment (OPENAI_*, AGENT_TICK_SECONDS, AGENT_BUY_SECONDS). Paths are relative to the configuration file.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { DeploymentFile } from '@conclave/sdk';
import { readDevnet } from '@conclave/sdk/devnet';
import { type Hex, parseEther } from 'viem';
import { z } from 'zod';
import { agentTools } from './tools.js';

const amount = z.string().regex(/^\d+(\.\d+)?$/, 'an amount in CNCL, e.g. "0.01"');

export const configSchema = z
  .object({
    /** Shown in the logs; default "agent <id>". */
    name: z.string().optional(),
    /** A devnet file (`.dev/dev.json` of `npm run dev`): fills rpcUrl, indexerUrl, deployment and `account`'s key. */
    devnet: z.string().optional(),
    rpcUrl: z.string().optional(),
    indexerUrl: z.string().optional(),
    /** A deployment file (`deployments/<chainId>.json`). */
    deployment: z.string().optional(),
    /** The key the agent signs with: its owner's or its operator's. */
    privateKey: z.string().regex(/^0x[0-9a-fA-F]{64}$/).optional(),
    /** With `devnet`: the devnet account whose key to use. */
    account: z.number().int().min(0).optional(),
    /** An existing agent; without it the agent registers itself (`register`), once. */
    agentId: z.string().regex(/^\d+$/).optional(),
    register: z
      .object({
        name: z.string(),
        description: z.string().default('A Conclave reference agent'),
        role: z.enum(['Utility', 'Specialized']).default('Specialized'),
        /** Staked in the registering transaction. */
        stake: amount,
      })
      .optional(),
    /** Where /health (and the tool this agent sells) are served. */
    host: z.string().default('127.0.0.1'),
    port: z.number().int().min(1).max(65_535),
    /** The local store: state.json, the channel ledger, the provider's vouchers, the review reports. */
    dataDir: z.string(),
    /** Seconds between ticks (a new block also starts one). */
    tickSeconds: z.number().positive().default(5),
    /** Added to the shortfall when the stake is topped up to its tier minimum. */
    stakeBuffer: amount.default('0'),
    sell: z
      .object({
        tool: z.enum(Object.keys(agentTools) as [string, ...string[]]),
        price: amount.default('0.01'),
        /** Redeem the vouchers once this much is owed (and always when a consumer asks to close). */
        redeemThreshold: amount.default('0.05'),
      })
      .optional(),
    buy: z
      .object({
        /** The agent whose tool to buy, found through the indexer by its endpoint `…/tools/<tool>`. */
        providerAgentId: z.string().regex(/^\d+$/),
        tool: z.string(),
        everySeconds: z.number().positive().default(10),
        /** Refuse to pay more per call. */
        maxPrice: amount.default('0.1'),
        /** A new channel's deposit (and each top-up), in calls. */
        depositCalls: z.number().int().positive().default(100),
      })
      .optional(),
    openai: z
      .object({ baseUrl: z.string(), model: z.string(), apiKey: z.string().optional(), timeoutMs: z.number().int().positive().default(20_000) })
      .optional(),
  })
  .strict();

export type AgentConfigFile = z.input<typeof configSchema>;

/** The configuration with everything resolved. */
export type AgentConfig = Omit<z.output<typeof configSchema>, 'devnet' | 'deployment' | 'account' | 'stakeBuffer' | 'sell' | 'buy' | 'agentId' | 'register'> & {
  rpcUrl: string;
  indexerUrl: string;
  deployment: DeploymentFile;
  privateKey: Hex;
  agentId?: bigint | undefined;
  register?: { name: string; description: string; role: 'Utility' | 'Specialized'; stake: bigint } | undefined;
  stakeBuffer: bigint;
  sell?: { tool: string; price: bigint; redeemThreshold: bigint } | undefined;
  buy?: { providerAgentId: bigint; tool: string; everySeconds: number; maxPrice: bigint; depositCalls: number } | undefined;
};

/** Reads and completes a configuration file. */
export function loadConfig(file: string, env: NodeJS.ProcessEnv = process.env): AgentConfig {
  const here = path.dirname(path.resolve(file));
  const parsed = configSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    throw new Error(`${file}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
  }
  const c = parsed.data;
  const dev = c.devnet ? readDevnet({ file: path.resolve(here, c.devnet) }) : undefined;
  const deployment: DeploymentFile | undefined = c.deployment
    ? (JSON.parse(readFileSync(path.resolve(here, c.deployment), 'utf8')) as DeploymentFile)
    : dev?.deployment;
  const privateKey = (c.privateKey ?? (c.account !== undefined ? dev?.accounts[c.account]?.privateKey : undefined)) as Hex | undefined;
  const rpcUrl = c.rpcUrl ?? dev?.rpcUrl;
  const indexerUrl = c.indexerUrl ?? dev?.indexerUrl;
  const missing = Object.entries({ rpcUrl, indexerUrl, deployment, privateKey: privateKey ?? undefined }).filter(([, v]) => !v);
  if (missing.length > 0) {
    throw new Error(`${file}: no ${missing.map(([k]) => k).join(', ')} (give them, or a devnet file and an account)`);
  }
  if (!c.agentId && !c.register) throw new Error(`${file}: give agentId (an existing agent) or register (to register one)`);
  const openai = env.OPENAI_BASE_URL
    ? {
        baseUrl: env.OPENAI_BASE_URL,
        model: env.OPENAI_MODEL ?? c.openai?.model ?? 'gpt-4o-mini',
        apiKey: env.OPENAI_API_KEY ?? c.openai?.apiKey,
        timeoutMs: Number(env.OPENAI_TIMEOUT_MS ?? c.openai?.timeoutMs ?? 20_000),
      }
    : c.openai;
  return {
    name: c.name,
    rpcUrl: rpcUrl!,
    indexerUrl: indexerUrl!,
    deployment: deployment!,
    privateKey: privateKey!,
    agentId: c.agentId ? BigInt(c.agentId) : undefined,
    register: c.register ? { ...c.register, stake: parseEther(c.register.stake) } : undefined,
    host: c.host,
    port: c.port,
    dataDir: path.resolve(here, c.dataDir),
    tickSeconds: Number(env.AGENT_TICK_SECONDS ?? c.tickSeconds),
    stakeBuffer: parseEther(c.stakeBuffer),
    sell: c.sell ? { tool: c.sell.tool, price: parseEther(c.sell.price), redeemThreshold: parseEther(c.sell.redeemThreshold) } : undefined,
    buy: c.buy
      ? {
          providerAgentId: BigInt(c.buy.providerAgentId),
          tool: c.buy.tool,
          everySeconds: Number(env.AGENT_BUY_SECONDS ?? c.buy.everySeconds),
          maxPrice: parseEther(c.buy.maxPrice),
          depositCalls: c.buy.depositCalls,
        }
      : undefined,
    openai,
  };
}
