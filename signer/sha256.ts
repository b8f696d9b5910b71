/**
 * SHA-256 and HMAC-SHA-256, synchronous, for the presigner (every ticket) and owner ids: Node's
 * native crypto where the runtime has it, noble's pure JS elsewhere, so the signer app still runs
 * on any fetch-based runtime (eslint keeps `node:` imports out of it; Node's module is looked up
 * at run time instead, with `process.getBuiltinModule`).
 *
 * Why not always noble: a presigned PUT now signs a dozen headers, and SHA-256 of its ≈ 950-byte
 * canonical request takes 9 µs in noble and 0.9 µs in node:crypto; the URL's HMAC 5 µs and 2 µs
 * (200k-call loop, 2-core VM, Node 20) — ≈ 11 µs of the signer's ≈ 170 µs of CPU per ticket.
 */
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';

export interface Sha256 {
  /** SHA-256 of `text` (UTF-8), lower-case hex. */
  hex(text: string): string;
  /** HMAC-SHA-256 of `text` (UTF-8) under `key`. */
  hmac(key: Uint8Array, text: string): Uint8Array;
  /** The same, lower-case hex. */
  hmacHex(key: Uint8Array, text: string): string;
}

const encoder = new TextEncoder();

/** noble's pure JavaScript: any runtime. */
export const portableSha256: Sha256 = {
  hex: (text) => bytesToHex(sha256(encoder.encode(text))),
  hmac: (key, text) => hmac(sha256, key, encoder.encode(text)),
  hmacHex: (key, text) => bytesToHex(hmac(sha256, key, encoder.encode(text))),
};

/** What this module uses of node:crypto (typed here: no `node:` import, even of types, in the app). */
export interface NodeCrypto {
  hash(algorithm: 'sha256', data: string, encoding: 'hex'): string;
  createHmac(
    algorithm: 'sha256',
    key: Uint8Array,
  ): { update(data: string, encoding: 'utf8'): { digest(): Uint8Array; digest(encoding: 'hex'): string } };
}

/** node:crypto's, when the runtime is Node (or offers its crypto module the same way). */
export function nativeSha256(crypto: NodeCrypto): Sha256 {
  return {
    hex: (text) => crypto.hash('sha256', text, 'hex'),
    hmac: (key, text) => crypto.createHmac('sha256', key).update(text, 'utf8').digest(),
    hmacHex: (key, text) => crypto.createHmac('sha256', key).update(text, 'utf8').digest('hex'),
  };
}

const nodeCrypto = (
  globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }
).process?.getBuiltinModule?.('node:crypto') as NodeCrypto | undefined;

/** The fastest this runtime has. */
export const fastSha256: Sha256 =
  typeof nodeCrypto?.hash === 'function' ? nativeSha256(nodeCrypto) : portableSha256;
