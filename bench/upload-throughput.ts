/**
 * Benchmark 5, upload throughput in Chromium: a 200 MB JPEG through the widget (multipart,
 * parallel parts) against one raw `fetch` PUT of the same bytes to the same local S3, and against
 * Uppy's `@uppy/aws-s3` with tickets from the same signer.
 *
 * One stack (s3rver, the OpenID provider, the signer; no thumbnailer) and one headless Chromium;
 * the page (bench/upload-throughput/page.ts) builds the file itself and times each upload. One
 * warm-up each, then rounds of raw → widget → Uppy; every object is checked by HEAD and deleted.
 *
 * Run: `npx tsx bench/upload-throughput.ts [--smoke]` (smoke: 12 MB in 5 MiB parts, one run each).
 */
import { DeleteObjectCommand, HeadObjectCommand } from '@aws-sdk/client-s3';
import sharp from 'sharp';
import type { SinglePutTicket, UploadSlot } from '../contract/api.js';
import { launchChromium } from '../e2e/support/browser.js';
import { localS3Client } from '../demo/stack/local-s3.js';
import { startStack, type Stack } from '../demo/stack/start-stack.js';
import { ensureWidgetBuild } from '../demo/widget-build.js';
import { createApp } from '../signer/app.js';
import { loadConfig } from '../signer/config.js';
import { competitorVersion, ensureCompetitors, ownVersion } from './support/competitors.js';
import { median, publish, round, smoke } from './support/report.js';
import { startPageServer } from './upload-throughput/page-server.js';
import type { Timed } from './upload-throughput/page.js';

const MB = 1e6;
const MIB = 1024 * 1024;
const SIZE = smoke ? 12 * MB : 200 * MB;
const RUNS = smoke ? 1 : Number(process.env.BENCH_RUNS ?? 5);
/** The signer's defaults (16 MiB, 8 MiB) for the full run; smaller so 12 MB still goes multipart. */
const THRESHOLD = smoke ? 5 * MIB : 16 * MIB;
const PART_SIZE = smoke ? 5 * MIB : 8 * MIB;
const PART_CONCURRENCY = 4; // the widget's default `part-concurrency`
const SIGNER_ENV = {
  UPLOAD_MAX_BYTES: String(256 * MIB),
  MULTIPART_THRESHOLD_BYTES: String(THRESHOLD),
  MULTIPART_PART_SIZE_BYTES: String(PART_SIZE),
  // Uppy signs one part per request; the default 120/min would throttle it mid-run.
  RATE_LIMIT_PER_MINUTE: '1000000',
};
const CONTESTANTS = ['raw', 'widget', 'uppy'] as const;
type Contestant = (typeof CONTESTANTS)[number];

ensureCompetitors();
ensureWidgetBuild();
// A real JPEG without metadata, 1600×1200 (under max-dimension): the widget passes it through as is.
const seed = await sharp({ create: { width: 1600, height: 1200, channels: 3, background: '#3b5bdb' } })
  .jpeg({ quality: 85 })
  .toBuffer();

const samples: Record<Contestant, number[]> = { raw: [], widget: [], uppy: [] };
const warmUp: Partial<Record<Contestant, number>> = {};
/** Widget and Uppy: when the last byte was sent (before the multipart upload was completed). */
const sentMs: Record<'widget' | 'uppy', number[]> = { widget: [], uppy: [] };
const log: string[] = [];
const pageErrors: string[] = [];
const chromium = { version: '' };

const pages = await startPageServer(seed);
let stack: Stack | undefined;
try {
  stack = await startStack({
    siteOrigins: [pages.origin],
    signerEnv: SIGNER_ENV,
    thumbnails: false,
    log: (line) => log.push(line),
  });
  const { s3 } = stack;
  const client = localS3Client(s3);
  const token = await stack.login('bench');
  // The raw PUT's ticket: the same signer app, S3 and IdP, with multipart off for this size.
  const rawSigner = createApp(
    loadConfig({
      S3_BUCKET: s3.bucket,
      S3_REGION: s3.region,
      S3_ENDPOINT: s3.endpoint,
      S3_FORCE_PATH_STYLE: 'true',
      S3_ACCESS_KEY_ID: s3.accessKeyId,
      S3_SECRET_ACCESS_KEY: s3.secretAccessKey,
      AUTH_ISSUERS: JSON.stringify([{ issuer: stack.idp.issuer, audience: stack.audience }]),
      ...SIGNER_ENV,
      MULTIPART_THRESHOLD_BYTES: String(5 * 1024 * MIB),
    }),
    { logError: (message, error) => log.push(`${message} ${String(error)}`) },
  );
  const singlePut = async (name: string): Promise<SinglePutTicket> => {
    const response = await rawSigner.request('/v1/uploads', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ files: [{ name, type: 'image/jpeg', size: SIZE }] }),
    });
    const slot = ((await response.json()) as { uploads: UploadSlot[] }).uploads[0]!;
    if (!('url' in slot)) throw new Error(`expected a single-PUT ticket, got ${JSON.stringify(slot)}`);
    return slot;
  };

  const browser = await launchChromium();
  try {
    chromium.version = browser.version();
    const page = await browser.newPage();
    page.on('pageerror', (error) => pageErrors.push(String(error)));
    await page.goto(`${pages.origin}/`);
    await page.waitForFunction(() => 'bench' in window);
    await page.evaluate((options) => window.bench.setup(options), {
      seedUrl: '/seed.jpg',
      size: SIZE,
      signerUrl: stack.signerUrl,
      token,
      partSize: PART_SIZE,
    });

    /** Runs one upload in the page, checks the stored size, deletes the object; returns its timing. */
    const upload = async (who: Contestant, name: string): Promise<Timed> => {
      let timed: Timed;
      if (who === 'raw') {
        const ticket = await singlePut(name);
        const ms = await page.evaluate(([n, t]) => window.bench.raw(n, t), [name, ticket] as const);
        timed = { ms, key: ticket.key };
      } else if (who === 'widget') timed = await page.evaluate((n) => window.bench.widget(n), name);
      else timed = await page.evaluate((n) => window.bench.uppy(n), name);
      const head = await client.send(new HeadObjectCommand({ Bucket: s3.bucket, Key: timed.key }));
      if (head.ContentLength !== SIZE)
        throw new Error(`${who}: stored ${head.ContentLength} bytes of ${SIZE} (${timed.key})`);
      await client.send(new DeleteObjectCommand({ Bucket: s3.bucket, Key: timed.key }));
      return timed;
    };

    if (!smoke) for (const who of CONTESTANTS) warmUp[who] = round((await upload(who, `warm-${who}.jpg`)).ms);
    for (let run = 1; run <= RUNS; run++) {
      for (const who of CONTESTANTS) {
        const timed = await upload(who, `run-${run}-${who}.jpg`);
        samples[who].push(round(timed.ms));
        if (who !== 'raw' && timed.sentMs !== undefined) sentMs[who].push(round(timed.sentMs));
        console.log(`run ${run} ${who}: ${(timed.ms / 1000).toFixed(2)} s`);
      }
    }
  } finally {
    await browser.close();
  }
} catch (error) {
  console.error([...log.slice(-20), ...pageErrors].join('\n'));
  throw error;
} finally {
  await stack?.close();
  await pages.close();
}

const medianMs = Object.fromEntries(CONTESTANTS.map((who) => [who, median(samples[who])])) as Record<
  Contestant,
  number
>;
const mbPerSecond = (ms: number): number => SIZE / MB / (ms / 1000);
const ratio = (who: Contestant): number => mbPerSecond(medianMs[who]) / mbPerSecond(medianMs.raw);
const partCount = Math.ceil(SIZE / PART_SIZE);
const uppyVersion = competitorVersion('@uppy/aws-s3');
const label: Record<Contestant, string> = {
  raw: 'raw fetch PUT (one request)',
  widget: `image-uploader (${partCount} parts, ${PART_CONCURRENCY} at once)`,
  uppy: `Uppy @uppy/aws-s3 ${uppyVersion} (${partCount} parts, one at a time)`,
};
const widgetRatio = ratio('widget');
/** Medians of the two phases: until the last byte was sent, and from there to done (the completion). */
const split = (who: 'widget' | 'uppy'): string => {
  const sent = median(sentMs[who]);
  const completing = median(samples[who].map((ms, run) => ms - (sentMs[who][run] ?? NaN)));
  const sentRatio = medianMs.raw / sent;
  return `${who === 'widget' ? 'the widget' : 'Uppy'} ${(sent / 1000).toFixed(2)} s to the last byte (${mbPerSecond(sent).toFixed(1)} MB/s, ${sentRatio.toFixed(2)}× raw), ${(completing / 1000).toFixed(2)} s from there to done`;
};

await publish({
  name: 'upload-throughput',
  title: '5. Upload throughput in Chromium',
  columns: ['contestant', 'median s', 'MB/s', 'vs raw fetch', 'runs'],
  rows: CONTESTANTS.map((who) => [
    label[who],
    round(medianMs[who] / 1000, 2),
    round(mbPerSecond(medianMs[who]), 1),
    `${ratio(who).toFixed(2)}×`,
    samples[who].length,
  ]),
  goals: [
    {
      goal: 'widget ≥ 0.9× raw fetch throughput',
      measured: `${widgetRatio.toFixed(2)}× (${mbPerSecond(medianMs.widget).toFixed(1)} vs ${mbPerSecond(medianMs.raw).toFixed(1)} MB/s)`,
      met: widgetRatio >= 0.9,
    },
  ],
  notes: [
    `File: ${SIZE / MB} MB (${SIZE} bytes; MB = 10^6 bytes here, MB/s = 10^6 bytes per second): a real 1600×1200 JPEG without metadata (${seed.length} bytes) followed by pseudo-random filler, built once in the page as a Blob; each run wraps it in a new File (new name, no copy), so no run resumes another.`,
    `What the widget did with it (defaults: EXIF removal on, max-dimension 4096): walked the JPEG header, found no EXIF/XMP/IPTC and passed the file through untouched; read 1600×1200 from the SOF header, so no decode and no downscale; hashed the first 64 KiB for its resume fingerprint; decoded a 160 px preview in its Worker while uploading. Every stored object was HEAD-checked at ${SIZE} bytes.`,
    `Widget: the signer's multipart ticket, ${PART_SIZE / MIB} MiB parts (${partCount}), part-concurrency ${PART_CONCURRENCY} (default), part URLs signed in one batch, XHR PUTs of Blob slices, completed through the signer.`,
    `Uppy ${competitorVersion('@uppy/core')} + @uppy/aws-s3 ${uppyVersion} in companionEndpoint mode, its Companion routes answered in the page by bench/upload-throughput/companion-adapter.ts from our signer's routes with the same token (create → POST /v1/uploads, one POST …/parts per part, complete, abort); getChunkSize ${PART_SIZE / MIB} MiB, so the same parts. @uppy/aws-s3 6 uploads one file's parts one after another (its \`limit\` counts files); its signRequest mode would need S3's CreateMultipartUpload and CompleteMultipartUpload presigned, which our signer does itself instead.`,
    `Raw: one fetch(url, { method: 'PUT', body: file }) with a single-PUT ticket from a second instance of our signer app (same S3, IdP and token; multipart threshold raised), timed from fetch() to the response; the ticket is fetched before the clock starts. Widget: addFiles() → upload-success; Uppy: addFile() → upload() resolved. Both include their signer calls and the completion (s3rver concatenates the parts on disk).`,
    `Where the multipart time goes (medians): ${split('widget')}; ${split('uppy')}. s3rver completes an upload by reading its part files back and writing them out again as one object with an MD5, a cost a single PUT does not pay on this store.`,
    `${smoke ? 'Smoke: one run each, no warm-up' : `One warm-up each, then ${RUNS} rounds of raw → widget → Uppy`}; medians. Everything local: headless Chromium ${chromium.version}, loopback HTTP/1.1, s3rver ${ownVersion('s3rver')} writing to a temporary folder on disk, signer and IdP in the same Node process as s3rver, 2 cores shared with whatever else runs; signer rate limit raised for Uppy's per-part signing.`,
  ],
  data: {
    file_bytes: SIZE,
    seed_jpeg_bytes: seed.length,
    part_size_bytes: PART_SIZE,
    parts: partCount,
    multipart_threshold_bytes: THRESHOLD,
    widget_part_concurrency: PART_CONCURRENCY,
    uppy_parts_in_flight: 1,
    runs: RUNS,
    samples_ms: samples,
    warm_up_ms: warmUp,
    last_byte_sent_ms: sentMs,
    median_ms: medianMs,
    mb_per_s: Object.fromEntries(CONTESTANTS.map((who) => [who, round(mbPerSecond(medianMs[who]), 1)])),
    vs_raw: Object.fromEntries(CONTESTANTS.map((who) => [who, round(ratio(who), 3)])),
    versions: {
      chromium: chromium.version,
      '@uppy/core': competitorVersion('@uppy/core'),
      '@uppy/aws-s3': uppyVersion,
      lit: ownVersion('lit'),
      s3rver: ownVersion('s3rver'),
    },
  },
});
