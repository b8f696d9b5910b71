/** Styles of `<image-gallery>`; colours come from the page's custom properties (see demo.css). */
import { css } from 'lit';

export const galleryStyles = css`
  :host {
    display: block;
  }
  .grid {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(160px, 42vw), 1fr));
    gap: 12px;
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .tile {
    display: flex;
    flex-direction: column;
    border-radius: 12px;
    overflow: hidden;
    background: var(--surface, #fff);
    border: 1px solid var(--border, #e3e5ea);
    transition: opacity 0.2s;
  }
  .tile[aria-busy='true'] {
    opacity: 0.5;
  }
  .frame {
    position: relative;
    aspect-ratio: 1;
    width: 100%;
    margin: 0;
    padding: 0;
    border: 0;
    background: var(--muted-surface, #f1f2f5) center / cover no-repeat;
    overflow: hidden;
  }
  button.frame {
    cursor: zoom-in;
  }
  button.frame:focus-visible,
  .delete:focus-visible,
  .more:focus-visible {
    outline: 3px solid var(--accent, #3b5bdb);
    outline-offset: 2px;
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
  .notice {
    display: flex;
    flex-direction: column;
    align-items: center;
    justify-content: center;
    gap: 6px;
    padding: 12px;
    box-sizing: border-box;
    text-align: center;
    font-size: 0.85rem;
    color: var(--text-muted, #5c6370);
  }
  .notice p {
    margin: 0;
  }
  .processing p {
    background: color-mix(in srgb, var(--surface, #fff) 80%, transparent);
    border-radius: 999px;
    padding: 2px 10px;
  }
  [part='rejected'] {
    background: var(--danger-surface, #fff1f0);
    color: var(--danger, #b3261e);
  }
  [part='rejected'] .icon {
    font-size: 1.6rem;
  }
  [part='rejected'] code {
    font-size: 0.7rem;
    opacity: 0.8;
  }
  .spinner {
    width: 28px;
    height: 28px;
    border-radius: 50%;
    border: 3px solid color-mix(in srgb, var(--accent, #3b5bdb) 25%, transparent);
    border-top-color: var(--accent, #3b5bdb);
    animation: spin 0.9s linear infinite;
  }
  @keyframes spin {
    to {
      transform: rotate(360deg);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .spinner {
      animation-duration: 3s;
    }
  }
  .meta {
    display: flex;
    align-items: center;
    gap: 8px;
    padding: 6px 6px 6px 10px;
    font-size: 0.8rem;
    min-height: 36px;
  }
  .caption {
    flex: 1;
    min-width: 0;
    display: flex;
    flex-direction: column;
  }
  .name {
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .size {
    color: var(--text-muted, #5c6370);
  }
  .delete {
    display: grid;
    place-items: center;
    width: 36px;
    height: 36px;
    border: 0;
    border-radius: 8px;
    background: transparent;
    color: var(--text-muted, #5c6370);
    cursor: pointer;
  }
  .visibility {
    margin-inline-start: 6px;
  }
  .copy-link,
  .publish {
    border: 1px solid var(--border, #d0d4da);
    border-radius: 8px;
    background: transparent;
    color: inherit;
    font: inherit;
    padding: 4px 8px;
    cursor: pointer;
    white-space: nowrap;
  }
  .meta {
    flex-wrap: wrap;
  }
  .delete:hover {
    background: var(--danger-surface, #fff1f0);
    color: var(--danger, #b3261e);
  }
  .usage {
    display: grid;
    grid-template-columns: auto 1fr auto;
    gap: 6px 12px;
    align-items: center;
    margin: 0 0 12px;
    font-size: 0.85rem;
  }
  .usage .meter {
    display: contents;
  }
  .usage meter {
    width: 100%;
    height: 10px;
  }
  .usage .figures {
    color: var(--text-muted, #5c6370);
    font-variant-numeric: tabular-nums;
  }
  .empty {
    color: var(--text-muted, #5c6370);
    text-align: center;
    padding: 32px 0;
  }
  .error {
    background: var(--danger-surface, #fff1f0);
    color: var(--danger, #b3261e);
    border-radius: 8px;
    padding: 10px 14px;
  }
  .undo {
    position: fixed;
    inset: auto 0 16px;
    display: grid;
    justify-items: center;
    gap: 8px;
    pointer-events: none;
  }
  .undo p {
    display: flex;
    align-items: center;
    gap: 16px;
    margin: 0;
    padding: 8px 8px 8px 16px;
    border-radius: 8px;
    background: var(--text, #1f2328);
    color: var(--surface, #fff);
    box-shadow: 0 4px 16px rgb(0 0 0 / 0.2);
    pointer-events: auto;
  }
  .undo button {
    padding: 6px 12px;
    border: 0;
    border-radius: 6px;
    background: transparent;
    color: inherit;
    font: inherit;
    font-weight: 600;
    text-decoration: underline;
    cursor: pointer;
  }
  .undo button:focus-visible {
    outline: 3px solid var(--accent, #3b5bdb);
    outline-offset: 2px;
  }
  .more {
    display: block;
    margin: 16px auto 0;
    padding: 8px 18px;
    border-radius: 999px;
    border: 1px solid var(--border, #e3e5ea);
    background: var(--surface, #fff);
    color: inherit;
    font: inherit;
    cursor: pointer;
  }
  .viewer {
    max-width: min(96vw, 1200px);
    max-height: 94vh;
    padding: 0;
    border: 0;
    border-radius: 12px;
    background: var(--surface, #fff);
    color: inherit;
    overflow: hidden;
  }
  .viewer::backdrop {
    background: rgb(0 0 0 / 0.7);
  }
  .original {
    display: block;
    max-width: 100%;
    max-height: calc(94vh - 52px);
    width: auto;
    height: auto;
    margin: auto;
    opacity: 1;
  }
  .viewer footer {
    display: flex;
    align-items: center;
    gap: 16px;
    padding: 8px 12px;
    font-size: 0.85rem;
  }
  .viewer footer span {
    flex: 1;
    color: var(--text-muted, #5c6370);
  }
  .viewer a {
    color: var(--accent, #3b5bdb);
  }
  .close {
    padding: 6px 14px;
    border-radius: 8px;
    border: 1px solid var(--border, #e3e5ea);
    background: transparent;
    color: inherit;
    font: inherit;
    cursor: pointer;
  }
`;
