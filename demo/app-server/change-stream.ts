/**
 * One Server-Sent Events stream of the store's changes (HTML Living Standard §9.2), shown through a
 * projection: the wall's public view, or one user's own events.
 *
 * - `id` of each message is the store's sequence number, so the browser (or the page's own reader)
 *   sends `Last-Event-ID` on reconnecting and is sent each image changed since, in its latest state.
 *   An id the store cannot resume from (not a number, or newer than the store: a store started
 *   afresh) gets a `reset` event: reload the list, then follow the stream.
 * - `ready` (`data: {}`) follows the backlog, with the id to resume from: the page knows the
 *   stream is live and caught up. `retry` tells EventSource how soon to reconnect.
 * - A comment line every `heartbeatMs` keeps proxies and load balancers from closing an idle stream
 *   and lets the server notice a client that is gone.
 */
import type { Context } from 'hono';
import { streamSSE, type SSEMessage } from 'hono/streaming';
import type { ImageStore, StoredImage } from './image-store.js';

/** Options of {@link streamChanges}. */
export interface ChangeStreamOptions {
  /** The message for one changed image, or `undefined` when this stream does not show it. */
  project(image: StoredImage): Omit<SSEMessage, 'id'> | undefined;
  /** Milliseconds between heartbeats. */
  heartbeatMs: number;
  /** Epoch ms at which the stream ends (the token's expiry): the client reconnects with a new one. */
  endsAt?: number;
  /** Milliseconds the browser should wait before reconnecting (default 2000). */
  retryMs?: number;
}

/** Answers `c` with the stream; it ends when the client goes, at `endsAt`, or when the server closes. */
export function streamChanges(c: Context, store: ImageStore, options: ChangeStreamOptions): Response {
  const header = c.req.header('last-event-id')?.trim();
  const resumeFrom = header === undefined || header === '' ? undefined : Number(header);
  const canResume =
    resumeFrom !== undefined &&
    Number.isSafeInteger(resumeFrom) &&
    resumeFrom >= 0 &&
    resumeFrom <= store.announcedSeq;
  // Subscribe before reading the backlog (same tick): no change falls between the two.
  const queue: StoredImage[] = [];
  let wake: (() => void) | undefined;
  const unsubscribe = store.subscribe((changes) => {
    queue.push(...changes);
    wake?.();
  });
  const startSeq = store.announcedSeq;
  const backlog = canResume ? store.since(resumeFrom) : [];
  c.header('X-Accel-Buffering', 'no'); // nginx: pass each message on at once
  return streamSSE(c, async (stream) => {
    let open = true;
    const stop = () => {
      open = false;
      wake?.();
    };
    stream.onAbort(stop);
    const heartbeat = setInterval(
      () => void stream.write(': keep-alive\n\n').catch(stop),
      options.heartbeatMs,
    );
    const end =
      options.endsAt === undefined ? undefined : setTimeout(stop, Math.max(0, options.endsAt - Date.now()));
    try {
      let sent = startSeq;
      const send = async (image: StoredImage) => {
        const message = options.project(image);
        if (message) await stream.writeSSE({ ...message, id: String(image.seq) });
      };
      if (resumeFrom !== undefined && !canResume) await stream.writeSSE({ event: 'reset', data: '{}' });
      for (const image of backlog) await send(image);
      // After the backlog: a client cut off before this resumes from where the backlog got to.
      await stream.writeSSE({
        event: 'ready',
        data: '{}',
        id: String(startSeq),
        retry: options.retryMs ?? 2000,
      });
      while (open) {
        const image = queue.shift();
        if (!image) {
          await new Promise<void>((resolve) => (wake = resolve));
          wake = undefined;
          continue;
        }
        if (image.seq <= sent) continue;
        sent = image.seq;
        await send(image);
      }
    } finally {
      clearInterval(heartbeat);
      clearTimeout(end);
      unsubscribe();
    }
  });
}
