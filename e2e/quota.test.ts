/**
 * Issue 19's quota as a person meets it on the demo: the signer refuses a file past the user's
 * quota (`403 ERR_QUOTA_EXCEEDED`, counted in the stack's DynamoDB), the widget says so next to
 * that file, the gallery's usage bar shows what is used of the quota, and another user's uploads
 * and bar are their own.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useDemoAndBrowser } from './support/demo-and-browser.js';
import { chooseFiles, waitForGallery, waitForThumbnails } from './support/gallery.js';
import { photoJpeg } from './support/images.js';
import { recordEvents, recorded } from './support/page-events.js';
import { signIn } from './support/sign-in.js';

/** One image each, and plenty of bytes: the second photo is refused for its count. */
const QUOTA = { QUOTA_IMAGES: '1', QUOTA_BYTES: String(50_000_000) };

const demo = useDemoAndBrowser({ signerEnv: QUOTA });

async function openSignedIn(username: string): Promise<Page> {
  const context = await demo.browser.newContext({ viewport: { width: 1100, height: 800 } });
  const page = await context.newPage();
  await recordEvents(page);
  await signIn(page, demo.env.demoUrl + '/', username);
  await waitForGallery(page);
  return page;
}

/** The usage bar's meters as a person (and a screen reader) reads them: label, value, max, words. */
function usageBar(page: Page) {
  return page.locator('image-gallery section.usage meter').evaluateAll((meters) =>
    (meters as HTMLMeterElement[]).map((meter) => ({
      label: meter.labels[0]?.textContent,
      value: meter.value,
      max: meter.max,
      text: meter.getAttribute('aria-valuetext'),
    })),
  );
}

describe('quotas', () => {
  it("a user at their quota sees the widget's message and the usage bar; another user is unaffected", async () => {
    const alice = await openSignedIn('alice');
    // Nothing stored yet: the bar already shows the quota.
    await expect
      .poll(() => usageBar(alice))
      .toEqual([
        { label: 'Storage', value: 0, max: 50_000_000, text: '0 bytes of 50 MB' },
        { label: 'Images', value: 0, max: 1, text: '0 of 1' },
      ]);

    await chooseFiles(alice, [await photoJpeg('first.jpg')]);
    await waitForThumbnails(alice, 1);
    await expect
      .poll(async () => (await usageBar(alice))[1])
      .toEqual({
        label: 'Images',
        value: 1,
        max: 1,
        text: '1 of 1',
      });

    await chooseFiles(alice, [await photoJpeg('second.jpg', { hue: 30 })]);
    await expect
      .poll(async () => (await recorded(alice)).errors)
      .toEqual([{ code: 'ERR_QUOTA_EXCEEDED', name: 'second.jpg' }]);
    const row = alice.locator('image-uploader [part~="item"]', { hasText: 'second.jpg' });
    await expect.poll(() => row.getAttribute('part')).toContain('error');
    // The widget's own words for the refusal (its en strings), with the figures filled in.
    const message = await row.locator('[part="status"]').textContent();
    expect(message).toMatch(/\b1\b.*\b1\b/);
    expect(message).not.toContain('{');
    // Not asked again on its own: one refusal, and the count stays at the quota.
    await alice.waitForTimeout(1500);
    expect((await recorded(alice)).errors).toHaveLength(1);
    expect((await usageBar(alice))[1]).toMatchObject({ value: 1, max: 1 });

    // Bob's quota is his own: his upload goes through, and his bar counts only his image.
    const bob = await openSignedIn('bob');
    await expect.poll(async () => (await usageBar(bob))[1]).toMatchObject({ value: 0, max: 1 });
    await chooseFiles(bob, [await photoJpeg('bobs.jpg', { hue: 120 })]);
    await waitForThumbnails(bob, 1);
    expect((await recorded(bob)).errors).toEqual([]);
    await expect.poll(async () => (await usageBar(bob))[1]).toMatchObject({ value: 1, text: '1 of 1' });
    expect((await usageBar(alice))[1]).toMatchObject({ value: 1 });
  });
});
