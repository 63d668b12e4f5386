import { type Account, type Address, type Chain, type Client, type Transport, erc20Abi, zeroAddress } from 'viem';
import type { SigningClient } from '../../internal/account.js';
import { readContract } from 'viem/actions';
import { type ConclaveAddresses, type WithAddresses, resolveAddresses } from '../../deployment.js';
import { ConclaveValidationError, type ConclaveContractErrorType, type ConclaveValidationErrorType } from '../../errors.js';
import { feeEscrowAbi, stakingVaultAbi } from '../../generated.js';
import { requireAccount } from '../../internal/account.js';
import { signPermit } from '../../internal/permit.js';
import { assertAddress, assertId, assertPositive } from '../../internal/validate.js';
import { type WriteResult, write } from '../../internal/write.js';
import { type ChannelTerms, channelIdOf } from '../../escrow/voucher.js';

type Funding = {
  amount: bigint;
  /** Pay with an EIP-2612 permit in the same transaction instead of an approval (the token must support it). */
  permit?: boolean | undefined;
  /** Approve the escrow for `amount` first when the allowance is short (default true; ignored with `permit`). */
  approve?: boolean | undefined;
};

export type OpenChannelParameters = WithAddresses &
  Funding & {
    providerAgentId: bigint;
    /** The payment token (one the escrow accepts); the protocol token by default. */
    token?: Address | undefined;
    /** A second key that may sign vouchers, e.g. an agent's hot key paying from its owner's deposit. */
    voucherKey?: Address | undefined;
    /** Tells apart channels with the same consumer, provider, token and key (default: random). */
    salt?: bigint | undefined;
  };
export type OpenChannelReturnType = WriteResult & {
  channelId: `0x${string}`;
  terms: ChannelTerms;
  approval?: WriteResult | undefined;
};
export type TopUpChannelParameters = WithAddresses & Funding & { terms: ChannelTerms };
export type TopUpChannelReturnType = WriteResult & { approval?: WriteResult | undefined };
/** The errors {@link openChannel} and {@link topUpChannel} throw. */
export type FundChannelErrorType = ConclaveValidationErrorType | ConclaveContractErrorType;

const MAX_SALT = 2n ** 96n - 1n;

function randomSalt(): bigint {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return bytes.reduce((salt, byte) => (salt << 8n) | BigInt(byte), 0n);
}

/**
 * Opens a channel from the account to a provider agent and deposits `amount`. Payouts go to the provider's agent
 * wallet. A channel that fails to open sends nothing, not even the approval.
 */
export async function openChannel(
  client: SigningClient,
  parameters: OpenChannelParameters,
): Promise<OpenChannelReturnType> {
  const { providerAgentId, amount } = parameters;
  assertId('providerAgentId', providerAgentId);
  assertPositive('amount', amount);
  const account = requireAccount(client);
  const addresses = resolveAddresses(client, parameters.addresses);
  const token = parameters.token ?? addresses.token;
  const voucherKey = parameters.voucherKey ?? zeroAddress;
  assertAddress('token', token);
  assertAddress('voucherKey', voucherKey);
  const salt = parameters.salt ?? randomSalt();
  if (typeof salt !== 'bigint' || salt < 0n || salt > MAX_SALT) {
    throw new ConclaveValidationError({ field: 'salt', reason: 'expected a bigint of at most 96 bits' });
  }
  const terms: ChannelTerms = { consumer: account.address, providerAgentId, token, voucherKey, salt };
  const funded = await fund(client, addresses, terms, parameters, 'open');
  return { ...funded, channelId: channelIdOf(terms), terms };
}

/** Adds `amount` to a channel's deposit (anyone may top up any open channel). */
export async function topUpChannel(
  client: SigningClient,
  parameters: TopUpChannelParameters,
): Promise<TopUpChannelReturnType> {
  assertPositive('amount', parameters.amount);
  requireAccount(client);
  const addresses = resolveAddresses(client, parameters.addresses);
  return fund(client, addresses, parameters.terms, parameters, 'topUp');
}

async function fund(
  client: Client<Transport, Chain | undefined, Account | undefined>,
  addresses: ConclaveAddresses,
  terms: ChannelTerms,
  funding: Funding,
  action: 'open' | 'topUp',
): Promise<WriteResult & { approval?: WriteResult | undefined }> {
  const account = requireAccount(client);
  const { escrow } = addresses;
  const { amount } = funding;
  if (funding.permit) {
    const { deadline, v, r, s } = await signPermit(client, account, { token: terms.token, spender: escrow, amount });
    const functionName = action === 'open' ? 'openWithPermit' : 'topUpWithPermit';
    return write(client, {
      address: escrow,
      abi: feeEscrowAbi,
      functionName,
      args: [terms, amount, deadline, v, r, s],
    });
  }
  const call = { address: escrow, abi: feeEscrowAbi, functionName: action, args: [terms, amount] } as const;
  let approval: WriteResult | undefined;
  if (funding.approve ?? true) {
    const allowance = await readContract(client, {
      address: terms.token,
      abi: erc20Abi,
      functionName: 'allowance',
      args: [account.address, escrow],
    });
    if (allowance < amount) {
      // A deposit that would fail anyway must not leave an approval behind: surface the escrow's own error first.
      const [allowed, paused, active] = await Promise.all([
        readContract(client, { address: escrow, abi: feeEscrowAbi, functionName: 'isPaymentToken', args: [terms.token] }),
        readContract(client, { address: escrow, abi: feeEscrowAbi, functionName: 'paused' }),
        action === 'open'
          ? readContract(client, {
              address: addresses.vault,
              abi: stakingVaultAbi,
              functionName: 'isActive',
              args: [terms.providerAgentId],
            })
          : Promise.resolve(true),
      ]);
      if (!allowed || paused || !active) return write(client, call);
      approval = await write(client, {
        address: terms.token,
        abi: erc20Abi,
        functionName: 'approve',
        args: [escrow, amount],
      });
    }
  }
  return { ...(await write(client, call)), approval };
}
