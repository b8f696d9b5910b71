import { unsafeCSS } from 'lit';

/**
 * Styles of `<image-uploader>`, themable with custom properties. Light and dark come from
 * `light-dark()`, which follows the page's `color-scheme`: a page that declares
 * `color-scheme: light dark` gets the dark palette under a dark preference, and a page that
 * declares nothing stays light (so the text never turns light on a white page).
 */
// Right to left: Arabic, Hebrew and Persian lay the element out mirrored even where the page sets
// no `dir` (`:lang()` matches the language an element inherits); a `dir` on an ancestor mirrors it
// too; `style="direction: ltr"` on the element keeps it left to right.
// The layout uses only grid, flex and inline-symmetric boxes, so `direction` mirrors all of it.
// File names are isolated (`unicode-bidi: plaintext`), so `photo.jpg` reads the same in any text.
// File rows place preview, name, progress and status explicitly: the buttons are pinned to row 1,
// and CSS grid places row-pinned items first, which would push the rest out of their columns.
// A constant string, so `unsafeCSS` is safe here; it gives the same CSSResult as the `css` tag,
// whose checks of interpolated values would add 150 B gzip to the bundles (nothing else uses it).
export const styles = unsafeCSS(`
  :host {
    --_accent: var(--image-uploader-accent, light-dark(#2563eb, #60a5fa));
    --_bg: var(--image-uploader-background, light-dark(#f8fafc, #1e293b));
    --_fg: var(--image-uploader-foreground, light-dark(#0f172a, #e2e8f0));
    --_border: var(--image-uploader-border, light-dark(#64748b, #94a3b8));
    --_danger: var(--image-uploader-danger, light-dark(#b91c1c, #fca5a5));
    --_radius: var(--image-uploader-radius, 0.5rem);
    display: block;
    color: var(--_fg);
    font: inherit;
  }
  :host(:is(:lang(ar), :lang(he), :lang(fa))) {
    direction: rtl;
  }
  [hidden] {
    display: none !important;
  }
  button {
    font: inherit;
    color: inherit;
    cursor: pointer;
  }
  button:focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 2px;
  }
  [part='drop-zone'] {
    display: grid;
    gap: 0.25rem;
    width: 100%;
    padding: 1.5rem;
    background: var(--_bg);
    border: 2px dashed var(--_border);
    border-radius: var(--_radius);
  }
  .dragging [part='drop-zone'] {
    border-color: var(--_accent);
  }
  [part='label'] {
    font-weight: 600;
  }
  button:disabled {
    cursor: not-allowed;
    opacity: 0.6;
  }
  ul {
    display: grid;
    gap: 0.5rem;
    margin: 0.5rem 0;
    padding: 0;
    list-style: none;
  }
  li {
    display: grid;
    grid-template-columns: 3rem 1fr auto auto auto;
    align-items: center;
    gap: 0 0.5rem;
  }
  [part='preview'] {
    grid-column: 1;
    grid-row: 1 / span 2;
    width: 3rem;
    height: 3rem;
    object-fit: cover;
    border-radius: calc(var(--_radius) / 2);
    background: var(--_bg);
  }
  [part='name'] {
    grid-column: 2;
    grid-row: 1;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
    unicode-bidi: plaintext;
  }
  li progress {
    grid-row: 2;
  }
  progress {
    grid-column: 2 / -1;
    width: 100%;
    accent-color: var(--_accent);
  }
  li [part='button'] {
    grid-row: 1;
  }
  li [part='status'] {
    grid-column: 2 / -1;
    grid-row: 3;
  }
  [part~='error'] [part='status'] {
    color: var(--_danger);
  }
  /* A finished file collapses: a small preview, no progress bar (its row is left empty). */
  [part~='done'] {
    grid-template-columns: 1.5rem 1fr auto;
  }
  [part~='done'] [part='preview'] {
    width: 1.5rem;
    height: 1.5rem;
  }
  [part~='done'] progress {
    display: none;
  }
  [part='interrupted'] li {
    display: flex;
    justify-content: space-between;
  }
  li [part='button'],
  [part='clear'] {
    background: none;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`);
