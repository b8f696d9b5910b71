/**
 * Resume after a reload, as a person meets it: a large photo is uploading in parts on a slow
 * line, the page is reloaded after the first part landed (cutting the other parts off mid-body),
 * the same file is chosen again, and only the parts S3 does not hold are sent. The page reaches
 * the signer and S3 through widget/test-support's fault proxy, which slows the parts down and
 * logs every request. `S3_BACKEND=radosgw` runs it on Ceph radosgw.
 */
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localS3Client } from '../stack/local-s3.js';
import type { LogEntry } from '../widget/test-support/fault-proxy.js';
import { launchChromium } from './support/browser.js';
import { startDemoEnvironment, type DemoEnvironment } from './support/demo-environment.js';
import { chooseFiles, waitForGallery } from './support/gallery.js';
import { recordEvents, recorded } from './support/page-events.js';
import { signIn } from './support/sign-in.js';

const MIB = 1024 * 1024;
const PART_SIZE = 8 * MIB;

let env: DemoEnvironment;
let browser: Browser;
let folder: string;
let photo: { path: string; bytes: Buffer };

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'image-uploader-e2e-'));
  // Noise does not compress: a 2950 × 2950 RGB PNG is about 26 MB, four parts of 8 MiB. A PNG is
  // sent as it is (no metadata to strip, under the 4096 px downscaling limit), so the stored object
  // must be byte-identical to the file.
  const bytes = await sharp({
    create: {
      width: 2950,
      height: 2950,
      channels: 3,
      background: '#777',
      noise: { type: 'gaussian', mean: 128, sigma: 60 },
    },
  })
    .png({ compressionLevel: 0 })
    .toBuffer();
  photo = { path: join(folder, 'large-photo.png'), bytes };
  await writeFile(photo.path, bytes);
  [env, browser] = await Promise.all([
    startDemoEnvironment({
      faultProxy: true,
      thumbnails: false, // the test is about the original's bytes
      signerEnv: { MULTIPART_PART_SIZE_BYTES: String(PART_SIZE) },
    }),
    launchChromium(),
  ]);
});

afterAll(async () => {
  await browser?.close();
  await env?.close();
  if (folder) await rm(folder, { recursive: true, force: true });
});

const partNumber = (entry: LogEntry) => Number(new URL(entry.url, 'http://x').searchParams.get('partNumber'));
const isPartPut = (entry: LogEntry) =>
  entry.target === 's3' && entry.method === 'PUT' && partNumber(entry) > 0;

describe('resume after reload', () => {
  it('sends only the parts S3 does not hold when the same file is chosen after a reload mid-part', async () => {
    const proxy = env.proxy!;
    const size = photo.bytes.length;
    const partCount = Math.ceil(size / PART_SIZE);
    const partBytes = (n: number) => Math.min(PART_SIZE, size - (n - 1) * PART_SIZE);
    expect(partCount).toBe(4);

    const page = await (await browser.newContext()).newPage();
    const errors: Error[] = [];
    page.on('pageerror', (error) => errors.push(error));
    await recordEvents(page);
    await signIn(page, env.demoUrl + '/', 'resumer');
    await waitForGallery(page);

    // A slow line, throttled in the browser (not in the proxy, which would hold the cut-off bytes
    // in its socket buffers): the proxy passes each part on to S3 as it arrives, and the reload
    // cuts the parts still on their way off at S3 too, half stored.
    const cdp = await page.context().newCDPSession(page);
    const line = (uploadThroughput: number) =>
      cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: 0,
        downloadThroughput: -1,
        uploadThroughput,
      });
    await line(4 * MIB);
    await chooseFiles(page, [photo.path]);
    const landed = () => proxy.log.filter((e) => isPartPut(e) && e.status === 200).map(partNumber);
    await expect.poll(() => landed().length, { timeout: 30_000, interval: 50 }).toBeGreaterThan(0);
    await page.waitForTimeout(300);
    const before = landed();
    const missing = Array.from({ length: partCount }, (_, i) => i + 1).filter((n) => !before.includes(n));
    const inFlight = proxy.log.filter((e) => isPartPut(e) && e.end === undefined).map(partNumber);
    expect(inFlight.sort()).toEqual(missing); // the reload cuts these off mid-body
    const reloadedAt = proxy.log.length;
    await page.reload();
    await line(-1);
    await waitForGallery(page);

    const started = Date.now();
    await chooseFiles(page, [photo.path]);
    await expect
      .poll(async () => (await recorded(page)).success.length + (await recorded(page)).errors.length, {
        timeout: 60_000,
        interval: 200,
      })
      .toBe(1);
    const events = await recorded(page);
    expect(events.errors).toEqual([]);
    const afterReload = proxy.log.slice(reloadedAt);

    // One ListParts, answered at once (no 503s, no retries), then only the missing parts.
    const listParts = afterReload.filter(
      (e) => e.method === 'GET' && /\/v1\/uploads\/[^/]+\/parts/.test(e.url),
    );
    expect(listParts.map((e) => e.status)).toEqual([200]);
    expect(afterReload.filter((e) => e.status >= 500)).toEqual([]);
    const resent = afterReload.filter(isPartPut).map(partNumber);
    expect(resent.sort()).toEqual(missing);
    const bytesSent = resent.reduce((sum, n) => sum + partBytes(n), 0);
    console.log(
      `resume after reload: ${size} bytes in ${partCount} parts; after the reload ${resent.length} parts, ` +
        `${bytesSent} bytes sent (${size - bytesSent} bytes of parts ${before.join(', ')} not sent again) ` +
        `in ${Date.now() - started} ms`,
    );

    // The object S3 holds is the file, byte for byte.
    const s3 = localS3Client(env.stack.s3);
    const stored = await s3.send(
      new GetObjectCommand({ Bucket: env.stack.s3.bucket, Key: events.success[0]!.key }),
    );
    const digest = createHash('sha256')
      .update(await stored.Body!.transformToByteArray())
      .digest('hex');
    s3.destroy();
    expect(digest).toBe(createHash('sha256').update(photo.bytes).digest('hex'));
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
