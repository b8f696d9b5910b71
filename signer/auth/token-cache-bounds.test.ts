import { describe, expect, it } from 'vitest';
import { createTokenCache } from './token-cache.js';

const NOW = 1_700_000_000;
const LATER = NOW + 3600;

describe('createTokenCache', () => {
  describe('size bound', () => {
    it('holds up to maxEntries tokens, all of them readable', () => {
      const cache = createTokenCache<string>(3);
      for (const token of ['a', 'b', 'c']) cache.set(token, `caller ${token}`, LATER);
      expect(['a', 'b', 'c'].map((token) => cache.get(token, NOW))).toEqual([
        'caller a',
        'caller b',
        'caller c',
      ]);
    });

    it('forgets the least recently used token when one more is stored', () => {
      const cache = createTokenCache<string>(2);
      cache.set('a', 'caller a', LATER);
      cache.set('b', 'caller b', LATER);
      cache.set('c', 'caller c', LATER);
      expect(cache.get('a', NOW)).toBeUndefined();
      expect(cache.get('b', NOW)).toBe('caller b');
      expect(cache.get('c', NOW)).toBe('caller c');
    });

    it('counts a read as a use: the token read last is kept', () => {
      const cache = createTokenCache<string>(2);
      cache.set('a', 'caller a', LATER);
      cache.set('b', 'caller b', LATER);
      expect(cache.get('a', NOW)).toBe('caller a');
      cache.set('c', 'caller c', LATER);
      expect(cache.get('b', NOW)).toBeUndefined();
      expect(cache.get('a', NOW)).toBe('caller a');
    });

    it('stores a token again in its own place, without pushing another out', () => {
      const cache = createTokenCache<string>(2);
      cache.set('a', 'caller a', LATER);
      cache.set('b', 'caller b', LATER);
      cache.set('b', 'caller b, again', LATER);
      expect(cache.get('a', NOW)).toBe('caller a');
      expect(cache.get('b', NOW)).toBe('caller b, again');
    });

    it('keeps nothing when maxEntries is 0 (the cache is off)', () => {
      const cache = createTokenCache<string>(0);
      cache.set('a', 'caller a', LATER);
      expect(cache.get('a', NOW)).toBeUndefined();
    });
  });

  describe('expiry', () => {
    it('answers until the second before exp, and not from exp on (RFC 7519 §4.1.4)', () => {
      const cache = createTokenCache<string>(2);
      cache.set('a', 'caller a', NOW + 60);
      expect(cache.get('a', NOW + 59)).toBe('caller a');
      expect(cache.get('a', NOW + 60)).toBeUndefined();
    });
  });
});
