/**
 * The gallery's usage bar: what `GET /v1/usage` says the signed-in user keeps (stored plus
 * reserved by uploads still under way) against their quota, one meter per limited unit, and the
 * refresh that keeps it current without flooding the signer (100 uploads finishing at once ask
 * once or twice, not 100 times: the signer's rate limit counts requests).
 */
import type { UsageResponse } from '../../contract/index.js';

/** One meter of the bar: a unit with a limit. */
export interface UsageRow {
  unit: 'bytes' | 'images';
  /** Stored plus reserved. */
  value: number;
  limit: number;
  /** The meter's label, e.g. `Storage` or `Images`. */
  label: string;
  /** What the meter says in words, e.g. `1.5 MB of 10 MB`: its text and accessible value. */
  text: string;
}

const LABELS = { bytes: 'Storage', images: 'Images' } as const;

/** Bytes in decimal units, as storage is sold (`1.5 MB`); whole bytes below 1 kB. */
export function formatBytes(bytes: number, locale?: string): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return new Intl.NumberFormat(locale, {
    style: 'unit',
    unit: units[unit],
    unitDisplay: unit ? 'short' : 'long',
    maximumFractionDigits: value < 10 && unit ? 1 : 0,
  }).format(value);
}

/**
 * The meters to show for `usage`: one per unit with a limit (none when the user is unlimited, so
 * the bar is hidden), in the order bytes, images.
 */
export function usageRows(usage: UsageResponse, locale?: string): UsageRow[] {
  return (['bytes', 'images'] as const).flatMap((unit) => {
    const { used, reserved, limit } = usage[unit];
    if (limit === null) return [];
    const value = used + reserved;
    const say = (n: number) =>
      unit === 'bytes' ? formatBytes(n, locale) : new Intl.NumberFormat(locale).format(n);
    return [{ unit, value, limit, label: LABELS[unit], text: `${say(value)} of ${say(limit)}` }];
  });
}

/** What {@link createUsageRefresher} returns. */
export interface UsageRefresher {
  /**
   * Asks for the usage again: at once when nothing is asked, else once more when the request in
   * flight (and the interval after it) is over, however often it is called meanwhile. Resolves when
   * that answer is in.
   */
  refresh(): Promise<void>;
}

/** The least time between two usage requests, in milliseconds (default of `createUsageRefresher`). */
export const USAGE_INTERVAL_MS = 1000;

/**
 * Keeps the usage current through `load` (`GET /v1/usage`): one request at a time, at least
 * `interval` ms apart, and at most one waiting, so a burst of refreshes (a hundred uploads
 * finishing) costs a request a second, not one each. `onUsage` gets each answer, or `undefined`
 * when the signer has none to give (an older signer without the route, or an error): the bar is
 * then hidden rather than wrong.
 */
export function createUsageRefresher(
  load: () => Promise<UsageResponse>,
  onUsage: (usage: UsageResponse | undefined) => void,
  interval = USAGE_INTERVAL_MS,
): UsageRefresher {
  // The request in flight and the pause after it; the refresh waiting for them.
  let busy: Promise<unknown> | undefined;
  let next: Promise<void> | undefined;
  const refresh = (): Promise<void> => {
    if (busy) {
      return (next ??= busy.then(() => {
        next = undefined;
        return refresh();
      }));
    }
    const answered = load().then(onUsage, () => onUsage(undefined));
    const pause = new Promise((resolve) => setTimeout(resolve, interval));
    busy = Promise.all([answered, pause]).then(() => (busy = undefined));
    return answered;
  };
  return { refresh };
}
