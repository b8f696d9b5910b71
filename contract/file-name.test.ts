import { describe, expect, it } from 'vitest';
import { FILE_NAME_MAX_BYTES, cleanFileName } from './file-name.js';

const bytes = (text: string) => new TextEncoder().encode(text).length;

describe('cleanFileName', () => {
  describe('keeps', () => {
    it('ordinary and non-ASCII names as they are', () => {
      for (const name of ['IMG_0001.JPG', 'Zoë’s café (1).png', '東京タワー.webp', 'נוף.jpg', '🐈‍⬛ cat.gif']) {
        expect(cleanFileName(name)).toBe(name);
      }
    });

    it('one form of each character (NFC), so the same name is the same bytes', () => {
      expect(cleanFileName('cafe\u0301.jpg')).toBe('caf\u00e9.jpg');
    });
  });

  describe('cleans', () => {
    it('control characters, line separators and tabs into single spaces, trimmed', () => {
      expect(cleanFileName('\u0000 a\u0007\u0008b\r\nc\u2028d\te\u0085f\u007f.jpg\n')).toBe(
        'a b c d e f .jpg',
      );
    });

    it('bidirectional overrides, embeddings, isolates and marks (no "gpj.exe" that reads "exe.jpg")', () => {
      expect(cleanFileName('photo\u202Egpj.exe')).toBe('photo gpj.exe');
      expect(cleanFileName('a\u2066b\u2069\u200Fc\u061C.png')).toBe('a b c .png');
    });

    it('a name of nothing but spaces and controls to the empty string', () => {
      expect(cleanFileName(' \u0000\t ')).toBe('');
    });
  });

  describe(`cuts a name over ${FILE_NAME_MAX_BYTES} bytes of UTF-8`, () => {
    it('with … before the extension, which is kept', () => {
      const cut = cleanFileName(`${'a'.repeat(300)}.jpeg`);
      expect(cut).toBe(`${'a'.repeat(FILE_NAME_MAX_BYTES - 3 - 5)}….jpeg`);
      expect(bytes(cut)).toBe(FILE_NAME_MAX_BYTES);
    });

    it('counting bytes, not characters: 3 bytes a kanji', () => {
      const cut = cleanFileName(`${'東'.repeat(100)}.png`);
      expect(bytes(cut)).toBeLessThanOrEqual(FILE_NAME_MAX_BYTES);
      expect(cut).toBe(`${'東'.repeat(82)}….png`);
    });

    it('never inside a character or an emoji sequence', () => {
      const cat = '🐈‍⬛'; // 3 code points, 10 bytes
      const cut = cleanFileName(cat.repeat(40));
      expect(bytes(cut)).toBeLessThanOrEqual(FILE_NAME_MAX_BYTES);
      expect(cut).toBe(`${cat.repeat(25)}…`);
    });

    it('at exactly the limit, not before', () => {
      const name = `${'b'.repeat(FILE_NAME_MAX_BYTES - 4)}.jpg`;
      expect(cleanFileName(name)).toBe(name);
      expect(cleanFileName(`b${name}`)).toMatch(/^b+….jpg$/);
    });
  });
});
