import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { budgetMarkdown, total, worstMonth } from './budget.js';
import type { BudgetRow } from './budget.js';
import { resolveConfig } from './config.js';
import type { ImageUploaderConfig } from './config.js';

const BASE: ImageUploaderConfig = { siteOrigins: ['https://example.com'], issuers: [] };
const MONTH = 30 * 24 * 3600;

/** The cells of a Markdown table, trimmed (Prettier pads them to align the columns). */
function cells(markdown: string): string[][] {
  return markdown
    .split('\n')
    .filter((line) => line.startsWith('|') && !/^\|\s*-/.test(line))
    .map((line) =>
      line
        .slice(1, -1)
        .split('|')
        .map((cell) => cell.trim()),
    );
}

function readmeTable(name: string): string {
  const readme = readFileSync(new URL('./README.md', import.meta.url), 'utf8');
  const match = new RegExp(`<!-- worst-month:${name} -->([\\s\\S]*?)<!-- /worst-month:${name} -->`).exec(
    readme,
  );
  if (!match) throw new Error(`deploy/README.md has no worst-month:${name} table`);
  return match[1]!;
}

const usd = (rows: BudgetRow[], part: string): number | null =>
  rows.find((r) => r.part.startsWith(part))!.usd;

describe('worstMonth', () => {
  const defaults = worstMonth(resolveConfig(BASE));

  describe('deploy/README.md, "The worst month"', () => {
    it.each(['user', 'ceiling'] as const)('prints the %s table the defaults compute', (name) => {
      // On failure, paste budgetMarkdown(worstMonth(resolveConfig(BASE))[name]) into the README.
      expect(cells(readmeTable(name))).toEqual(cells(budgetMarkdown(defaults[name])));
    });
  });

  describe('one abusive user', () => {
    it('sends what the WAF rate rule lets one address send, and has 300 files a minute signed', () => {
      // 1000 requests per 5 minutes, 8640 windows; CloudFront $0.01/10k + WAF $0.60/M.
      expect(usd(defaults.user, 'API requests')).toBeCloseTo(8_640_000 * (0.000001 + 0.0000006), 6);
      // 300 × 43 200 uploads, each 14 PUTs and a GET.
      expect(usd(defaults.user, 'S3 requests')).toBeCloseTo(12_960_000 * (14 * 0.000005 + 0.0000004), 6);
    });

    it('keeps only what the quota allows: 1 GiB of originals and 1000 sets of thumbnails', () => {
      expect(usd(defaults.user, 'S3 storage')).toBeCloseTo(((2 ** 30 + 1000 * 1e6) / 2 ** 30) * 0.023, 6);
      const unlimited = worstMonth(resolveConfig({ ...BASE, quota: { bytes: false } }));
      expect(usd(unlimited.user, 'S3 storage')).toBeNull();
      expect(total(unlimited.user).unbounded).toBe(true);
    });

    it('falls back to the signer limit for requests when the stack makes no WAF rule', () => {
      const noWaf = worstMonth(resolveConfig({ ...BASE, cdn: { waf: false } }));
      expect(usd(noWaf.user, 'API requests')).toBeCloseTo(300 * 43_200 * (0.000001 + 0.0000006), 6);
    });

    it('counts egress as unbounded: nothing in the stack caps bytes viewed', () => {
      expect(usd(defaults.user, 'Egress')).toBeNull();
    });
  });

  describe('the ceilings', () => {
    it('bill every reserved thumbnailer busy all month', () => {
      const uploads = (10 * MONTH) / 1;
      const expected = uploads * 0.0000002 + 10 * MONTH * (1769 / 1024) * 0.0000133334;
      expect(usd(defaults.ceiling, 'Thumbnailer Lambda')).toBeCloseTo(expected, 6);
    });

    it('scale with the reserved concurrency and the memory', () => {
      const half = worstMonth(
        resolveConfig({ ...BASE, signer: { concurrency: 25 }, thumbnailer: { concurrency: 5 } }),
      );
      for (const part of [
        'API requests',
        'Signer Lambda',
        'S3 requests',
        'Thumbnailer Lambda',
        'Quota table',
      ]) {
        expect(usd(half.ceiling, part), part).toBeCloseTo(usd(defaults.ceiling, part)! / 2, 4);
      }
      const x86 = worstMonth(resolveConfig({ ...BASE, architecture: 'x86_64' }));
      expect(usd(x86.ceiling, 'Thumbnailer Lambda')!).toBeGreaterThan(
        usd(defaults.ceiling, 'Thumbnailer Lambda')!,
      );
    });

    it('are unbounded without reserved concurrency', () => {
      const open = worstMonth(
        resolveConfig({ ...BASE, signer: { concurrency: false }, thumbnailer: { concurrency: false } }),
      );
      for (const part of [
        'API requests',
        'Signer Lambda',
        'S3 requests',
        'Thumbnailer Lambda',
        'Quota table',
      ]) {
        expect(usd(open.ceiling, part), part).toBeNull();
      }
    });
  });

  describe('budgetMarkdown', () => {
    it('totals the bounded rows and says so', () => {
      const rows: BudgetRow[] = [
        { part: 'a', arithmetic: '1 × $1', usd: 1 },
        { part: 'b', arithmetic: '∞', usd: null },
        { part: 'c', arithmetic: '1234.5', usd: 1234.5 },
      ];
      expect(cells(budgetMarkdown(rows))).toEqual([
        ['Part', 'Arithmetic', 'Per month'],
        ['a', '1 × $1', '$1.00'],
        ['b', '∞', 'unbounded'],
        ['c', '1234.5', '$1,234.50'],
        ['**Total**', 'the bounded rows', '**$1,235.50**'],
      ]);
    });
  });
});
