import { describe, expect, it } from 'vitest';
import { sniffFormat } from './sniff.js';

/** An ftyp box with `brand` as its major brand and nothing else (12 bytes). */
const ftyp = (brand: string) => Buffer.from(`\0\0\0\x0cftyp${brand}`, 'latin1');

describe('sniffFormat and each ISO base media brand it knows', () => {
  it.each(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'hevm', 'hevs'])(
    'takes %s as HEIC, refused with the reason when this server does not decode it',
    (brand) => {
      expect(sniffFormat(ftyp(brand), { heic: true })).toEqual({ format: 'heic' });
      expect(sniffFormat(ftyp(brand))).toEqual({
        rejection: {
          code: 'ERR_UNSUPPORTED_FORMAT',
          message:
            'HEIC/HEVC images are not supported: this server is not set up to decode them; upload a JPEG, PNG, WebP, AVIF or GIF.',
        },
      });
    },
  );

  it.each(['mif1', 'msf1', 'jp2 '])('refuses %s as an image format it does not take', (brand) => {
    expect(sniffFormat(ftyp(brand))).toEqual({
      rejection: {
        code: 'ERR_UNSUPPORTED_FORMAT',
        message: `"${brand.trim()}" images are not supported; upload a JPEG, PNG, WebP, AVIF or GIF.`,
      },
    });
  });
});
