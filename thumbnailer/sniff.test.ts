import { describe, expect, it } from 'vitest';
import { sniffFormat } from './sniff.js';
import { heicHeader, solid } from './test-support/images.js';

const code = (bytes: Uint8Array) => {
  const result = sniffFormat(bytes);
  return 'format' in result ? result.format : result.rejection.code;
};
const text = (value: string) => Buffer.from(value, 'utf8');

describe('sniffFormat', () => {
  describe('accepts images by their bytes', () => {
    it.each(['png', 'webp', 'avif', 'gif', 'jpeg'] as const)('%s', async (format) => {
      expect(code(await solid(8, 8, format))).toBe(format);
    });
  });

  describe('refuses what it cannot decode', () => {
    it('TIFF in both byte orders and BigTIFF: the signer never accepts it', async () => {
      expect(code(await solid(8, 8, 'tiff'))).toBe('ERR_UNSUPPORTED_FORMAT');
      expect(code(Buffer.from([0x4d, 0x4d, 0, 0x2a, 0, 0, 0, 8]))).toBe('ERR_UNSUPPORTED_FORMAT');
      expect(code(Buffer.from([0x49, 0x49, 0x2b, 0, 8, 0, 0, 0]))).toBe('ERR_UNSUPPORTED_FORMAT');
      const result = sniffFormat(await solid(8, 8, 'tiff'));
      expect('rejection' in result && result.rejection.message).toMatch(
        /^TIFF .*JPEG, PNG, WebP, AVIF or GIF/,
      );
    });

    it('HEIC, with a reason that names HEVC', () => {
      const result = sniffFormat(heicHeader());
      expect(result).toMatchObject({ rejection: { code: 'ERR_UNSUPPORTED_FORMAT' } });
      expect('rejection' in result && result.rejection.message).toContain('HEVC');
    });

    it('SVG, with or without an XML declaration', () => {
      expect(code(text('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'))).toBe(
        'ERR_UNSUPPORTED_FORMAT',
      );
      expect(code(text('\ufeff  <?xml version="1.0"?>\n<!DOCTYPE svg>\n<svg width="1"/>'))).toBe(
        'ERR_UNSUPPORTED_FORMAT',
      );
    });

    it('BMP, ICO, PSD, JPEG XL and JPEG 2000', () => {
      const bmp = Buffer.alloc(54);
      bmp.write('BM', 0, 'latin1');
      bmp[14] = 40;
      expect(code(bmp)).toBe('ERR_UNSUPPORTED_FORMAT');
      expect(code(Buffer.from([0, 0, 1, 0, 1, 0]))).toBe('ERR_UNSUPPORTED_FORMAT');
      expect(code(text('8BPS\0\x01'))).toBe('ERR_UNSUPPORTED_FORMAT');
      expect(code(Buffer.from([0xff, 0x0a, 0, 0]))).toBe('ERR_UNSUPPORTED_FORMAT');
      expect(code(Buffer.from([0, 0, 0, 0x0c, 0x6a, 0x50, 0x20, 0x20, 0x0d, 0x0a, 0x87, 0x0a]))).toBe(
        'ERR_UNSUPPORTED_FORMAT',
      );
    });
  });

  describe('refuses what is not an image', () => {
    it('zero bytes', () => {
      expect(code(new Uint8Array(0))).toBe('ERR_NOT_AN_IMAGE');
    });

    it('HTML, even one with an inline <svg>', () => {
      expect(code(text('<!DOCTYPE html><html><body><svg></svg></body></html>'))).toBe('ERR_NOT_AN_IMAGE');
      expect(code(text('<html>\n<script>document.cookie</script>'))).toBe('ERR_NOT_AN_IMAGE');
    });

    it('PDF, an MP4 video, plain text and random bytes', () => {
      expect(code(text('%PDF-1.7\n%âãÏÓ'))).toBe('ERR_NOT_AN_IMAGE');
      const mp4 = Buffer.alloc(24);
      mp4.writeUInt32BE(24, 0);
      mp4.write('ftypisom\0\0\0\0isomavc1', 4, 'latin1');
      expect(code(mp4)).toBe('ERR_NOT_AN_IMAGE');
      expect(code(text('hello'))).toBe('ERR_NOT_AN_IMAGE');
      expect(code(Buffer.from([0x13, 0x37, 0xca, 0xfe]))).toBe('ERR_NOT_AN_IMAGE');
    });
  });
});
