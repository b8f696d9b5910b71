/**
 * An iPhone photo (HEIC) through the demo in Chromium, which cannot decode HEIC itself (issue 17):
 * the widget converts it with libheif in its Worker, uploads an upright JPEG, and the gallery shows
 * its thumbnail.
 */
import { readFile } from 'node:fs/promises';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { ImageSummary, ListImagesResponse } from '../contract/index.js';
import { useDemoAndBrowser } from './support/demo-and-browser.js';
import { chooseFiles, tiles, waitForGallery, waitForThumbnails } from './support/gallery.js';
import { signIn } from './support/sign-in.js';

const demo = useDemoAndBrowser();

/** 64×48 stored with an `irot` rotation: 48×64 upright, EXIF with GPS (its README). */
const FIXTURE = new URL('../widget/test-support/fixtures/rotated.heic', import.meta.url);

async function listing(username: string): Promise<ImageSummary[]> {
  const response = await fetch(`${demo.env.stack.signerUrl}/v1/images`, {
    headers: { authorization: `Bearer ${await demo.env.stack.login(username)}` },
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as ListImagesResponse).images;
}

describe('HEIC through the demo', () => {
  it('uploads an iPhone photo as an upright JPEG without GPS and shows its thumbnail', async () => {
    const page = await (await demo.browser.newContext()).newPage();
    await signIn(page, demo.env.demoUrl + '/', 'heic-user');
    await waitForGallery(page);
    await chooseFiles(page, [
      { name: 'IMG_0001.HEIC', mimeType: 'image/heic', buffer: await readFile(FIXTURE) },
    ]);
    await waitForThumbnails(page, 1);

    const [image] = await listing('heic-user');
    expect(image).toMatchObject({
      name: 'IMG_0001.jpg',
      type: 'image/jpeg',
      status: 'ready',
      width: 48,
      height: 64,
    });
    const original = Buffer.from(await (await fetch(image!.original!.url)).arrayBuffer());
    const metadata = await sharp(original).metadata();
    expect(metadata).toMatchObject({ format: 'jpeg', width: 48, height: 64 });
    expect(metadata.exif).toBeUndefined();
    // Upright: the green block of the fixture's top-left corner is now top right.
    const { data, info } = await sharp(original).raw().toBuffer({ resolveWithObject: true });
    const at = (x: number, y: number) => [
      ...data.subarray((y * 48 + x) * info.channels, (y * 48 + x) * info.channels + 3),
    ];
    expect(at(40, 8)[1]).toBeGreaterThan(150);
    expect(at(8, 8)[0]).toBeGreaterThan(170);

    // Upright (portrait, 3:4), from the thumbnailer: its widths are capped at the original's 48 px
    // (the browser reports srcset's density-corrected size, not 48×64).
    const thumbnail = tiles(page, { name: 'IMG_0001.jpg' }).locator('img.loaded');
    const [width, height, src] = await thumbnail.evaluate((img: HTMLImageElement) => [
      img.naturalWidth,
      img.naturalHeight,
      img.currentSrc,
    ]);
    expect(Number(height) / Number(width)).toBeCloseTo(64 / 48, 2);
    expect(src).toMatch(/\/48\.(webp|jpg)/);
  });
});
