import {
  type Address,
  type Hex,
  type LocalAccount,
  concat,
  encodeAbiParameters,
  hashDomain,
  isAddressEqual,
  keccak256,
  recoverAddress,
  size,
  slice,
  zeroAddress,
} from 'viem';
import { ConclaveValidationError } from '../errors.js';

/** The terms of a fee-escrow channel (`IFeeEscrow.Channel`); its id is `keccak256(abi.encode(terms))`. */
export type ChannelTerms = {
  consumer: Address;
  providerAgentId: bigint;
  token: Address;
  /** Another signer of vouchers (the zero address for none). */
  voucherKey: Address;
  salt: bigint;
};

/** A signed voucher: the cumulative amount owed on a channel. */
export type SignedVoucher = { channelId: Hex; cumulativeAmount: bigint; signature: Hex };

/** Where vouchers are valid: the chain and the escrow (the EIP-712 domain). */
export type EscrowDomain = { chainId: number; escrow: Address };

export const voucherTypes = {
  Voucher: [
    { name: 'channelId', type: 'bytes32' },
    { name: 'cumulativeAmount', type: 'uint128' },
  ],
} as const;

const VOUCHER_TYPEHASH = keccak256(new TextEncoder().encode('Voucher(bytes32 channelId,uint128 cumulativeAmount)'));
const MAX_UINT128 = 2n ** 128n - 1n;
/** Half the secp256k1 group order: a signature with a higher `s` is the malleable twin the escrow rejects. */
const HALF_N = 0x7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0n;

/** The id of the channel with these terms, as `FeeEscrow.channelId` computes it. */
export function channelIdOf(terms: ChannelTerms): Hex {
  return keccak256(
    encodeAbiParameters(
      [{ type: 'address' }, { type: 'uint64' }, { type: 'address' }, { type: 'address' }, { type: 'uint96' }],
      [terms.consumer, terms.providerAgentId, terms.token, terms.voucherKey, terms.salt],
    ),
  );
}

/** The EIP-712 domain of vouchers for `escrow` on `chainId`. */
export const voucherDomain = ({ chainId, escrow }: EscrowDomain) =>
  ({ name: 'Conclave Fee Escrow', version: '1', chainId, verifyingContract: escrow }) as const;

/** Computes voucher digests for one domain, with the domain separator hashed once. */
export function voucherHasher(domain: EscrowDomain) {
  const separator = hashDomain({
    domain: { ...voucherDomain(domain), chainId: BigInt(domain.chainId) },
    types: {
      EIP712Domain: [
        { name: 'name', type: 'string' },
        { name: 'version', type: 'string' },
        { name: 'chainId', type: 'uint256' },
        { name: 'verifyingContract', type: 'address' },
      ],
    },
  });
  return (channelId: Hex, cumulativeAmount: bigint): Hex =>
    keccak256(
      concat([
        '0x1901',
        separator,
        keccak256(
          encodeAbiParameters(
            [{ type: 'bytes32' }, { type: 'bytes32' }, { type: 'uint128' }],
            [VOUCHER_TYPEHASH, channelId, cumulativeAmount],
          ),
        ),
      ]),
    );
}

/** Signs a voucher for `cumulativeAmount` on `channelId` with `account` (the consumer or its voucher key). */
export async function signVoucher(
  account: Pick<LocalAccount, 'signTypedData'>,
  parameters: EscrowDomain & { channelId: Hex; cumulativeAmount: bigint },
): Promise<SignedVoucher> {
  const { channelId, cumulativeAmount } = parameters;
  if (cumulativeAmount <= 0n || cumulativeAmount > MAX_UINT128) {
    throw new ConclaveValidationError({ field: 'cumulativeAmount', reason: 'must be above 0 and fit 128 bits' });
  }
  const signature = await account.signTypedData({
    domain: voucherDomain(parameters),
    types: voucherTypes,
    primaryType: 'Voucher',
    message: { channelId, cumulativeAmount },
  });
  return { channelId, cumulativeAmount, signature };
}

/** Why a voucher was refused. */
export type VoucherRejection =
  | 'WrongChannel'
  | 'NotNewer'
  | 'OverDeposit'
  | 'MalformedSignature'
  | 'MalleableSignature'
  | 'WrongSigner';

/** A voucher the provider must not accept (and the escrow would not pay). */
export class ConclaveVoucherError extends ConclaveValidationError {
  readonly reason: VoucherRejection;
  constructor(reason: VoucherRejection, detail: string) {
    super({ field: 'voucher', reason: `${reason}: ${detail}` });
    this.reason = reason;
  }
}

/**
 * Verifies a voucher offline against the provider's cached view of the channel, as `FeeEscrow.redeem` would: the
 * channel id matches the terms; the amount is above the newest voucher already accepted and within the deposit; the
 * signature is a 65-byte low-`s` ECDSA signature by the consumer or its voucher key. Returns the amount the voucher
 * adds. (A consumer that is a contract signs through ERC-1271, which needs the chain: verify those on-chain.)
 */
export async function verifyVoucher(
  hash: ReturnType<typeof voucherHasher>,
  voucher: SignedVoucher,
  channel: { terms: ChannelTerms; channelId: Hex; deposit: bigint; accepted: bigint },
): Promise<bigint> {
  const { channelId, cumulativeAmount, signature } = voucher;
  if (channelId.toLowerCase() !== channel.channelId.toLowerCase()) {
    throw new ConclaveVoucherError('WrongChannel', `voucher for ${channelId}, channel ${channel.channelId}`);
  }
  if (cumulativeAmount <= channel.accepted) {
    throw new ConclaveVoucherError('NotNewer', `${cumulativeAmount} is not above the accepted ${channel.accepted}`);
  }
  if (cumulativeAmount > channel.deposit) {
    throw new ConclaveVoucherError('OverDeposit', `${cumulativeAmount} is above the deposit ${channel.deposit}`);
  }
  if (size(signature) !== 65) throw new ConclaveVoucherError('MalformedSignature', 'expected 65 bytes');
  if (BigInt(slice(signature, 32, 64)) > HALF_N) {
    throw new ConclaveVoucherError('MalleableSignature', 'the high-s twin of a signature');
  }
  const signer = await recoverAddress({ hash: hash(channelId, cumulativeAmount), signature });
  const { consumer, voucherKey } = channel.terms;
  if (!isAddressEqual(signer, consumer) && (voucherKey === zeroAddress || !isAddressEqual(signer, voucherKey))) {
    throw new ConclaveVoucherError('WrongSigner', `signed by ${signer}`);
  }
  return cumulativeAmount - channel.accepted;
}
