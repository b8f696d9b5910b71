/**
 * Issue 16 end to end in Chromium, on the stack `npm start` runs: a signed-in user uploads on a
 * demo page; the thumbnailer's `image.ready` or `image.rejected` and the signer's `image.deleted`
 * travel as signed webhooks (the stack's webhook queue) to the demo's app server, which verifies
 * them and streams them to the pages. Nothing here signs or sends an event itself.
 */
import { decodeJwt } from 'jose';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import type { ImageEvent } from '../contract/image-events.js';
import { recordStream, type StreamRecorder } from '../demo/app-server/test-support/stream-recorder.js';
import { useDemoAndBrowser } from './support/demo-and-browser.js';
import { chooseFiles, tiles, undoNotice, waitForGallery } from './support/gallery.js';
import { photoJpeg, svgRenamedPng } from './support/images.js';
import { recordEvents, recorded } from './support/page-events.js';
import { signIn } from './support/sign-in.js';

const ctx = useDemoAndBrowser({ webhooks: true });

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** The public wall in a fresh, anonymous browser context, once its stream is live. */
async function openWall(): Promise<{ page: Page; errors: Error[] }> {
  const context = await ctx.browser.newContext({ viewport: { width: 1280, height: 860 } });
  cleanups.push(() => context.close());
  const page = await context.newPage();
  const errors: Error[] = [];
  page.on('pageerror', (error) => errors.push(error));
  await page.goto(`${ctx.env.demoUrl}/wall.html`);
  await page
    .locator('public-wall ul.grid[data-status="live"][aria-busy="false"]')
    .waitFor({ state: 'attached' });
  return { page, errors };
}

/** The demo's plain TypeScript page, signed in as `username`, with the gallery loaded. */
async function openUploader(username: string): Promise<{ page: Page; errors: Error[] }> {
  const context = await ctx.browser.newContext({ viewport: { width: 1280, height: 860 } });
  cleanups.push(() => context.close());
  const page = await context.newPage();
  const errors: Error[] = [];
  page.on('pageerror', (error) => errors.push(error));
  await recordEvents(page);
  await signIn(page, `${ctx.env.demoUrl}/`, username);
  await waitForGallery(page);
  return { page, errors };
}

/** What the app server tells `username` about their images (`GET /api/my/events`), read from Node. */
async function appServerEventsOf(username: string): Promise<{ events: StreamRecorder; sub: string }> {
  const token = await ctx.env.stack.login(username);
  const events = recordStream(`${ctx.env.stack.appServerUrl}/api/my/events`, {
    getToken: () => Promise.resolve(token),
  });
  cleanups.push(() => events.close());
  await events.live();
  return { events, sub: decodeJwt(token).sub! };
}

const eventFor = async (events: StreamRecorder, type: string, id: string) =>
  JSON.parse(
    (await events.next((m) => m.event === type && (JSON.parse(m.data) as ImageEvent).data.id === id, 30_000))
      .data,
  ) as ImageEvent;

const wallTile = (page: Page, id: string) => page.locator(`public-wall li[data-id="${id}"]`);

/** Uploads `file` with the page's visibility choice; resolves with the upload's id. */
async function upload(
  page: Page,
  file: { name: string; mimeType: string; buffer: Buffer },
  visibility: 'public' | 'private',
): Promise<string> {
  const before = (await recorded(page)).success.length;
  await page.locator(`input[name="visibility"][value="${visibility}"]`).check();
  await chooseFiles(page, [file]);
  await expect.poll(async () => (await recorded(page)).success.length, { timeout: 30_000 }).toBe(before + 1);
  return (await recorded(page)).success.at(-1)!.id;
}

describe('image events, end to end', () => {
  it('puts a public upload on the wall of an anonymous visitor without a reload, with the identity and page metadata at the app server, never a private one, and takes it off when deleted', async () => {
    const { page: wall, errors: wallErrors } = await openWall();
    await wall.getByText('No public images yet.').waitFor();
    await wall.evaluate(() => ((window as unknown as { marker: number }).marker = 1));

    const { page, errors } = await openUploader('uma');
    const { events, sub } = await appServerEventsOf('uma');
    // The page's own context for these uploads, signed into them by the signer.
    await page.evaluate(() => {
      document.querySelector('image-uploader')!.metadata = { listing_id: 'l-42', source: 'e2e' };
    });
    const hidden = await upload(page, await photoJpeg('private-beach.jpg', { hue: 30 }), 'private');
    const shown = await upload(page, await photoJpeg('public-beach.jpg', { hue: 200 }), 'public');

    // The wall, in another context and without a reload, shows the public one from its CDN URLs.
    const tile = wallTile(wall, shown);
    await tile.locator('img.loaded').waitFor({ timeout: 30_000 });
    expect(await tile.locator('.frame').getAttribute('style')).toContain('data:image/png'); // ThumbHash
    expect(await tile.locator('img').evaluate((img: HTMLImageElement) => img.currentSrc)).toMatch(
      new RegExp(`^${ctx.env.stack.cdnUrl}/public/${shown}/\\d+\\.webp$`),
    );
    expect(await wall.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(1);
    await wall.locator('public-wall [role="status"]', { hasText: 'A new image was added' }).waitFor({
      state: 'attached',
    });

    // What the app server heard, as delivered: who uploaded, from which page context.
    const ready = await eventFor(events, 'image.ready', shown);
    expect(ready.data).toMatchObject({
      visibility: 'public',
      iss: ctx.env.stack.idp.issuer,
      sub,
      name: 'public-beach.jpg',
      metadata: { listing_id: 'l-42', source: 'e2e' },
    });
    expect(await eventFor(events, 'image.ready', hidden)).toMatchObject({
      data: { visibility: 'private', metadata: { listing_id: 'l-42', source: 'e2e' } },
    });
    expect(await wall.locator('public-wall li').count()).toBe(1);
    expect(await wallTile(wall, hidden).count()).toBe(0);

    // No serious or critical accessibility violations on the wall (axe-core).
    await wall.addScriptTag({ path: 'node_modules/axe-core/axe.min.js' });
    const violations = await wall.evaluate(async () => {
      const axe = (window as unknown as { axe: { run(): Promise<{ violations: AxeViolation[] }> } }).axe;
      return (await axe.run()).violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => v.id);
    });
    expect(violations).toEqual([]);

    // Deleted in the gallery (after its undo window): the signer's image.deleted takes it off the wall.
    await page.evaluate(() => (document.querySelector('image-gallery')!.undoMs = 500));
    await tiles(page, { name: 'public-beach.jpg' }).locator('button.delete').click();
    await undoNotice(page, 'public-beach.jpg').waitFor({ state: 'detached', timeout: 10_000 });
    await tile.waitFor({ state: 'detached', timeout: 10_000 });
    expect((await eventFor(events, 'image.deleted', shown)).data).toMatchObject({
      sub,
      visibility: 'public',
    });
    // A new visitor reads the same from the app server's list.
    const { page: again } = await openWall();
    await again.getByText('No public images yet.').waitFor();
    expect(await again.locator('public-wall li').count()).toBe(0);
    expect([...errors, ...wallErrors]).toEqual([]);
  });

  it('sends a rejected upload to the app server as image.rejected, and the gallery shows the reason from its stream, without polling the signer', async () => {
    const { page, errors } = await openUploader('rita');
    const { events, sub } = await appServerEventsOf('rita');
    const asked: string[] = [];
    page.on('request', (request) => {
      if (/\/v1\/images\/[^/?]+$/.test(new URL(request.url()).pathname)) asked.push(request.url());
    });
    // An SVG under .png and image/png: the element would refuse it before uploading; a client that
    // skips its checks stores the bytes, and the thumbnailer refuses them.
    await page.evaluate(() => (document.querySelector('image-uploader')!.maxDimension = 0));
    const id = await upload(page, svgRenamedPng('drawing.png'), 'private');

    const rejected = await eventFor(events, 'image.rejected', id);
    expect(rejected.data).toMatchObject({ iss: ctx.env.stack.idp.issuer, sub, name: 'drawing.png' });
    if (rejected.type !== 'image.rejected') return;
    expect(rejected.data.code).toMatch(/^ERR_(NOT_AN_IMAGE|UNSUPPORTED_FORMAT|TYPE_MISMATCH)$/);

    const tile = tiles(page, { status: 'rejected', name: 'drawing.png' });
    await tile.locator('.reason', { hasText: rejected.data.reason }).waitFor();
    expect(await tile.locator('code').textContent()).toBe(rejected.data.code);
    // Only the stream told it: the gallery did not ask the signer about the image.
    expect(asked).toEqual([]);
    expect(errors).toEqual([]);
  });
});

interface AxeViolation {
  id: string;
  impact?: string;
  nodes: { target: string[] }[];
}
