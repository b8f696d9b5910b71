/**
 * `npm run bench:thumbnails`: the thumbnailer's full set (3 widths × WebP + JPEG + ThumbHash from
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
import { phoneJpeg, pngBomb } from '../thumbnailer/test-images.js';

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
const source = {
  key: 'uploads/bench/bench-jpg/original.jpg',
  etag: 'bench',
  owner: 'bench',
  id: 'bench-jpg',
};
const mib = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

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
    const result = await createThumbnails(bytes, source, { widths: WIDTHS, maxPixels: 120_000_000 });
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
  for (let i = 0; i < 2; i++) await work(bytes); // warm-up: code paths, thread pool, allocator
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
  const photo12 = await fixture('phone-4032x3024.jpg', () => phoneJpeg(4032, 3024));
  const photo108 = await fixture('photo-12000x9000.jpg', () => phoneJpeg(12_000, 9_000));
  const bomb = await fixture('bomb-20000x20000.png', () => pngBomb());

  const loadBefore = loadavg();
  const full12 = measure('full-set', photo12);
  const seed = measure('seed-720', photo12);
  const perVariant = measure('per-variant', photo12);
  const full108 = measure('full-set', photo108);
  const refusal = measure('bomb', bomb, 51);

  const results = {
    full_set_12mp_ms: full12.medianMs,
    full_set_12mp_peak_mib: full12.peakRssMiB,
    full_set_108mp_ms: full108.medianMs,
    bomb_refusal_ms: refusal.medianMs,
    seed_720_ms: seed.medianMs,
    seed_720_peak_mib: seed.peakRssMiB,
    per_variant_12mp_ms: perVariant.medianMs,
    full_set_108mp_peak_mib: full108.peakRssMiB,
    full_set_12mp_cpu_ms: full12.medianCpuMs,
    full_set_108mp_cpu_ms: full108.medianCpuMs,
    load_average_before: loadBefore[0],
    baseline_rss_mib: full12.baselineRssMiB,
    machine: `${process.platform} ${process.arch}, Node ${process.version}, sharp ${sharp.versions.sharp}, libvips ${sharp.versions.vips}, concurrency ${sharp.concurrency()}`,
    inputs: {
      photo_12mp: `${photo12} (${mib(readFileSync(photo12).length)} MiB, 4032×3024, Display P3, orientation 6, GPS)`,
      photo_108mp: `${photo108} (${mib(readFileSync(photo108).length)} MiB, 12000×9000)`,
      bomb: `${bomb} (${mib(readFileSync(bomb).length)} MiB, 20000×20000 PNG)`,
    },
  };
  const row = (name: string, r: CaseResult, goal: string) =>
    console.log(
      `${name.padEnd(46)} ${`${r.medianMs} ms`.padStart(11)} ${`${r.medianCpuMs} ms`.padStart(11)} ${`${r.peakRssMiB} MiB`.padStart(10)}   ${goal}`,
    );
  console.log(`\nload average before the runs: ${loadBefore.map((n) => n.toFixed(2)).join(' ')} (2 cores)`);
  console.log(
    `${'case (median of warm runs)'.padEnd(46)} ${'wall'.padStart(11)} ${'CPU'.padStart(11)} ${'peak RSS'.padStart(10)}   goal`,
  );
  row('12 MP full set: 6 thumbnails + ThumbHash', full12, '≤ 450 ms, ≤ 300 MiB');
  row('12 MP seed call: resize(720).withMetadata()', seed, '(one output, metadata kept)');
  row('12 MP one decode per variant (6 outputs)', perVariant, '(what one decode avoids)');
  row('108 MP full set', full108, '≤ 1000 ms');
  row('20000×20000 PNG bomb refused', refusal, '< 5 ms');
  console.log(`(baseline RSS of a child before any image: ${full12.baselineRssMiB} MiB)`);
  mkdirSync(join(import.meta.dirname, 'results'), { recursive: true });
  writeFileSync(
    join(import.meta.dirname, 'results', 'thumbnails.json'),
    `${JSON.stringify(results, null, 2)}\n`,
  );
  console.log('Wrote bench/results/thumbnails.json');
}

if (process.argv[2] === '--child') {
  await child(process.argv[3] as Case, process.argv[4]!, Number(process.argv[5]));
} else {
  await main();
}
