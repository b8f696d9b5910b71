import { createHash, createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { HmacSha256, sha256, sha256Hex } from './sha256.js';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const unhex = (text: string) => new Uint8Array(Buffer.from(text, 'hex'));
const repeat = (byte: number, length: number) => new Uint8Array(length).fill(byte);

describe('sha256', () => {
  // FIPS 180-2 appendix B, and the empty message.
  it.each([
    ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    [
      'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq',
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    ],
    ['a'.repeat(1_000_000), 'cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0'],
  ])('hashes the test vector of %#', (message, expected) => {
    expect(sha256Hex(message)).toBe(expected);
    expect(hex(sha256(new TextEncoder().encode(message)))).toBe(expected);
  });

  it('matches node:crypto at every length around the block and padding edges', () => {
    for (let length = 0; length <= 300; length++) {
      const bytes = new Uint8Array(randomBytes(length));
      expect(hex(sha256(bytes))).toBe(createHash('sha256').update(bytes).digest('hex'));
      const ascii = 'x'.repeat(length);
      expect(sha256Hex(ascii)).toBe(createHash('sha256').update(ascii).digest('hex'));
    }
  });

  it('hashes strings as UTF-8, including characters outside ASCII and surrogate pairs', () => {
    for (const text of ['é', 'naïve café', '日本語のテキスト', 'a😀b'.repeat(40), 'x'.repeat(63) + '€']) {
      expect(sha256Hex(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
    }
  });

  it('hashes inputs larger than its kept buffer, and is right again afterwards', () => {
    const big = new Uint8Array(randomBytes(200_000));
    expect(hex(sha256(big))).toBe(createHash('sha256').update(big).digest('hex'));
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

describe('HmacSha256', () => {
  // RFC 4231 §4.2–4.5 and §4.7–4.8 (case 5 truncates the output, which SigV4 never does).
  const longKey = repeat(0xaa, 131);
  it.each([
    [
      repeat(0x0b, 20),
      new TextEncoder().encode('Hi There'),
      'b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7',
    ],
    [
      new TextEncoder().encode('Jefe'),
      new TextEncoder().encode('what do ya want for nothing?'),
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    ],
    [repeat(0xaa, 20), repeat(0xdd, 50), '773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe'],
    [
      unhex('0102030405060708090a0b0c0d0e0f10111213141516171819'),
      repeat(0xcd, 50),
      '82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b',
    ],
    [
      longKey,
      new TextEncoder().encode('Test Using Larger Than Block-Size Key - Hash Key First'),
      '60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54',
    ],
    [
      longKey,
      new TextEncoder().encode(
        'This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm.',
      ),
      '9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2',
    ],
  ])('computes RFC 4231 test case %#', (key, data, expected) => {
    const mac = new HmacSha256(key);
    expect(hex(mac.mac(data))).toBe(expected);
    // The precomputed key states are reused: a second MAC with the same key is the same.
    expect(mac.hex(data)).toBe(expected);
  });

  it('matches node:crypto for string keys and messages of many lengths', () => {
    for (let length = 0; length <= 200; length += 7) {
      const key = 'k€y'.repeat(length % 40);
      const data = 'd'.repeat(length) + (length % 2 ? 'ü' : '');
      expect(new HmacSha256(key).hex(data)).toBe(createHmac('sha256', key).update(data).digest('hex'));
    }
  });
});
