/**
 * Signs in through the demo's real flow: the page's "Sign in" button, the identity provider's
 * login form, and back to the page with a code that the page exchanges (PKCE).
 */
import type { Page } from 'playwright-core';

/** Opens `url`, signs in as `username`, and waits until the page shows the user. */
export async function signIn(page: Page, url: string, username: string): Promise<void> {
  await page.goto(url);
  await page.locator('main [data-action="sign-in"]').click();
  // The local identity provider's sign-in page (stack/login-pages.ts): any username, any password.
  await page.locator('input[name="login"]').fill(username);
  await page.locator('input[name="password"]').fill('any password');
  await page.locator('button[type="submit"]').click();
  await page.waitForURL((u) => u.href.startsWith(url) && !u.searchParams.has('code'));
  await page.locator('#site-header .who', { hasText: username }).waitFor();
}
