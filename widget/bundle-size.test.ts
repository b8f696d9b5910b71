import { atMost, equal, ok } from './test-support/assert.js';
import { afterEach, describe, it } from './test-support/mocha.js';
import { EDITOR_BUDGET_BYTES, SIZE_BUDGET_BYTES as BUDGET } from './test-support/size-budget.js';
import { makeJpeg, nextEvent, stackInfo, token, waitFor } from './test-support/stack.js';
import type { ImageUploader } from './image-uploader.js';

async function gzipSize(bytes: ArrayBuffer): Promise<number> {
  const stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream('gzip'));
  return (await new Response(stream).arrayBuffer()).byteLength;
}

describe('widget/dist/image-uploader.js (the script-tag build; run `npm run build` first)', () => {
  afterEach(() => document.body.replaceChildren());

  it(`is at most ${BUDGET} bytes min+gzip`, async () => {
    const response = await fetch('/widget/dist/image-uploader.js');
    ok(response.ok, 'widget/dist/image-uploader.js exists');
    const bytes = await response.arrayBuffer();
    const gzip = await gzipSize(bytes);
    atMost(gzip, BUDGET, `${gzip} bytes gzip (${bytes.byteLength} minified) is over the budget`);
    ok(!new TextDecoder().decode(bytes).includes('\n  '), 'minified');
  });

  it(`has an editor chunk of at most ${EDITOR_BUDGET_BYTES} bytes min+gzip, beside it`, async () => {
    const response = await fetch('/widget/dist/editor-chunk.js');
    ok(response.ok, 'widget/dist/editor-chunk.js exists');
    const bytes = await response.arrayBuffer();
    const gzip = await gzipSize(bytes);
    atMost(gzip, EDITOR_BUDGET_BYTES, `${gzip} bytes gzip (${bytes.byteLength} minified) is over the budget`);
  });

  it('leaves the HEIC decoder out of the script and the Worker chunk: heic-chunk.js, beside them', async () => {
    const text = async (file: string): Promise<string> => {
      const response = await fetch(`/widget/dist/${file}`);
      ok(response.ok, `widget/dist/${file} exists`);
      return response.text();
    };
    const [core, worker, heic] = await Promise.all(
      ['image-uploader.js', 'worker-chunk.js', 'heic-chunk.js'].map(text),
    );
    for (const [name, code] of [
      ['image-uploader.js', core],
      ['worker-chunk.js', worker],
    ] as const)
      ok(!code!.includes('HeifDecoder') && code!.length < 100_000, `${name} carries no libheif`);
    ok(worker!.includes('import("./heic-chunk.js")'), 'the Worker chunk imports it from its own folder');
    ok(heic!.includes('HeifDecoder'), 'heic-chunk.js is libheif');
    const gzip = await gzipSize(new TextEncoder().encode(heic!).buffer);
    console.info(`heic-chunk.js: ${heic!.length} B min, ${gzip} B gzip (loaded only for a HEIC)`);
    atMost(gzip, 750_000, `heic-chunk.js is ${gzip} B gzip`);
  });

  it('works from a plain <script> tag, with the German companion file', async () => {
    const frame = document.createElement('iframe');
    frame.srcdoc = `<!doctype html><html lang="de"><body>
      <script src="/widget/dist/image-uploader.js"></script>
      <script src="/widget/dist/i18n/de.js"></script>
      <image-uploader></image-uploader></body></html>`;
    document.body.append(frame);
    await waitFor(
      () => frame.contentDocument?.querySelector('image-uploader')?.shadowRoot,
      10_000,
      'the element to render',
    );
    const element = frame.contentDocument!.querySelector('image-uploader') as ImageUploader;
    await element.updateComplete;
    ok(element.shadowRoot!.textContent!.includes('Bilder auswählen'), 'German');
    element.endpoint = (await stackInfo()).endpoint;
    const bearer = await token();
    element.getToken = () => bearer;
    const success = new Promise<CustomEvent>((resolve, reject) => {
      element.addEventListener('upload-success', resolve as EventListener);
      element.addEventListener('upload-error', (event) =>
        reject(new Error((event as CustomEvent).detail.code)),
      );
    });
    element.addFiles([await makeJpeg()]);
    const { detail } = await success;
    ok(detail.key.startsWith('uploads/'));
    equal(
      typeof (frame.contentWindow as unknown as { ImageUploader: { registerTranslation: unknown } })
        .ImageUploader.registerTranslation,
      'function',
    );
  });

  it('renders the same DOM as the source: its templates lose only what HTML ignores', async () => {
    const frame = document.createElement('iframe');
    frame.srcdoc = `<!doctype html><body><script src="/widget/dist/image-uploader.js"></script></body>`;
    document.body.append(frame);
    await waitFor(() => frame.contentWindow?.customElements?.get('image-uploader'), 10_000, 'the build');
    const { endpoint } = await stackInfo();
    const bearer = await token();
    const built = frame.contentDocument!.createElement('image-uploader') as ImageUploader;
    const source = document.createElement('image-uploader');
    const photo = await makeJpeg(16, 16, 'same.jpg');
    const refused = new File(['text'], 'notes.txt', { type: 'text/plain', lastModified: 1 });
    for (const element of [built, source]) {
      Object.assign(element, { endpoint, getToken: () => bearer, multiple: true });
      (element === built ? frame.contentDocument!.body : document.body).append(element);
      const complete = nextEvent(element, 'upload-complete');
      element.addFiles([refused, photo]);
      await complete;
      await waitFor(() => element.shadowRoot!.querySelector('img[part="preview"]'), 10_000, 'the preview');
      await element.updateComplete;
    }
    // Lit's markers hold random numbers; previews are object URLs; whitespace runs collapse.
    const dom = (element: ImageUploader): string =>
      element
        .shadowRoot!.innerHTML.replace(/<!--[^>]*-->/g, '')
        .replace(/blob:[^"]+/g, 'blob:')
        .replace(/\s+/g, ' ');
    ok(dom(source).includes('part="item error"') && dom(source).includes('part="preview" alt=""'));
    equal(dom(built), dom(source));
  });
});
