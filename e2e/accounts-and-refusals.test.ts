/**
 * What the demo must refuse or survive: another user's images (in the UI and by id through the
 * API), a file that is not an image, and expired or revoked tokens.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useDemoAndBrowser } from './support/demo-and-browser.js';
import {
  chooseFiles,
  tiles,
  waitForGallery,
  waitForThumbnails,
  waitForTileCount,
} from './support/gallery.js';
import { photoJpeg, svgRenamedPng } from './support/images.js';
import { recordEvents, recorded } from './support/page-events.js';
import { signIn } from './support/sign-in.js';

const demo = useDemoAndBrowser();

async function openSignedIn(username: string): Promise<Page> {
  const context = await demo.browser.newContext({ viewport: { width: 1100, height: 800 } });
  const page = await context.newPage();
  await recordEvents(page);
  await signIn(page, demo.env.demoUrl + '/', username);
  await waitForGallery(page);
  return page;
}

async function api(method: string, path: string, token: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(demo.env.stack.signerUrl + path, {
    method,
    headers: { authorization: `Bearer ${token}` },
  });
  return { status: response.status, body: await response.json().catch(() => undefined) };
}

interface StoredTokens {
  accessToken: string;
  refreshToken?: string;
  expiresAt: number;
}

const TOKENS = 'image-uploader-demo:tokens';

function readTokens(page: Page): Promise<StoredTokens> {
  return page.evaluate((key) => JSON.parse(sessionStorage.getItem(key)!), TOKENS);
}

function writeTokens(page: Page, tokens: StoredTokens): Promise<void> {
  return page.evaluate(
    ([key, value]) => sessionStorage.setItem(key!, value!),
    [TOKENS, JSON.stringify(tokens)],
  );
}

describe('demo accounts', () => {
  it("keeps one user's images from another, in the gallery and by id", async () => {
    const alice = await openSignedIn('alice');
    await chooseFiles(alice, [await photoJpeg('alice-only.jpg')]);
    await waitForThumbnails(alice, 1);
    const [{ id }] = (await recorded(alice)).success as [{ id: string }];

    const bob = await openSignedIn('bob');
    await bob.locator('image-gallery .empty').waitFor();
    await waitForTileCount(bob, 0);

    const bobToken = await demo.env.stack.login('bob');
    const byId = await api('GET', `/v1/images/${id}`, bobToken);
    expect(byId.status).toBe(404);
    expect(byId.body).toMatchObject({ error: { code: 'ERR_NOT_FOUND' } });
    expect((await api('DELETE', `/v1/images/${id}`, bobToken)).status).toBe(404);
    expect((await api('GET', '/v1/images', bobToken)).body).toMatchObject({ images: [] });

    // Bob's attempts changed nothing for Alice.
    const aliceToken = await demo.env.stack.login('alice');
    expect((await api('GET', `/v1/images/${id}`, aliceToken)).body).toMatchObject({ id, status: 'ready' });
    await alice.context().close();
    await bob.context().close();
  });

  it('refreshes an expired access token, and signs out when the refresh token is refused', async () => {
    const page = await openSignedIn('carol');
    const before = await readTokens(page);
    await writeTokens(page, { ...before, expiresAt: 0 });
    await page.reload();
    await waitForGallery(page);
    await chooseFiles(page, [await photoJpeg('after-refresh.jpg')]);
    await waitForThumbnails(page, 1);
    const after = await readTokens(page);
    expect(after.accessToken).not.toBe(before.accessToken);
    expect(after.expiresAt).toBeGreaterThan(Date.now());

    // A token the signer refuses (401) is refreshed once and the call repeated.
    await writeTokens(page, { ...after, accessToken: 'not-a-jwt' });
    await page.reload();
    await waitForGallery(page);
    await waitForTileCount(page, 1);

    await writeTokens(page, { ...after, expiresAt: 0, refreshToken: 'revoked' });
    await page.reload();
    await page.locator('main [data-action="sign-in"]').waitFor();
    expect(await page.evaluate((key) => sessionStorage.getItem(key), TOKENS)).toBeNull();
    await page.context().close();
  });
});

describe('demo sign-out', () => {
  it('ends the session at the identity provider and returns to the page the user left', async () => {
    const context = await demo.browser.newContext();
    const page = await context.newPage();
    await signIn(page, demo.env.demoUrl + '/vue.html', 'erin');
    // The local provider signs the demo out without a page of its own to click through, back to
    // `/?state=/vue.html`, which returns to the page. Wait for that return request first: the page
    // is on /vue.html before the sign-out too, so waiting for the URL alone could pass too early.
    const returned = page.waitForRequest(
      (request) => new URL(request.url()).searchParams.get('state') === '/vue.html',
    );
    await page.getByRole('button', { name: 'Sign out' }).click();
    await returned;
    await page.waitForURL(demo.env.demoUrl + '/vue.html');
    await page.locator('main [data-action="sign-in"]').waitFor();
    expect(await page.evaluate((key) => sessionStorage.getItem(key), TOKENS)).toBeNull();

    // The provider's session is gone too: signing in again asks for the login form.
    await page.locator('main [data-action="sign-in"]').click();
    await page.locator('input[name="login"]').waitFor();
    await context.close();
  });
});

describe('demo refusals', () => {
  it('shows why a file that is not an image was refused', async () => {
    const page = await openSignedIn('dave');
    const fake = svgRenamedPng('drawing.png');

    // The element decodes a PNG it cannot size from its header, and refuses it before any upload.
    await chooseFiles(page, [fake]);
    await page.waitForFunction(() => window.__events.errors.length === 1);
    expect((await recorded(page)).errors).toEqual([{ code: 'ERR_DECODE_FAILED', name: 'drawing.png' }]);
    await waitForTileCount(page, 0);

    // A client that skips those checks can store the bytes, but never gets thumbnails of them:
    // the thumbnailer sniffs the bytes and the gallery shows its reason.
    await page.evaluate(() => (document.querySelector('image-uploader')!.maxDimension = 0));
    await chooseFiles(page, [fake]);
    const refused = tiles(page, { status: 'rejected' });
    await refused.waitFor();
    expect(await refused.locator('code').textContent()).toMatch(/^ERR_(NOT_AN_IMAGE|UNSUPPORTED_FORMAT)$/);
    expect((await refused.locator('.reason').textContent())?.length).toBeGreaterThan(10);

    // The reason survives a reload (it comes from the signer's listing, not from page state).
    await page.reload();
    await waitForGallery(page);
    await tiles(page, { status: 'rejected' }).waitFor();
    await page.context().close();
  });
});
