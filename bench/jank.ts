/**
 * Benchmark 11, jank: what adding 100 camera photos at once does to the page's main thread, for
 * `<image-uploader>` (script-tag build), Uppy (Dashboard + AWS S3) and FilePond (image preview),
 * in one headless Chromium, against one local S3 (s3rver) and one signer, in the same run.
 *
 * Each run opens a fresh page, picks the photos in its `<input type="file" multiple>` (disk-backed
 * files, as a user's are), creates one uploader and hands it every file at once
 * (bench/jank/page.ts); the page collects its long tasks (Long Tasks API, buffered) from that
 * moment until every upload settled and the main thread stayed quiet for 1 s. Meanwhile Node
 * samples the page's JavaScript heap and its renderer's resident memory (bench/jank/memory.ts).
 * Every stored object is checked by HEAD and deleted after the run. Rounds of widget → Uppy →
 * FilePond; medians.
 *
 * Run: `npx tsx bench/jank.ts [--smoke]` (smoke: 6 photos of 1600×1200, one run each).
 * `BENCH_RUNS=3` rounds (default 3); `BENCH_JANK_ONLY=widget` runs only the widget (or a
 * comma-separated list) and writes nothing; `BENCH_JANK_TRACE=1` also records a Chrome trace of every run
 * into `.local/bench-jank/` and prints what its long tasks were (bench/jank/trace-summary.ts);
 * tracing slows the page, so its figures are not the benchmark's.
 */
import { DeleteObjectsCommand, HeadObjectCommand } from '@aws-sdk/client-s3';
import { mkdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { launchChromium } from '../e2e/support/browser.js';
import { localS3Client } from '../stack/local-s3.js';
import { startStack } from '../stack/start-stack.js';
import { ensureWidgetBuild } from '../stack/widget-build.js';
import { competitorVersion, ensureCompetitors } from './support/competitors.js';
import { median, publish, round, smoke } from './support/report.js';
import { rendererPids, sampleMemory, type MemoryPeaks } from './jank/memory.js';
import { UPLOADERS, type JankRun, type UploaderName } from './jank/page-api.js';
import { startPageServer } from './jank/page-server.js';
import { ensurePhotos } from './jank/photos.js';
import { summariseProfile, summariseTrace } from './jank/trace-summary.js';

const COUNT = smoke ? 6 : 100;
const [WIDTH, HEIGHT] = smoke ? [1600, 1200] : [4000, 3000];
const RUNS = smoke ? 1 : Number(process.env.BENCH_RUNS ?? 3);
const TRACE = process.env.BENCH_JANK_TRACE === '1';
/** `BENCH_JANK_ONLY=widget` (or a comma-separated list) runs only those and writes no report. */
const ONLY = process.env.BENCH_JANK_ONLY?.split(',');
const RUN = UPLOADERS.filter((who) => !ONLY || ONLY.includes(who));
const LOCAL = join(import.meta.dirname, '..', '.local');
/** A long task blocks input for what it lasts beyond this (TBT, as Lighthouse counts it). */
const BLOCKING_MS = 50;

ensureCompetitors();
ensureWidgetBuild();
const loadBefore = loadavg()[0]!;
console.log(`photos: ${COUNT} × ${WIDTH}×${HEIGHT} (written once into .local/bench-photos/)`);
const photos = await ensurePhotos(join(LOCAL, 'bench-photos'), COUNT, WIDTH, HEIGHT);

interface Sample extends MemoryPeaks {
  longestMs: number;
  tbtMs: number;
  longTasks: number;
  wallMs: number;
  windowMs: number;
}
const samples = Object.fromEntries(UPLOADERS.map((who) => [who, [] as Sample[]])) as Record<
  UploaderName,
  Sample[]
>;
const profiles: string[] = [];
const traces: Partial<Record<UploaderName, string[]>> = {};
const chromium = { version: '' };

const pages = await startPageServer();
const stack = await startStack({
  siteOrigins: [pages.origin],
  thumbnails: false,
  // Uppy and FilePond ask the signer once per file; the default 120 a minute would throttle them.
  signerEnv: { RATE_LIMIT_PER_MINUTE: '1000000' },
  log: () => undefined,
});
const client = localS3Client(stack.s3);
try {
  const browser = await launchChromium();
  try {
    chromium.version = browser.version();
    for (let run = 1; run <= RUNS; run++) {
      for (const who of RUN) {
        const token = await stack.login('jank');
        const before = await rendererPids(browser);
        const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
        const pageErrors: string[] = [];
        page.on('pageerror', (error) => pageErrors.push(String(error)));
        try {
          await page.goto(`${pages.origin}/`);
          await page.waitForFunction(() => 'jank' in window);
          await page.setInputFiles('#picked', photos.paths);
          const pids = [...(await rendererPids(browser))].filter((pid) => !before.has(pid));
          let tracePath: string | undefined;
          if (TRACE) {
            mkdirSync(join(LOCAL, 'bench-jank'), { recursive: true });
            tracePath = join(LOCAL, 'bench-jank', `trace-${who}-${run}.json`);
            await browser.startTracing(page, {
              path: tracePath,
              categories: [
                'devtools.timeline',
                'disabled-by-default-devtools.timeline',
                'v8.execute',
                'blink',
                'v8',
              ],
            });
          }
          const profiler = TRACE ? await page.context().newCDPSession(page) : undefined;
          if (profiler) {
            await profiler.send('Profiler.enable');
            await profiler.send('Profiler.setSamplingInterval', { interval: 500 });
            await profiler.send('Profiler.start');
          }
          const memory = await sampleMemory(page, pids);
          const result: JankRun = await page.evaluate(([name, setup]) => window.jank.run(name, setup), [
            who,
            { signerUrl: stack.signerUrl, token },
          ] as const);
          const peaks = await memory.stop();
          if (profiler) {
            const { profile } = await profiler.send('Profiler.stop');
            profiles.push(`${who} ${run}, main-thread CPU profile, self time:\n${summariseProfile(profile)}`);
          }
          if (tracePath) {
            await browser.stopTracing();
            (traces[who] ??= []).push(tracePath);
          }
          if (result.failed || result.succeeded !== COUNT)
            throw new Error(`${who}: ${result.succeeded} of ${COUNT} uploaded; ${result.errors.join('; ')}`);
          await checkAndDelete(result.keys);
          const sample: Sample = {
            longestMs: Math.max(0, ...result.longTasks.map((task) => task.duration)),
            tbtMs: result.longTasks.reduce((sum, task) => sum + Math.max(0, task.duration - BLOCKING_MS), 0),
            longTasks: result.longTasks.length,
            wallMs: result.wallMs,
            windowMs: result.windowMs,
            ...peaks,
          };
          samples[who].push(sample);
          console.log(
            `run ${run} ${who}: longest ${round(sample.longestMs)} ms, TBT ${round(sample.tbtMs)} ms in ${sample.longTasks} long tasks, ${(sample.wallMs / 1000).toFixed(1)} s, heap ${round(peaks.jsHeapMiB, 1)} MiB, renderer ${round(peaks.rendererRssMiB, 0)} MiB (${pids.length} processes), load ${loadavg()[0]!.toFixed(2)}`,
          );
        } catch (error) {
          console.error(pageErrors.join('\n'));
          throw error;
        } finally {
          await page.close();
        }
      }
    }
  } finally {
    await browser.close();
  }
} finally {
  await stack.close();
  await pages.close();
}

/** Checks that every object is stored whole, then deletes them (so the S3 stays small). */
async function checkAndDelete(keys: string[]): Promise<void> {
  for (const key of keys) {
    const head = await client.send(new HeadObjectCommand({ Bucket: stack.s3.bucket, Key: key }));
    if (!head.ContentLength) throw new Error(`${key}: stored empty`);
  }
  for (let i = 0; i < keys.length; i += 1000)
    await client.send(
      new DeleteObjectsCommand({
        Bucket: stack.s3.bucket,
        Delete: { Objects: keys.slice(i, i + 1000).map((Key) => ({ Key })) },
      }),
    );
}

if (TRACE)
  for (const [who, paths] of Object.entries(traces))
    for (const path of paths) console.log(`\n${who}: ${path}\n${summariseTrace(path)}`);
for (const profile of profiles) console.log(`\n${profile}`);

const med = (who: UploaderName, field: keyof Sample): number => median(samples[who].map((s) => s[field]));
const label: Record<UploaderName, string> = {
  widget: 'image-uploader (script-tag build)',
  uppy: `Uppy ${competitorVersion('@uppy/core')} (Dashboard + AWS S3)`,
  filepond: `FilePond ${competitorVersion('filepond')} (+ image preview)`,
};
const ms = (value: number): string => (value === 0 ? 'none over 50' : `${round(value)} ms`);
const others = UPLOADERS.filter((who) => who !== 'widget');
const best = others.reduce((a, b) => (med(a, 'tbtMs') <= med(b, 'tbtMs') ? a : b));
const tbtRatio = med('widget', 'tbtMs') === 0 ? Infinity : med(best, 'tbtMs') / med('widget', 'tbtMs');
const mb = photos.bytes / photos.paths.length / 1e6;

if (ONLY) console.log('BENCH_JANK_ONLY: no report written');
else
  await publish({
    name: 'jank',
    title: '11. Jank: 100 photos added at once',
    columns: [
      'uploader',
      'longest task ms',
      'total blocking time ms',
      'long tasks',
      'until all settled s',
      'JS heap peak MiB',
      'renderer RSS peak MiB',
      'runs',
    ],
    rows: UPLOADERS.map((who) => [
      label[who],
      round(med(who, 'longestMs')),
      round(med(who, 'tbtMs')),
      med(who, 'longTasks'),
      round(med(who, 'wallMs') / 1000, 1),
      round(med(who, 'jsHeapMiB'), 1),
      round(med(who, 'rendererRssMiB'), 0),
      samples[who].length,
    ]),
    goals: [
      {
        goal: 'our longest task ≤ 50 ms',
        measured: ms(med('widget', 'longestMs')),
        met: med('widget', 'longestMs') <= BLOCKING_MS,
      },
      {
        goal: '≥ 5× less total blocking time than the best of Uppy and FilePond',
        measured: `${Number.isFinite(tbtRatio) ? `${tbtRatio.toFixed(1)}×` : 'none at all'} (${round(med('widget', 'tbtMs'))} ms vs ${label[best].split(' (')[0]} ${round(med(best, 'tbtMs'))} ms)`,
        met: tbtRatio >= 5,
      },
    ],
    notes: [
      `Photos: ${photos.paths.length} camera-like JPEGs of ${WIDTH}×${HEIGHT} (${(WIDTH * HEIGHT) / 1e6} MP), ${mb.toFixed(1)} MB each on average (${(photos.bytes / 1e6).toFixed(0)} MB in all): a smooth random scene with sensor-like noise at quality 90, with EXIF (make, model, GPS position), written once by sharp into .local/bench-photos/ (bench/jank/photos.ts). Picked in the page's file input, so disk-backed Files, and handed to each uploader at once by its API: \`addFiles(files)\` (widget), \`uppy.addFiles()\` (Uppy, autoProceed), \`pond.addFiles()\` (FilePond, instant upload).`,
      `Each uploader with its defaults and the previews a site shows: the widget's 160 px previews (made in its Worker), its GPS removal (the JPEG's EXIF cut out without re-encoding), 3 files at once, tickets asked in batches; Uppy's Dashboard inline (600 px high, its thumbnail generator on, as by default) and @uppy/aws-s3 ${competitorVersion('@uppy/aws-s3')} with \`signRequest\` answered from our signer (one request per file), ${6} files at once (its default limit); FilePond with filepond-plugin-image-preview ${competitorVersion('filepond-plugin-image-preview')} and a \`server.process\` function that asks our signer for the file's ticket and PUTs it with XMLHttpRequest (FilePond's own progress, load and error callbacks), 2 at once (its default maxParallelUploads). All three PUT each photo straight to the same S3 (s3rver) with a presigned URL from the same signer; the widget also removes the GPS position first, the others upload the file as picked.`,
      `Long tasks: the Long Tasks API (PerformanceObserver, type longtask, buffered), from the task that added the files until every upload settled (succeeded or failed) and then no long task for 1 s (at most 15 s more: previews drawn after the last upload count). Total blocking time = Σ (duration − 50 ms) over them. "until all settled": from adding to the last upload's end. Memory, sampled from Node every 250 ms: JSHeapUsedSize from CDP Performance.getMetrics (the page's main-thread heap; a Worker's is not in it) and the resident memory of the page's renderer process (/proc VmRSS of the renderer CDP's SystemInfo.getProcessInfo listed when the page opened; Workers and decoded images included).`,
      `${smoke ? 'Smoke: one run each' : `${RUNS} rounds of widget → Uppy → FilePond, each run in a fresh page`}; medians. Headless Chromium ${chromium.version} (Debian), viewport 1280×800, loopback HTTP/1.1, s3rver in the benchmark's Node process, 2 cores shared with whatever else runs: load average ${loadBefore.toFixed(2)} before the runs, ${loadavg()[0]!.toFixed(2)} after.`,
    ],
    data: {
      photos: { count: photos.paths.length, width: WIDTH, height: HEIGHT, bytes: photos.bytes },
      samples,
      versions: {
        uppy: competitorVersion('@uppy/core'),
        uppyDashboard: competitorVersion('@uppy/dashboard'),
        uppyAwsS3: competitorVersion('@uppy/aws-s3'),
        filepond: competitorVersion('filepond'),
        filepondImagePreview: competitorVersion('filepond-plugin-image-preview'),
        chromium: chromium.version,
      },
      loadAverage: { before: loadBefore, after: loadavg()[0] },
    },
  });
