import { describe, expect, it } from 'vitest';
import { parseImageId } from '../contract/object-keys.js';
import { imageIdTime, newImageId } from './image-id.js';

describe('newImageId', () => {
  it('makes valid ids that carry their time, newest sorting first', () => {
    const older = newImageId('jpg', Date.UTC(2026, 10, 22, 10));
    const newer = newImageId('png', Date.UTC(2026, 10, 22, 10, 0, 0, 1));
    expect(parseImageId(older)?.ext).toBe('jpg');
    expect(imageIdTime(older)?.toISOString()).toBe('2026-11-22T10:00:00.000Z');
    expect(imageIdTime(newer)?.toISOString()).toBe('2026-11-22T10:00:00.001Z');
    expect(newer < older).toBe(true);
  });

  it('draws fresh random digits for every id, across refills of its random pool', () => {
    const now = Date.UTC(2026, 10, 22);
    const suffixes = Array.from({ length: 20_000 }, () =>
      parseImageId(newImageId('jpg', now))!.nonce.slice(9),
    );
    expect(suffixes.every((s) => /^[0-9a-v]{16}$/.test(s))).toBe(true);
    expect(new Set(suffixes).size).toBe(suffixes.length);
    // 320,000 digits: each of the 32 is expected 10,000 times (σ ≈ 100); ±10% only fails when
    // digits repeat or skew.
    const counts = new Map<string, number>();
    for (const digit of suffixes.join('')) counts.set(digit, (counts.get(digit) ?? 0) + 1);
    expect(counts.size).toBe(32);
    for (const count of counts.values()) expect(Math.abs(count - 10_000)).toBeLessThan(1_000);
  });
});
