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
    if (run > 0) samples.push(Math.round(visible.at(-1)!.elapsedMs));
  }
} finally {
  await browser.close();
  await env.close();
}

const result = {
  photo_bytes: photo.buffer.length,
  runs: samples.length,
  upload_complete_to_thumbnail_visible_ms: {
    median: median(samples),
    min: Math.min(...samples),
    max: Math.max(...samples),
    samples,
  },
};
console.log(
  `12 MP JPEG (${(photo.buffer.length / 1e6).toFixed(1)} MB), ${samples.length} runs after one warm-up`,
);
console.log(
  `upload-complete → thumbnail visible: median ${result.upload_complete_to_thumbnail_visible_ms.median} ms (min ${result.upload_complete_to_thumbnail_visible_ms.min}, max ${result.upload_complete_to_thumbnail_visible_ms.max})`,
);
console.log(
  'thumbnailer log:',
  env.log
    .filter((line) => line.includes('photo') || line.includes('ms'))
    .slice(-3)
    .join(' | '),
);
await mkdir('bench/results', { recursive: true });
await writeFile('bench/results/demo-latency.json', JSON.stringify(result, null, 2) + '\n');
