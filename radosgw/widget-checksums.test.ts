/**
 * The element's checksums against radosgw (real S3 behaviour): the demo page in Debian's Chromium
 * uploads a file in parts through widget/test-support's fault proxy, which flips one byte of part
 * 2's body on the way. radosgw refuses it (400 BadDigest: the part URL signs its `content-md5`),
 * the element reads, hashes and sends that part again, and the stored object is the local file.
 */
import { GetObjectCommand, HeadObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { createHash } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchChromium } from '../e2e/support/browser.js';
import { startDemoEnvironment, type DemoEnvironment } from '../e2e/support/demo-environment.js';
import { localS3Client } from '../stack/local-s3.js';
import { MIB } from './test-support/lane.js';

let env: DemoEnvironment;
let browser: Browser;
let page: Page;

/** A PNG of random noise: it does not compress, so `width`×`height` makes it large. */
const noisePng = (width: number, height: number, seed: number) =>
  sharp({
    create: {
      width,
      height,
      channels: 3,
      background: '#888',
      noise: { type: 'gaussian', mean: 128 + seed, sigma: 60 },
    },
  })
    .png({ compressionLevel: 1 })
    .toBuffer();

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

beforeAll(async () => {
  env = await startDemoEnvironment({
    backend: 'radosgw',
    faultProxy: true,
    thumbnails: false,
    signerEnv: { MULTIPART_THRESHOLD_BYTES: String(5 * MIB), MULTIPART_PART_SIZE_BYTES: String(5 * MIB) },
  });
  browser = await launchChromium();
  page = await browser.newPage();
  const url = `${env.demoUrl}/`;
  await page.goto(url);
  await page.locator('main [data-action="sign-in"]').click();
  await page.locator('input[name="login"]').fill('checksum-user');
  await page.locator('input[name="password"]').fill('any password');
  await page.locator('button[type="submit"]').click();
  await page.waitForURL((u) => u.href.startsWith(url) && !u.searchParams.has('code'));
});

afterAll(async () => {
  await browser?.close();
  await env?.close();
});

beforeEach(() => {
  env.proxy!.setFaults([]);
  env.proxy!.log.length = 0;
});

/** Chooses `file` in the page's element and resolves with the `upload-success` or `upload-error` detail. */
async function upload(file: { name: string; mimeType: string; buffer: Buffer }) {
  const outcome = page.evaluate(
    () =>
      new Promise<{ ok: boolean; key?: string; code?: string }>((resolve) => {
        const element = document.querySelector('image-uploader')!;
        element.addEventListener('upload-success', (e) => resolve({ ok: true, key: e.detail.key }), {
          once: true,
        });
        element.addEventListener('upload-error', (e) => resolve({ ok: false, code: e.detail.code }), {
          once: true,
        });
      }),
  );
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    page.locator('image-uploader [part="drop-zone"]').click(),
  ]);
  await chooser.setFiles([file]);
  return outcome;
}

/** The stored object's bytes, read back with the bucket owner's client. */
async function stored(key: string): Promise<Uint8Array> {
  const client = localS3Client(env.stack.s3);
  try {
    const object = await client.send(new GetObjectCommand({ Bucket: env.stack.s3.bucket, Key: key }));
    return await object.Body!.transformToByteArray();
  } finally {
    client.destroy();
  }
}

/** The proxy's S3 PUTs of part `n`, with the status S3 answered. */
const partPuts = (n: number) =>
  env.proxy!.log.filter(
    (e) => e.target === 's3' && e.method === 'PUT' && new RegExp(`[?&]partNumber=${n}(&|$)`).test(e.url),
  );

describe('<image-uploader> checksums on radosgw', () => {
  it('resends a part whose bytes were changed on the way (BadDigest) and stores the file exactly', async () => {
    const large = { name: 'flipped.png', mimeType: 'image/png', buffer: await noisePng(1800, 1400, 1) };
    expect(large.buffer.length).toBeGreaterThan(5 * MIB); // two parts at least
    env.proxy!.setFaults([{ target: 's3', method: 'PUT', match: 'partNumber=2', fault: 'corrupt' }]);
    const result = await upload(large);
    expect(result).toMatchObject({ ok: true });
    expect(partPuts(2).map((e) => [e.fault ?? 'none', e.status])).toEqual([
      ['corrupt', 400],
      ['none', 200],
    ]);
    expect(sha256(await stored(result.key!))).toBe(sha256(large.buffer));
  });

  it('refuses a single PUT whose bytes were changed on the way, then stores the file exactly', async () => {
    const small = { name: 'small.png', mimeType: 'image/png', buffer: await noisePng(300, 200, 2) };
    expect(small.buffer.length).toBeLessThan(5 * MIB);
    env.proxy!.setFaults([{ target: 's3', method: 'PUT', fault: 'corrupt' }]);
    const result = await upload(small);
    expect(result).toMatchObject({ ok: true });
    const puts = env.proxy!.log.filter((e) => e.target === 's3' && e.method === 'PUT');
    expect(puts.map((e) => [e.fault ?? 'none', e.status])).toEqual([
      ['corrupt', 400],
      ['none', 200],
    ]);
    const client = localS3Client(env.stack.s3);
    const listed = await client.send(
      new ListObjectsV2Command({ Bucket: env.stack.s3.bucket, Prefix: result.key }),
    );
    expect(listed.KeyCount).toBe(1);
    const head = await client.send(new HeadObjectCommand({ Bucket: env.stack.s3.bucket, Key: result.key }));
    expect(head.ContentLength).toBe(small.buffer.length);
    client.destroy();
    expect(sha256(await stored(result.key!))).toBe(sha256(small.buffer));
  });
});
