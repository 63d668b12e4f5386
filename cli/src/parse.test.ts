import type { ConclaveAddresses } from '@conclave/sdk';
import { decodeFunctionData, parseAbi, parseEther } from 'viem';
import { describe, expect, test } from 'vitest';
import { UsageError, parseActionsFile, parseAmount, parseCall, parseDuration, parseId } from './parse.js';

const addresses = Object.fromEntries(
  ['token', 'registry', 'vault', 'governor', 'timelock', 'treasury', 'guardian', 'escrow', 'tools', 'reputation', 'slashing', 'rewards'].map(
    (name, i) => [name, `0x${(i + 1).toString(16).padStart(40, '0')}`],
  ),
) as ConclaveAddresses;

describe('parse', () => {
  test('amounts in tokens, ids, durations', () => {
    expect(parseAmount('5000')).toBe(parseEther('5000'));
    expect(parseAmount('0.01')).toBe(parseEther('0.01'));
    for (const bad of ['', '1e18', '-1', '1,000', '0.0000000000000000001', 'lots']) expect(() => parseAmount(bad)).toThrow(UsageError);
    expect(parseId('42')).toBe(42n);
    expect(parseId('0x2a')).toBe(42n);
    expect(() => parseId('-1')).toThrow(UsageError);
    expect(parseDuration('48h')).toBe(172_800n);
    expect(parseDuration('7d')).toBe(604_800n);
    expect(parseDuration('90m')).toBe(5_400n);
    expect(parseDuration('1d12h')).toBe(129_600n);
    expect(parseDuration('30')).toBe(30n);
    for (const bad of ['', 'h', '2 days', '1x', '1h-']) expect(() => parseDuration(bad)).toThrow(UsageError);
  });

  test('--call: a contract name or address, a signature and its arguments', () => {
    const call = parseCall('vault:setMaxSlashBps(uint256):3000', addresses);
    expect(call.target).toBe(addresses.vault);
    expect(decodeFunctionData({ abi: parseAbi(['function setMaxSlashBps(uint256)']), data: call.data }).args).toEqual([3000n]);

    const spend = parseCall('Treasury:spend(address,address,uint256):token,0x00000000000000000000000000000000000000aa,5', addresses);
    expect(spend.target).toBe(addresses.treasury);
    expect(decodeFunctionData({ abi: parseAbi(['function spend(address,address,uint256)']), data: spend.data }).args).toEqual([
      addresses.token,
      '0x00000000000000000000000000000000000000AA',
      5n,
    ]);

    const note = parseCall('0x00000000000000000000000000000000000000aa:note(string):a, b: c', addresses);
    expect(decodeFunctionData({ abi: parseAbi(['function note(string)']), data: note.data }).args).toEqual(['a, b: c']);
    const list = parseCall('vault:set(bool,uint256[]):true,[1,2]', addresses);
    expect(decodeFunctionData({ abi: parseAbi(['function set(bool,uint256[])']), data: list.data }).args).toEqual([true, [1n, 2n]]);
    expect(parseCall('vault:0x12345678', addresses)).toEqual({ target: addresses.vault, data: '0x12345678' });

    expect(() => parseCall('nowhere:f(uint256):1', addresses)).toThrow(/contract name/);
    expect(() => parseCall('vault:setMaxSlashBps(uint256)', addresses)).toThrow(/takes 1 argument/);
    expect(() => parseCall('vault:setMaxSlashBps(uint256):1,2', addresses)).toThrow(/integer/);
    expect(() => parseCall('vault', addresses)).toThrow(UsageError);
  });

  test('an actions file', () => {
    const actions = parseActionsFile(
      [
        { target: 'vault', signature: 'setMaxSlashBps(uint256)', args: [4500] },
        { target: 'escrow', data: '0xabcdef01', value: '7' },
      ],
      addresses,
      'actions.json',
    );
    expect(actions[0]!.target).toBe(addresses.vault);
    expect(actions[1]).toEqual({ target: addresses.escrow, data: '0xabcdef01', value: 7n });
    expect(() => parseActionsFile({}, addresses, 'a.json')).toThrow(/JSON array/);
    expect(() => parseActionsFile([{ target: 'vault' }], addresses, 'a.json')).toThrow(/signature/);
  });
});
