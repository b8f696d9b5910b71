/**
 * Benchmark 6 (`npm run bench -- thumbnails`): the thumbnailer's full set (3 widths × WebP + JPEG + ThumbHash from
 * one decode) on a 12 MP phone photo and a 108 MP JPEG, the refusal of a 20000×20000 PNG bomb, and
 * the seed tutorial's `sharp(buf).resize(720).withMetadata().toBuffer()` on the same photo.
 *
 * Each case runs in its own child process (as a Lambda would: one image at a time, with
 * `MALLOC_ARENA_MAX=2`), so its peak RSS is its own. Writes bench/results/thumbnails.json.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { createThumbnails } from '../thumbnailer/thumbnail.js';
import { phoneJpeg, pngBomb } from '../thumbnailer/test-support/images.js';
import { median, publish, round, smoke } from './support/report.js';

type Case = 'full-set' | 'seed-720' | 'per-variant' | 'bomb';
interface CaseResult {
  medianMs: number;
  /** CPU time (user + system, all threads) of the median run: steadier than wall time on a busy machine. */
  medianCpuMs: number;
  runs: number;
  peakRssMiB: number;
  /** RSS after loading Node, tsx and sharp, before any image: the floor under peakRssMiB. */
  baselineRssMiB: number;
}

const WIDTHS = [320, 720, 1440];
const RUNS = Number(process.env.BENCH_RUNS ?? 9);
const RUNS_108MP = 5;
const source = {
  key: 'uploads/bench/bench-jpg/original.jpg',
  etag: 'bench',
  owner: 'bench',
  id: 'bench-jpg',
};
const PNG_SOURCE = { ...source, key: 'uploads/bench/bench-png/original.png', id: 'bench-png' };
const mib = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

/** The work each case times, on bytes already in memory. */
const CASES: Record<Case, (bytes: Buffer) => Promise<unknown>> = {
  'full-set': (bytes) => createThumbnails(bytes, source, { widths: WIDTHS, maxPixels: 120_000_000 }),
  // The seed tutorial's call: one output, EXIF/GPS/ICC copied to it.
  'seed-720': (bytes) => sharp(bytes).resize(720).withMetadata().toBuffer(),
  // What the pipeline avoids: one decode per output.
  'per-variant': (bytes) =>
    Promise.all(
      WIDTHS.flatMap((width) =>
        ['webp', 'jpeg'].map((format) =>
          sharp(bytes, { autoOrient: true })
            .resize({ width, withoutEnlargement: true })
            .toFormat(
              format as 'webp' | 'jpeg',
              format === 'webp' ? { quality: 75, effort: 1 } : { quality: 80 },
            )
            .toBuffer(),
        ),
      ),
    ),
  bomb: async (bytes) => {
    // A PNG under a PNG key, so it meets the pixel limit, not the declared-type check.
    const result = await createThumbnails(bytes, PNG_SOURCE, { widths: WIDTHS, maxPixels: 120_000_000 });
    if (result.manifest.status !== 'rejected') throw new Error('The bomb was not refused');
  },
};

/**
 * Peak RSS of this process: VmHWM. Not `resourceUsage().maxRSS`: Linux carries ru_maxrss across
 * exec, so a child would report its parent's peak (here, the fixture generator's).
 */
function peakRssMiB(): number {
  const line = readFileSync('/proc/self/status', 'utf8').match(/^VmHWM:\s+(\d+) kB/m);
  return line ? mib(Number(line[1]) * 1024) : mib(process.resourceUsage().maxRSS * 1024);
}

async function child(kind: Case, file: string, runs: number): Promise<void> {
  sharp.cache(false);
  const bytes = readFileSync(file);
  const baselineRssMiB = mib(process.memoryUsage().rss);
  const work = CASES[kind];
  // Warm-up (code paths, thread pool, allocator), except in a one-run smoke.
  for (let i = 0; i < (runs > 1 ? 2 : 0); i++) await work(bytes);
  const times: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    await work(bytes);
    times.push(performance.now() - started);
    const used = process.cpuUsage(cpuBefore);
    cpu.push((used.user + used.system) / 1000);
  }
  const result: CaseResult = {
    medianMs: Math.round(median(times) * 100) / 100,
    medianCpuMs: Math.round(median(cpu) * 100) / 100,
    runs,
    peakRssMiB: peakRssMiB(),
    baselineRssMiB,
  };
  process.stdout.write(JSON.stringify(result));
}

function measure(kind: Case, file: string, runs = RUNS): CaseResult {
  const output = execFileSync(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', kind, file, String(runs)],
    {
      env: { ...process.env, MALLOC_ARENA_MAX: '2', NODE_NO_WARNINGS: '1' },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 1 << 20,
    },
  );
  return JSON.parse(output) as CaseResult;
}

async function fixture(name: string, make: () => Promise<Buffer> | Buffer): Promise<string> {
  const dir = join(tmpdir(), 'image-uploader-bench-thumbnails');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, name);
  if (!existsSync(file)) writeFileSync(file, await make());
  return file;
}

async function main(): Promise<void> {
  console.log('Making fixtures (cached in the temp folder)…');
  // Smoke: the same code paths on small images, so it takes seconds.
  const [w12, h12, w108, h108] = smoke ? [1200, 900, 2400, 1800] : [4032, 3024, 12_000, 9_000];
  const inputs = {
    '12 MP': await fixture(`phone-${w12}x${h12}.jpg`, () => phoneJpeg(w12, h12)),
    '108 MP': await fixture(`photo-${w108}x${h108}.jpg`, () => phoneJpeg(w108, h108)),
  };
  const bomb = await fixture('bomb-20000x20000.png', () => pngBomb());
  const runs = smoke ? 1 : RUNS;
  const runs108 = smoke ? 1 : RUNS_108MP;

  const loadBefore = loadavg()[0]!;
  const measured: { input: keyof typeof inputs; kind: Case; result: CaseResult }[] = [];
  for (const input of Object.keys(inputs) as (keyof typeof inputs)[]) {
    for (const kind of ['full-set', 'seed-720', 'per-variant'] as const) {
      console.log(`${input}: ${kind}…`);
      measured.push({
        input,
        kind,
        result: measure(kind, inputs[input], input === '12 MP' ? runs : runs108),
      });
    }
  }
  const refusal = measure('bomb', bomb, smoke ? 1 : 51);
  const find = (input: keyof typeof inputs, kind: Case) =>
    measured.find((m) => m.input === input && m.kind === kind)!.result;
  const full12 = find('12 MP', 'full-set');
  const full108 = find('108 MP', 'full-set');

  const label: Record<Case, string> = {
    'full-set': 'ours: 3 widths × WebP + JPEG + ThumbHash, one decode',
    'seed-720': 'seed: resize(720).withMetadata(), one JPEG',
    'per-variant': 'one decode per variant (6 outputs)',
    bomb: '20000×20000 PNG bomb refused',
  };
  const rows = measured.map(({ input, kind, result }) => [
    input,
    label[kind],
    round(result.medianMs, 1),
    round(result.medianCpuMs, 1),
    result.peakRssMiB,
    kind === 'full-set' ? '1×' : `${round(result.medianMs / find(input, 'full-set').medianMs)}×`,
  ]);
  rows.push([
    'bomb',
    label.bomb,
    round(refusal.medianMs, 2),
    round(refusal.medianCpuMs, 2),
    refusal.peakRssMiB,
    '',
  ]);

  await publish({
    name: 'thumbnails',
    title: '6. Thumbnails',
    columns: ['input', 'work', 'wall ms', 'CPU ms', 'peak RSS MiB', 'time vs ours'],
    rows,
    goals: [
      {
        goal: '12 MP full set ≤ 450 ms',
        measured: `${round(full12.medianMs)} ms`,
        met: full12.medianMs <= 450,
      },
      {
        goal: '12 MP full set ≤ 300 MiB peak RSS',
        measured: `${full12.peakRssMiB} MiB`,
        met: full12.peakRssMiB <= 300,
      },
      {
        goal: '108 MP full set ≤ 1 s',
        measured: `${round(full108.medianMs)} ms`,
        met: full108.medianMs <= 1000,
      },
      {
        goal: 'bomb refused in < 5 ms',
        measured: `${round(refusal.medianMs, 2)} ms`,
        met: refusal.medianMs < 5,
      },
    ],
    notes: [
      `Each line runs in its own child process (MALLOC_ARENA_MAX=2, one image at a time, as the Lambda does): 2 warm-up runs, then the median of ${runs} runs (${runs108} for 108 MP); CPU is user + system of all threads; peak RSS is the child's VmHWM, ${full12.baselineRssMiB} MiB of it being Node, tsx and sharp before any image.`,
      `Inputs: ${w12}×${h12} and ${w108}×${h108} JPEGs with sensor-like noise, Display P3, EXIF orientation 6 and GPS (${mib(readFileSync(inputs['12 MP']).length)} MiB and ${mib(readFileSync(inputs['108 MP']).length)} MiB); the bomb is a ${mib(readFileSync(bomb).length)} MiB 20000×20000 PNG.`,
      "The seed's one 720 px JPEG keeps GPS and every other tag; ours strips them, and its six outputs and ThumbHash come from one decode shrunk once to ≤ 1440 px.",
      `sharp ${sharp.versions.sharp}, libvips ${sharp.versions.vips}, ${sharp.concurrency()} libvips threads, Node ${process.version}; load average ${loadBefore.toFixed(2)} before the runs.`,
    ],
    data: {
      measured,
      bomb: refusal,
      loadAverageBefore: loadBefore,
      versions: { sharp: sharp.versions.sharp, vips: sharp.versions.vips, node: process.version },
      inputs,
    },
  });
}

if (process.argv[2] === '--child') {
  await child(process.argv[3] as Case, process.argv[4]!, Number(process.argv[5]));
} else {
  await main();
}
