import { describe, expect, it } from 'vitest';
import { sniffFormat } from './sniff.js';
import { solid } from './test-support/images.js';

const latin1 = (value: string) => Buffer.from(value, 'latin1');
const utf8 = (value: string) => Buffer.from(value, 'utf8');

describe('sniffFormat at its boundaries', () => {
  describe('ISO base media (ftyp) brands', () => {
    it('counts the major brand: an AVIF that lists avif only as its major brand', () => {
      expect(sniffFormat(latin1('\0\0\0\x18ftypavif\0\0\0\0mif1miaf'))).toEqual({ format: 'avif' });
    });

    it('reads a box of exactly 12 bytes (size, type, major brand), and nothing shorter', () => {
      expect(sniffFormat(latin1('\0\0\0\x0cftypavif'))).toEqual({ format: 'avif' });
      expect(sniffFormat(latin1('\0\0\0\x0cftypavi'))).toEqual({
        rejection: { code: 'ERR_NOT_AN_IMAGE', message: 'The file is in no known format, not an image.' },
      });
    });
  });

  it('says what a refused format is and what to upload instead', async () => {
    expect(sniffFormat(await solid(8, 8, 'tiff'))).toEqual({
      rejection: {
        code: 'ERR_UNSUPPORTED_FORMAT',
        message: 'TIFF images are not supported; upload a JPEG, PNG, WebP, AVIF or GIF.',
      },
    });
  });

  describe('byte order marks before text', () => {
    it('skips any number of them before the first tag', () => {
      const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="1"/>';
      for (const marks of ['\ufeff', '\ufeff\ufeff', '\ufeff \ufeff\n']) {
        expect(sniffFormat(utf8(marks + svg))).toMatchObject({
          rejection: { code: 'ERR_UNSUPPORTED_FORMAT' },
        });
      }
    });

    it('does not skip one inside a tag name: "<\\ufeffsvg" is no SVG element', () => {
      expect(sniffFormat(utf8('<\ufeffsvg width="1"/>'))).toEqual({
        rejection: { code: 'ERR_NOT_AN_IMAGE', message: 'The file is in no known format, not an image.' },
      });
    });
  });
});
