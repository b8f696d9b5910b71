/** Styles of `<public-wall>`; colours come from the page's custom properties (see demo.css). */
import { css } from 'lit';

export const wallStyles = css`
  :host {
    display: block;
  }
  .grid {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(220px, 44vw), 1fr));
    gap: 12px;
    list-style: none;
    margin: 0;
    padding: 0;
  }
  figure {
    margin: 0;
    border-radius: 12px;
    overflow: hidden;
    background: var(--surface, #fff);
    border: 1px solid var(--border, #e3e5ea);
  }
  .frame {
    aspect-ratio: var(--ratio, 4 / 3);
    background: var(--muted-surface, #f1f2f5) center / cover no-repeat;
  }
  picture,
  img {
    display: block;
    width: 100%;
    height: 100%;
  }
  img {
    object-fit: cover;
    opacity: 0;
    transition: opacity 0.25s ease-out;
  }
  img.loaded {
    opacity: 1;
  }
  figcaption {
    padding: 6px 10px;
    font-size: 0.8rem;
    color: var(--text-muted, #5c6370);
  }
  .state {
    color: var(--text-muted, #5c6370);
  }
  .state.offline {
    color: var(--danger, #b3261e);
  }
  .more {
    display: block;
    margin: 16px auto 0;
    font: inherit;
    padding: 7px 14px;
    border-radius: 8px;
    border: 1px solid var(--border, #e3e5ea);
    background: transparent;
    color: inherit;
    cursor: pointer;
  }
  .more:focus-visible {
    outline: 3px solid var(--accent, #3b5bdb);
    outline-offset: 2px;
  }
  .announce {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  @media (prefers-reduced-motion: reduce) {
    img {
      transition: none;
    }
  }
`;
