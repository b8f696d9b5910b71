import { createHash, createHmac } from 'node:crypto';
import * as nodeCrypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fastSha256, nativeSha256, portableSha256 } from './sha256.js';

const KEY = new TextEncoder().encode('AWS4wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY');
// An empty text, a block boundary, a long canonical request and non-ASCII text.
const TEXTS = ['', 'x'.repeat(64), `PUT\n/images/a.jpg\n${'X-Amz-Foo=bar&'.repeat(80)}`, 'zoë ☃ 𝄞'];

describe('sha256', () => {
  it.each([
    ['noble (any runtime)', portableSha256],
    ['node:crypto', nativeSha256(nodeCrypto)],
  ])('%s hashes and MACs as node:crypto does', (_name, impl) => {
    for (const text of TEXTS) {
      expect(impl.hex(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
      const mac = createHmac('sha256', KEY).update(text, 'utf8').digest();
      expect(Buffer.from(impl.hmac(KEY, text))).toEqual(mac);
      expect(impl.hmacHex(KEY, text)).toBe(mac.toString('hex'));
    }
  });

  it('uses node:crypto on Node', () => {
    // The native one returns a Buffer; noble a plain Uint8Array.
    expect(Buffer.isBuffer(fastSha256.hmac(KEY, 'a'))).toBe(true);
  });
});
