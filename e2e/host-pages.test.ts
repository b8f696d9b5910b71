/**
 * The demo as a person uses it, on every host page: sign in through the identity provider's
 * login form, upload a phone JPEG and a PNG, watch them become thumbnails without a reload, open
 * one, delete one. Runs against the whole local stack that `npm start` runs, on free ports.
 */
import exifReader from 'exif-reader';
import { copyFile, mkdir } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PAGES } from '../demo/shared/pages.js';
import { launchChromium } from './support/browser.js';
import { startDemoEnvironment, type DemoEnvironment } from './support/demo-environment.js';
import {
  chooseFiles,
  tiles,
  undoNotice,
  waitForGallery,
  waitForThumbnails,
  waitForTileCount,
  waitForTotalProgress,
} from './support/gallery.js';
import { graphicPng, photoJpeg, type FilePayload } from './support/images.js';
import { recordEvents, recorded } from './support/page-events.js';
import { signIn } from './support/sign-in.js';

let env: DemoEnvironment;
let browser: Browser;
let jpeg: FilePayload;
let png: FilePayload;

beforeAll(async () => {
  [env, browser, jpeg, png] = await Promise.all([
    startDemoEnvironment(),
    launchChromium(),
    photoJpeg('mountain-photo.jpg'),
    graphicPng('sunset-graphic.png'),
  ]);
  await mkdir('test-results', { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await env?.close();
});

/** Opens a fresh signed-in page; page errors fail the test. */
async function openSignedIn(path: string, username: string): Promise<{ page: Page; errors: Error[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  const page = await context.newPage();
  const errors: Error[] = [];
  page.on('pageerror', (error) => errors.push(error));
  await recordEvents(page);
  await signIn(page, new URL(path, env.demoUrl).href, username);
  await waitForGallery(page);
  return { page, errors };
}

async function apiGet(path: string, token: string): Promise<Response> {
  return fetch(env.stack.signerUrl + path, { headers: { authorization: `Bearer ${token}` } });
}

describe('demo host pages', () => {
  describe.each(DEMO_PAGES.map((p) => ({ ...p })))('$label page ($path)', ({ path, label }) => {
    it('signs in, uploads a JPEG and a PNG, shows both thumbnails, opens one and deletes one', async () => {
      const username = `user-${label.toLowerCase().replace(/\W+/g, '-')}`;
      const { page, errors } = await openSignedIn(path, username);
      await waitForTileCount(page, 0);
      await page.evaluate(() => ((window as unknown as { marker: number }).marker = 1));

      await chooseFiles(page, [jpeg, png]);
      await waitForTotalProgress(page);
      await waitForThumbnails(page, 2);

      const events = await recorded(page);
      expect(events.errors).toEqual([]);
      expect(events.success.map((s) => s.name).sort()).toEqual([jpeg.name, png.name].sort());
      expect(events.overall.at(-1)).toBe(1);
      expect(events.overall).toEqual([...events.overall].sort((a, b) => a - b)); // never goes backwards
      // No reload happened: the marker set before the upload is still there.
      expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(1);
      await waitForTileCount(page, 2);
      if (path === '/react.html' || path === '/vue.html') {
        // The framework's binding of `upload-complete` rendered its typed detail.
        await page.locator('main p[role="status"]', { hasText: '2 uploaded, 0 failed.' }).waitFor();
      }

      // The browser picks the WebP source of the <picture>; the placeholder was there first.
      const photo = tiles(page, { status: 'ready', name: jpeg.name });
      const thumb = photo.locator('img');
      const thumbSrc = await thumb.evaluate((img: HTMLImageElement) => img.currentSrc);
      expect(thumbSrc).toMatch(/\.webp\?/);
      // Upright: portrait after EXIF orientation 6, with the bright sky on top, not at the bottom.
      const { data, info } = await sharp(Buffer.from(await (await fetch(thumbSrc)).arrayBuffer()))
        .greyscale()
        .raw()
        .toBuffer({ resolveWithObject: true });
      expect(info.height).toBeGreaterThan(info.width);
      const band = info.width * Math.floor(info.height / 10);
      const mean = (bytes: Buffer) => bytes.reduce((sum, value) => sum + value, 0) / bytes.length;
      expect(mean(data.subarray(0, band))).toBeGreaterThan(mean(data.subarray(data.length - band)) + 40);
      expect(await photo.locator('.frame').getAttribute('style')).toContain('data:image/png');

      // Open the original: upright (orientation applied: 1200 × 1600) and without GPS.
      await photo.locator('button.frame').click();
      const viewer = page.locator('image-gallery dialog.viewer[open]');
      await viewer.locator('img.original').waitFor();
      await page.waitForFunction(() => {
        const img = document.querySelector('image-gallery')?.shadowRoot?.querySelector('img.original');
        return (img as HTMLImageElement | null)?.complete && (img as HTMLImageElement).naturalWidth > 0;
      });
      expect(await viewer.locator('footer').textContent()).toContain('1200 × 1600');
      const originalUrl = (await viewer.locator('img.original').getAttribute('src'))!;
      const original = Buffer.from(await (await fetch(originalUrl)).arrayBuffer());
      const metadata = await sharp(original).metadata();
      expect(metadata.exif ? exifReader(metadata.exif).GPSInfo : undefined).toBeUndefined();
      await viewer.getByRole('button', { name: 'Close' }).click();
      await viewer.waitFor({ state: 'detached' });

      // Delete the PNG: its tile goes at once, "Deleted · Undo" shows while the signer still has
      // it; once the undo window has passed (5 s) the notice goes and the signer no longer knows it.
      const pngId = events.success.find((s) => s.name === png.name)!.id;
      await tiles(page, { name: png.name }).locator('button.delete').click();
      await waitForTileCount(page, 1);
      const notice = undoNotice(page, png.name);
      await notice.getByRole('button', { name: `Undo deleting ${png.name}` }).waitFor();
      const token = await env.stack.login(username);
      expect((await apiGet(`/v1/images/${pngId}`, token)).status).toBe(200);
      await notice.waitFor({ state: 'detached', timeout: 15_000 });
      await waitForTileCount(page, 1);
      const gone = await apiGet(`/v1/images/${pngId}`, token);
      expect(gone.status).toBe(404);
      expect(((await gone.json()) as { error: { code: string } }).error.code).toBe('ERR_NOT_FOUND');
      const kept = events.success.find((s) => s.name === jpeg.name)!.id;
      expect((await apiGet(`/v1/images/${kept}`, token)).status).toBe(200);

      expect(errors).toEqual([]);
      await page.context().close();
    });
  });
});

describe('demo script-tag page', () => {
  it('loads a language from beside the script: lang="de" shows German', async () => {
    const { page, errors } = await openSignedIn('/script-tag.html', 'lena');
    const failed: string[] = [];
    page.on('requestfailed', (request) => failed.push(request.url()));
    // The element reads its `lang` (own or inherited) when it renders; `lang` is no property of it.
    await page
      .locator('image-uploader')
      .first()
      .evaluate((element) => {
        element.setAttribute('lang', 'de');
        (element as HTMLElement & { requestUpdate(): void }).requestUpdate();
      });
    // `i18n/de.js`, served beside `image-uploader.js` as a CDN serves dist/.
    await page.locator('image-uploader [part="label"]', { hasText: 'Bilder auswählen' }).first().waitFor();
    expect(failed).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

describe('demo gallery delete', () => {
  /** Signs in as `username`, uploads one photo, and returns the page and its image id. */
  async function withOnePhoto(username: string, name: string) {
    const opened = await openSignedIn('/', username);
    await chooseFiles(opened.page, [await photoJpeg(name, { hue: 40 })]);
    await tiles(opened.page, { name }).waitFor();
    const id = (await recorded(opened.page)).success[0]!.id;
    return { ...opened, id, token: await env.stack.login(username) };
  }

  it('can be undone from the keyboard within the undo window, and then nothing is deleted', async () => {
    const { page, errors, id, token } = await withOnePhoto('undoer', 'keep-me.jpg');
    // The gallery's documented `undoMs`, shortened so the test waits out a whole window quickly.
    await page.evaluate(() => (document.querySelector('image-gallery')!.undoMs = 1500));
    await tiles(page, { name: 'keep-me.jpg' }).locator('button.delete').click();
    await waitForTileCount(page, 0);
    const undo = undoNotice(page, 'keep-me.jpg').getByRole('button', { name: 'Undo deleting keep-me.jpg' });
    await expect.poll(() => undo.evaluate((button) => button.matches(':focus'))).toBe(true);
    await page.keyboard.press('Enter');
    await waitForTileCount(page, 1);
    const deleteButton = tiles(page, { name: 'keep-me.jpg' }).locator('button.delete');
    await expect.poll(() => deleteButton.evaluate((button) => button.matches(':focus'))).toBe(true);
    await page.waitForTimeout(2500); // past the undo window
    expect((await apiGet(`/v1/images/${id}`, token)).status).toBe(200);
    await waitForTileCount(page, 1);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('is sent when the page is left within the undo window', async () => {
    const { page, errors, id, token } = await withOnePhoto('leaver', 'leave-me.jpg');
    await tiles(page, { name: 'leave-me.jpg' }).locator('button.delete').click();
    await undoNotice(page, 'leave-me.jpg').waitFor();
    expect((await apiGet(`/v1/images/${id}`, token)).status).toBe(200);
    await page.goto('about:blank');
    await expect
      .poll(async () => (await apiGet(`/v1/images/${id}`, token)).status, { timeout: 5000, interval: 250 })
      .toBe(404);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

describe('demo upload gestures', () => {
  it('takes a dropped file and a pasted file, like a picked one', async () => {
    const { page, errors } = await openSignedIn('/', 'drop-and-paste');
    const drop = await photoJpeg('dropped.jpg', { hue: 160 });
    const paste = await graphicPng('pasted.png');
    const send = (file: FilePayload, gesture: 'drop' | 'paste') =>
      page.evaluate(
        ({ name, type, base64, gesture }) => {
          const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
          const data = new DataTransfer();
          data.items.add(new File([bytes], name, { type }));
          const uploader = document.querySelector('image-uploader')!;
          if (gesture === 'paste') {
            uploader.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true }));
          } else {
            const zone = uploader.shadowRoot!.querySelector('[part="base"]')!;
            zone.dispatchEvent(
              new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }),
            );
          }
        },
        { name: file.name, type: file.mimeType, base64: file.buffer.toString('base64'), gesture },
      );
    await send(drop, 'drop');
    await send(paste, 'paste');
    await waitForThumbnails(page, 2);
    expect((await recorded(page)).success.map((s) => s.name).sort()).toEqual(['dropped.jpg', 'pasted.png']);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

describe('demo looks', () => {
  it('is saved as screenshots at desktop and phone widths, light and dark', async () => {
    const { page, errors } = await openSignedIn('/', 'gallery-owner');
    const scenes: [string, number][] = [
      ['lake.jpg', 205],
      ['desert.jpg', 25],
      ['dusk.jpg', 275],
      ['meadow.jpg', 120],
    ];
    const photos = await Promise.all(scenes.map(([name, hue]) => photoJpeg(name, { hue })));
    await chooseFiles(page, [...photos, png]);
    await waitForThumbnails(page, 5);
    // The uploaded files are in the gallery now; clear the uploader's list for a tidy picture.
    await page.evaluate(() => document.querySelector('image-uploader')!.clear());

    const shots = [
      { name: 'demo-desktop', width: 1280, height: 860, colorScheme: 'light' },
      { name: 'demo-desktop-dark', width: 1280, height: 860, colorScheme: 'dark' },
      { name: 'demo-phone', width: 390, height: 844, colorScheme: 'light' },
      { name: 'demo-phone-dark', width: 390, height: 844, colorScheme: 'dark' },
    ] as const;
    for (const shot of shots) {
      await page.setViewportSize({ width: shot.width, height: shot.height });
      await page.emulateMedia({ colorScheme: shot.colorScheme });
      await waitForThumbnails(page, 5);
      await page.screenshot({
        path: `test-results/${shot.name}.png`,
        fullPage: true,
        animations: 'disabled',
      });
    }
    // `UPDATE_SCREENSHOT=1 npx vitest run --project e2e` refreshes the README's picture.
    if (process.env.UPDATE_SCREENSHOT) {
      await mkdir('docs', { recursive: true });
      await copyFile('test-results/demo-desktop.png', 'docs/screenshot.png');
    }
    // No serious or critical accessibility violations on the signed-in page (axe-core).
    await page.addScriptTag({ path: 'node_modules/axe-core/axe.min.js' });
    const violations = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run(): Promise<{ violations: AxeViolation[] }> } }).axe;
      const result = await axe.run();
      return result.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    });
    expect(violations).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

interface AxeViolation {
  id: string;
  impact?: string;
  nodes: { target: string[] }[];
}
