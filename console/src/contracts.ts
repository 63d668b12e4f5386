import {
  type ConclaveAddresses,
  agentRegistryAbi,
  conclaveGovernorAbi,
  conclaveTimelockAbi,
  conclaveTokenAbi,
  conclaveTreasuryAbi,
  feeEscrowAbi,
  guardianMultisigAbi,
  reputationRegistryAbi,
  rewardsDistributorAbi,
  slashingManagerAbi,
  stakingVaultAbi,
  toolRegistryAbi,
} from '@conclave/sdk';
import { type Abi, type AbiFunction, type AbiParameter, type Address, type Hex, decodeFunctionData, formatEther, isAddress, isHex, toFunctionSelector } from 'viem';

export type ProtocolContract = { key: keyof ConclaveAddresses; name: string; address: Address; abi: Abi };

/** The protocol's contracts with the SDK's ABIs, by the names people use (as the CLI names them). */
export function protocolContracts(addresses: ConclaveAddresses): ProtocolContract[] {
  const entries: [keyof ConclaveAddresses, string, Abi][] = [
    ['token', 'Token', conclaveTokenAbi],
    ['registry', 'Agent registry', agentRegistryAbi],
    ['vault', 'Staking vault', stakingVaultAbi],
    ['governor', 'Governor', conclaveGovernorAbi],
    ['timelock', 'Timelock', conclaveTimelockAbi],
    ['treasury', 'Treasury', conclaveTreasuryAbi],
    ['guardian', 'Guardian multisig', guardianMultisigAbi],
    ['escrow', 'Fee escrow', feeEscrowAbi],
    ['tools', 'Tool registry', toolRegistryAbi],
    ['reputation', 'Reputation registry', reputationRegistryAbi],
    ['slashing', 'Slashing manager', slashingManagerAbi],
    ['rewards', 'Rewards distributor', rewardsDistributorAbi],
  ];
  return entries.map(([key, name, abi]) => ({ key, name, address: addresses[key], abi }));
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
  const known = contractAt(addresses, target);
  const paid = value > 0n ? ` with ${formatEther(value)} ETH` : '';
  if (known && data !== '0x') {
    try {
      const { functionName, args = [] } = decodeFunctionData({ abi: known.abi, data });
      return { contract: known.name, call: `${functionName}(${(args as readonly unknown[]).map(show).join(', ')})${paid}` };
    } catch {
      // shown raw below
    }
  }
  return { contract: known?.name ?? target, call: `${data.length > 42 ? `${data.slice(0, 42)}…` : data}${paid}` };
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
