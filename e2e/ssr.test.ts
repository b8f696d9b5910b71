/**
 * Server-side rendering: the element's ES build and its React entry, imported in plain Node (as
 * Next.js, Nuxt or a Vite SSR server does, with the `node` export condition), must not throw for
 * want of `window`, `document` or `HTMLElement`, and React's `renderToString` must write the
 * element as a plain tag: its string attributes, nothing of its functions, objects or listeners.
 * Runs in a child process so no test runner's globals or resolution help it.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureWidgetBuild } from '../stack/widget-build.js';

const root = fileURLToPath(new URL('..', import.meta.url));

const SCRIPT = `
const browserGlobals = () => ['window', 'document', 'HTMLElement'].filter((name) => name in globalThis);
const before = browserGlobals();
const element = await import('image-uploader-element/react');
await import('image-uploader-element/vue');
await import('image-uploader-element');
const { createElement } = await import('react');
const { renderToString } = await import('react-dom/server');
const html = renderToString(
  createElement('form', null,
    createElement('image-uploader', {
      endpoint: 'https://signer.example',
      name: 'photo',
      multiple: true,
      'on-disconnect': 'cancel',
      getToken: () => 'secret-token',
      metadata: { listing_id: '42' },
      'onupload-success': () => {},
    }),
  ),
);
process.stdout.write(JSON.stringify({
  before,
  after: browserGlobals(),
  exported: typeof element.ImageUploader,
  html,
}));
`;

describe('server-side rendering (the ES build in Node)', () => {
  beforeAll(() => ensureWidgetBuild());

  it('imports without a DOM and renders the element as a plain tag', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--input-type=module', '--eval', SCRIPT],
      { cwd: root },
    );
    const result = JSON.parse(stdout) as {
      before: string[];
      after: string[];
      exported: string;
      html: string;
    };
    expect(result.before).toEqual([]);
    // Lit's Node build brings its own minimal `customElements` (@lit-labs/ssr-dom-shim); nothing else.
    expect(result.after).toEqual([]);
    expect(result.exported).toBe('function');
    expect(result.html).toBe(
      '<form><image-uploader endpoint="https://signer.example" name="photo" multiple="" on-disconnect="cancel"></image-uploader></form>',
    );
    expect(result.html).not.toContain('secret-token');
  });
});
