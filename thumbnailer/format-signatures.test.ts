import { describe, expect, it } from 'vitest';
import { sniffFormat, type SniffResult } from './sniff.js';

const code = (bytes: Uint8Array) => outcome(sniffFormat(bytes));
const outcome = (result: SniffResult) => ('format' in result ? result.format : result.rejection.code);
const message = (bytes: Uint8Array) => {
  const result = sniffFormat(bytes);
  return 'rejection' in result ? result.rejection.message : undefined;
};
const text = (value: string) => Buffer.from(value, 'utf8');
const bytes = (...values: number[]) => Uint8Array.from(values);

/** An ISO base media file: an `ftyp` box of `boxSize` bytes, then whatever follows it. */
function isoMedia(
  major: string,
  compatible: string[],
  { boxSize = 16 + 4 * compatible.length, after = '' } = {},
) {
  const file = Buffer.alloc(16 + 4 * compatible.length + after.length);
  file.writeUInt32BE(boxSize, 0);
  file.write(`ftyp${major}\0\0\0\0${compatible.join('')}${after}`, 4, 'latin1');
  return file;
}

describe('sniffFormat', () => {
  describe('ISO base media files (HEIF family, MP4)', () => {
    it('finds AVIF by a compatible brand, still images and sequences alike', () => {
      expect(code(isoMedia('mif1', ['mif1', 'miaf', 'avif']))).toBe('avif');
      expect(code(isoMedia('msf1', ['msf1', 'avis']))).toBe('avif');
    });

    it('reads the brands of the ftyp box only, not the bytes after it', () => {
      expect(code(isoMedia('isom', ['isom', 'avif']))).toBe('avif');
      expect(code(isoMedia('isom', ['isom'], { after: 'avif' }))).toBe('ERR_NOT_AN_IMAGE');
      // A box size past the file's end is read up to the end.
      expect(code(isoMedia('isom', ['isom', 'avif'], { boxSize: 4000 }))).toBe('avif');
    });

    it('refuses HEVC-coded HEIF, even when it also declares a generic image brand', () => {
      const result = sniffFormat(isoMedia('mif1', ['mif1', 'heic']));
      expect(outcome(result)).toBe('ERR_UNSUPPORTED_FORMAT');
      expect('rejection' in result && result.rejection.message).toContain('HEVC');
    });

    it('refuses other image brands, naming the brand', () => {
      expect(code(isoMedia('jxl ', ['jxl ']))).toBe('ERR_UNSUPPORTED_FORMAT');
      expect(message(isoMedia('jxl ', ['jxl ']))).toMatch(/^"jxl" images are not supported/);
      expect(message(isoMedia('crx ', ['crx ', 'isom']))).toMatch(/^"crx" images/);
    });

    it('calls a video a video', () => {
      expect(message(isoMedia('mp42', ['mp42', 'isom']))).toBe(
        'The file is a video or other media file, not an image.',
      );
    });
  });

  describe('two signatures that must both match', () => {
    it('RIFF is WebP only with the WEBP form type (not WAVE audio or AVI video)', () => {
      expect(code(text('RIFF\x24\0\0\0WAVEfmt '))).toBe('ERR_NOT_AN_IMAGE');
      expect(code(text('RIFF\x24\0\0\0AVI LIST'))).toBe('ERR_NOT_AN_IMAGE');
      expect(code(text('RIFX\x24\0\0\0WEBPVP8 '))).toBe('ERR_NOT_AN_IMAGE');
    });

    it('GIF is GIF87a or GIF89a, nothing else', () => {
      expect(code(text('GIF87a\x01\0\x01\0'))).toBe('gif');
      expect(code(text('GIF89a\x01\0\x01\0'))).toBe('gif');
      expect(code(text('GIF88a\x01\0\x01\0'))).toBe('ERR_NOT_AN_IMAGE');
      expect(code(text('xGIF89a\x01\0\x01\0'))).toBe('ERR_NOT_AN_IMAGE');
    });

    it('TIFF needs its byte-order mark, 42 or 43, and a zero byte in the right place', () => {
      expect(code(bytes(0x4d, 0x4d, 0, 0x2b, 0, 8, 0, 0))).toBe('ERR_UNSUPPORTED_FORMAT');
      expect(code(bytes(0x49, 0x49, 0x2a, 0, 8, 0, 0, 0))).toBe('ERR_UNSUPPORTED_FORMAT');
      expect(message(bytes(0x49, 0x49, 0x2a, 0, 8, 0, 0, 0))).toMatch(/^TIFF images are not supported/);
      expect(code(bytes(0x49, 0x49, 0x2a, 1, 8, 0, 0, 0))).toBe('ERR_NOT_AN_IMAGE');
      expect(code(bytes(0x49, 0x49, 0x2c, 0, 8, 0, 0, 0))).toBe('ERR_NOT_AN_IMAGE');
      expect(code(bytes(0x4d, 0x4d, 1, 0x2a, 0, 8, 0, 0))).toBe('ERR_NOT_AN_IMAGE');
      expect(code(bytes(0x4d, 0x4d, 0, 0x2c, 0, 8, 0, 0))).toBe('ERR_NOT_AN_IMAGE');
      expect(code(bytes(0x49, 0x4d, 0x2a, 0, 8, 0, 0, 0))).toBe('ERR_NOT_AN_IMAGE');
    });

    it('BMP is "BM" with a known DIB header size; a text that starts with BM is text', () => {
      for (const size of [12, 40, 52, 56, 108, 124]) {
        const bmp = Buffer.alloc(54);
        bmp.write('BM', 0, 'latin1');
        bmp[14] = size;
        expect(message(bmp)).toMatch(/^BMP images are not supported/);
      }
      expect(code(text('BMW drivers manual, chapter 1'))).toBe('ERR_NOT_AN_IMAGE');
      expect(code(text('BM'))).toBe('ERR_NOT_AN_IMAGE');
    });
  });

  describe('the other refusals say what the file is', () => {
    it.each([
      ['JPEG XL (codestream)', bytes(0xff, 0x0a, 0xfa, 0x7f), /^JPEG XL images are not supported/],
      [
        'JPEG XL (container)',
        bytes(0, 0, 0, 0x0c, 0x4a, 0x58, 0x4c, 0x20, 0x0d, 0x0a, 0x87, 0x0a),
        /^JPEG XL images/,
      ],
      [
        'JPEG 2000',
        bytes(0, 0, 0, 0x0c, 0x6a, 0x50, 0x20, 0x20, 0x0d, 0x0a, 0x87, 0x0a),
        /^JPEG 2000 images/,
      ],
      ['ICO', bytes(0, 0, 1, 0, 1, 0), /^ICO images/],
      ['PSD', text('8BPS\0\x01'), /^Photoshop \(PSD\) images/],
      [
        'SVG',
        text('<svg>'),
        /^SVG images are not supported \(vector images can carry scripts\); upload a JPEG/,
      ],
      ['PDF', text('%PDF-1.7'), /^The file is a PDF document, not an image\.$/],
      ['HTML', text('<!doctype html>'), /^The file is an HTML document, not an image\.$/],
      ['empty', new Uint8Array(0), /^The file is empty, not an image\.$/],
      ['unknown', text('hello'), /^The file is in no known format, not an image\.$/],
    ])('%s', (_name, file, expected) => {
      expect(message(file)).toMatch(expected);
    });

    it('an ICO-like cursor or a JPEG XL codestream-like text are neither', () => {
      expect(code(bytes(0, 0, 2, 0, 1, 0))).toBe('ERR_NOT_AN_IMAGE');
      expect(code(bytes(0xff, 0x0b, 0, 0))).toBe('ERR_NOT_AN_IMAGE');
      expect(code(text('%PDF1.7'))).toBe('ERR_NOT_AN_IMAGE');
    });
  });

  describe('markup', () => {
    it('recognises HTML and SVG in any case, after a byte-order mark and white space', () => {
      expect(message(text('\ufeff\n  <!DOCTYPE HTML>'))).toMatch(/HTML document/);
      expect(message(text('<HTML lang="en">'))).toMatch(/HTML document/);
      expect(message(text('<html>'))).toMatch(/HTML document/);
      expect(message(text('\ufeff<SVG\nwidth="1"/>'))).toMatch(/^SVG/);
    });

    it('does not take a longer tag name for <html> or <svg>', () => {
      expect(message(text('<htmlx>'))).toMatch(/no known format/);
      expect(message(text('<svgx>'))).toMatch(/no known format/);
    });

    it('only looks at markup that starts the file', () => {
      expect(message(text('see <svg> and <html> below'))).toMatch(/no known format/);
    });
  });
});
