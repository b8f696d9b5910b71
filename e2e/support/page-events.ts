/**
 * Records, inside the page, what the elements report through their events (they bubble and are
 * composed, so one listener on `document` sees them all), for the tests to wait on.
 */
import type { Page } from 'playwright-core';

/** What the page recorded. */
export interface RecordedEvents {
  /** `upload-progress` detail `overall` values, in order. */
  overall: number[];
  /** `upload-success` details. */
  success: { id: string; key: string; name: string; at: number }[];
  /** `upload-error` details. */
  errors: { code: string; name: string }[];
  /** `thumbnail-visible` details from the gallery. */
  visible: { id: string; elapsedMs: number }[];
}

declare global {
  interface Window {
    __events: RecordedEvents;
  }
}

/** Installs the recorder in every document the page loads. */
export async function recordEvents(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const events: RecordedEvents = { overall: [], success: [], errors: [], visible: [] };
    window.__events = events;
    document.addEventListener('upload-progress', (e) => events.overall.push(e.detail.overall));
    document.addEventListener('upload-success', (e) =>
      events.success.push({
        id: e.detail.id,
        key: e.detail.key,
        name: e.detail.file.name,
        at: performance.now(),
      }),
    );
    document.addEventListener('upload-error', (e) =>
      events.errors.push({ code: e.detail.code, name: e.detail.file?.name ?? '' }),
    );
    document.addEventListener('thumbnail-visible', (e) => events.visible.push(e.detail));
  });
}

/** Reads what the page recorded so far. */
export function recorded(page: Page): Promise<RecordedEvents> {
  return page.evaluate(() => window.__events);
}
