import { type Account, type Address, type Chain, type Client, type Transport, parseSignature } from 'viem';
import { getBlock, readContract, signTypedData } from 'viem/actions';
import { conclaveTokenAbi } from '../generated.js';

/** @internal Signs an EIP-2612 permit of `amount` of the protocol token to `spender`, as (deadline, v, r, s). */
export async function signPermit(
  client: Client<Transport, Chain | undefined, Account | undefined>,
  account: Account,
  parameters: { token: Address; spender: Address; amount: bigint; deadline?: bigint | undefined },
) {
  const { token, spender, amount } = parameters;
  const t = { address: token, abi: conclaveTokenAbi } as const;
  const [[, name, version, chainId, verifyingContract], nonce, block] = await Promise.all([
    readContract(client, { ...t, functionName: 'eip712Domain' }),
    readContract(client, { ...t, functionName: 'nonces', args: [account.address] }),
    getBlock(client),
  ]);
  const deadline = parameters.deadline ?? block.timestamp + 3600n;
  const signature = await signTypedData(client, {
    account,
    domain: { name, version, chainId, verifyingContract },
    types: {
      Permit: [
        { name: 'owner', type: 'address' },
        { name: 'spender', type: 'address' },
        { name: 'value', type: 'uint256' },
        { name: 'nonce', type: 'uint256' },
        { name: 'deadline', type: 'uint256' },
      ],
    },
    primaryType: 'Permit',
    message: { owner: account.address, spender, value: amount, nonce, deadline },
  });
  const { v, r, s, yParity } = parseSignature(signature);
  return { deadline, v: Number(v ?? BigInt(yParity + 27)), r, s } as const;
}
