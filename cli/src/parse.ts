import { type ConclaveAddresses, type ProposalAction } from '@conclave/sdk';
import {
  type AbiFunction,
  type AbiParameter,
  type Address,
  type Hex,
  encodeFunctionData,
  getAddress,
  isAddress,
  isHex,
  parseAbiItem,
  parseEther,
} from 'viem';

/** A mistake in what was typed: reported in one line, before anything is read or sent. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** A CNCL (or ETH) amount written in tokens, e.g. `5000` or `0.01`, in wei. */
export function parseAmount(text: string, what = 'amount'): bigint {
  if (!/^\d+(\.\d{1,18})?$/.test(text)) {
    throw new UsageError(`${what} must be a decimal number of tokens such as 5000 or 0.01 (got '${text}')`);
  }
  return parseEther(text);
}

/** A decimal (or 0x hexadecimal) id. */
export function parseId(text: string, what = 'id'): bigint {
  if (/^\d+$/.test(text) || /^0x[0-9a-fA-F]+$/.test(text)) return BigInt(text);
  throw new UsageError(`${what} must be a number (got '${text}')`);
}

export function parseAddress(text: string, what = 'address'): Address {
  if (!isAddress(text, { strict: false })) throw new UsageError(`${what} must be a 0x address of 40 hex digits (got '${text}')`);
  return getAddress(text);
}

export function parseChannelId(text: string): Hex {
  if (!/^0x[0-9a-fA-F]{64}$/.test(text)) throw new UsageError(`channelId must be 0x and 64 hex digits (got '${text}')`);
  return text.toLowerCase() as Hex;
}

const UNITS: Record<string, bigint> = { s: 1n, m: 60n, min: 60n, h: 3600n, d: 86_400n, w: 604_800n };

/** `48h`, `7d`, `90m`, `1d12h`, `30s`, or plain seconds; in seconds. */
export function parseDuration(text: string): bigint {
  if (/^\d+$/.test(text)) return BigInt(text);
  const parts = [...text.matchAll(/(\d+)(min|s|m|h|d|w)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== text) {
    throw new UsageError(`duration must look like 48h, 7d, 90m, 1d12h or 30s (got '${text}')`);
  }
  return parts.reduce((sum, [, n, unit]) => sum + BigInt(n!) * UNITS[unit!]!, 0n);
}

/** The contracts' names in a deployment file (`deployments/<chainId>.json`), by the SDK's short names. */
export const deploymentNames: Record<keyof ConclaveAddresses, string> = {
  token: 'ConclaveToken',
  registry: 'AgentRegistry',
  vault: 'StakingVault',
  governor: 'ConclaveGovernor',
  timelock: 'ConclaveTimelock',
  treasury: 'ConclaveTreasury',
  guardian: 'GuardianMultisig',
  escrow: 'FeeEscrow',
  tools: 'ToolRegistry',
  reputation: 'ReputationRegistry',
  slashing: 'SlashingManager',
  rewards: 'RewardsDistributor',
};

/** The deployment's contracts by the names a command line may use: `vault`, `StakingVault`, … (any case). */
export function contractNames(addresses: ConclaveAddresses): Record<string, Address> {
  const names: Record<string, Address> = {};
  for (const [short, address] of Object.entries(addresses) as [keyof ConclaveAddresses, Address][]) {
    names[short.toLowerCase()] = address;
    names[deploymentNames[short].toLowerCase()] = address;
  }
  return names;
}

function target(text: string, addresses: ConclaveAddresses, what: string): Address {
  const named = contractNames(addresses)[text.toLowerCase()];
  if (named) return named;
  if (isAddress(text, { strict: false })) return getAddress(text);
  throw new UsageError(`${what} must be a 0x address or a contract name such as vault or treasury (got '${text}')`);
}

/** One argument from text (a command line) or JSON (an actions file), for an ABI parameter. */
function coerce(parameter: AbiParameter, value: unknown, addresses: ConclaveAddresses, what: string): unknown {
  const { type } = parameter;
  const array = /^(.*)\[(\d*)\]$/.exec(type);
  if (array) {
    const items = typeof value === 'string' ? (JSON.parse(value) as unknown) : value;
    if (!Array.isArray(items)) throw new UsageError(`${what} must be an array for ${type}`);
    return items.map((item, i) => coerce({ ...parameter, type: array[1]! }, item, addresses, `${what}[${i}]`));
  }
  if (type === 'tuple' || type.startsWith('tuple')) {
    throw new UsageError(`${what}: tuple arguments are not supported; give the calldata as data: 0x…`);
  }
  if (/^u?int\d*$/.test(type)) {
    const text = String(value);
    if (!/^-?\d+$/.test(text)) throw new UsageError(`${what} must be an integer for ${type} (got '${text}')`);
    return BigInt(text);
  }
  if (type === 'bool') {
    if (value === true || value === 'true') return true;
    if (value === false || value === 'false') return false;
    throw new UsageError(`${what} must be true or false (got '${String(value)}')`);
  }
  if (type === 'address') return target(String(value), addresses, what);
  if (type.startsWith('bytes')) {
    if (!isHex(value)) throw new UsageError(`${what} must be 0x hex for ${type} (got '${String(value)}')`);
    return value;
  }
  return String(value);
}

function functionItem(signature: string, what: string): AbiFunction {
  try {
    const item = parseAbiItem(`function ${signature.trim()}`) as AbiFunction;
    if (item.type === 'function') return item;
  } catch {
    // reported below
  }
  throw new UsageError(`${what}: '${signature}' is not a function signature such as setMaxSlashBps(uint256)`);
}

function encode(signature: string, args: readonly unknown[], addresses: ConclaveAddresses, what: string): Hex {
  const item = functionItem(signature, what);
  if (args.length !== item.inputs.length) {
    throw new UsageError(`${what}: ${item.name} takes ${item.inputs.length} argument(s), got ${args.length}`);
  }
  const values = item.inputs.map((input, i) => coerce(input, args[i], addresses, `${what} argument ${i + 1}`));
  return encodeFunctionData({ abi: [item], functionName: item.name, args: values });
}

/**
 * `--call <target>:<signature>:<arg,arg,…>` (e.g. `vault:setMaxSlashBps(uint256):4000`) or `<target>:0x<calldata>`.
 * Arguments are split on commas; an array argument is written as JSON (`[1,2]`) and must be the last one.
 */
export function parseCall(text: string, addresses: ConclaveAddresses): ProposalAction {
  const what = `--call '${text}'`;
  const first = text.indexOf(':');
  if (first < 0) throw new UsageError(`${what} must be <target>:<signature>:<arguments> or <target>:0x<calldata>`);
  const to = target(text.slice(0, first), addresses, `${what} target`);
  const rest = text.slice(first + 1);
  if (rest.startsWith('0x')) {
    if (!isHex(rest)) throw new UsageError(`${what}: the calldata must be 0x hex`);
    return { target: to, data: rest as Hex };
  }
  const close = rest.indexOf(')');
  if (close < 0) throw new UsageError(`${what}: '${rest}' is not a function signature such as setMaxSlashBps(uint256)`);
  const signature = rest.slice(0, close + 1);
  const tail = rest.slice(close + 1);
  if (tail !== '' && !tail.startsWith(':')) throw new UsageError(`${what}: expected ':' after the signature`);
  const argText = tail.slice(1);
  const count = functionItem(signature, what).inputs.length;
  const args = argText === '' ? [] : splitArgs(argText, count);
  return { target: to, data: encode(signature, args, addresses, what) };
}

/** Splits on commas, leaving the last argument whole (so it may be a JSON array). */
function splitArgs(text: string, count: number): string[] {
  const parts = text.split(',');
  if (count > 0 && parts.length > count) return [...parts.slice(0, count - 1), parts.slice(count - 1).join(',')];
  return parts;
}

/**
 * An actions file: a JSON array of `{ "target", "signature", "args", "value" }` or `{ "target", "data", "value" }`;
 * `target` is an address or a contract name, `value` wei as a string (default 0).
 */
export function parseActionsFile(json: unknown, addresses: ConclaveAddresses, file: string): ProposalAction[] {
  if (!Array.isArray(json)) throw new UsageError(`${file} must hold a JSON array of actions`);
  return json.map((entry: unknown, i) => {
    const what = `${file} action ${i + 1}`;
    if (typeof entry !== 'object' || entry === null) throw new UsageError(`${what} must be an object`);
    const { target: to, signature, args = [], data, value } = entry as Record<string, unknown>;
    if (typeof to !== 'string') throw new UsageError(`${what} needs a target`);
    const action: ProposalAction = {
      target: target(to, addresses, `${what} target`),
      data: '0x',
      value: value === undefined ? undefined : BigInt(String(value)),
    };
    if (typeof data === 'string') {
      if (!isHex(data)) throw new UsageError(`${what}: data must be 0x hex`);
      return { ...action, data };
    }
    if (typeof signature !== 'string') throw new UsageError(`${what} needs a signature (or data)`);
    if (!Array.isArray(args)) throw new UsageError(`${what}: args must be an array`);
    return { ...action, data: encode(signature, args, addresses, what) };
  });
}
