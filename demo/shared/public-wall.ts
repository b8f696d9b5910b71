/**
 * `<public-wall>`: every user's public images from the app server, newest first, live.
 *
 * It follows `GET {appServer}/api/wall/events` first and, once the stream says it is caught up
 * (`ready`), reads the list (`GET /api/wall`): an image published in between comes by either and
 * is shown once. `image` events add a tile in its place, `removed` takes one away, `reset` reads
 * the list again. Each tile shows its ThumbHash at once and the picture when it has loaded; a
 * picture that no longer loads (made private, so the CDN answers 404) leaves the wall.
 *
 * @summary The demo's public wall.
 */
import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { WallPage } from '../app-server/app.js';
import { compareWall, type WallImage } from '../app-server/wall-image.js';
import { openEventStream, type EventStream, type StreamMessage } from './event-stream.js';
import { placeholderUrl } from './image-tile.js';
import { wallStyles } from './public-wall.styles.js';

/** Rendered width of a tile in CSS pixels, for `sizes`. */
const SIZES = '(max-width: 480px) 90vw, 260px';

@customElement('public-wall')
export class PublicWall extends LitElement {
  static override styles = wallStyles;

  /** Base URL of the app server; without one the wall says so. */
  @property({ attribute: 'app-server' }) appServer = '';

  @state() private images: WallImage[] = [];
  @state() private status: 'connecting' | 'live' | 'down' = 'connecting';
  @state() private settled = false;
  @state() private nextCursor: string | undefined;
  @state() private announcement = '';
  @state() private loaded = new Set<string>();

  /** Ids taken off the wall; a late list or event does not bring them back. */
  readonly #gone = new Set<string>();
  #stream: EventStream | undefined;
  /** The first page of the list has been read (a reconnect that resumes needs no new read). */
  #listed = false;

  override connectedCallback(): void {
    super.connectedCallback();
    // Put back in the page: follow the stream again (the first update opens it otherwise).
    if (this.hasUpdated) this.#open();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#stream?.close();
    this.#stream = undefined;
  }

  override updated(changed: Map<string, unknown>): void {
    if (changed.has('appServer')) {
      this.#stream?.close();
      this.#stream = undefined;
      this.#open();
    }
  }

  #open(): void {
    if (!this.appServer || this.#stream) return;
    this.#stream = openEventStream({
      url: new URL('/api/wall/events', this.appServer).href,
      onStatus: (status) => (this.status = status),
      onMessage: (message) => this.#receive(message),
    });
  }

  #receive({ event, data }: StreamMessage): void {
    if (event === 'ready' && this.#listed) return;
    if (event === 'ready' || event === 'reset') return void this.#load(undefined);
    if (event === 'image') {
      const image = JSON.parse(data) as WallImage;
      if (this.#add([image]) > 0) this.announcement = 'A new image was added to the wall.';
    } else if (event === 'removed') {
      this.#remove((JSON.parse(data) as { id: string }).id);
    }
  }

  /** Reads a page of the list; `undefined` reads the first page again (after a reset: all anew). */
  async #load(cursor: string | undefined): Promise<void> {
    const query = new URLSearchParams({ limit: '30', ...(cursor && { cursor }) });
    try {
      const response = await fetch(new URL(`/api/wall?${query}`, this.appServer), { cache: 'no-store' });
      if (!response.ok) throw new Error(`The app server answered ${response.status}`);
      const page = (await response.json()) as WallPage;
      if (!cursor) this.images = this.images.filter((image) => page.images.some((i) => i.id === image.id));
      this.#add(page.images);
      if (!cursor || this.nextCursor === cursor) this.nextCursor = page.nextCursor;
      this.#listed = true;
    } catch {
      this.status = 'down';
    } finally {
      this.settled = true;
    }
  }

  /** Adds what the wall does not show yet, newest first; returns how many were new. */
  #add(images: WallImage[]): number {
    const fresh = images.filter(
      (image) => !this.#gone.has(image.id) && !this.images.some((i) => i.id === image.id),
    );
    if (fresh.length === 0) return 0;
    this.images = [...this.images, ...fresh].sort(compareWall);
    return fresh.length;
  }

  #remove(id: string): void {
    this.#gone.add(id);
    this.images = this.images.filter((image) => image.id !== id);
  }

  override render() {
    if (!this.appServer) {
      return html`<p class="state">
        This demo runs without its app server, so the wall has nothing to show.
      </p>`;
    }
    return html`
      <p class="announce" role="status">${this.announcement}</p>
      ${
        this.status === 'down'
          ? html`<p class="state offline" role="alert">The wall is offline; trying again…</p>`
          : nothing
      }
      ${
        this.settled && this.images.length === 0
          ? html`<p class="state empty">
              No public images yet. Sign in, choose “Public”, and upload one: it appears here at once.
            </p>`
          : nothing
      }
      <ul class="grid" aria-label="Public images" aria-busy=${!this.settled} data-status=${this.status}>
        ${this.images.map((image) => this.#renderImage(image))}
      </ul>
      ${
        this.nextCursor
          ? html`<button class="more" @click=${() => this.#load(this.nextCursor)}>Load more</button>`
          : nothing
      }
    `;
  }

  #renderImage(image: WallImage) {
    const when = new Date(image.publishedAt);
    const loaded = this.loaded.has(image.id);
    return html`<li data-id=${image.id}>
      <figure>
        <div
          class="frame"
          style=${`--ratio:${image.width} / ${image.height};background-image:url(${placeholderUrl(image.thumbhash)})`}
        >
          <picture>
            <source type="image/webp" srcset=${image.srcset.webp} sizes=${SIZES} />
            <img
              class=${loaded ? 'loaded' : ''}
              src=${image.src}
              srcset=${image.srcset.jpeg}
              sizes=${SIZES}
              width=${image.width}
              height=${image.height}
              alt=${`Public image shared ${when.toLocaleString()}`}
              loading="lazy"
              decoding="async"
              @load=${() => (this.loaded = new Set(this.loaded).add(image.id))}
              @error=${() => this.#remove(image.id)}
            />
          </picture>
        </div>
        <figcaption><time datetime=${image.publishedAt}>${when.toLocaleString()}</time></figcaption>
      </figure>
    </li>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'public-wall': PublicWall;
  }
}
