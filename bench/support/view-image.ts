/**
 * One view of an image in Chromium, as a visitor's: a new tab opens a page, the page adds an
 * `<img>`, and we learn how long it took to load and where Chromium got the bytes from.
 *
 * Where the bytes came from is read from the DevTools protocol's Network events (the tab's own
 * session): Resource Timing's `transferSize` is 0 for a cross-origin image without
 * `Timing-Allow-Origin`, cached or not (Resource Timing §4.3, "cross-origin resources").
 */
import type { BrowserContext } from 'playwright-core';

export interface ImageView {
  url: string;
  /** Milliseconds from setting `src` to the `load` event. */
  loadMs: number;
  /** `network`, or the cache Chromium served it from. */
  source: 'network' | 'disk cache' | 'memory cache';
  /** HTTP status Chromium reports (a cache hit reports the stored 200). */
  status: number;
  /** Bytes received over the network for it, headers included: 0 from the cache. */
  transferBytes: number;
  /** Size of the body as stored (the same cached or not). */
  bodyBytes: number;
  /** The `Cache-Control` it was served with. */
  cacheControl: string;
  naturalWidth: number;
}

/**
 * Opens `pageUrl` in a new tab of `context`, shows `imageUrl` as an `<img>`, and closes the tab.
 * @throws Error when the image fails to load or Chromium reports no request for it.
 */
export async function viewImage(
  context: BrowserContext,
  pageUrl: string,
  imageUrl: string,
): Promise<ImageView> {
  const page = await context.newPage();
  try {
    const cdp = await context.newCDPSession(page);
    const target = new URL(imageUrl).href;
    let requestId: string | undefined;
    let fromCache = false;
    let finished: ((bytes: number) => void) | undefined;
    const transferred = new Promise<number>((resolve) => (finished = resolve));
    let response: { fromDiskCache?: boolean; status: number; headers: Record<string, string> } | undefined;
    cdp.on('Network.requestWillBeSent', (event) => {
      if (event.request.url === target) requestId = event.requestId;
    });
    cdp.on('Network.requestServedFromCache', (event) => {
      if (event.requestId === requestId) fromCache = true;
    });
    cdp.on('Network.responseReceived', (event) => {
      if (event.requestId === requestId) response = event.response;
    });
    cdp.on('Network.loadingFinished', (event) => {
      if (event.requestId === requestId) finished?.(event.encodedDataLength);
    });
    await cdp.send('Network.enable');
    await page.goto(pageUrl);
    const loaded = await page.evaluate(
      (src) =>
        new Promise<{ loadMs: number; naturalWidth: number }>((resolve, reject) => {
          const img = document.createElement('img');
          img.alt = '';
          img.onload = () => resolve({ loadMs: performance.now() - start, naturalWidth: img.naturalWidth });
          img.onerror = () => reject(new Error('the image did not load'));
          const start = performance.now();
          img.src = src;
          document.body.append(img);
        }),
      imageUrl,
    );
    const encodedBytes = await Promise.race([
      transferred,
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error(`Chromium reported no finished request for ${imageUrl}`)), 5000),
      ),
    ]);
    if (!response) throw new Error(`Chromium reported no response for ${imageUrl}`);
    const source = response.fromDiskCache ? 'disk cache' : fromCache ? 'memory cache' : 'network';
    const header = (name: string) =>
      Object.entries(response!.headers).find(([key]) => key.toLowerCase() === name)?.[1] ?? '';
    return {
      url: imageUrl,
      loadMs: loaded.loadMs,
      source,
      status: response.status,
      transferBytes: encodedBytes,
      bodyBytes: Number(header('content-length')),
      cacheControl: header('cache-control'),
      naturalWidth: loaded.naturalWidth,
    };
  } finally {
    await page.close();
  }
}
