/**
 * The gallery's live updates: the signed-in user's own image events from the app server
 * (`GET {appServer}/api/my/events`, with the access token in `Authorization`, never in the URL).
 *
 * - `image.rejected` turns the tile rejected with the reason at once;
 * - `image.ready` shows the ThumbHash at once and fetches the image's summary once (a private
 *   image's thumbnail URLs are signed by the signer, not carried in the event);
 * - `image.deleted` (in another tab, say) takes the tile away.
 *
 * An event can come before the page tracks the upload (the thumbnailer may be done before the
 * browser hears that S3 stored the file): it is kept and applied by {@link LiveUpdates.track}.
 * While the stream is down, or without an app server, the status poller does the work as before.
 */
import type { ImageSummary } from '../../contract/index.js';
import type { ImageEvent } from '../../contract/image-events.js';
import { openEventStream, type EventStream } from './event-stream.js';
import type { TokenSource } from './images-client.js';
import type { StatusPoller } from './status-poller.js';

/** What the gallery offers the live updates. */
export interface LiveUpdatesHost {
  /** The tile's current summary, or `undefined` when the gallery shows no such image. */
  summaryOf(id: string): ImageSummary | undefined;
  update(summary: ImageSummary): void;
  /** The image was deleted elsewhere. */
  gone(id: string): void;
  /** `GET /v1/images/:id` through the signer. */
  fetchImage(id: string): Promise<ImageSummary>;
}

/** How many events for images not (yet) shown are kept. */
const EARLY_LIMIT = 100;

/** Connects the gallery to the app server's stream of the user's events. */
export class LiveUpdates {
  readonly #host: LiveUpdatesHost;
  readonly #poller: StatusPoller;
  readonly #early = new Map<string, ImageEvent>();
  #stream: EventStream | undefined;

  constructor(host: LiveUpdatesHost, poller: StatusPoller) {
    this.#host = host;
    this.#poller = poller;
  }

  /** (Re)connects to `appServer` with `getToken`; without either, disconnects. */
  connect(appServer: string, getToken: TokenSource | undefined): void {
    this.disconnect();
    if (!appServer || !getToken) return;
    this.#stream = openEventStream({
      url: new URL('/api/my/events', appServer).href,
      getToken,
      onStatus: (status) => {
        this.#poller.setLive(status === 'live');
        // What happened before the stream was live was not streamed: ask once.
        if (status === 'live') this.#poller.check();
      },
      onMessage: ({ event, data }) => {
        if (event.startsWith('image.')) this.#apply(JSON.parse(data) as ImageEvent);
      },
    });
  }

  disconnect(): void {
    this.#stream?.close();
    this.#stream = undefined;
    this.#poller.setLive(false);
  }

  /** A tile for `id` now exists: apply what was heard of it before. */
  track(id: string): void {
    const early = this.#early.get(id);
    this.#early.delete(id);
    if (early) this.#apply(early);
  }

  #apply(event: ImageEvent): void {
    const { id } = event.data;
    const summary = this.#host.summaryOf(id);
    if (!summary) {
      this.#early.delete(id);
      this.#early.set(id, event);
      if (this.#early.size > EARLY_LIMIT) this.#early.delete(this.#early.keys().next().value!);
      return;
    }
    if (event.type === 'image.deleted') return this.#host.gone(id);
    this.#poller.forget(id);
    if (event.type === 'image.rejected') {
      this.#host.update({
        ...summary,
        status: 'rejected',
        reason: { code: event.data.code, message: event.data.reason },
      });
      return;
    }
    if (summary.status === 'ready' && summary.thumbnails.length > 0) return;
    this.#host.update({ ...summary, placeholder: event.data.thumbhash });
    this.#host.fetchImage(id).then(
      (fresh) => this.#host.update(fresh),
      // The summary could not be read: the poller tries again.
      () => this.#poller.watch(id),
    );
  }
}
