import type { Account, Chain, Client, Hex, Transport } from 'viem';
import { readContract } from 'viem/actions';
import { type WithAddresses, resolveAddresses } from '../../deployment.js';
import { ConclaveValidationError, type ConclaveContractErrorType, type ConclaveValidationErrorType } from '../../errors.js';
import { feeEscrowAbi } from '../../generated.js';
import { type ChannelTerms, channelIdOf } from '../../escrow/voucher.js';

/** A payment channel's status, as {@link getChannel} reads it. */
export type ChannelStatus = 'none' | 'open' | 'closing' | 'closed';
export type GetChannelParameters = WithAddresses & ({ terms: ChannelTerms } | { channelId: Hex });
export type GetChannelReturnType = {
  channelId: Hex;
  status: ChannelStatus;
  deposit: bigint;
  paid: bigint;
  /** When a closing channel's challenge window ends (Unix seconds; pauses stretch it); 0 otherwise. */
  closeDeadline: bigint;
};
export type GetChannelErrorType = ConclaveValidationErrorType | ConclaveContractErrorType;

const CLOSED = 2 ** 32 - 1;

/** Reads a channel's deposit, what it has paid, and whether it is open, closing or closed. */
export async function getChannel(
  client: Client<Transport, Chain | undefined, Account | undefined>,
  parameters: GetChannelParameters,
): Promise<GetChannelReturnType> {
  const channelId = 'terms' in parameters ? channelIdOf(parameters.terms) : parameters.channelId;
  if (typeof channelId !== 'string' || !/^0x[0-9a-fA-F]{64}$/.test(channelId)) {
    throw new ConclaveValidationError({ field: 'channelId', reason: 'expected 32 bytes of hex' });
  }
  const { escrow } = resolveAddresses(client, parameters.addresses);
  const e = { address: escrow, abi: feeEscrowAbi } as const;
  const [state, closeDeadline] = await Promise.all([
    readContract(client, { ...e, functionName: 'channelState', args: [channelId] }),
    readContract(client, { ...e, functionName: 'closeDeadline', args: [channelId] }),
  ]);
  const status: ChannelStatus =
    state.closeAt === CLOSED ? 'closed' : state.closeAt !== 0 ? 'closing' : state.deposit > 0n ? 'open' : 'none';
  return { channelId, status, deposit: state.deposit, paid: state.paid, closeDeadline };
}
