/**
 * The browser widget against radosgw: the demo page in Debian's Chromium, signed in through the
 * local identity provider, uploads one file with a single presigned PUT and one in presigned
 * parts; radosgw's notifications drive the thumbnailer, and the gallery shows both thumbnails.
 */
import { HeadObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { localS3Client } from '../stack/local-s3.js';
import { launchChromium } from '../e2e/support/browser.js';
import type { Browser } from 'playwright-core';
import sharp from 'sharp';
import { readUploadMetadata } from '../contract/upload-metadata.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from '../stack/start-stack.js';
import { startDemoEnvironment, type DemoEnvironment } from '../e2e/support/demo-environment.js';
import { MIB } from './test-support/lane.js';

let stack: Stack;
let env: DemoEnvironment;
let browser: Browser;

/** A PNG of random noise: it does not compress, so `width`×`height` makes it large. */
const noisePng = (width: number, height: number) =>
  sharp({
    create: {
      width,
      height,
      channels: 3,
      background: '#888',
      noise: { type: 'gaussian', mean: 128, sigma: 60 },
    },
  })
    .png({ compressionLevel: 1 })
    .toBuffer();

beforeAll(async () => {
  env = await startDemoEnvironment({
    backend: 'radosgw',
    signerEnv: { MULTIPART_THRESHOLD_BYTES: String(5 * MIB), MULTIPART_PART_SIZE_BYTES: String(5 * MIB) },
  });
  ({ stack } = env);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await env?.close();
});

describe('<image-uploader> on radosgw', () => {
  it('uploads a single-PUT file and a multipart file, and shows their thumbnails', async () => {
    const small = { name: 'small.png', mimeType: 'image/png', buffer: await noisePng(300, 200) };
    const large = { name: 'large.png', mimeType: 'image/png', buffer: await noisePng(1800, 1400) };
    expect(large.buffer.length).toBeGreaterThan(5 * MIB);
    expect(small.buffer.length).toBeLessThan(5 * MIB);

    const page = await browser.newPage();
    const errors: Error[] = [];
    page.on('pageerror', (error) => errors.push(error));
    const url = `${env.demoUrl}/`;
    await page.goto(url);
    await page.locator('main [data-action="sign-in"]').click();
    await page.locator('input[name="login"]').fill('widget-user');
    await page.locator('input[name="password"]').fill('any password');
    await page.locator('button[type="submit"]').click();
    await page.waitForURL((u) => u.href.startsWith(url) && !u.searchParams.has('code'));

    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      page.locator('image-uploader [part="drop-zone"]').click(),
    ]);
    await chooser.setFiles([small, large]);
    await page
      .locator('image-gallery li.tile[data-status="ready"] img.loaded')
      .nth(1)
      .waitFor({ timeout: 45_000 });
    expect(errors).toEqual([]);

    const client = localS3Client(stack.s3);
    const listed = await client.send(
      new ListObjectsV2Command({ Bucket: stack.s3.bucket, Prefix: 'uploads/' }),
    );
    const originals = (listed.Contents ?? []).map((object) => object.Key!);
    expect(originals).toHaveLength(2);
    const heads = await Promise.all(
      originals.map((Key) => client.send(new HeadObjectCommand({ Bucket: stack.s3.bucket, Key }))),
    );
    // A multipart object's ETag ends in -{part count}: one file went up in two parts.
    expect(heads.filter((head) => /-2"$/.test(head.ETag ?? ''))).toHaveLength(1);
    // Each carries the name it was signed with, whichever way it went up.
    expect(heads.map((head) => readUploadMetadata(head.Metadata).name).sort()).toEqual([
      large.name,
      small.name,
    ]);
    expect(env.log.filter((line) => line.startsWith('thumbnailer:') && line.includes('→'))).toHaveLength(2);
    client.destroy();

    // After a reload the page knows nothing of these files: the tiles' names come from the listing.
    await page.reload();
    for (const file of [small, large]) {
      await page
        .locator('image-gallery li.tile[data-status="ready"] .name', { hasText: file.name })
        .waitFor({ timeout: 15_000 });
    }
  });
});
