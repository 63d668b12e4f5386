import type { Account, Address, Chain, Client, Hex, Transport } from 'viem';
import type { SigningClient } from '../../internal/account.js';
import { readContract, signTypedData } from 'viem/actions';
import { type WithAddresses, resolveAddresses } from '../../deployment.js';
import { ConclaveValidationError, type ConclaveValidationErrorType } from '../../errors.js';
import { conclaveGovernorAbi } from '../../generated.js';
import { assertId } from '../../internal/validate.js';
import { type Support, indexOf, supports } from '../../types.js';

export type SignBallotParameters = WithAddresses & { proposalId: bigint; support: Support; account?: Account | undefined };
export type SignBallotReturnType = { voter: Address; proposalId: bigint; support: Support; signature: Hex };
export type SignBallotErrorType = ConclaveValidationErrorType;

/** Signs an EIP-712 ballot that anyone can relay with `castVoteBySig`. */
export async function signBallot(
  client: SigningClient,
  parameters: SignBallotParameters,
): Promise<SignBallotReturnType> {
  assertId('proposalId', parameters.proposalId);
  const support = indexOf(supports, parameters.support, 'support', ConclaveValidationError);
  const account = parameters.account ?? client.account;
  if (!account) throw new ConclaveValidationError({ field: 'account', reason: 'a signing account is required' });
  const { governor } = resolveAddresses(client, parameters.addresses);
  const g = { address: governor, abi: conclaveGovernorAbi } as const;
  const [[, name, version, chainId, verifyingContract], nonce] = await Promise.all([
    readContract(client, { ...g, functionName: 'eip712Domain' }),
    readContract(client, { ...g, functionName: 'nonces', args: [account.address] }),
  ]);
  const signature = await signTypedData(client, {
    account,
    domain: { name, version, chainId, verifyingContract },
    types: {
      Ballot: [
        { name: 'proposalId', type: 'uint256' },
        { name: 'support', type: 'uint8' },
        { name: 'voter', type: 'address' },
        { name: 'nonce', type: 'uint256' },
      ],
    },
    primaryType: 'Ballot',
    message: { proposalId: parameters.proposalId, support, voter: account.address, nonce },
  });
  return { voter: account.address, proposalId: parameters.proposalId, support: parameters.support, signature };
}
