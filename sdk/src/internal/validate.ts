import { type Address, isAddress } from 'viem';
import { CID } from 'multiformats/cid';
import { ConclaveValidationError } from '../errors.js';

/** @internal */
export function assertAddress(field: string, value: unknown): asserts value is Address {
  if (typeof value !== 'string' || !isAddress(value, { strict: false })) {
    throw new ConclaveValidationError({ field, reason: `expected a 20-byte hex address, got ${String(value)}` });
  }
}

/** @internal */
export function assertPositive(field: string, value: unknown): asserts value is bigint {
  if (typeof value !== 'bigint') {
    throw new ConclaveValidationError({ field, reason: `expected a bigint amount, got ${typeof value}` });
  }
  if (value <= 0n) throw new ConclaveValidationError({ field, reason: `must be greater than zero, got ${value}` });
}

/** @internal */
export function assertId(field: string, value: unknown): asserts value is bigint {
  if (typeof value !== 'bigint' || value < 0n) {
    throw new ConclaveValidationError({ field, reason: `expected a non-negative bigint id, got ${String(value)}` });
  }
}

const URI_SCHEMES = ['ipfs://', 'https://', 'data:'] as const;

/** @internal Agent card URIs: `ipfs://<CID>` (checked), `https://` or `data:`; empty is allowed. */
export function assertAgentURI(field: string, value: unknown): asserts value is string {
  if (typeof value !== 'string') throw new ConclaveValidationError({ field, reason: 'expected a string' });
  if (value === '') return;
  if (!URI_SCHEMES.some((scheme) => value.startsWith(scheme))) {
    throw new ConclaveValidationError({ field, reason: `must start with ipfs://, https:// or data:, got "${value}"` });
  }
  if (value.startsWith('ipfs://')) assertCid(field, value.slice('ipfs://'.length).split('/')[0]);
}

/** @internal */
export function assertCid(field: string, value: unknown): asserts value is string {
  if (typeof value !== 'string' || value === '') throw new ConclaveValidationError({ field, reason: 'expected a CID' });
  try {
    CID.parse(value);
  } catch (error) {
    throw new ConclaveValidationError({ field, reason: `not a valid CID (${(error as Error).message})` });
  }
}

/** @internal */
export function assertEnum(field: string, value: unknown, names: readonly string[]): asserts value is number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value >= names.length) {
    throw new ConclaveValidationError({ field, reason: `expected one of ${names.join(', ')}` });
  }
}
