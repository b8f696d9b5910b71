/**
 * What every benchmark hands back, and how it is printed and written: one table (printed to the
 * terminal and copied into BENCHMARKS.md), its goals, method notes, and the raw figures written
 * to `bench/results/<name>.json`.
 *
 * A benchmark is a script, `bench/<name>.ts`, that ends with `await publish(report)`. It runs on
 * its own (`npx tsx bench/<name>.ts`) or from `npm run bench`, which runs each in its own process.
 * With `--smoke` (or BENCH_SMOKE=1) it runs every code path briefly, asserts no figure, and writes
 * its JSON to a temporary folder instead of bench/results.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';

export type Cell = string | number;

export interface Goal {
  /** What was promised, e.g. "≤ 16 KB gzip". */
  goal: string;
  /** What was measured, e.g. "15.3 KB". */
  measured: string;
  met: boolean;
}

export interface BenchmarkReport<Data = unknown> {
  /** File name under bench/results/, e.g. "widget-weight". */
  name: string;
  /** Heading of the table, e.g. "1. Widget weight". */
  title: string;
  columns: string[];
  rows: Cell[][];
  goals: Goal[];
  /** How it was measured: one sentence per line, printed under the table. */
  notes: string[];
  /** The raw figures: samples, medians, versions. */
  data: Data;
}

export interface PublishedReport<Data = unknown> extends BenchmarkReport<Data> {
  date: string;
  smoke: boolean;
  loadAverageAtEnd: number;
}

/** True when the benchmark should only prove that it runs: few repetitions, no figures. */
export const smoke = process.argv.includes('--smoke') || process.env.BENCH_SMOKE === '1';

/** Where results go: bench/results, or BENCH_RESULTS_DIR; a smoke run's go to a temporary folder. */
export function resultsDir(): string {
  if (!process.env.BENCH_RESULTS_DIR && smoke) {
    process.env.BENCH_RESULTS_DIR = mkdtempSync(join(tmpdir(), 'bench-smoke-'));
  }
  return process.env.BENCH_RESULTS_DIR ?? join(import.meta.dirname, '..', 'results');
}

/** Prints the report and writes it to `<resultsDir>/<name>.json`. */
export async function publish<Data>(report: BenchmarkReport<Data>): Promise<void> {
  const published: PublishedReport<Data> = {
    ...report,
    date: new Date().toISOString(),
    smoke,
    loadAverageAtEnd: Number(loadavg()[0]!.toFixed(2)),
  };
  console.log(`\n${renderReport(published)}`);
  const dir = resultsDir();
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${report.name}.json`);
  writeFileSync(file, `${JSON.stringify(published, null, 2)}\n`);
  console.log(`wrote ${file}`);
}

/** A goal's row in BENCHMARKS.md's Goals table (bench/run.ts writes it; scripts/mutation.ts updates its own). */
export function goalRow(report: BenchmarkReport, goal: Goal): string {
  return `| ${report.title} | ${goal.goal} | ${goal.measured} | ${goal.met ? '✔ met' : '✘ missed'} |`;
}

/** The report as Markdown: heading, table, goals, notes. Readable in a terminal as it is. */
export function renderReport(report: BenchmarkReport): string {
  const lines = [`### ${report.title}`, '', renderTable(report.columns, report.rows), ''];
  for (const goal of report.goals) {
    lines.push(`- ${goal.met ? '✔' : '✘'} goal ${goal.goal}: ${goal.measured}`);
  }
  if (report.goals.length) lines.push('');
  // Markdown: list items stay together; every other note is its own paragraph.
  for (const note of report.notes) {
    if (note === '') continue;
    if (note.startsWith('- ') && lines.at(-1)?.startsWith('- ')) lines.push(note);
    else lines.push(...(lines.at(-1) === '' ? [] : ['']), note);
  }
  return lines.join('\n').trim() + '\n';
}

/** A Markdown table with columns padded to their widest cell; numbers right-aligned. */
export function renderTable(columns: string[], rows: Cell[][]): string {
  const text = rows.map((row) => row.map((cell) => String(cell)));
  const widths = columns.map((column, i) =>
    Math.max(width(column), 3, ...text.map((row) => width(row[i] ?? ''))),
  );
  const numeric = columns.map((_, i) => rows.length > 0 && rows.every((row) => typeof row[i] === 'number'));
  const pad = (cell: string, i: number) =>
    numeric[i]
      ? cell.padStart(widths[i]! + cell.length - width(cell))
      : cell.padEnd(widths[i]! + cell.length - width(cell));
  const line = (cells: string[]) => `| ${cells.map(pad).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (numeric[i] ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`;
  return [line(columns), rule, ...text.map(line)].join('\n');
}

/** Display width: code points, so "×" and "→" count as one column. */
function width(text: string): number {
  return [...text].length;
}

export function median(values: number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Rounds to `digits` decimals. */
export function round(value: number, digits = 2): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
