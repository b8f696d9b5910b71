/**
 * Benchmark 8 (`npm run bench -- delivery`): showing a 720 px WebP thumbnail in Chromium, with the
 * HTTP cache on, through the local CDN (a public image: one stable URL, `Cache-Control: public,
 * max-age=31536000, immutable`) against a presigned S3 GET (a private image: a URL signed anew by
 * every listing, `Cache-Control: private, max-age=<lifetime>`), first view and repeat views.
 *
 * Per S3 (s3rver, then radosgw) one stack; a user signs in and uploads a 12 MP phone photo twice
 * through the signer's API (one public, one private), and the thumbnailer makes their thumbnails.
 * Then one persistent Chromium profile (an on-disk HTTP cache, as a user's browser has) opens N
 * views, each a new tab on a page of its own origin that adds the `<img>`:
 *   - the public image's CDN URL, the same every view;
 *   - the private image with a fresh listing per view (a new presigned URL, as a reload gets);
 *   - the private image's first presigned URL reused (what the cache could do within a lifetime).
 * Per view: milliseconds from setting `src` to `onload`, and where Chromium got the bytes (network,
 * disk or memory cache) with the bytes it received, from the DevTools protocol's Network events:
 * Resource Timing's `transferSize` is 0 for every cross-origin image without `Timing-Allow-Origin`,
 * cached or not, so it cannot tell them apart here.
 *
 * Run: `npx tsx bench/delivery.ts [--smoke]` (smoke: 2 views, a smaller photo, s3rver only).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type {
  CreateUploadsResponse,
  ImageSummary,
  ListImagesResponse,
  SinglePutTicket,
} from '../contract/api.js';
import type { Visibility } from '../contract/visibility.js';
import { launchPersistentChromium } from '../e2e/support/browser.js';
import { photoJpeg } from '../e2e/support/images.js';
import type { S3Backend } from '../stack/s3-backend.js';
import { startStack, type Stack } from '../stack/start-stack.js';
import { viewImage, type ImageView } from './support/view-image.js';
import { median, publish, smoke } from './support/report.js';
import { serveLocal, type LocalServer } from './support/serve-local.js';

const VIEWS = smoke ? 2 : Number(process.env.BENCH_RUNS ?? 10);
const BACKENDS: readonly S3Backend[] = smoke ? ['s3rver'] : ['s3rver', 'radosgw'];
const WIDTH = 720;
const WAYS = {
  public: 'public, CDN URL (the same every view)',
  fresh: 'private, presigned S3 GET from a fresh listing per view',
  reused: 'private, one presigned URL reused (within its lifetime)',
} as const;
type Way = keyof typeof WAYS;

const photo = smoke
  ? await photoJpeg('photo.jpg', { width: 1600, height: 1200 })
  : await photoJpeg('photo-12mp.jpg', { width: 4032, height: 3024, grain: true });
const pages = await startPageServer();
const loadBefore = loadavg()[0]!;
const results = {} as Record<S3Backend, Record<Way, ImageView[]> & { thumbnailBytes: number }>;
let chromiumVersion = '';
try {
  for (const backend of BACKENDS) {
    results[backend] = await onBackend(backend);
    console.log(`${backend}: ${VIEWS} views each`);
  }
} finally {
  await pages.close();
}

async function onBackend(backend: S3Backend): Promise<(typeof results)[S3Backend]> {
  const stack = await startStack({ backend, log: () => {}, siteOrigins: [pages.origin] });
  const profile = await mkdtemp(join(tmpdir(), 'delivery-profile-'));
  try {
    const headers = { authorization: `Bearer ${await stack.login('bench')}` };
    const publicId = await upload(stack, headers, 'public');
    const privateId = await upload(stack, headers, 'private');
    await stack.thumbnailsIdle();
    const publicUrl = await thumbnailUrl(stack, headers, publicId);
    // Signed before the views, so that its first view fetches it as the fresh ones do.
    const reusedUrl = await thumbnailUrl(stack, headers, privateId);
    if (!publicUrl.startsWith(`${stack.cdnUrl}/public/`)) throw new Error(`not a CDN URL: ${publicUrl}`);

    const context = await launchPersistentChromium(profile);
    const views: Record<Way, ImageView[]> = { public: [], fresh: [], reused: [] };
    try {
      chromiumVersion ||= (await context.browser()?.version()) ?? '';
      // Warm-up, not measured: one 320 px WebP from each origin, so that no first view pays for the
      // browser's first tab, the first connection to an origin or the local CDN's first S3 call.
      for (const id of [publicId, privateId]) {
        await viewImage(context, pages.origin, await thumbnailUrl(stack, headers, id, 320));
      }
      let signedAt = Date.now();
      // Interleaved, so that a slow moment of the machine falls on all three alike.
      for (let view = 0; view < VIEWS; view++) {
        views.public.push(await viewImage(context, pages.origin, publicUrl));
        // SigV4 dates have whole seconds: listings within one second sign the same URL. A reload
        // comes later than that, so each listing here waits for a second after the last one's.
        await new Promise((resolve) =>
          setTimeout(resolve, (Math.floor(signedAt / 1000) + 1) * 1000 - Date.now()),
        );
        const signed = await thumbnailUrl(stack, headers, privateId);
        signedAt = Date.now();
        views.fresh.push(await viewImage(context, pages.origin, signed));
        views.reused.push(await viewImage(context, pages.origin, reusedUrl));
      }
    } finally {
      await context.close();
    }
    const distinct = new Set([reusedUrl, ...views.fresh.map((v) => v.url)]).size;
    if (distinct !== VIEWS + 1)
      throw new Error(`expected ${VIEWS + 1} distinct presigned URLs, got ${distinct}`);
    const shown = Object.values(views).flat();
    if (shown.some((v) => v.naturalWidth !== WIDTH))
      throw new Error(`an image did not show ${WIDTH} px wide`);
    // Signatures and credentials stay out of the results (STYLE.md); the signing time shows the URLs differ.
    const kept = (list: ImageView[]) => list.map((v) => ({ ...v, url: withoutSignature(v.url) }));
    return {
      public: kept(views.public),
      fresh: kept(views.fresh),
      reused: kept(views.reused),
      thumbnailBytes: views.public[0]!.bodyBytes,
    };
  } finally {
    await stack.close();
    await rm(profile, { recursive: true, force: true });
  }
}

/** Uploads the photo through the signer's API (one PUT with the ticket's headers); returns its id. */
async function upload(
  stack: Stack,
  headers: Record<string, string>,
  visibility: Visibility,
): Promise<string> {
  const created = await fetch(`${stack.signerUrl}/v1/uploads`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify({
      files: [{ name: photo.name, type: photo.mimeType, size: photo.buffer.length, visibility }],
    }),
  });
  if (created.status !== 201) throw new Error(`POST /v1/uploads answered ${created.status}`);
  const ticket = ((await created.json()) as CreateUploadsResponse).uploads[0] as SinglePutTicket;
  // fetch sets content-length itself and refuses one given.
  const { 'content-length': _, ...putHeaders } = ticket.headers;
  const put = await fetch(ticket.url, {
    method: 'PUT',
    headers: putHeaders,
    body: new Uint8Array(photo.buffer),
  });
  if (!put.ok) throw new Error(`PUT of the ${visibility} photo answered ${put.status}`);
  return ticket.id;
}

/** A fresh listing (`GET /v1/images`), and the WebP URL it gives for image `id` (720 px by default). */
async function thumbnailUrl(
  stack: Stack,
  headers: Record<string, string>,
  id: string,
  width = WIDTH,
): Promise<string> {
  const response = await fetch(`${stack.signerUrl}/v1/images`, { headers });
  const image = ((await response.json()) as ListImagesResponse).images.find((i: ImageSummary) => i.id === id);
  const thumbnail = image?.thumbnails.find((t) => t.width === width && t.format === 'webp');
  if (!thumbnail) throw new Error(`image ${id} has no ${width} px WebP (status ${image?.status})`);
  return thumbnail.url;
}

/** `url` with only its signing time left of a presigned query: no signature, no credential. */
function withoutSignature(url: string): string {
  const parsed = new URL(url);
  const date = parsed.searchParams.get('X-Amz-Date');
  parsed.search = date ? `X-Amz-Date=${date}` : '';
  return parsed.href;
}

/** A blank page on an origin of its own (neither the CDN's nor the S3's), where the images are shown. */
function startPageServer(): Promise<LocalServer> {
  return serveLocal((_, response) => {
    response
      .writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' })
      .end(
        '<!doctype html><html lang="en"><meta charset="utf-8"><title>delivery</title><body></body></html>',
      );
  });
}

const summary = (views: ImageView[]) => {
  const repeats = views.slice(1);
  return {
    firstMs: views[0]!.loadMs,
    repeatMedianMs: median(repeats.map((v) => v.loadMs)),
    repeatsFromCache: repeats.filter((v) => v.source !== 'network').length,
    repeats: repeats.length,
    firstBytes: views[0]!.transferBytes,
    totalBytes: views.reduce((sum, v) => sum + v.transferBytes, 0),
  };
};
const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
const ms = (value: number) => Math.round(value * 10) / 10;
const publicCached = BACKENDS.map((backend) => summary(results[backend].public));
const cpu = cpus();
const cachedAsPromised = publicCached.every(
  (s) => s.repeats > 0 && s.repeatsFromCache === s.repeats && s.totalBytes === s.firstBytes,
);

await publish({
  name: 'delivery',
  title: '8. Delivery: a 720 px thumbnail, CDN vs presigned S3 GET',
  columns: [
    'S3',
    'image, URL',
    'first view ms',
    'repeat views ms (median)',
    'repeats from cache',
    'first view bytes',
    `bytes, ${VIEWS} views`,
  ],
  rows: BACKENDS.flatMap((backend) =>
    (Object.keys(WAYS) as Way[]).map((way) => {
      const s = summary(results[backend][way]);
      return [
        backend,
        WAYS[way],
        ms(s.firstMs),
        ms(s.repeatMedianMs),
        `${s.repeatsFromCache} of ${s.repeats}`,
        kb(s.firstBytes),
        kb(s.totalBytes),
      ];
    }),
  ),
  goals: [
    {
      goal: 'repeat views of a public image come from the cache (transferSize 0)',
      measured: BACKENDS.map(
        (backend, i) =>
          `${publicCached[i]!.repeatsFromCache} of ${publicCached[i]!.repeats} from the cache, ${publicCached[i]!.totalBytes - publicCached[i]!.firstBytes} bytes after the first view on ${backend}`,
      ).join('; '),
      met: cachedAsPromised,
    },
  ],
  notes: [
    `Debian's Chromium ${chromiumVersion} (headless, a persistent profile in a temporary folder: its HTTP cache on disk, as a user's) against the whole local stack per S3 (${BACKENDS.join(', ')}; oidc-provider, the signer, the thumbnailer, the local CDN), on ${cpu[0]?.model ?? 'an unknown CPU'}, ${cpu.length} cores; load average ${loadBefore.toFixed(2)} before the runs.`,
    `The image: the ${WIDTH} px WebP the thumbnailer made from a ${kb(photo.buffer.length)} ${smoke ? '1600×1200' : '12 MP (4032×3024, sensor-like noise, EXIF orientation 6)'} JPEG uploaded through the signer's API, ${kb(results[BACKENDS[0]!].thumbnailBytes)} on the wire. ${VIEWS} views each, interleaved; each view is a new tab on a blank page of a third origin that adds the <img>; ms from setting src to onload. One warm-up view of each image's 320 px WebP comes first (first tab, first connection to each origin, the local CDN's first S3 call), so a first view here is a first view of that image in a warm browser. The first view of each fetches from the S3 (through the local CDN for the public one, which reads S3 as CloudFront's origin access does and caches nothing itself; CloudFront's edge cache would come on top).`,
    `"from cache": Chromium's DevTools Network events say the response came from its disk or memory cache; bytes are what it received over the network (headers and body, 0 from the cache), the figure Resource Timing's transferSize gives for same-origin or Timing-Allow-Origin images (cross-origin without it, transferSize is 0 whether cached or not, so it is not used).`,
    'Everything runs on loopback: no round trip and no bandwidth limit, so the time a fetch costs over a real network (a round trip or more, plus the bytes) is what the cache saves on top of the figures here; the bytes column is what a visitor pays whatever the network.',
    `The private image's fresh listings were at least a second apart (SigV4 signs whole seconds, so listings within one second hand out the same URL); the signer's listing itself (GET /v1/images, which a page of private images needs on every load) is not in the figures.`,
  ],
  data: {
    views: VIEWS,
    backends: BACKENDS,
    photoBytes: photo.buffer.length,
    chromium: chromiumVersion,
    loadAverageBefore: loadBefore,
    summary: Object.fromEntries(
      BACKENDS.map((backend) => [
        backend,
        Object.fromEntries((Object.keys(WAYS) as Way[]).map((way) => [way, summary(results[backend][way])])),
      ]),
    ),
    samples: results,
  },
});
// Not a timing but a behaviour: a smoke run (`npm test`) fails when Chromium fetches a public
// image again, e.g. because the CDN's Cache-Control changed.
if (smoke && !cachedAsPromised) process.exitCode = 1;
