#!/usr/bin/env node
// The reference agent's command line: `node --import tsx examples/agent/src/main.ts --config <file>`.
// See examples/agent/README.md for the configuration, the policy and the health endpoint.
import { parseArgs } from 'node:util';
import { Agent } from './agent.js';
import { loadConfig } from './config.js';
import { createLogger, errorLine } from './format.js';
import { openAIPolicy } from './openai.js';
import { type Policy, defaultPolicy } from './policy.js';

const { values } = parseArgs({ options: { config: { type: 'string', short: 'c' } } });
if (!values.config) {
  console.error('usage: main.ts --config <agent.json>   (see examples/agent/README.md)');
  process.exit(2);
}

const config = loadConfig(values.config);
const log = createLogger(config.name ?? (config.agentId ? `agent ${config.agentId}` : (config.register?.name ?? 'agent')));
const rules = defaultPolicy();
const policy: Policy = config.openai
  ? openAIPolicy({
      ...config.openai,
      fallback: rules,
      onFallback: (error) => log(`the model endpoint failed (${errorLine(error)}): deciding by the default rules`),
    })
  : rules;

const agent = new Agent(config, policy, log);
let stopping = false;
const stop = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  log(`stopping (${signal})`);
  await agent.stop();
  process.exit(0);
};
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));

try {
  await agent.start();
} catch (error) {
  log(`cannot start: ${errorLine(error)}`);
  process.exit(1);
}
