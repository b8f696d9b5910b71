import { describe, expect, it } from 'vitest';
import type { UsageResponse } from '../../contract/index.js';
import { createUsageRefresher, formatBytes, usageRows } from './usage.js';

const usage = (
  bytes: [number, number, number | null],
  images: [number, number, number | null],
): UsageResponse => ({
  bytes: { used: bytes[0], reserved: bytes[1], limit: bytes[2] },
  images: { used: images[0], reserved: images[1], limit: images[2] },
});

/** A `load` whose answers the test hands out one by one. */
function controlledLoad() {
  const waiting: ((usage: UsageResponse) => void)[] = [];
  let calls = 0;
  return {
    load: () => {
      calls++;
      return new Promise<UsageResponse>((resolve) => waiting.push(resolve));
    },
    answer: (value: UsageResponse) => waiting.shift()!(value),
    get calls() {
      return calls;
    },
  };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('usage bar', () => {
  describe('formatting', () => {
    it('counts stored plus reserved against each limit, in decimal storage units', () => {
      expect(usageRows(usage([1_200_000, 300_000, 10_000_000], [3, 1, 500]), 'en')).toEqual([
        { unit: 'bytes', value: 1_500_000, limit: 10_000_000, label: 'Storage', text: '1.5 MB of 10 MB' },
        { unit: 'images', value: 4, limit: 500, label: 'Images', text: '4 of 500' },
      ]);
    });

    it('shows no meter for an unlimited unit, and none at all for an unlimited user', () => {
      expect(usageRows(usage([5, 0, null], [2, 0, 10]), 'en').map((row) => row.unit)).toEqual(['images']);
      expect(usageRows(usage([5, 0, null], [2, 0, null]), 'en')).toEqual([]);
    });

    it('writes bytes as a person reads them', () => {
      expect(formatBytes(0, 'en')).toBe('0 bytes');
      expect(formatBytes(999, 'en')).toBe('999 bytes');
      expect(formatBytes(1000, 'en')).toBe('1 kB');
      expect(formatBytes(52_428_800, 'en')).toBe('52 MB');
      expect(formatBytes(1_073_741_824, 'en')).toBe('1.1 GB');
      expect(formatBytes(1_500_000, 'de')).toBe('1,5 MB');
    });
  });

  describe('refresh', () => {
    it('asks at most once at a time and once more after it, however many refreshes come', async () => {
      const signer = controlledLoad();
      const seen: (UsageResponse | undefined)[] = [];
      const refresher = createUsageRefresher(signer.load, (value) => seen.push(value), 0);
      const first = refresher.refresh();
      const burst = Array.from({ length: 100 }, () => refresher.refresh());
      expect(signer.calls).toBe(1);
      signer.answer(usage([1, 0, 10], [1, 0, null]));
      await first;
      await tick();
      expect(signer.calls).toBe(2);
      signer.answer(usage([2, 0, 10], [2, 0, null]));
      await Promise.all(burst);
      expect(signer.calls).toBe(2);
      expect(seen.map((value) => value?.bytes.used)).toEqual([1, 2]);
      // Quiet again: the next refresh asks at once.
      await tick();
      void refresher.refresh();
      expect(signer.calls).toBe(3);
    });

    it('leaves the interval between two requests', async () => {
      const signer = controlledLoad();
      const refresher = createUsageRefresher(signer.load, () => {}, 200);
      const first = refresher.refresh();
      signer.answer(usage([1, 0, 10], [1, 0, null]));
      await first;
      const second = refresher.refresh();
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(signer.calls).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 150));
      expect(signer.calls).toBe(2);
      signer.answer(usage([2, 0, 10], [1, 0, null]));
      await second;
    });

    it('hides the bar (undefined) when the signer has no usage to give', async () => {
      const seen: unknown[] = [];
      const refresher = createUsageRefresher(
        () => Promise.reject(Object.assign(new Error('Not found'), { code: 'ERR_NOT_FOUND' })),
        (value) => seen.push(value),
      );
      await refresher.refresh();
      expect(seen).toEqual([undefined]);
    });
  });
});
