/**
 * The editor dialog's styles, adopted by its own shadow root (a constructed sheet, so a strict
 * Content-Security-Policy without `unsafe-inline` allows them). Themed by the element's custom
 * properties, which inherit into it.
 */
export const editorStyles = `
  dialog {
    max-width: calc(100vw - 2rem);
    padding: 1rem;
    color: var(--image-uploader-foreground, light-dark(#0f172a, #e2e8f0));
    background: var(--image-uploader-background, light-dark(#f8fafc, #1e293b));
    border: 1px solid var(--image-uploader-border, light-dark(#64748b, #94a3b8));
    border-radius: var(--image-uploader-radius, 0.5rem);
    font: inherit;
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 0.6);
  }
  .stage {
    position: relative;
    margin: auto;
    overflow: hidden;
    background: #000;
    touch-action: none;
    user-select: none;
  }
  img {
    position: absolute;
    max-width: none;
    pointer-events: none;
  }
  .box {
    position: absolute;
    box-sizing: border-box;
    border: 2px solid #fff;
    outline: 1px solid #000;
    /* Dims everything outside the box. */
    box-shadow: 0 0 0 100vmax rgb(0 0 0 / 0.55);
    cursor: move;
    touch-action: none;
  }
  .box:focus-visible {
    border-color: var(--image-uploader-accent, light-dark(#2563eb, #60a5fa));
    outline: 2px solid #fff;
  }
  .handle {
    position: absolute;
    width: 1.25rem;
    height: 1.25rem;
    margin: -0.625rem;
    background: #fff;
    border: 1px solid #000;
    border-radius: 50%;
    touch-action: none;
  }
  [data-corner='nw'] { left: 0; top: 0; cursor: nwse-resize; }
  [data-corner='ne'] { left: 100%; top: 0; cursor: nesw-resize; }
  [data-corner='sw'] { left: 0; top: 100%; cursor: nesw-resize; }
  [data-corner='se'] { left: 100%; top: 100%; cursor: nwse-resize; }
  .tools {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    margin-top: 0.75rem;
  }
  .tools :nth-child(5) {
    margin-inline-start: auto;
  }
  button {
    font: inherit;
    color: inherit;
    padding: 0.375rem 0.75rem;
    background: none;
    border: 1px solid var(--image-uploader-border, light-dark(#64748b, #94a3b8));
    border-radius: var(--image-uploader-radius, 0.5rem);
    cursor: pointer;
  }
  button:focus-visible {
    outline: 2px solid var(--image-uploader-accent, light-dark(#2563eb, #60a5fa));
    outline-offset: 2px;
  }
  .apply {
    color: #fff;
    background: var(--image-uploader-accent, light-dark(#2563eb, #60a5fa));
    border-color: transparent;
  }
  p {
    margin: 0.5rem 0 0;
    font-size: 0.875em;
  }
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;
