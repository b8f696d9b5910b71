/**
 * The markup of one gallery tile: the ThumbHash placeholder at once, then the responsive
 * thumbnail (`<picture>`: WebP `srcset` with a JPEG fallback), or the processing / rejected state.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { thumbHashToDataURL } from 'thumbhash';
import type { ImageSummary, ThumbnailLink } from '../../contract/index.js';

/** One tile's view state: the signer's summary plus what the page knows locally. */
export interface TileState {
  summary: ImageSummary;
  /** The file name as this page knows it (uploads made here), until the summary carries `name`. */
  label?: string;
  deleting?: boolean;
  /** The thumbnail finished loading. */
  loaded?: boolean;
}

/** Handlers the tile calls back. */
export interface TileHandlers {
  open(id: string): void;
  remove(id: string): void;
  loaded(id: string): void;
  failed(id: string): void;
}

/** Rendered width of a tile in CSS pixels, for `sizes` (the grid keeps tiles near this). */
const SIZES = '(max-width: 480px) 50vw, 240px';

const placeholderCache = new Map<string, string>();

/** ThumbHash (base64) → data URL, memoised: decoding is cheap but tiles re-render often. */
export function placeholderUrl(hash: string): string {
  let url = placeholderCache.get(hash);
  if (!url) {
    const bytes = Uint8Array.from(atob(hash), (c) => c.charCodeAt(0));
    url = thumbHashToDataURL(bytes);
    placeholderCache.set(hash, url);
  }
  return url;
}

function srcset(links: ThumbnailLink[]): string {
  return links.map((link) => `${link.url} ${link.width}w`).join(', ');
}

/** The file's name: as signed (the summary's `name`), else as this page knew it; absent for old uploads. */
function fileName(state: TileState): string | undefined {
  return state.summary.name || state.label || undefined;
}

function describe(state: TileState): string {
  const when = new Date(state.summary.createdAt).toLocaleString();
  const name = fileName(state);
  return name ? `${name}, uploaded ${when}` : `Image uploaded ${when}`;
}

/** Human size, e.g. `2.4 MB`. */
export function formatBytes(size: number): string {
  if (size < 1000) return `${size} B`;
  if (size < 1_000_000) return `${(size / 1000).toFixed(0)} kB`;
  return `${(size / 1_000_000).toFixed(1)} MB`;
}

function body(state: TileState, on: TileHandlers): TemplateResult {
  const { summary } = state;
  if (summary.status === 'rejected') {
    return html`<div class="frame notice" part="rejected">
      <span class="icon" aria-hidden="true">⚠</span>
      <p class="reason">${summary.reason?.message ?? 'This file could not be processed.'}</p>
      <code>${summary.reason?.code ?? ''}</code>
    </div>`;
  }
  const webp = summary.thumbnails.filter((t) => t.format === 'webp');
  const jpeg = summary.thumbnails.filter((t) => t.format === 'jpeg');
  const placeholder = summary.placeholder
    ? `background-image:url(${placeholderUrl(summary.placeholder)})`
    : '';
  if (summary.status === 'processing' || jpeg.length === 0) {
    return html`<div class="frame notice processing" style=${placeholder}>
      <span class="spinner" aria-hidden="true"></span>
      <p>Making thumbnails…</p>
    </div>`;
  }
  const fallback = jpeg.find((t) => t.width >= 720) ?? jpeg[jpeg.length - 1]!;
  return html`<button
    class="frame open"
    style=${placeholder}
    aria-label=${`Open ${describe(state)}`}
    @click=${() => on.open(summary.id)}
  >
    <picture>
      ${webp.length ? html`<source type="image/webp" srcset=${srcset(webp)} sizes=${SIZES} />` : nothing}
      <img
        class=${state.loaded ? 'loaded' : ''}
        src=${fallback.url}
        srcset=${srcset(jpeg)}
        sizes=${SIZES}
        alt=${describe(state)}
        decoding="async"
        @load=${() => on.loaded(summary.id)}
        @error=${() => on.failed(summary.id)}
      />
    </picture>
  </button>`;
}

/** Renders one `<li>` of the gallery. */
export function renderTile(state: TileState, on: TileHandlers): TemplateResult {
  const { summary } = state;
  const name = fileName(state);
  return html`<li
    class="tile"
    data-id=${summary.id}
    data-status=${summary.status}
    aria-busy=${!!state.deleting}
  >
    ${body(state, on)}
    <div class="meta">
      <span class="caption">
        <span class="name" title=${name ?? nothing}
          >${name ?? summary.type.replace('image/', '').toUpperCase()}</span
        >
        <span class="size">${summary.size ? formatBytes(summary.size) : ''}</span>
      </span>
      <button
        class="delete"
        ?disabled=${state.deleting}
        aria-label=${`Delete ${describe(state)}`}
        title="Delete"
        @click=${() => on.remove(summary.id)}
      >
        <svg viewBox="0 0 24 24" aria-hidden="true" width="18" height="18">
          <path
            fill="currentColor"
            d="M9 3h6l1 2h4v2H4V5h4l1-2Zm-3 6h12l-1 12H7L6 9Zm4 2v8h2v-8h-2Zm4 0v8h2v-8h-2Z"
          />
        </svg>
      </button>
    </div>
  </li>`;
}
