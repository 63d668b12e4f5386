import { type Account, type Address, type Chain, type Client, type Transport, parseEventLogs } from 'viem';
import type { SigningClient } from '../../internal/account.js';
import { type WithAddresses, resolveAddresses } from '../../deployment.js';
import { ConclaveValidationError, type ConclaveContractErrorType, type ConclaveValidationErrorType } from '../../errors.js';
import { feeEscrowAbi } from '../../generated.js';
import { assertAddress } from '../../internal/validate.js';
import { type WriteResult, write } from '../../internal/write.js';
import type { ChannelTerms } from '../../escrow/voucher.js';

export type SweepFeesParameters = WithAddresses & { token?: Address | undefined };
export type SweepFeesReturnType = WriteResult & { amount: bigint };
export type RecordDisputeParameters = WithAddresses & { terms: ChannelTerms; evidenceURI: string };
export type RecordDisputeReturnType = WriteResult & { disputeId: bigint };
/** The errors {@link sweepFees} and {@link recordDispute} throw. */
export type EscrowFeesErrorType = ConclaveValidationErrorType | ConclaveContractErrorType;

/** Sends a token's accrued protocol fees to the treasury in one transfer (anyone may). */
export async function sweepFees(
  client: SigningClient,
  parameters: SweepFeesParameters = {},
): Promise<SweepFeesReturnType> {
  const addresses = resolveAddresses(client, parameters.addresses);
  const token = parameters.token ?? addresses.token;
  assertAddress('token', token);
  const result = await write(client, { address: addresses.escrow, abi: feeEscrowAbi, functionName: 'sweepFees', args: [token] });
  const [swept] = parseEventLogs({ abi: feeEscrowAbi, eventName: 'FeesSwept', logs: result.receipt.logs });
  return { ...result, amount: swept?.args.amount ?? 0n };
}

/** Records a dispute against a channel's provider with an evidence URI (the channel's consumer). */
export async function recordDispute(
  client: SigningClient,
  parameters: RecordDisputeParameters,
): Promise<RecordDisputeReturnType> {
  if (typeof parameters.evidenceURI !== 'string' || parameters.evidenceURI === '') {
    throw new ConclaveValidationError({ field: 'evidenceURI', reason: 'must not be empty' });
  }
  const { escrow } = resolveAddresses(client, parameters.addresses);
  const result = await write(client, {
    address: escrow,
    abi: feeEscrowAbi,
    functionName: 'recordDispute',
    args: [parameters.terms, parameters.evidenceURI],
  });
  const [recorded] = parseEventLogs({ abi: feeEscrowAbi, eventName: 'DisputeRecorded', logs: result.receipt.logs });
  return { ...result, disputeId: recorded!.args.disputeId };
}
