/**
 * `npm run mutation`: StrykerJS over `signer/`, `thumbnailer/` and `contract/` (stryker.config.mjs),
 * then `bench/results/mutation.json`: the mutation score per folder and per file, and every mutant
 * no test detected (survived or not covered) with its file:line, mutator, and the reason it is left
 * (from bench/mutation-equivalents.json, keyed by a stable id; `null` when nobody has judged it yet).
 * Exits 1 when a goal folder is under its score or has a survivor without a reason.
 *
 *   nice -n 15 npm run mutation                      # incremental: re-tests only what changed
 *   npm run mutation -- --mutate 'thumbnailer/*.ts'    # one folder, its .ts files (Stryker cannot parse a README); any Stryker option is passed on
 *   npm run mutation -- --report-only                # only re-derive the JSON from the last report
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { calculateMetrics } from 'mutation-testing-metrics';
import type { FileResult, MutantResult, MutationTestResult } from 'mutation-testing-report-schema';
import { format, resolveConfig } from 'prettier';
import { goalRow, renderReport, type PublishedReport } from '../bench/support/report.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const REPORT = `${root}reports/mutation/mutation.json`;
const REASONS = `${root}bench/mutation-equivalents.json`;
const RESULT = `${root}bench/results/mutation.json`;
const BENCHMARKS_MD = `${root}BENCHMARKS.md`;

/** Folders whose score the project holds at {@link GOAL} or more (issue 18). */
const GOAL_FOLDERS = ['signer/auth/', 'signer/routes/', 'signer/storage/', 'thumbnailer/'];
/** The other folders reported; `signer/` alone counts its top-level files only. */
const FOLDERS = [...GOAL_FOLDERS, 'signer/', 'contract/'];
const GOAL = 90;

/**
 * Why a mutant no test detects is left: it changes nothing observable, nothing that matters, or
 * only what S3 itself refuses, which a radosgw-lane test proves (the mutation lane runs the node
 * project: s3rver accepts what radosgw refuses, and radosgw is too slow to start per mutant).
 */
interface Reason {
  kind: 'equivalent' | 'harmless' | 'radosgw-only';
  reason: string;
}

/** A mutant no test detected, as bench/results/mutation.json lists it. */
interface Survivor {
  id: string;
  file: string;
  line: number;
  column: number;
  mutator: string;
  status: string;
  original: string;
  replacement: string;
  kind: Reason['kind'] | null;
  reason: string | null;
}

const undetected = new Set(['Survived', 'NoCoverage']);

/** The text a mutant replaces (the report's locations are 1-based lines and columns). */
function originalText(source: string, { location: { start, end } }: MutantResult): string {
  const lines = source.split('\n').slice(start.line - 1, end.line);
  if (lines.length === 1) return lines[0]!.slice(start.column - 1, end.column - 1);
  lines[0] = lines[0]!.slice(start.column - 1);
  lines[lines.length - 1] = lines.at(-1)!.slice(0, end.column - 1);
  return lines.join('\n');
}

/**
 * A mutant's id that survives edits elsewhere in the file (Stryker's own ids are run-local
 * counters): the file, the mutator, a hash of the original text and its replacement, and which
 * occurrence of that same change in the file it is.
 */
function stableIds(file: string, result: FileResult): Map<MutantResult, string> {
  const seen = new Map<string, number>();
  const ids = new Map<MutantResult, string>();
  const ordered = [...result.mutants].sort(
    (a, b) =>
      a.location.start.line - b.location.start.line || a.location.start.column - b.location.start.column,
  );
  for (const mutant of ordered) {
    const digest = createHash('sha256')
      .update(`${originalText(result.source, mutant)}\u0000${mutant.replacement ?? ''}`)
      .digest('hex')
      .slice(0, 10);
    const key = `${file}#${mutant.mutatorName}#${digest}`;
    const occurrence = (seen.get(key) ?? 0) + 1;
    seen.set(key, occurrence);
    ids.set(mutant, occurrence === 1 ? key : `${key}#${occurrence}`);
  }
  return ids;
}

function inFolder(file: string, folder: string): boolean {
  if (folder === 'signer/') return file.startsWith(folder) && !file.slice(folder.length).includes('/');
  return file.startsWith(folder);
}

/** The files stryker.config.mjs mutates in `folder`: its sources, less tests, test support and entries. */
function sourcesIn(folder: string): string[] {
  return readdirSync(`${root}${folder}`, { recursive: true, encoding: 'utf8' })
    .map((name) => `${folder}${name}`)
    .filter((file) => inFolder(file, folder) && file.endsWith('.ts') && !/\.(test|d)\.ts$/.test(file))
    .filter((file) => !/(^|\/)(test-support|dist|node_modules)\//.test(file))
    .filter(
      (file) =>
        !/^(signer|thumbnailer|contract)\/index\.ts$/.test(file) &&
        !['signer/node.ts', 'thumbnailer/handler.ts'].includes(file),
    );
}

function score(files: Record<string, FileResult>) {
  const { metrics } = calculateMetrics(files);
  return {
    score: Number.isNaN(metrics.mutationScore) ? null : Math.round(metrics.mutationScore * 100) / 100,
    mutants: metrics.totalValid,
    killed: metrics.killed,
    timeout: metrics.timeout,
    survived: metrics.survived,
    noCoverage: metrics.noCoverage,
    errors: metrics.totalInvalid,
  };
}

/** Reads the last Stryker report and the reasons file, and writes bench/results/mutation.json. */
export async function writeMutationResult(run: { seconds: number | null; args: string[] }): Promise<boolean> {
  const stryker = JSON.parse(await readFile(REPORT, 'utf8')) as MutationTestResult;
  const reasons = JSON.parse(await readFile(REASONS, 'utf8')) as Record<string, Reason>;
  const files = Object.fromEntries(Object.entries(stryker.files).sort(([a], [b]) => a.localeCompare(b)));

  const survivors: Survivor[] = [];
  for (const [file, result] of Object.entries(files)) {
    const ids = stableIds(file, result);
    for (const mutant of result.mutants) {
      if (!undetected.has(mutant.status)) continue;
      const id = ids.get(mutant)!;
      survivors.push({
        id,
        file,
        line: mutant.location.start.line,
        column: mutant.location.start.column,
        mutator: mutant.mutatorName,
        status: mutant.status,
        original: originalText(result.source, mutant),
        replacement: mutant.replacement ?? '',
        kind: reasons[id]?.kind ?? null,
        reason: reasons[id]?.reason ?? null,
      });
    }
  }
  survivors.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);

  const pick = (test: (file: string) => boolean) =>
    Object.fromEntries(Object.entries(files).filter(([file]) => test(file)));
  const folders = Object.fromEntries(
    FOLDERS.map((folder) => {
      const figures = score(pick((file) => inFolder(file, folder)));
      const goal = GOAL_FOLDERS.includes(folder) ? GOAL : null;
      const unexplained = survivors.filter((s) => inFolder(s.file, folder) && s.reason === null).length;
      const run = Object.keys(files).filter((file) => inFolder(file, folder)).length;
      const total = sourcesIn(folder).length;
      return [
        folder,
        { ...figures, goal, unexplained, filesRun: `${run} of ${total}`, filesComplete: run === total },
      ];
    }),
  );
  const perFile = Object.fromEntries(
    Object.keys(files).map((file) => [file, score({ [file]: files[file]! })]),
  );

  const stale = Object.keys(reasons).filter((id) => !survivors.some((s) => s.id === id));
  const percent = (value: number | null) => (value === null ? 'not run' : `${value.toFixed(1)} %`);
  const report: PublishedReport = {
    name: 'mutation',
    title: '10. Mutation score',
    columns: [
      'folder',
      'files run',
      'score',
      'mutants',
      'killed',
      'timed out',
      'survived',
      'no coverage',
      'left, with a reason',
    ],
    rows: Object.entries(folders).map(([folder, f]) => [
      folder === 'signer/' ? 'signer/ (top-level files)' : folder,
      f.filesRun,
      percent(f.score),
      f.mutants,
      f.killed,
      f.timeout,
      f.survived,
      f.noCoverage,
      f.survived + f.noCoverage - f.unexplained,
    ]),
    goals: GOAL_FOLDERS.map((folder) => {
      const f = folders[folder]!;
      return {
        goal: `${folder} ≥ ${GOAL} %, every survivor explained`,
        measured: `${percent(f.score)}, ${f.unexplained} unexplained, ${f.filesRun} files run`,
        // Met only once every file of the folder has been mutated.
        met: f.score !== null && f.score >= GOAL && f.unexplained === 0 && f.filesComplete,
      };
    }),
    notes: [
      'StrykerJS with the Vitest runner (vitest.mutation.config.ts: the node-lane tests of signer/, thumbnailer/ and contract/, against s3rver and the real OpenID provider), the TypeScript checker (mutants that do not compile are left out of the score) and per-test coverage; stryker.config.mjs.',
      'Score: detected (killed or timed out) ÷ valid mutants, "no coverage" counting as undetected. Per-file scores and every undetected mutant, with file:line, mutator and the reason it is left, are in `bench/results/mutation.json`; the reasons in `bench/mutation-equivalents.json`, keyed by an id that survives edits elsewhere in the file.',
      `Last run: \`npm run mutation${run.args.length ? ` -- ${run.args.join(' ')}` : ''}\`${run.seconds === null ? '' : `, ${run.seconds} s wall time`} (incremental: mutants whose code and covering tests did not change keep their result).`,
      'Where the time goes (measured on signer/auth/, 6 files, 457 mutants, 2 cores shared with four other sessions\' test runs, load average 10–18, `nice -n 10`): the TypeScript checker (tsconfig.mutation.json: the mutated folders and what they import, 19 s for a full check where tsconfig.json takes 34 s) and the initial test run with coverage (270–336 tests, 41–51 s) start once per pass; then the mutants. 51 % of them are "static" to Stryker: the tests reach them while building an app in a `beforeAll`, so with the previous settings each ran all 270 tests (41 s, the initial run) instead of the few that cover it; the first 8 mutants took 83 s, and the static ones alone came to about 233 × 41 s ≈ 2.7 h for this folder. Now the first pass runs every mutant with its covering tests only (`ignoreStatic`): signer/auth/ took 37 min 35 s for 446 mutants (about 5 s each, compile errors included, which cost the checker only); the second pass runs the static survivors of the first with every test. The other costs are fixed: Vitest starts the covering test files again for each mutant, and those start their OpenID provider or s3rver in `beforeAll`.',
      'The incremental file, `bench/mutation-incremental.json`, is committed: a fresh clone then re-tests only the mutants whose code or covering tests changed (reports/ and .stryker-tmp/ are ignored).',
      "The widget's upload engine is not mutated: its tests run in Chromium under @web/test-runner, which StrykerJS has no runner for.",
    ],
    data: {
      tool: `StrykerJS ${stryker.framework?.version ?? ''}`.trim(),
      node: process.version,
      run,
      total: score(files),
      folders,
      files: perFile,
      survivors,
      staleReasons: stale,
    },
    date: new Date().toISOString(),
    smoke: false,
    loadAverageAtEnd: Number(loadavg()[0]!.toFixed(2)),
  };
  const options = await resolveConfig(RESULT);
  await writeFile(RESULT, await format(JSON.stringify(report), { ...options, filepath: RESULT }));
  await writeBenchmarksSection(report);

  let ok = true;
  for (const [folder, f] of Object.entries(folders)) {
    const line = `${folder.padEnd(16)} ${f.score === null ? '   —' : f.score.toFixed(2).padStart(6)}%  ${f.mutants} mutants, ${f.survived + f.noCoverage} undetected (${f.unexplained} without a reason)`;
    console.log(line);
    if (f.goal !== null && f.score !== null && (f.score < f.goal || f.unexplained > 0)) ok = false;
  }
  for (const id of stale) console.warn(`a reason for a mutant that no longer survives: ${id}`);
  console.log(`wrote ${RESULT}`);
  return ok;
}

/**
 * Puts the report's section into BENCHMARKS.md, as `npm run bench` writes it (bench/run.ts), in
 * place of the last one, so the rest of the file keeps its figures.
 */
async function writeBenchmarksSection(report: PublishedReport): Promise<void> {
  const section = [
    renderReport(report).replace(/^### /, '## '),
    `_Measured ${report.date.slice(0, 16).replace('T', ' ')} UTC, load average ${report.loadAverageAtEnd} at the end._`,
    '',
  ].join('\n');
  // Its rows of the Goals table too, which bench/run.ts writes from every report.
  const rows = report.goals.map((goal) => goalRow(report, goal));
  const lines = (await readFile(BENCHMARKS_MD, 'utf8')).split('\n');
  const first = lines.findIndex((line) => line.startsWith(`| ${report.title} |`));
  if (first !== -1) {
    const count = lines.filter((line) => line.startsWith(`| ${report.title} |`)).length;
    lines.splice(first, count, ...rows);
  }
  const text = lines.join('\n');
  const heading = `## ${report.title}\n`;
  const start = text.indexOf(heading);
  if (start === -1) {
    await writeFile(BENCHMARKS_MD, `${text.trimEnd()}\n\n${section}`);
    return;
  }
  const next = text.indexOf('\n## ', start + heading.length);
  await writeFile(BENCHMARKS_MD, text.slice(0, start) + section + (next === -1 ? '' : text.slice(next + 1)));
}

/**
 * Stryker's `--mutate` replaces the config's list, exclusions included: a folder's glob would then
 * mutate its tests and test support too. Appends the config's exclusions (its `!` patterns) to it.
 */
async function withExclusions(args: string[]): Promise<string[]> {
  const config = (await import(new URL('../stryker.config.mjs', import.meta.url).href)) as {
    default: { mutate: string[] };
  };
  // The CLI splits its list at commas, so a `{a,b}` group is written out as one glob per name.
  const excluded = config.default.mutate
    .filter((glob) => glob.startsWith('!'))
    .flatMap((glob) => {
      const group = /\{([^}]*)\}/.exec(glob);
      return group ? group[1]!.split(',').map((name) => glob.replace(group[0], name)) : [glob];
    });
  return args.map((arg, index) => {
    if (arg.startsWith('--mutate=')) return `${arg},${excluded.join(',')}`;
    if (args[index - 1] === '--mutate' || args[index - 1] === '-m') return `${arg},${excluded.join(',')}`;
    return arg;
  });
}

/** Drops from the incremental file the static mutants no test detected, so the next run tests them. */
async function forgetStaticSurvivors(): Promise<void> {
  const file = `${root}bench/mutation-incremental.json`;
  const incremental = JSON.parse(await readFile(file, 'utf8')) as MutationTestResult;
  for (const result of Object.values(incremental.files)) {
    result.mutants = result.mutants.filter((mutant) => !(mutant.static && undetected.has(mutant.status)));
  }
  await writeFile(file, JSON.stringify(incremental, null, 2));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2).filter((arg) => arg !== '--report-only');
  // A re-derived report keeps the figures of the run that made it.
  let seconds: number | null = null;
  let runArgs = args;
  if (!process.argv.includes('--report-only')) {
    const started = performance.now();
    const stryker = await withExclusions(args);
    // Two passes over one incremental file. A mutant the tests also reach while a file loads or in
    // a `beforeAll` (most of the signer: apps are built there) is "static" to Stryker, which then
    // runs every test for it, 20–40 s each. The first pass (`ignoreStatic`) runs such a mutant with
    // only the tests that cover it, with the mutant switched on after the files loaded: a kill is a
    // kill, but a survivor may be one whose change was made at load, before the switch (a regular
    // expression or a Set at the top of a module). The second pass forgets those survivors and
    // runs each with every test, the mutant in place from the start; it reuses everything else.
    const passes = args.includes('--ignoreStatic') ? [stryker] : [[...stryker, '--ignoreStatic'], stryker];
    for (const [index, pass] of passes.entries()) {
      if (index === 1) await forgetStaticSurvivors();
      const run = spawnSync('npx', ['stryker', 'run', ...pass], { cwd: root, stdio: 'inherit' });
      if (run.status !== 0) process.exit(run.status ?? 1);
    }
    seconds = Math.round((performance.now() - started) / 1000);
    console.log(`stryker: ${seconds} s`);
  }
  if (process.argv.includes('--report-only')) {
    const last = JSON.parse(await readFile(RESULT, 'utf8').catch(() => '{}')) as {
      data?: { run?: { seconds: number | null; args: string[] } };
    };
    seconds = last.data?.run?.seconds ?? null;
    runArgs = last.data?.run?.args ?? [];
  }
  if (!(await writeMutationResult({ seconds, args: runArgs }))) {
    console.error(
      `a goal folder is under ${GOAL}% or has survivors without a reason (bench/mutation-equivalents.json)`,
    );
    process.exitCode = 1;
  }
}
