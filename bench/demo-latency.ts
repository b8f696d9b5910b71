/**
 * Upload-complete → thumbnail-visible in the demo, for a 12 MP phone photo (4032×3024 JPEG with
 * sensor-like noise, EXIF orientation 6 and GPS, ~5 MB), in Debian's Chromium against the whole
 * local stack. The clock starts at the uploader's `upload-success` event and stops at the
 * gallery's `thumbnail-visible` event (its thumbnail `<img>` finished loading).
 *
 * Run: `npx tsx bench/demo-latency.ts [runs=7]`; prints the figures and writes
 * `bench/results/demo-latency.json`.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { launchChromium } from '../e2e/support/browser.js';
import { startDemoEnvironment } from '../e2e/support/demo-environment.js';
import { chooseFiles, waitForGallery, waitForThumbnails } from '../e2e/support/gallery.js';
import { photoJpeg } from '../e2e/support/images.js';
import { recordEvents, recorded } from '../e2e/support/page-events.js';
import { signIn } from '../e2e/support/sign-in.js';

const runs = Number(process.argv[2] ?? 7);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const photo = await photoJpeg('photo-12mp.jpg', { width: 4032, height: 3024, grain: true });
const env = await startDemoEnvironment();
const browser = await launchChromium();
const samples: number[] = [];
const thumbnailerMs: number[] = [];
const loadBefore = loadavg()[0]!;
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
  await recordEvents(page);
  await signIn(page, env.demoUrl + '/', 'bench');
  await waitForGallery(page);
  // One warm-up upload (first decode, JIT, connection set-up), then the measured ones.
  for (let run = 0; run <= runs; run++) {
    await chooseFiles(page, [{ ...photo, name: `photo-12mp-${run}.jpg` }]);
    await waitForThumbnails(page, run + 1);
    await page.waitForFunction((n) => window.__events.visible.length === n, run + 1);
    const { visible } = await recorded(page);
    // The thumbnail trigger logs one line per image: `… → 320.webp … (1234 ms)`.
    const jobMs = Number(
      /\((\d+) ms\)/.exec(env.log.filter((line) => line.includes('.webp')).at(-1) ?? '')?.[1],
    );
    if (run > 0) {
      samples.push(Math.round(visible.at(-1)!.elapsedMs));
      thumbnailerMs.push(jobMs);
    }
  }
} finally {
  await browser.close();
  await env.close();
}

const overhead = samples.map((ms, i) => ms - thumbnailerMs[i]!);
const visible = {
  median: median(samples),
  min: Math.min(...samples),
  max: Math.max(...samples),
  samples,
};
const result = {
  photo_bytes: photo.buffer.length,
  runs: samples.length,
  upload_complete_to_thumbnail_visible_ms: visible,
  /** The thumbnailer job itself (S3 GET, one decode, 6 encodes, 7 PUTs), as the trigger logged it. */
  thumbnailer_job_ms: { median: median(thumbnailerMs), samples: thumbnailerMs },
  /** The rest: the S3 event, the gallery's poll interval, the signer's GET, thumbnail download and decode. */
  rest_ms: { median: median(overhead), samples: overhead },
  load_average_before: Number(loadBefore.toFixed(2)),
};
const mb = (photo.buffer.length / 1e6).toFixed(1);
console.log(`12 MP JPEG (${mb} MB), ${samples.length} runs after one warm-up`);
console.log(
  `upload-complete → thumbnail visible: median ${visible.median} ms (min ${visible.min}, max ${visible.max})`,
);
console.log(
  `  of which the thumbnailer job: median ${result.thumbnailer_job_ms.median} ms; ` +
    `the rest (event, poll, fetch, decode): median ${result.rest_ms.median} ms`,
);
console.log(`  machine load average before the run: ${result.load_average_before}`);
await mkdir('bench/results', { recursive: true });
await writeFile('bench/results/demo-latency.json', JSON.stringify(result, null, 2) + '\n');
