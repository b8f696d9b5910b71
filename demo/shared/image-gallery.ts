/**
 * `<image-gallery>`: the signed-in user's images from `GET /v1/images`, newest first.
 *
 * New uploads are added with {@link ImageGallery.track}: the tile appears as `processing` at once
 * and turns `ready` or `rejected` when the app server's event stream says so (`app-server`, see
 * live-updates.ts) — or, without an app server or while its stream is down, when polling
 * (`GET /v1/images/:id`, with backoff) finds the thumbnailer's manifest. No page reload either way.
 *
 * Deleting can be undone: the tile goes at once and "Deleted · Undo" shows for `undoMs`
 * (default 5 s) before the signer's `DELETE` is sent. Leaving the page (or taking the gallery out
 * of it) within that time sends the pending deletes at once, with `keepalive` so they outlive
 * the page: what a person deleted stays deleted.
 *
 * @summary The demo's image grid.
 * @event thumbnail-visible - A tracked upload's thumbnail finished loading; detail `{ id, elapsedMs }`
 *   where `elapsedMs` counts from `track()` (the upload's completion).
 */
import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { ImageSummary, Visibility } from '../../contract/index.js';
import { galleryStyles } from './image-gallery.styles.js';
import { renderTile, type TileState } from './image-tile.js';
import { createImagesClient, type TokenSource } from './images-client.js';
import { createUsageRefresher, usageRows, type UsageRow } from './usage.js';
import { LiveUpdates } from './live-updates.js';
import { PendingDeletes } from './pending-deletes.js';
import { createStatusPoller } from './status-poller.js';

/** Detail of the `thumbnail-visible` event. */
export interface ThumbnailVisibleDetail {
  id: string;
  elapsedMs: number;
}

@customElement('image-gallery')
export class ImageGallery extends LitElement {
  static override styles = galleryStyles;

  /** Base URL of the signer. */
  @property() endpoint = '';

  /** Returns an access token (the same function the uploader gets). */
  @property({ attribute: false }) getToken: TokenSource | undefined;

  /** Base URL of the app server whose event stream updates the tiles; without one, the gallery polls. */
  @property({ attribute: 'app-server' }) appServer = '';

  /** How long a deleted image can be brought back before its `DELETE` is sent, in milliseconds. */
  @property({ type: Number, attribute: 'undo-ms' }) undoMs = 5000;

  @state() private tiles: TileState[] = [];
  @state() private loading = false;
  /** The first listing has finished (successfully or not). */
  @state() private settled = false;
  @state() private error = '';
  @state() private nextCursor: string | undefined;
  @state() private opened: ImageSummary | undefined;
  /** The usage bar's meters: none while unknown or unlimited (the bar is hidden then). */
  @state() private usage: UsageRow[] = [];

  /** One client per gallery; it reads `endpoint` and `getToken` from the gallery when it sends. */
  readonly #images = createImagesClient(this);
  readonly #poller = createStatusPoller({
    getImage: (id) => this.#images.getImage(id),
    listImages: async () => (await this.#images.listImages()).images,
    onUpdate: (summary) => this.#update(summary.id, { summary }),
    onGone: (id) => this.#forget(id),
  });
  readonly #live = new LiveUpdates(
    {
      summaryOf: (id) => this.tiles.find((t) => t.summary.id === id)?.summary,
      update: (summary) => this.#update(summary.id, { summary }),
      gone: (id) => {
        if (!this.#pending.has(id)) this.#forget(id);
      },
      fetchImage: (id) => this.#images.getImage(id),
    },
    this.#poller,
  );
  /** `GET /v1/usage` after the first listing, each finished upload, thumbnail and delete. */
  readonly #usage = createUsageRefresher(
    () => this.#images.getUsage(),
    (usage) =>
      (this.usage = usage ? usageRows(usage, this.lang || document.documentElement.lang || undefined) : []),
  );
  readonly #trackedAt = new Map<string, number>();
  /** When each image's links were last renewed after a load error (ms since epoch). */
  readonly #renewedAt = new Map<string, number>();
  /** Deleted images whose `DELETE` waits for the undo window. */
  readonly #pending = new PendingDeletes(this, (id, leaving) => this.#send(id, leaving));

  /** Sends the pending deletes as the page is left (`pagehide` also covers the back-forward cache). */
  readonly #leave = (): void => this.#pending.sendAll(true);

  override connectedCallback(): void {
    super.connectedCallback();
    addEventListener('pagehide', this.#leave);
    if (this.hasUpdated) this.#live.connect(this.appServer, this.getToken);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    removeEventListener('pagehide', this.#leave);
    this.#pending.sendAll(false);
    this.#live.disconnect();
    this.#poller.stop();
  }

  override updated(changed: Map<string, unknown>): void {
    if (changed.has('appServer') || changed.has('getToken'))
      this.#live.connect(this.appServer, this.getToken);
  }

  /** Loads the first page again (replacing what is shown). */
  async refresh(): Promise<void> {
    await Promise.all([this.#load(undefined), this.#usage.refresh()]);
  }

  /**
   * Shows a just-uploaded image at once as `processing` and polls it until it is done.
   * @param id the image id from the uploader's `upload-success` event
   * @param label the file name to show
   */
  track(id: string, label?: string): void {
    this.#trackedAt.set(id, performance.now());
    if (!this.tiles.some((t) => t.summary.id === id)) {
      const summary: ImageSummary = {
        id,
        key: '',
        size: 0,
        type: '',
        createdAt: new Date().toISOString(),
        status: 'processing',
        visibility: 'private', // until the first poll answers with the image's own
        thumbnails: [],
      };
      this.tiles = [{ summary, label }, ...this.tiles];
    }
    this.#poller.watch(id);
    this.#live.track(id);
    // Its size now counts as reserved; it moves to used once the thumbnailer has made it.
    void this.#usage.refresh();
  }

  async #load(cursor: string | undefined): Promise<void> {
    this.loading = true;
    this.error = '';
    try {
      const page = await this.#images.listImages(cursor);
      const known = new Map(this.tiles.map((t) => [t.summary.id, t]));
      const fresh = page.images.map((summary) => ({ ...known.get(summary.id), summary }));
      // Tiles of uploads that the listing does not show yet stay in front.
      const pending = this.tiles.filter(
        (t) => t.summary.status === 'processing' && !page.images.some((i) => i.id === t.summary.id),
      );
      this.tiles = cursor ? [...this.tiles, ...fresh] : [...pending, ...fresh];
      this.nextCursor = page.nextCursor;
      for (const { summary } of fresh) {
        if (summary.status !== 'processing') continue;
        this.#poller.watch(summary.id);
        this.#live.track(summary.id);
      }
    } catch (error) {
      this.error = (error as Error).message;
    } finally {
      this.loading = false;
      this.settled = true;
    }
  }

  #update(id: string, patch: Partial<TileState>): void {
    const before = this.tiles.find((t) => t.summary.id === id)?.summary.status;
    this.tiles = this.tiles.map((t) => (t.summary.id === id ? { ...t, ...patch } : t));
    // Ready (its real size settled) or rejected (its reservation released): the usage changed.
    if (before === 'processing' && patch.summary && patch.summary.status !== 'processing')
      void this.#usage.refresh();
  }

  #forget(id: string): void {
    this.#poller.forget(id);
    this.#trackedAt.delete(id);
    this.tiles = this.tiles.filter((t) => t.summary.id !== id);
    void this.#usage.refresh(); // deleted here or elsewhere: its space is free
  }

  /** Hides the tile and offers to undo; the `DELETE` goes out once the undo window has passed. */
  #remove(id: string): void {
    const tile = this.tiles.find((t) => t.summary.id === id);
    if (!tile || !this.#pending.add(id, tile.label, this.undoMs)) return;
    // The delete button is gone with its tile: the keyboard goes on from "Undo".
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLButtonElement>(`.undo [data-id="${id}"]`)?.focus(),
    );
  }

  #undo(id: string): void {
    if (!this.#pending.undo(id)) return;
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLButtonElement>(`li[data-id="${id}"] .delete`)?.focus(),
    );
  }

  /** Sends the `DELETE` of a pending delete; a failure brings the tile back with the reason. */
  async #send(id: string, leaving: boolean): Promise<void> {
    this.#update(id, { deleting: true });
    try {
      await this.#images.deleteImage(id, leaving);
      this.#forget(id);
    } catch (error) {
      this.#update(id, { deleting: false });
      this.error = `Could not delete the image: ${(error as Error).message}`;
    }
  }

  #loaded(id: string): void {
    this.#update(id, { loaded: true });
    const trackedAt = this.#trackedAt.get(id);
    if (trackedAt === undefined) return;
    this.#trackedAt.delete(id);
    const detail: ThumbnailVisibleDetail = { id, elapsedMs: performance.now() - trackedAt };
    this.dispatchEvent(new CustomEvent('thumbnail-visible', { detail, bubbles: true, composed: true }));
  }

  /** Presigned URLs expire: when a thumbnail fails to load, fetch fresh links. */
  async #failed(id: string): Promise<void> {
    // At most once a minute per image, so a thumbnail that really is broken does not loop.
    if (Date.now() - (this.#renewedAt.get(id) ?? 0) < 60_000) return;
    this.#renewedAt.set(id, Date.now());
    try {
      this.#update(id, { summary: await this.#images.getImage(id) });
    } catch (error) {
      if ((error as { code?: string }).code === 'ERR_NOT_FOUND') this.#forget(id);
    }
  }

  /** Copies a public image's stable link; "Copied" shows on its button for two seconds. */
  async #copyLink(id: string, url: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(url);
    } catch (error) {
      this.error = `Could not copy the link (${url}): ${(error as Error).message}`;
      return;
    }
    this.#update(id, { copied: true });
    setTimeout(() => this.#update(id, { copied: false }), 2000);
  }

  /** Publishes or unpublishes an image (`PATCH`); the tile shows the signer's updated summary. */
  async #setVisibility(id: string, visibility: Visibility): Promise<void> {
    this.#update(id, { publishing: true });
    try {
      this.#update(id, { summary: await this.#images.setVisibility(id, visibility), publishing: false });
    } catch (error) {
      this.#update(id, { publishing: false });
      this.error = `Could not make the image ${visibility}: ${(error as Error).message}`;
    }
  }

  #open(id: string): void {
    this.opened = this.tiles.find((t) => t.summary.id === id)?.summary;
    void this.updateComplete.then(() => this.renderRoot.querySelector('dialog')?.showModal());
  }

  override render() {
    const handlers = {
      open: (id: string) => this.#open(id),
      remove: (id: string) => void this.#remove(id),
      loaded: (id: string) => this.#loaded(id),
      failed: (id: string) => void this.#failed(id),
      copyLink: (id: string, url: string) => void this.#copyLink(id, url),
      setVisibility: (id: string, visibility: Visibility) => void this.#setVisibility(id, visibility),
    };
    return html`
      ${this.#renderUsage()} ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${
        this.tiles.length === 0 && !this.loading
          ? html`<p class="empty">No images yet. Your uploads will appear here.</p>`
          : nothing
      }
      <ul class="grid" aria-label="My images" aria-busy=${this.loading} data-settled=${this.settled}>
        ${this.tiles
          .filter((tile) => !this.#pending.has(tile.summary.id))
          .map((tile) => renderTile(tile, handlers))}
      </ul>
      <div class="undo" role="status">
        ${this.#pending.list.map(
          ({ id, label }) =>
            html`<p>
              <span>Deleted${label ? ` ${label}` : ''}</span>
              <button
                data-id=${id}
                aria-label=${`Undo deleting ${label ?? 'the image'}`}
                @click=${() => this.#undo(id)}
              >
                Undo
              </button>
            </p>`,
        )}
      </div>
      ${
        this.nextCursor
          ? html`<button class="more" @click=${() => this.#load(this.nextCursor)}>Load more</button>`
          : nothing
      }
      ${this.#renderViewer()}
    `;
  }

  /** One labelled `<meter>` per limited unit; its words are its accessible value too. */
  #renderUsage() {
    if (!this.usage.length) return nothing;
    return html`<section class="usage" aria-label="Your usage">
      ${this.usage.map(
        (row) =>
          html`<div class="meter" data-unit=${row.unit}>
            <label for=${`usage-${row.unit}`}>${row.label}</label>
            <meter
              id=${`usage-${row.unit}`}
              min="0"
              max=${row.limit}
              value=${Math.min(row.value, row.limit)}
              high=${row.limit * 0.9}
              optimum="0"
              aria-valuetext=${row.text}
            ></meter>
            <span class="figures">${row.text}</span>
          </div>`,
      )}
    </section>`;
  }

  #renderViewer() {
    const image = this.opened;
    if (!image) return nothing;
    const close = () => this.renderRoot.querySelector('dialog')?.close();
    return html`<dialog class="viewer" aria-label="Original image" @close=${() => (this.opened = undefined)}>
      ${
        image.original
          ? html`<img class="original" src=${image.original.url} alt="The original upload" />`
          : html`<p>The original is no longer available.</p>`
      }
      <footer>
        <span>${image.width && image.height ? `${image.width} × ${image.height}` : ''}</span>
        ${
          image.original
            ? html`<a href=${image.original.url} target="_blank" rel="noopener">Open original</a>`
            : nothing
        }
        <button class="close" @click=${close}>Close</button>
      </footer>
    </dialog>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'image-gallery': ImageGallery;
  }
  interface GlobalEventHandlersEventMap {
    'thumbnail-visible': CustomEvent<ThumbnailVisibleDetail>;
  }
}
