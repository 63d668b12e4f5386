import { http, type HDAccount, createTestClient, parseEther } from 'viem';
import { mnemonicToAccount } from 'viem/accounts';
import { anvil } from 'viem/chains';
import { inject } from 'vitest';
import { type ConclaveClient, createConclaveClient } from '../src/client.js';
import { addressesFromDeployment } from '../src/deployment.js';
import { stakingVaultAbi } from '../src/generated.js';

const MNEMONIC = 'test test test test test test test test test test test junk';

/** Anvil's accounts: 0 deployed (and holds the unallocated supply), 1-5 own the C-suite demo agents (4 = CLO),
 * 6-10 own the guardian multisig; tests use 11 and up for fresh actors. */
export const account = (index: number) => mnemonicToAccount(MNEMONIC, { addressIndex: index });

export const deployment = () => inject('deployment');
export const addresses = () => addressesFromDeployment(deployment());

export function clientFor(index: number): ConclaveClient<HDAccount> {
  return createConclaveClient({ deployment: deployment(), transport: http(inject('rpcUrl')), account: account(index) });
}

export const testClient = () => createTestClient({ mode: 'anvil', chain: anvil, transport: http(inject('rpcUrl')) });

/** Moves the chain clock forward and mines a block. */
export async function advance(seconds: bigint | number) {
  const t = testClient();
  await t.increaseTime({ seconds: Number(seconds) });
  await t.mine({ blocks: 1 });
}

/** Sends `amount` CNCL from the deployer (account 0) to `to`. */
export async function fund(to: `0x${string}`, amount = parseEther('50000')) {
  const deployer = clientFor(0);
  const hash = await deployer.writeContract({
    address: addresses().token,
    abi: [
      {
        type: 'function',
        name: 'transfer',
        stateMutability: 'nonpayable',
        inputs: [
          { name: 'to', type: 'address' },
          { name: 'value', type: 'uint256' },
        ],
        outputs: [{ type: 'bool' }],
      },
    ],
    functionName: 'transfer',
    args: [to, amount],
  });
  await deployer.waitForTransactionReceipt({ hash });
}

/** Moves time past the guardian's pause cooldown, so a test may pause the vault whatever paused it before. */
export async function waitOutPauseCooldown() {
  const client = clientFor(0);
  const [cooldownEnd, block] = await Promise.all([
    client.readContract({ address: addresses().vault, abi: stakingVaultAbi, functionName: 'pauseCooldownEnd' }),
    client.getBlock(),
  ]);
  if (cooldownEnd > block.timestamp) await advance(cooldownEnd - block.timestamp + 1n);
}
