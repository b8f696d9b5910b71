/**
 * New image ids: `{nonce}-{ext}` where the nonce starts with the upload time inverted, so S3's
 * lexicographic listing returns the newest images first, and ends with 80 random bits.
 */
import { makeImageId, parseImageId } from '../contract/object-keys.js';

const ALPHABET = '0123456789abcdefghijklmnopqrstuv'; // base32hex, lower case: sorts like the numbers
const TIME_DIGITS = 9; // 45 bits of milliseconds: good until the year 3084
const MAX_TIME = 32 ** TIME_DIGITS - 1;

/** Creates a new id for an original with the given key extension. */
export function newImageId(ext: string, nowMs: number = Date.now()): string {
  let time = MAX_TIME - nowMs;
  let prefix = '';
  for (let i = 0; i < TIME_DIGITS; i++) {
    prefix = ALPHABET[time % 32]! + prefix;
    time = Math.floor(time / 32);
  }
  const random = crypto.getRandomValues(new Uint8Array(16));
  let suffix = '';
  for (const byte of random) suffix += ALPHABET[byte % 32];
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
