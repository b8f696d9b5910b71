/**
 * Watches images that are `processing` until the thumbnailer has decided, with one shared timer
 * that polls quickly at first and then backs off. A few images are asked for by id; many at once
 * are read from one listing request, so a big batch never trips the signer's rate limit.
 *
 * While the app server's event stream is live ({@link StatusPoller.setLive}), the events tell the
 * gallery; the poller then only asks every {@link LIVE_POLL_MS}, a safety net for an event the app
 * server never got (a webhook still being retried, or dead-lettered).
 */
import type { ImageSummary } from '../../contract/index.js';

/** Delay before poll number `attempt` (0-based): 100 ms growing ×1.4 up to 5 s. */
export function pollDelay(attempt: number): number {
  return Math.min(100 * 1.4 ** attempt, 5000);
}

/** Milliseconds between polls while the event stream is live. */
export const LIVE_POLL_MS = 20_000;

/** Callbacks of {@link createStatusPoller}. */
export interface StatusPollerOptions {
  getImage(id: string): Promise<ImageSummary>;
  /** The first page of the listing (newest first). */
  listImages(): Promise<ImageSummary[]>;
  /** A watched image has a newer summary (called for every answer). */
  onUpdate(summary: ImageSummary): void;
  /** A watched image no longer exists (deleted elsewhere). */
  onGone(id: string): void;
  /** Give up on an image after this long (default 3 minutes). */
  maxWaitMs?: number;
}

/** What {@link createStatusPoller} returns. */
export interface StatusPoller {
  /** Starts (or restarts, quickly) watching `id` until it is no longer `processing`. */
  watch(id: string): void;
  forget(id: string): void;
  /**
   * `true` while an event stream reports the watched images: polls slow down to
   * {@link LIVE_POLL_MS}; `false` goes back to the quick polls at once.
   */
  setLive(live: boolean): void;
  /** Asks about every watched image now (once the stream is live: what it said before it was). */
  check(): void;
  stop(): void;
}

const BY_ID_LIMIT = 3;

/** Creates the poller; nothing happens until {@link StatusPoller.watch}. */
export function createStatusPoller(options: StatusPollerOptions): StatusPoller {
  const maxWaitMs = options.maxWaitMs ?? 3 * 60_000;
  const watched = new Map<string, number>(); // id → since (epoch ms)
  let timer: ReturnType<typeof setTimeout> | undefined;
  let attempt = 0;
  let inFlight = false;
  let live = false;

  const settle = (summary: ImageSummary) => {
    options.onUpdate(summary);
    if (summary.status !== 'processing') watched.delete(summary.id);
  };

  const tick = async () => {
    timer = undefined;
    inFlight = true;
    const ids = [...watched.keys()];
    if (ids.length <= BY_ID_LIMIT) {
      await Promise.all(
        ids.map((id) =>
          options.getImage(id).then(settle, (error: { code?: string }) => {
            // A 404 means it was deleted meanwhile; anything else is simply asked again later.
            if (error.code === 'ERR_NOT_FOUND') {
              watched.delete(id);
              options.onGone(id);
            }
          }),
        ),
      );
    } else {
      const images = await options.listImages().catch(() => []);
      for (const summary of images) if (watched.has(summary.id)) settle(summary);
    }
    const now = Date.now();
    for (const [id, since] of watched) if (now - since > maxWaitMs) watched.delete(id);
    attempt += 1;
    inFlight = false;
    schedule();
  };

  const schedule = () => {
    const delay = live ? Math.max(pollDelay(attempt), LIVE_POLL_MS) : pollDelay(attempt);
    if (timer === undefined && !inFlight && watched.size > 0) timer = setTimeout(tick, delay);
  };
  const restart = (delayed: boolean) => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (delayed) schedule();
    else if (!inFlight && watched.size > 0) void tick();
  };

  return {
    watch(id) {
      watched.set(id, Date.now());
      // A new upload deserves the quick polls again.
      attempt = 0;
      restart(true);
    },
    forget(id) {
      watched.delete(id);
    },
    setLive(next) {
      if (next === live) return;
      live = next;
      attempt = 0;
      restart(true);
    },
    check() {
      restart(false);
    },
    stop() {
      clearTimeout(timer);
      timer = undefined;
      watched.clear();
    },
  };
}
