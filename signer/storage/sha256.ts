/**
 * SHA-256 (FIPS 180-4) and HMAC-SHA-256 (RFC 2104), synchronous and in plain JavaScript, for
 * SigV4: a few hundred bytes per URL, where Web Crypto's promises and `node:crypto`'s native
 * objects cost more than the hashing itself. Runs on any runtime (no Node APIs).
 *
 * Strings are hashed as UTF-8, written straight into a reused block buffer (no encoder copy).
 */

// FIPS 180-4 §4.2.2: the first 32 bits of the fractional parts of the cube roots of the first 64 primes.
const K = Int32Array.from([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
  0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
  0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
  0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
  0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
  0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
  0xc67178f2,
]);
// §5.3.3: the initial hash value.
const INITIAL = Int32Array.from([
  0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
]);
const BLOCK = 64;
const KEEP_BUFFER_BYTES = 64 * 1024; // larger inputs get a buffer of their own, not kept
const encoder = new TextEncoder();
const W = new Int32Array(64);
let buffer = new Uint8Array(1024);

/** SHA-256 of `data` (strings as UTF-8). */
export function sha256(data: string | Uint8Array): Uint8Array {
  return toBytes(digest(INITIAL, 0, data));
}

/** SHA-256 of `data` (strings as UTF-8), as lower-case hex. */
export function sha256Hex(data: string | Uint8Array): string {
  return toHex(digest(INITIAL, 0, data));
}

/**
 * HMAC-SHA-256 with one key: the padded key's inner and outer states are computed once, so each
 * MAC costs the message's blocks plus one block.
 *
 * @example new HmacSha256(signingKey).hex(stringToSign)
 */
export class HmacSha256 {
  readonly #inner: Int32Array;
  readonly #outer: Int32Array;

  /** @param key Any length; strings as UTF-8 (RFC 2104 §2: longer than a block is hashed first). */
  constructor(key: string | Uint8Array) {
    let bytes = typeof key === 'string' ? encoder.encode(key) : key;
    if (bytes.length > BLOCK) bytes = sha256(bytes);
    const pad = new Uint8Array(BLOCK);
    pad.set(bytes);
    for (let i = 0; i < BLOCK; i++) pad[i]! ^= 0x36;
    this.#inner = INITIAL.slice();
    compress(this.#inner, pad, 0);
    for (let i = 0; i < BLOCK; i++) pad[i]! ^= 0x36 ^ 0x5c;
    this.#outer = INITIAL.slice();
    compress(this.#outer, pad, 0);
  }

  /** The MAC of `data` (strings as UTF-8). */
  mac(data: string | Uint8Array): Uint8Array {
    return toBytes(this.#finish(data));
  }

  /** The MAC of `data` (strings as UTF-8), as lower-case hex. */
  hex(data: string | Uint8Array): string {
    return toHex(this.#finish(data));
  }

  #finish(data: string | Uint8Array): Int32Array {
    return digest(this.#outer, BLOCK, toBytes(digest(this.#inner, BLOCK, data)));
  }
}

/** Hashes `data` on from `state` (after `done` bytes), with the final padding (§5.1.1). */
function digest(state: Int32Array, done: number, data: string | Uint8Array): Int32Array {
  let bytes = bufferFor(data.length);
  let length = typeof data === 'string' ? writeAscii(data, bytes) : data.length;
  if (typeof data !== 'string') bytes.set(data);
  else if (length < 0) {
    bytes = bufferFor(data.length * 3); // UTF-8 takes at most 3 bytes per UTF-16 unit
    length = encoder.encodeInto(data, bytes).written;
  }
  const end = paddedLength(length);
  bytes[length] = 0x80;
  bytes.fill(0, length + 1, end - 8);
  const bits = (done + length) * 8;
  const high = Math.floor(bits / 2 ** 32);
  for (let i = 0; i < 4; i++) {
    bytes[end - 8 + i] = high >>> (24 - 8 * i);
    bytes[end - 4 + i] = bits >>> (24 - 8 * i); // >>> takes the low 32 bits
  }
  const out = state.slice();
  for (let offset = 0; offset < end; offset += BLOCK) compress(out, bytes, offset);
  return out;
}

/** Bytes for the message, its 0x80 and its 64-bit length, whole blocks. */
function paddedLength(length: number): number {
  return Math.ceil((length + 9) / BLOCK) * BLOCK;
}

/** The shared buffer when big enough (grown up to a limit), else a buffer of its own. */
function bufferFor(length: number): Uint8Array {
  const needed = paddedLength(length);
  if (buffer.length >= needed) return buffer;
  const grown = new Uint8Array(needed);
  if (needed <= KEEP_BUFFER_BYTES) buffer = grown;
  return grown;
}

/** Copies `text` into `target` if it is all ASCII (its UTF-8 then), else returns -1. */
function writeAscii(text: string, target: Uint8Array): number {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x80) return -1;
    target[i] = code;
  }
  return text.length;
}

/** One 64-byte block into `state` (§6.2.2). */
function compress(state: Int32Array, bytes: Uint8Array, offset: number): void {
  for (let t = 0, i = offset; t < 16; t++, i += 4) {
    W[t] = (bytes[i]! << 24) | (bytes[i + 1]! << 16) | (bytes[i + 2]! << 8) | bytes[i + 3]!;
  }
  for (let t = 16; t < 64; t++) {
    const w15 = W[t - 15]!;
    const w2 = W[t - 2]!;
    const s0 = ((w15 >>> 7) | (w15 << 25)) ^ ((w15 >>> 18) | (w15 << 14)) ^ (w15 >>> 3);
    const s1 = ((w2 >>> 17) | (w2 << 15)) ^ ((w2 >>> 19) | (w2 << 13)) ^ (w2 >>> 10);
    W[t] = (s1 + W[t - 7]! + s0 + W[t - 16]!) | 0;
  }
  let a = state[0]!;
  let b = state[1]!;
  let c = state[2]!;
  let d = state[3]!;
  let e = state[4]!;
  let f = state[5]!;
  let g = state[6]!;
  let h = state[7]!;
  for (let t = 0; t < 64; t++) {
    const s1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const t1 = (h + s1 + ((e & f) ^ (~e & g)) + K[t]! + W[t]!) | 0;
    const s0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const t2 = (s0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
    h = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  state[0] = (state[0]! + a) | 0;
  state[1] = (state[1]! + b) | 0;
  state[2] = (state[2]! + c) | 0;
  state[3] = (state[3]! + d) | 0;
  state[4] = (state[4]! + e) | 0;
  state[5] = (state[5]! + f) | 0;
  state[6] = (state[6]! + g) | 0;
  state[7] = (state[7]! + h) | 0;
}

function toBytes(state: Int32Array): Uint8Array {
  const out = new Uint8Array(32);
  for (let i = 0; i < 8; i++) {
    const word = state[i]!;
    out[4 * i] = word >>> 24;
    out[4 * i + 1] = word >>> 16;
    out[4 * i + 2] = word >>> 8;
    out[4 * i + 3] = word;
  }
  return out;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

function toHex(state: Int32Array): string {
  let out = '';
  for (let i = 0; i < 8; i++) {
    const word = state[i]!;
    out += HEX[word >>> 24]! + HEX[(word >>> 16) & 0xff]! + HEX[(word >>> 8) & 0xff]! + HEX[word & 0xff]!;
  }
  return out;
}
