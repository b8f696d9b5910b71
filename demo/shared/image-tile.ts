/**
 * The markup of one gallery tile: the ThumbHash placeholder at once, then the responsive
 * thumbnail (`<picture>`: WebP `srcset` with a JPEG fallback), or the processing / rejected state.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { thumbHashToDataURL } from 'thumbhash';
import type { ImageSummary, ThumbnailLink, Visibility } from '../../contract/index.js';

/** One tile's view state: the signer's summary plus what the page knows locally. */
export interface TileState {
  summary: ImageSummary;
  /** The file name as this page knows it (uploads made here), until the summary carries `name`. */
  label?: string;
  deleting?: boolean;
  /** The thumbnail finished loading. */
  loaded?: boolean;
  /** A `PATCH` of its visibility is under way. */
  publishing?: boolean;
  /** Its public link was just copied. */
  copied?: boolean;
}

/** Handlers the tile calls back. */
export interface TileHandlers {
  open(id: string): void;
  remove(id: string): void;
  loaded(id: string): void;
  failed(id: string): void;
  copyLink(id: string, url: string): void;
  setVisibility(id: string, visibility: Visibility): void;
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

/**
 * A ready public image's link for anyone: the stable CDN URL of its 720 px WebP
 * (`{IMAGE_BASE_URL}/public/{id}/720.webp`), else the one the listing names (`publicUrl`).
 */
export function publicLink(summary: ImageSummary): string | undefined {
  if (summary.visibility !== 'public' || summary.status !== 'ready') return undefined;
  const webp = summary.thumbnails.find(
    (t) => t.format === 'webp' && new URL(t.url).pathname.endsWith(`/public/${summary.id}/720.webp`),
  );
  return webp?.url ?? summary.publicUrl;
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
      ${
        webp.length
          ? html`<source type="image/webp" srcset=${summary.srcset?.webp ?? srcset(webp)} sizes=${SIZES} />`
          : nothing
      }
      <img
        class=${state.loaded ? 'loaded' : ''}
        src=${fallback.url}
        srcset=${summary.srcset?.jpeg ?? srcset(jpeg)}
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
  const link = publicLink(summary);
  const next: Visibility = summary.visibility === 'public' ? 'private' : 'public';
  // The visible text starts the accessible name (WCAG 2.5.3, label in name).
  const action = next === 'public' ? 'Make public' : 'Make private';
  return html`<li
    class="tile"
    data-id=${summary.id}
    data-status=${summary.status}
    data-visibility=${summary.visibility}
    aria-busy=${!!state.deleting || !!state.publishing}
  >
    ${body(state, on)}
    <div class="meta">
      <span class="caption">
        <span class="name" title=${name ?? nothing}
          >${name ?? summary.type.replace('image/', '').toUpperCase()}</span
        >
        <span class="size"
          >${summary.size ? formatBytes(summary.size) : ''}
          <span class="visibility">${summary.visibility === 'public' ? 'Public' : 'Private'}</span></span
        >
      </span>
      ${
        link
          ? html`<button
              class="copy-link"
              data-url=${link}
              title=${link}
              @click=${() => on.copyLink(summary.id, link)}
            >
              ${state.copied ? 'Copied' : 'Copy public link'}
            </button>`
          : nothing
      }
      ${
        summary.status === 'rejected'
          ? nothing
          : html`<button
              class="publish"
              ?disabled=${state.publishing || state.deleting}
              aria-label=${`${action}: ${describe(state)}`}
              @click=${() => on.setVisibility(summary.id, next)}
            >
              ${action}
            </button>`
      }
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
