/**
 * Signing in and out of the demo through the local identity provider, as a person does: its own
 * sign-in page (nothing fetched from another host, no console errors, offline or not), and a
 * sign-out that revokes the refresh token and lands back on the demo, signed out, without a
 * second question.
 */
import type { ConsoleMessage, Request } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useDemoAndBrowser } from './support/demo-and-browser.js';
import { waitForGallery } from './support/gallery.js';
import { signIn } from './support/sign-in.js';

const demo = useDemoAndBrowser({ thumbnails: false });

const TOKENS = 'image-uploader-demo:tokens';
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1']);

describe('sign-in and sign-out', () => {
  it('signs in on the local provider’s own page: no other host, no console error, a favicon', async () => {
    const page = await (await demo.browser.newContext()).newPage();
    const requests: string[] = [];
    const problems: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    page.on('console', (message: ConsoleMessage) => {
      if (message.type() === 'error') problems.push(`${message.location().url}: ${message.text()}`);
    });
    page.on('requestfailed', (request) => problems.push(`${request.url()}: ${request.failure()?.errorText}`));
    await page.goto(demo.env.demoUrl + '/');
    await page.locator('main [data-action="sign-in"]').click();
    await page.locator('input[name="login"]').waitFor();
    expect(new URL(page.url()).origin).toBe(demo.env.stack.idp.issuer);
    expect(await page.title()).toMatch(/^Sign in/);
    const icon = await page.locator('link[rel="icon"]').getAttribute('href');
    const favicon = await page.request.get(new URL(icon!, page.url()).href);
    expect(favicon.status()).toBe(200);
    expect(favicon.headers()['content-type']).toContain('image/svg+xml');

    await page.locator('input[name="login"]').fill('erin');
    await page.locator('input[name="password"]').fill('anything at all');
    await page.locator('button[type="submit"]').click();
    await page.locator('#site-header .who', { hasText: 'erin' }).waitFor();
    await waitForGallery(page);

    expect(
      requests.filter((url) => !url.startsWith('data:') && !LOCAL_HOSTS.has(new URL(url).hostname)),
    ).toEqual([]);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('signs out: revokes the refresh token and returns to the demo page, signed out', async () => {
    const page = await (await demo.browser.newContext()).newPage();
    const failed: string[] = [];
    page.on('requestfailed', (request) =>
      failed.push(`${request.method()} ${request.url()}: ${request.failure()?.errorText}`),
    );
    const revocations: Request[] = [];
    page.on('request', (request) => {
      if (
        request.url().startsWith(demo.env.stack.idp.issuer) &&
        new URL(request.url()).pathname.includes('revocation')
      )
        revocations.push(request);
    });
    await signIn(page, demo.env.demoUrl + '/react.html', 'frank');
    await waitForGallery(page);
    const { refreshToken } = await page.evaluate((key) => JSON.parse(sessionStorage.getItem(key)!), TOKENS);
    expect(refreshToken).toBeTruthy();

    await page.locator('#site-header button', { hasText: 'Sign out' }).click();
    // Back on the page signed out from, with no page of the provider's to click through.
    await page.locator('body[data-auth="signed-out"]').waitFor({ timeout: 10_000 });
    await page.locator('main [data-action="sign-in"]').first().waitFor();
    expect(new URL(page.url()).pathname).toBe('/react.html');
    expect(await page.evaluate((key) => sessionStorage.getItem(key), TOKENS)).toBeNull();

    // The revocation request completed (not cancelled by the navigation), and it took effect.
    expect(revocations).toHaveLength(1);
    expect((await revocations[0]!.response())?.status()).toBe(200);
    expect(failed).toEqual([]);
    const refused = await fetch(`${demo.env.stack.idp.issuer}/token`, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: refreshToken,
        client_id: demo.env.stack.clientId,
      }),
    });
    expect(refused.status).toBe(400);

    // The provider's session ended too: signing in again shows the sign-in page.
    await page.locator('main [data-action="sign-in"]').first().click();
    await page.locator('input[name="login"]').waitFor();
    await page.context().close();
  });
});
