import {
  type ConclaveAddresses,
  type ConclaveContractName,
  conclaveAbis,
  conclaveAddressKeys,
  decodeProposalAction,
} from '@conclave/sdk';
import { type Abi, type AbiFunction, type AbiParameter, type Address, type Hex, formatEther, isAddress, isHex, toFunctionSelector } from 'viem';

export type ProtocolContract = { key: keyof ConclaveAddresses; name: string; address: Address; abi: Abi };

/** The contracts' names on screen, in the order the console lists them. */
const DISPLAY_NAMES: Record<ConclaveContractName, string> = {
  ConclaveToken: 'Token',
  AgentRegistry: 'Agent registry',
  StakingVault: 'Staking vault',
  ConclaveGovernor: 'Governor',
  ConclaveTimelock: 'Timelock',
  ConclaveTreasury: 'Treasury',
  GuardianMultisig: 'Guardian multisig',
  FeeEscrow: 'Fee escrow',
  ToolRegistry: 'Tool registry',
  ReputationRegistry: 'Reputation registry',
  SlashingManager: 'Slashing manager',
  RewardsDistributor: 'Rewards distributor',
};

/** The protocol's contracts with the SDK's ABIs, by the names people use. */
export function protocolContracts(addresses: ConclaveAddresses): ProtocolContract[] {
  return (Object.keys(DISPLAY_NAMES) as ConclaveContractName[]).map((contract) => ({
    key: conclaveAddressKeys[contract],
    name: DISPLAY_NAMES[contract],
    address: addresses[conclaveAddressKeys[contract]],
    abi: conclaveAbis[contract] as Abi,
  }));
}

export function contractAt(addresses: ConclaveAddresses, address: string): ProtocolContract | undefined {
  return protocolContracts(addresses).find((c) => c.address.toLowerCase() === address.toLowerCase());
}

/** The functions governance may call on a contract (state-changing ones). */
export function writableFunctions(abi: Abi): AbiFunction[] {
  return abi.filter((item): item is AbiFunction => item.type === 'function' && (item.stateMutability === 'nonpayable' || item.stateMutability === 'payable'));
}

const show = (value: unknown): string =>
  typeof value === 'bigint'
    ? value.toString()
    : Array.isArray(value)
      ? `[${value.map(show).join(', ')}]`
      : typeof value === 'string'
        ? value
        : JSON.stringify(value);

/** `Staking vault.setMaxSlashBps(4000)` when the target is a protocol contract and the call decodes, else raw. */
export function describeCall(addresses: ConclaveAddresses, target: string, data: Hex, value = 0n): { contract: string; call: string } {
  const paid = value > 0n ? ` with ${formatEther(value)} ETH` : '';
  const { contract, functionName, args } = decodeProposalAction(addresses, { target: target as Address, data, value });
  const name = contract ? DISPLAY_NAMES[contract] : target;
  if (functionName) return { contract: name, call: `${functionName}(${args.map(show).join(', ')})${paid}` };
  return { contract: name, call: `${data.length > 42 ? `${data.slice(0, 42)}…` : data}${paid}` };
}

/** A 4-byte selector's function name on a protocol contract, else the selector. */
export function selectorName(addresses: ConclaveAddresses, target: string | null, selector: string | null): string {
  if (!selector) return '–';
  const known = target ? contractAt(addresses, target) : undefined;
  const candidates = known ? [known] : protocolContracts(addresses);
  for (const c of candidates) {
    const fn = c.abi.find((item) => item.type === 'function' && toFunctionSelector(item).toLowerCase() === selector.toLowerCase()) as AbiFunction | undefined;
    if (fn) return `${fn.name}()`;
  }
  return selector;
}

/** One typed argument from its text: integers in base units (wei), addresses, booleans, bytes, strings, arrays as JSON. */
export function parseArg(param: AbiParameter, text: string): unknown {
  const t = text.trim();
  if (param.type.endsWith(']')) {
    const items = JSON.parse(t) as unknown[];
    const inner = { ...param, type: param.type.replace(/\[\d*\]$/, '') };
    return items.map((item) => parseArg(inner, typeof item === 'string' ? item : JSON.stringify(item)));
  }
  if (/^u?int\d*$/.test(param.type)) {
    if (!/^-?\d+$/.test(t)) throw new Error(`${param.name || param.type}: an integer (in base units) is expected`);
    return BigInt(t);
  }
  if (param.type === 'address') {
    if (!isAddress(t)) throw new Error(`${param.name || 'address'}: not an address`);
    return t;
  }
  if (param.type === 'bool') return t === 'true';
  if (param.type.startsWith('bytes')) {
    if (!isHex(t)) throw new Error(`${param.name || param.type}: 0x-prefixed hex expected`);
    return t;
  }
  if (param.type === 'tuple') return JSON.parse(t);
  return t;
}
