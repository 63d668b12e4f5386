import { describe, expect, test } from 'vitest';
import { canonicalJson, computeCid, verifyCid } from './cid.js';
import { ConclaveValidationError } from './errors.js';

describe('CIDs', () => {
  test('matches ipfs add --cid-version 1 for a single-block file', async () => {
    // The well-known CIDv1 (raw, sha2-256) of the bytes "hello world".
    const { cid, uri } = await computeCid('hello world');
    expect(cid).toBe('bafkreifzjut3te2nhyekklss27nh3k72ysco7y32koao5eei66wof36n5e');
    expect(uri).toBe(`ipfs://${cid}`);
  });

  test('objects hash as canonical JSON, whatever their key order', async () => {
    const a = await computeCid({ name: 'agent', version: 1, services: [{ name: 'MCP', endpoint: 'x' }] });
    const b = await computeCid({ services: [{ endpoint: 'x', name: 'MCP' }], version: 1, name: 'agent' });
    expect(a.cid).toBe(b.cid);
    expect(canonicalJson({ b: 1, a: { d: 2, c: 3 } })).toBe('{"a":{"c":3,"d":2},"b":1}');
  });

  test('verifies fetched bytes against a CID', async () => {
    const { cid, bytes } = await computeCid({ name: 'agent' });
    expect(await verifyCid(bytes, cid)).toBe(true);
    expect(await verifyCid(bytes, `ipfs://${cid}`)).toBe(true);
    expect(await verifyCid(new TextEncoder().encode('tampered'), cid)).toBe(false);
  });

  test('rejects what it cannot compute or verify', async () => {
    await expect(computeCid(new Uint8Array(256 * 1024 + 1))).rejects.toBeInstanceOf(ConclaveValidationError);
    // A dag-pb (CIDv0) root cannot be checked from the file bytes alone.
    await expect(verifyCid(new Uint8Array(), 'QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG')).rejects.toBeInstanceOf(
      ConclaveValidationError,
    );
  });
});
