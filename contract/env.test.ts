import { describe, expect, it } from 'vitest';
import {
  parseInteger,
  readBaseUrl,
  readBoolean,
  readInteger,
  readIntegerList,
  readJsonArray,
  readList,
  readString,
  readUrl,
} from './env.js';

describe('environment readers', () => {
  describe('readString', () => {
    it('returns the value, else the fallback for unset, empty or blank', () => {
      expect(readString({ X: 'a b' }, 'X')).toBe('a b');
      for (const env of [{}, { X: '' }, { X: '  ' }]) expect(readString(env, 'X', 'dflt')).toBe('dflt');
    });

    it('refuses a missing value without fallback, naming the variable', () => {
      expect(() => readString({ X: '' }, 'X')).toThrow(new TypeError('Expected X to be set'));
    });
  });

  describe('readBoolean', () => {
    it('accepts true/false and 1/0', () => {
      expect([
        readBoolean({ X: 'true' }, 'X', false),
        readBoolean({ X: '1' }, 'X', false),
        readBoolean({ X: 'false' }, 'X', true),
        readBoolean({ X: '0' }, 'X', true),
      ]).toEqual([true, true, false, false]);
    });

    it('falls back when unset or empty', () => {
      expect(readBoolean({}, 'X', true)).toBe(true);
      expect(readBoolean({ X: '' }, 'X', false)).toBe(false);
    });

    it.each(['yes', 'TRUE', 'False', 'on', '2', ' 1'])('refuses %j, naming the variable', (value) => {
      expect(() => readBoolean({ FLAG: value }, 'FLAG', false)).toThrow(
        new TypeError(`Expected true, false, 1 or 0 for FLAG but received ${JSON.stringify(value)}`),
      );
    });
  });

  describe('readInteger', () => {
    it('reads decimal digits within the range, blanks around them allowed', () => {
      expect(readInteger({ N: '42' }, 'N', 1, 0, 100)).toBe(42);
      expect(readInteger({ N: ' 7 ' }, 'N', 1, 0, 100)).toBe(7);
      expect(readInteger({ N: '0' }, 'N', 1, 0, 100)).toBe(0);
      expect(readInteger({ N: '100' }, 'N', 1, 0, 100)).toBe(100);
      expect(readInteger({}, 'N', 5, 0, 100)).toBe(5);
      expect(readInteger({ N: '' }, 'N', 5, 0, 100)).toBe(5);
    });

    it.each(['-1', '1e2', '0x10', '1.5', '+3', 'abc', '101', '9007199254740993'])(
      'refuses %j with the range and the variable in the message',
      (value) => {
        expect(() => readInteger({ N: value }, 'N', 1, 0, 100)).toThrow(
          new TypeError(`Expected integer between 0 and 100 for N but received ${JSON.stringify(value)}`),
        );
      },
    );

    it('parseInteger applies the same rule to one item', () => {
      expect(parseInteger('12', 'N', 1, 20)).toBe(12);
      expect(() => parseInteger('21', 'N', 1, 20)).toThrow(/for N/);
    });
  });

  describe('readList and readIntegerList', () => {
    it('splits on commas, trims, drops empty items', () => {
      expect(readList({ L: ' a, b ,,c ' }, 'L', [])).toEqual(['a', 'b', 'c']);
      expect(readList({ L: ' ' }, 'L', ['x'])).toEqual(['x']);
    });

    it('reads integer lists with the integer rule, naming the variable', () => {
      expect(readIntegerList({ W: '1024, 256' }, 'W', [1], 16, 8192)).toEqual([1024, 256]);
      expect(readIntegerList({}, 'W', [320], 16, 8192)).toEqual([320]);
      expect(() => readIntegerList({ W: '320,abc' }, 'W', [], 16, 8192)).toThrow(
        new TypeError('Expected integer between 16 and 8192 for W but received "abc"'),
      );
      expect(() => readIntegerList({ W: ' , ' }, 'W', [320], 16, 8192)).toThrow(/for W/);
    });
  });

  describe('readUrl', () => {
    it('reads http(s) URLs, undefined when unset', () => {
      expect(readUrl({ U: 'http://127.0.0.1:4569' }, 'U')).toBe('http://127.0.0.1:4569');
      expect(readUrl({ U: '' }, 'U')).toBeUndefined();
    });

    it.each(['ftp://example.com', 'not a url'])('refuses %j, naming the variable', (value) => {
      expect(() => readUrl({ U: value }, 'U')).toThrow(TypeError);
      expect(() => readUrl({ U: value }, 'U')).toThrow(/for U/);
    });
  });

  describe('readBaseUrl', () => {
    it('reads a URL to append paths to, undefined when unset', () => {
      expect(readBaseUrl({ B: 'https://cdn.example.com/images' }, 'B')).toBe(
        'https://cdn.example.com/images',
      );
      expect(readBaseUrl({}, 'B')).toBeUndefined();
    });

    it.each([
      'https://cdn.example.com/',
      'https://cdn.example.com?x=1',
      'https://u:p@cdn.example.com',
      'cdn.example.com',
    ])('refuses %j, naming the variable', (value) => {
      expect(() => readBaseUrl({ B: value }, 'B')).toThrow(TypeError);
      expect(() => readBaseUrl({ B: value }, 'B')).toThrow(/\bB\b/);
    });
  });

  describe('readJsonArray', () => {
    it('parses a JSON array, else the fallback when unset', () => {
      expect(readJsonArray({ J: '[{"a":1}]' }, 'J', [])).toEqual([{ a: 1 }]);
      expect(readJsonArray({}, 'J', [2])).toEqual([2]);
    });

    it('refuses bad JSON and non-arrays, naming the variable', () => {
      expect(() => readJsonArray({ J: '{' }, 'J', [])).toThrow(new TypeError('Expected J to be JSON'));
      expect(() => readJsonArray({ J: '{}' }, 'J', [])).toThrow(
        new TypeError('Expected J to be a JSON array'),
      );
    });
  });
});
