import { sha256 as sha256Digest } from '@noble/hashes/sha2';
import { CID } from 'multiformats/cid';
import * as raw from 'multiformats/codecs/raw';
import { from } from 'multiformats/hashes/hasher';
import { ConclaveValidationError } from './errors.js';

/**
 * sha2-256 for multiformats, from @noble/hashes: multiformats' own picks Node's `crypto` when bundled, which would
 * make the SDK's main entry fail in a browser.
 */
const sha256 = from({
  name: 'sha2-256',
  code: 0x12,
  encode: (input: Uint8Array) => new Uint8Array(sha256Digest(input)) as Uint8Array<ArrayBuffer>,
});

/**
 * The largest document whose CID is computed here: up to one IPFS chunk (256 KiB), a file added with
 * `ipfs add --cid-version 1` is a single raw block, so its CID is the raw block's. Larger files are chunked into a
 * DAG whose root CID depends on the chunker.
 */
export const MAX_SINGLE_BLOCK_BYTES = 256 * 1024;

/** Canonical JSON: keys sorted, no whitespace, so the same document always has the same CID. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : typeof v === 'bigint'
        ? v.toString()
        : v,
  );
}

/** The bytes of a document: strings as UTF-8, objects as canonical JSON. */
export function documentBytes(document: Uint8Array | string | object): Uint8Array {
  if (document instanceof Uint8Array) return document;
  return new TextEncoder().encode(typeof document === 'string' ? document : canonicalJson(document));
}

/**
 * The CIDv1 (raw, sha2-256, base32 `bafkrei…`) of a document: an agent card, a tool description or a report.
 * Objects are hashed as canonical JSON; upload exactly `bytes` so the CID matches.
 */
export async function computeCid(
  document: Uint8Array | string | object,
): Promise<{ cid: string; uri: `ipfs://${string}`; bytes: Uint8Array }> {
  const bytes = documentBytes(document);
  if (bytes.length > MAX_SINGLE_BLOCK_BYTES) {
    throw new ConclaveValidationError({
      field: 'document',
      reason: `${bytes.length} bytes is more than one IPFS block (${MAX_SINGLE_BLOCK_BYTES}); pin it and use its CID`,
    });
  }
  const cid = CID.create(1, raw.code, await sha256.digest(bytes)).toString();
  return { cid, uri: `ipfs://${cid}`, bytes };
}

/** Whether fetched `bytes` are the document `cid` (or `ipfs://cid`) names. */
export async function verifyCid(bytes: Uint8Array, cid: string): Promise<boolean> {
  const expected = CID.parse(cid.startsWith('ipfs://') ? cid.slice('ipfs://'.length) : cid);
  if (expected.multihash.code !== sha256.code) {
    throw new ConclaveValidationError({ field: 'cid', reason: 'only sha2-256 CIDs can be verified' });
  }
  const digest = await sha256.digest(bytes);
  if (expected.code === raw.code) return CID.create(1, raw.code, digest).equals(expected.toV1());
  throw new ConclaveValidationError({ field: 'cid', reason: 'only raw-codec (single block) CIDs can be verified' });
}
