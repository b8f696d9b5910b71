/**
 * `npm run bench`: every benchmark against its competitor, one after the other, each in its own
 * process; prints each table and rewrites BENCHMARKS.md from bench/results/*.json.
 *
 *   npm run bench                       all nine (about 8 minutes on 2 cores)
 *   npm run bench -- signer thumbnails  some of them (by script name); BENCHMARKS.md keeps the rest
 *   npm run bench -- --smoke            every code path briefly, no figures kept (CI)
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem } from 'node:os';
import { join } from 'node:path';
import { ensureCompetitors } from './support/competitors.js';
import { goalRow, renderReport, resultsDir, smoke, type PublishedReport } from './support/report.js';

/** Each script and the reports (bench/results/<name>.json) it writes, in the order of the issue. */
export const BENCHMARKS = [
  { script: 'widget-weight', reports: ['widget-weight'] },
  { script: 'signer', reports: ['signer', 'cold-start'] },
  { script: 'direct-upload', reports: ['direct-upload'] },
  { script: 'upload-throughput', reports: ['upload-throughput'] },
  { script: 'thumbnails', reports: ['thumbnails'] },
  { script: 'thumbnail-latency', reports: ['thumbnail-latency'] },
  { script: 'delivery', reports: ['delivery'] },
  { script: 'events', reports: ['events'] },
  { script: 'jank', reports: ['jank'] },
] as const;

const names = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
const unknown = names.filter((name) => !BENCHMARKS.some((b) => b.script === name));
if (unknown.length) {
  console.error(
    `unknown benchmark ${unknown.join(', ')}; known: ${BENCHMARKS.map((b) => b.script).join(', ')}`,
  );
  process.exit(2);
}
const selected = BENCHMARKS.filter((b) => names.length === 0 || names.includes(b.script));

// wrk loads the servers; Chromium runs the widget and the demo; radosgw is the second S3 of the
// upload-throughput benchmark.
execFileSync(
  'bash',
  [join(import.meta.dirname, '..', 'scripts', 'ensure-system-packages.sh'), 'chromium', 'wrk', 'ceph'],
  {
    stdio: 'inherit',
  },
);
ensureCompetitors();
// Children inherit it, so a smoke run's results all go to the one temporary folder.
process.env.BENCH_RESULTS_DIR = resultsDir();

const started = performance.now();
const failed: string[] = [];
for (const benchmark of selected) {
  console.log(`\n== ${benchmark.script}${smoke ? ' (smoke)' : ''}`);
  const t0 = performance.now();
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, `${benchmark.script}.ts`), ...(smoke ? ['--smoke'] : [])],
    { stdio: 'inherit', env: { ...process.env, NODE_NO_WARNINGS: '1' } },
  );
  console.log(`(${benchmark.script}: ${seconds(performance.now() - t0)})`);
  if (run.status !== 0) failed.push(benchmark.script);
}
const wallTime = seconds(performance.now() - started);
console.log(
  `\n${selected.length} benchmark scripts in ${wallTime}${failed.length ? `; failed: ${failed.join(', ')}` : ''}`,
);

if (!smoke) {
  writeFileSync(join(import.meta.dirname, '..', 'BENCHMARKS.md'), benchmarksMarkdown());
  console.log('wrote BENCHMARKS.md');
}
if (failed.length) process.exitCode = 1;

function benchmarksMarkdown(): string {
  const reports = [...BENCHMARKS.flatMap((b) => b.reports), 'mutation'] // `npm run mutation` writes it
    .map((name) => join(resultsDir(), `${name}.json`))
    .filter((file) => existsSync(file))
    .map((file) => JSON.parse(readFileSync(file, 'utf8')) as PublishedReport);
  const goals = reports.flatMap((report) => report.goals.map((goal) => goalRow(report, goal)));
  return [
    '# Benchmarks',
    '',
    'Each figure is measured against its competitor in the same run, on the same machine, by',
    '`npm run bench` (all nine, about 8 minutes on 2 cores) or `npm run bench -- <script>` for one',
    `(${BENCHMARKS.map((b) => b.script).join(', ')}). The scripts live in \`bench/\`; the competitors are`,
    'installed from `bench/package.json` on first use and never shipped. Raw figures, samples and',
    'versions are in `bench/results/<name>.json`. Machines are noisy: figures are medians of repeated',
    'runs, and the ratios matter more than the absolute numbers.',
    '',
    '## Reproduce',
    '',
    '```sh',
    'npm install',
    'npm run bench                 # all nine, then this file is rewritten',
    'npm run bench -- signer       # one benchmark; the other sections keep their last figures',
    '```',
    '',
    "As root on Debian, `npm run bench` installs what it needs (Chromium, wrk, Ceph's radosgw) with apt;",
    'elsewhere it names them. The load generator and the server under test are pinned to different',
    'cores with taskset.',
    '',
    '## Machine',
    '',
    ...machine().map((line) => `- ${line}`),
    '',
    '## Goals',
    '',
    '| benchmark | goal | measured | |',
    '|---|---|---|---|',
    ...goals,
    '',
    ...reports.flatMap((report) => [
      renderReport(report).replace(/^### /, '## '),
      `_Measured ${report.date.slice(0, 16).replace('T', ' ')} UTC, load average ${report.loadAverageAtEnd} at the end._`,
      '',
    ]),
  ].join('\n');
}

function machine(): string[] {
  const cpu = cpus();
  return [
    `${cpu[0]?.model ?? 'unknown CPU'}, ${cpu.length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Linux ${release()}`,
    `Node ${process.version}, npm ${command('npm', ['--version'])}, ${command('/usr/bin/chromium', ['--version']) || 'no Chromium'}`,
    `written by \`npm run bench${names.length ? ` -- ${names.join(' ')}` : ''}\` on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ${wallTime}, load average ${loadavg()[0]!.toFixed(2)} at the end; each section gives its own date`,
  ];
}

function command(file: string, args: string[]): string {
  try {
    return execFileSync(file, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return '';
  }
}

function seconds(ms: number): string {
  return ms >= 60_000
    ? `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`
    : `${(ms / 1000).toFixed(1)} s`;
}
