import { type Account, type Chain, type Client, type Transport, parseSignature } from 'viem';
import { getBlock, readContract, signTypedData } from 'viem/actions';
import { type WithAddresses, resolveAddresses } from '../../deployment.js';
import { ConclaveValidationError, type ConclaveContractErrorType, type ConclaveValidationErrorType } from '../../errors.js';
import { conclaveTokenAbi, stakingVaultAbi } from '../../generated.js';
import { assertId, assertPositive } from '../../internal/validate.js';
import { type WriteResult, write } from '../../internal/write.js';

export type StakeWithPermitParameters = WithAddresses & {
  agentId: bigint;
  amount: bigint;
  /** Permit deadline in Unix seconds (default: one hour after the latest block). */
  deadline?: bigint | undefined;
};
export type StakeWithPermitReturnType = WriteResult;
export type StakeWithPermitErrorType = ConclaveValidationErrorType | ConclaveContractErrorType;

/** Signs an EIP-2612 permit for the vault and stakes in one transaction. */
export async function stakeWithPermit(
  client: Client<Transport, Chain | undefined, Account | undefined>,
  parameters: StakeWithPermitParameters,
): Promise<StakeWithPermitReturnType> {
  const { agentId, amount } = parameters;
  assertId('agentId', agentId);
  assertPositive('amount', amount);
  const account = client.account;
  if (!account) throw new ConclaveValidationError({ field: 'account', reason: 'the client needs an account' });
  const { token, vault } = resolveAddresses(client, parameters.addresses);
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
    message: { owner: account.address, spender: vault, value: amount, nonce, deadline },
  });
  const { v, r, s, yParity } = parseSignature(signature);
  return write(client, {
    address: vault,
    abi: stakingVaultAbi,
    functionName: 'stakeWithPermit',
    args: [agentId, amount, deadline, Number(v ?? BigInt(yParity + 27)), r, s],
  });
}
