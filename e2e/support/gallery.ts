/**
 * Helpers that drive the uploader and read the gallery the way a user sees them. Playwright's
 * CSS locators pierce open shadow roots, so `image-gallery li` finds the tiles inside it.
 */
import type { Locator, Page } from 'playwright-core';
import type { FilePayload } from './images.js';

/** Picks `files` (payloads, or paths on disk) through the page's first uploader's file chooser, as a user does. */
export async function chooseFiles(page: Page, files: FilePayload[] | string[]): Promise<void> {
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    page.locator('image-uploader [part="drop-zone"]').first().click(),
  ]);
  await chooser.setFiles(files);
}

/** Resolves once the uploader's overall progress bar shows 100%. */
export async function waitForTotalProgress(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const bar = document.querySelector('image-uploader')?.shadowRoot?.querySelector('progress[part="total"]');
    return (bar as HTMLProgressElement | null)?.value === 1;
  });
}

/** Gallery tiles, optionally only those with `status` and/or the file `name`. */
export function tiles(page: Page, filter: { status?: string; name?: string } = {}): Locator {
  const status = filter.status ? `[data-status="${filter.status}"]` : '';
  const tile = page.locator(`image-gallery li.tile${status}`);
  return filter.name ? tile.filter({ has: page.locator('.name', { hasText: filter.name }) }) : tile;
}

/** Resolves once `count` tiles show a loaded thumbnail. */
export async function waitForThumbnails(page: Page, count: number): Promise<void> {
  await tiles(page, { status: 'ready' })
    .locator('img.loaded')
    .nth(count - 1)
    .waitFor();
}

/** Resolves once exactly `count` tiles are shown. */
export async function waitForTileCount(page: Page, count: number): Promise<void> {
  await page.waitForFunction(
    (n) => document.querySelector('image-gallery')?.shadowRoot?.querySelectorAll('li.tile').length === n,
    count,
  );
}

/** Resolves once the gallery's first listing has arrived. */
export async function waitForGallery(page: Page): Promise<void> {
  await page
    .locator('image-gallery ul.grid[data-settled="true"][aria-busy="false"]')
    .waitFor({ state: 'attached' });
}

/** The gallery's "Deleted · Undo" notice for the image named `name`. */
export function undoNotice(page: Page, name: string): Locator {
  return page.locator('image-gallery .undo p', { hasText: `Deleted ${name}` });
}
