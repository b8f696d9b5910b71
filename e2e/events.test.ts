/**
 * The app server's live updates in Chromium: the public wall in an anonymous browser context shows
 * a public image the moment its signed `image.ready` webhook arrives, and a signed-in gallery turns
 * an upload rejected, with the reason, when its `image.rejected` arrives, without polling the
 * signer. The webhooks are signed here with `standardwebhooks` (the stack delivers them once the
 * webhook queue is wired in); the thumbnailer is off, so only the events can change a tile.
 */
import { decodeJwt } from 'jose';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manifestEvent, type ImageRejectedEvent } from '../contract/image-events.js';
import { deletedEventOf, deliver, readyEvent } from '../demo/app-server/test-support/image-event-fixtures.js';
import { launchChromium } from './support/browser.js';
import { startAppServerEnvironment, type AppServerEnvironment } from './support/app-server-environment.js';
import { chooseFiles, tiles, waitForGallery } from './support/gallery.js';
import { graphicPng } from './support/images.js';
import { recordEvents, recorded } from './support/page-events.js';
import { signIn } from './support/sign-in.js';

let env: AppServerEnvironment;
let browser: Browser;

beforeAll(async () => {
  [env, browser] = await Promise.all([startAppServerEnvironment({ thumbnails: false }), launchChromium()]);
});
afterAll(async () => {
  await browser?.close();
  await env?.close();
});

const send = (event: Parameters<typeof deliver>[1]) =>
  deliver(env.appServer.webhookUrl, event, { secret: env.webhookSecret });

/** The wall's tiles, by image id. */
const wallTile = (page: Page, id: string) => page.locator(`public-wall li[data-id="${id}"]`);

async function openWall(): Promise<{ page: Page; errors: Error[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  const page = await context.newPage();
  const errors: Error[] = [];
  page.on('pageerror', (error) => errors.push(error));
  await page.goto(`${env.demoUrl}/wall.html`);
  await page
    .locator('public-wall ul.grid[data-status="live"][aria-busy="false"]')
    .waitFor({ state: 'attached' });
  return { page, errors };
}

describe('public wall', () => {
  it('shows a public image without a reload when its webhook arrives, never a private one, and drops it when deleted', async () => {
    const { page, errors } = await openWall();
    await page.getByText('No public images yet.').waitFor();
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 1));

    const hidden = await readyEvent({ visibility: 'private' }, env.imageBaseUrl);
    const shown = await readyEvent({ visibility: 'public' }, env.imageBaseUrl);
    expect((await send(hidden)).status).toBe(200);
    expect((await send(shown)).status).toBe(200);

    const tile = wallTile(page, shown.data.id);
    await tile.locator('img.loaded').waitFor();
    expect(await tile.locator('.frame').getAttribute('style')).toContain('data:image/png'); // ThumbHash
    expect(await tile.locator('img').getAttribute('alt')).toMatch(/^Public image shared /);
    expect(await tile.locator('img').evaluate((img: HTMLImageElement) => img.currentSrc)).toMatch(/\.webp$/);
    expect(await page.locator('public-wall li').count()).toBe(1);
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(1);
    await page.locator('public-wall [role="status"]', { hasText: 'A new image was added' }).waitFor({
      state: 'attached',
    });

    // No serious or critical accessibility violations (axe-core).
    await page.addScriptTag({ path: 'node_modules/axe-core/axe.min.js' });
    const violations = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run(): Promise<{ violations: AxeViolation[] }> } }).axe;
      return (await axe.run()).violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => v.id);
    });
    expect(violations).toEqual([]);

    expect((await send(await deletedEventOf(shown))).status).toBe(200);
    await tile.waitFor({ state: 'detached' });
    // A new page reads the same from the app server's list.
    const { page: again } = await openWall();
    expect(await again.locator('public-wall li').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.context().close();
    await again.context().close();
  });

  it('updates within a median of 1 s of the webhook (10 images)', async () => {
    const { page } = await openWall();
    // When each tile appears, in the page's clock (epoch ms, the same clock as this process).
    await page.evaluate(() => {
      const seen: Record<string, number> = {};
      (window as unknown as { seen: Record<string, number> }).seen = seen;
      const list = document.querySelector('public-wall')!.shadowRoot!.querySelector('ul')!;
      new MutationObserver(() => {
        for (const li of list.querySelectorAll('li'))
          seen[li.dataset.id!] ??= performance.timeOrigin + performance.now();
      }).observe(list, { childList: true });
    });
    const latencies: number[] = [];
    for (let i = 0; i < 10; i++) {
      const event = await readyEvent({ visibility: 'public' }, env.imageBaseUrl);
      const sentAt = performance.timeOrigin + performance.now();
      expect((await send(event)).status).toBe(200);
      await wallTile(page, event.data.id).waitFor({ state: 'attached' });
      const seen = await page.evaluate(() => (window as unknown as { seen: Record<string, number> }).seen);
      latencies.push(seen[event.data.id]! - sentAt);
    }
    latencies.sort((a, b) => a - b);
    const median = (latencies[4]! + latencies[5]!) / 2;
    console.log(
      `webhook POST → wall tile, 10 images: median ${median.toFixed(1)} ms, min ${latencies[0]!.toFixed(1)}, max ${latencies[9]!.toFixed(1)}`,
    );
    expect(median).toBeLessThan(1000);
    await page.context().close();
  });
});

describe('gallery with the app server', () => {
  it('turns an upload rejected with the reason when its image.rejected arrives, without polling the signer', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    const page = await context.newPage();
    const errors: Error[] = [];
    page.on('pageerror', (error) => errors.push(error));
    const byId: string[] = [];
    page.on('request', (request) => {
      if (/\/v1\/images\/[^/?]+$/.test(new URL(request.url()).pathname)) byId.push(request.url());
    });
    const streams: string[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/api/my/events')) streams.push(request.headers().authorization ?? '');
    });
    await recordEvents(page);
    await signIn(page, `${env.demoUrl}/`, 'rita');
    await waitForGallery(page);
    // The stream is open, with the token in the header and not in the URL.
    await expect.poll(() => streams.length).toBeGreaterThan(0);
    expect(streams[0]).toMatch(/^Bearer ey/);

    const file = await graphicPng('huge-graphic.png');
    await chooseFiles(page, [file]);
    await expect.poll(async () => (await recorded(page)).success.length, { timeout: 30_000 }).toBe(1);
    const [uploaded] = (await recorded(page)).success;
    await tiles(page, { status: 'processing', name: file.name }).waitFor();

    // The event the thumbnailer (off here) writes when it refuses an image, as the stack will deliver it.
    const { iss, sub } = decodeJwt(await env.stack.login('rita'));
    const event = (await manifestEvent({
      version: 1,
      sourceKey: uploaded!.key,
      sourceEtag: '"e2e"',
      visibility: 'private',
      iss: iss!,
      sub: sub!,
      metadata: {},
      createdAt: new Date().toISOString(),
      status: 'rejected',
      reason: { code: 'ERR_TOO_MANY_PIXELS', message: 'The image has more pixels than allowed (900 × 900).' },
    })) as ImageRejectedEvent;
    expect((await send(event)).status).toBe(200);

    const rejected = tiles(page, { status: 'rejected', name: file.name });
    await rejected.locator('.reason', { hasText: 'more pixels than allowed (900 × 900)' }).waitFor();
    expect(await rejected.locator('code').textContent()).toBe('ERR_TOO_MANY_PIXELS');
    // Only the stream told it: the signer was not asked about the image (the poller would have by now).
    expect(byId).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});

interface AxeViolation {
  id: string;
  impact?: string;
  nodes: { target: string[] }[];
}
