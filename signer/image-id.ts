/**
 * New image ids: `{nonce}-{ext}` where the nonce starts with the upload time inverted, so S3's
 * lexicographic listing returns the newest images first, and ends with 80 random bits.
 */
import { makeImageId, parseImageId } from '../contract/object-keys.js';

const ALPHABET = '0123456789abcdefghijklmnopqrstuv'; // base32hex, lower case: sorts like the numbers
const TIME_DIGITS = 9; // 45 bits of milliseconds: good until the year 3084
const MAX_TIME = 32 ** TIME_DIGITS - 1;
const RANDOM_DIGITS = 16; // 5 bits each: 80 random bits
// Random bytes drawn 4 KiB at a time (one `getRandomValues` per 256 ids instead of one per id);
// each byte is used once.
const pool = new Uint8Array(4096);
let poolOffset = pool.length;

/** Creates a new id for an original with the given key extension. */
export function newImageId(ext: string, nowMs: number = Date.now()): string {
  let time = MAX_TIME - nowMs;
  let prefix = '';
  for (let i = 0; i < TIME_DIGITS; i++) {
    prefix = ALPHABET[time % 32]! + prefix;
    time = Math.floor(time / 32);
  }
  if (poolOffset + RANDOM_DIGITS > pool.length) {
    crypto.getRandomValues(pool);
    poolOffset = 0;
  }
  let suffix = '';
  for (const end = poolOffset + RANDOM_DIGITS; poolOffset < end; poolOffset++) {
    suffix += ALPHABET[pool[poolOffset]! % 32];
  }
  return makeImageId(prefix + suffix, ext);
}

/** When the id was made, or undefined for ids of another shape. */
export function imageIdTime(id: string): Date | undefined {
  const nonce = parseImageId(id)?.nonce;
  if (!nonce) return undefined;
  let inverted = 0;
  for (const char of nonce.slice(0, TIME_DIGITS)) {
    const digit = ALPHABET.indexOf(char);
    if (digit < 0) return undefined;
    inverted = inverted * 32 + digit;
  }
  return new Date(MAX_TIME - inverted);
}
