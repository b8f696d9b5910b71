/**
 * Benchmark 9 (`npm run bench -- events`): upload finished → webhook received → wall updated, on
 * the stack `npm start` runs (s3rver, the thumbnailer on its events, the webhook queue, the demo's
 * app server) with the public wall open in Debian's Chromium, as an anonymous visitor.
 *
 * Per image: a signed-in user's public 1600×1200 JPEG through the signer's API (`POST /v1/uploads`,
 * then the PUT). The clock starts when the PUT's response arrives and reads, on one epoch clock
 * (`performance.timeOrigin + performance.now()` in Node and in the page):
 *   - thumbnails written and `image.ready` queued (the stack's thumbnailer log line),
 *   - the webhook verified and stored by the app server (its log line, written once on disk),
 *   - the image's tile in the wall's DOM (a MutationObserver in the page).
 *
 * Median of BENCH_RUNS (10) after one warm-up; writes bench/results/events.json.
 * Run: `npx tsx bench/events.ts [--smoke]` (smoke: one image, no warm-up).
 */
import { loadavg } from 'node:os';
import { launchChromium } from '../e2e/support/browser.js';
import { startDemoEnvironment } from '../e2e/support/demo-environment.js';
import { photoJpeg } from '../e2e/support/images.js';
import { uploadThroughSigner } from '../stack/test-support/upload-through-signer.js';
import { median, publish, round, smoke } from './support/report.js';

const runs = smoke ? 1 : Number(process.env.BENCH_RUNS ?? 10);
const warmUps = smoke ? 0 : 1;
const GOAL_MS = 1000;

const now = () => performance.timeOrigin + performance.now();
/** When each image's lines were logged, by image id. */
const thumbnailed = new Map<string, number>();
const stored = new Map<string, number>();
const env = await startDemoEnvironment({
  webhooks: true,
  onLog(line) {
    const at = now();
    const id =
      /^thumbnailer: uploads\/[^/]+\/([^/]+)\/original\.\w+ → /.exec(line)?.[1] ??
      /^\[app-server\] webhook \S+ image\.ready (\S+): applied$/.exec(line)?.[1];
    if (id === undefined) return;
    (line.startsWith('thumbnailer') ? thumbnailed : stored).set(id, at);
  },
});
const browser = await launchChromium();
const photo = await photoJpeg('photo.jpg', { width: 1600, height: 1200 });
const loadBefore = loadavg()[0]!;

interface Sample {
  thumbnailsMs: number;
  webhookMs: number;
  wallMs: number;
}
const samples: Sample[] = [];
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
  await page.goto(`${env.demoUrl}/wall.html`);
  await page
    .locator('public-wall ul.grid[data-status="live"][aria-busy="false"]')
    .waitFor({ state: 'attached' });
  // When each tile first appears in the wall's DOM, on the page's epoch clock.
  await page.evaluate(() => {
    const seen: Record<string, number> = {};
    (window as unknown as { seen: typeof seen }).seen = seen;
    const list = document.querySelector('public-wall')!.shadowRoot!.querySelector('ul')!;
    new MutationObserver(() => {
      for (const li of list.querySelectorAll('li'))
        seen[li.dataset.id!] ??= performance.timeOrigin + performance.now();
    }).observe(list, { childList: true });
  });
  const token = await env.stack.login('bench');
  for (let run = 1 - warmUps; run <= runs; run++) {
    const { id } = await uploadThroughSigner(env.stack.signerUrl, token, {
      name: `photo-${run}.jpg`,
      type: photo.mimeType,
      visibility: 'public',
      body: new Uint8Array(photo.buffer),
    });
    const putAnswered = now();
    await page.locator(`public-wall li[data-id="${id}"]`).waitFor({ state: 'attached', timeout: 30_000 });
    const seen = await page.evaluate(
      (key) => (window as unknown as { seen: Record<string, number> }).seen[key]!,
      id,
    );
    if (run > 0) {
      samples.push({
        thumbnailsMs: thumbnailed.get(id)! - putAnswered,
        webhookMs: stored.get(id)! - putAnswered,
        wallMs: seen - putAnswered,
      });
    }
  }
} finally {
  await browser.close();
  await env.close();
}

const stats = (values: number[]) => ({
  median: round(median(values), 1),
  min: round(Math.min(...values), 1),
  max: round(Math.max(...values), 1),
  samples: values.map((value) => round(value, 1)),
});
const thumbnails = stats(samples.map((s) => s.thumbnailsMs));
const webhook = stats(samples.map((s) => s.webhookMs));
const wall = stats(samples.map((s) => s.wallMs));
const eventPath = stats(samples.map((s) => s.wallMs - s.thumbnailsMs));
await publish({
  name: 'events',
  title: '9. Upload finished → webhook → wall updated',
  columns: ['from the PUT’s response to …', 'median ms', 'min ms', 'max ms'],
  rows: [
    ['thumbnails written, image.ready queued', thumbnails.median, thumbnails.min, thumbnails.max],
    ['webhook verified and stored by the app server', webhook.median, webhook.min, webhook.max],
    ['tile on the public wall (another browser, anonymous)', wall.median, wall.min, wall.max],
    [
      '  of it: the event path (queue, webhook, store, SSE, DOM)',
      eventPath.median,
      eventPath.min,
      eventPath.max,
    ],
  ],
  goals: [
    {
      goal: '≤ 1 s upload finished → wall updated (median)',
      measured: `${wall.median} ms (median of ${samples.length})`,
      met: wall.median <= GOAL_MS,
    },
  ],
  notes: [
    `The stack npm start runs (s3rver, oidc-provider, signer, the thumbnailer on s3rver's events, the webhook queue, the demo's app server), with the public wall page open in Debian's Chromium in an anonymous context. A signed-in user uploads a ${(photo.buffer.length / 1e3).toFixed(0)} kB 1600×1200 public JPEG through the signer's API, ${samples.length}× after ${warmUps} warm-up upload, one at a time.`,
    "The clock starts when the PUT's response arrives and stops at the stack's thumbnailer log line, the app server's log line for the stored webhook (Standard Webhooks, verified with standardwebhooks, written to its store on disk) and the tile's first appearance in the wall's DOM (MutationObserver), all on one epoch clock (performance.timeOrigin + performance.now()).",
    'The thumbnailer makes 6 thumbnails and 6 public copies before it announces the image, so most of the time is its job; the event path row is the rest.',
    'No competitor here: Uploadthing calls back from its own servers, Uppy and FilePond tell the server nothing.',
    `Load average ${loadBefore.toFixed(2)} before the runs.`,
  ],
  data: {
    photoBytes: photo.buffer.length,
    runs: samples.length,
    putToThumbnailsMs: thumbnails,
    putToWebhookStoredMs: webhook,
    putToWallMs: wall,
    eventPathMs: eventPath,
    loadAverageBefore: loadBefore,
  },
});
