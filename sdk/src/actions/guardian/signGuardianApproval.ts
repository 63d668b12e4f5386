import type { Account, Address, Chain, Client, Hex, Transport } from 'viem';
import type { SigningClient } from '../../internal/account.js';
import { readContract, signTypedData } from 'viem/actions';
import { type WithAddresses, resolveAddresses } from '../../deployment.js';
import { ConclaveValidationError, type ConclaveValidationErrorType } from '../../errors.js';
import { guardianMultisigAbi } from '../../generated.js';
import { assertAddress } from '../../internal/validate.js';

export type SignGuardianApprovalParameters = WithAddresses & {
  target: Address;
  data: Hex;
  /** Unix seconds after which the approval is void. */
  deadline: bigint;
  /** The multisig nonce the execution will use (default: the current one). */
  nonce?: bigint | undefined;
  account?: Account | undefined;
};
/** One guardian's signature over an execution, for {@link executeGuardian}. */
export type GuardianApproval = { signer: Address; signature: Hex };
export type SignGuardianApprovalReturnType = GuardianApproval;
export type SignGuardianApprovalErrorType = ConclaveValidationErrorType;

/** Signs, as a guardian owner, the EIP-712 approval of one execution. */
export async function signGuardianApproval(
  client: SigningClient,
  parameters: SignGuardianApprovalParameters,
): Promise<SignGuardianApprovalReturnType> {
  assertAddress('target', parameters.target);
  const account = parameters.account ?? client.account;
  if (!account) throw new ConclaveValidationError({ field: 'account', reason: 'a signing account is required' });
  const { guardian } = resolveAddresses(client, parameters.addresses);
  const m = { address: guardian, abi: guardianMultisigAbi } as const;
  const [[, name, version, chainId, verifyingContract], nonce] = await Promise.all([
    readContract(client, { ...m, functionName: 'eip712Domain' }),
    parameters.nonce ?? readContract(client, { ...m, functionName: 'nonce' }),
  ]);
  const signature = await signTypedData(client, {
    account,
    domain: { name, version, chainId, verifyingContract },
    types: {
      Execute: [
        { name: 'target', type: 'address' },
        { name: 'data', type: 'bytes' },
        { name: 'nonce', type: 'uint256' },
        { name: 'deadline', type: 'uint256' },
      ],
    },
    primaryType: 'Execute',
    message: { target: parameters.target, data: parameters.data, nonce, deadline: parameters.deadline },
  });
  return { signer: account.address, signature };
}
