import { deepEqual, equal, ok } from '../test-support/assert.js';
import { contains } from '../test-support/exif-fixture.js';
import { afterEach, describe, it } from '../test-support/mocha.js';
import { makeJpeg, mount, readObject, succeeds, waitFor } from '../test-support/stack.js';
import { dispatch, releaseWorker } from './image-worker.js';
import { prepareFile, type PrepareOptions } from './prepare.js';
import type { UploadError } from './upload-error.js';

const FIXTURE = '/widget/test-support/fixtures/rotated.heic';

/** The fixture (README.md beside it): 64×48 stored, `irot` 90° clockwise, EXIF with GPS. */
async function heic(name = 'IMG_0001.HEIC', type = 'image/heic'): Promise<File> {
  const response = await fetch(FIXTURE);
  ok(response.ok, `${FIXTURE} is served`);
  return new File([await response.arrayBuffer()], name, { type, lastModified: 1_700_000_000_000 });
}

const options = (overrides: Partial<PrepareOptions> = {}): PrepareOptions => ({
  stripMetadata: true,
  maxDimension: 4096,
  minWidth: 0,
  minHeight: 0,
  maxWidth: 0,
  maxHeight: 0,
  ...overrides,
});

/** The RGB of the pixel at `x`, `y` of an image file. */
async function pixels(
  blob: Blob,
): Promise<{ size: [number, number]; at: (x: number, y: number) => number[] }> {
  const bitmap = await createImageBitmap(blob);
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const context = canvas.getContext('2d')!;
  context.drawImage(bitmap, 0, 0);
  const { data } = context.getImageData(0, 0, bitmap.width, bitmap.height);
  return {
    size: [bitmap.width, bitmap.height],
    at: (x, y) => [...data.subarray((y * bitmap.width + x) * 4, (y * bitmap.width + x) * 4 + 3)],
  };
}

/** Is `actual` within a JPEG's error of `expected`, channel by channel? */
const near = (actual: number[], expected: number[]): boolean =>
  actual.every((value, index) => Math.abs(value - expected[index]!) <= 48);

const GREEN = [0, 200, 0];
const RED = [220, 0, 0];
const BLUE = [0, 0, 220];

/** Checks the upright picture: 48×64, red top half with the green block top-right, blue below. */
async function upright(blob: Blob): Promise<void> {
  const image = await pixels(blob);
  deepEqual(image.size, [48, 64]);
  ok(near(image.at(40, 8), GREEN), `green top right, got ${image.at(40, 8)}`);
  ok(near(image.at(8, 8), RED), `red top left, got ${image.at(8, 8)}`);
  ok(near(image.at(24, 56), BLUE), `blue bottom, got ${image.at(24, 56)}`);
}

/** The URLs the image Worker has fetched (its own Resource Timing: the page's has none of them). */
async function workerFetches(): Promise<string[]> {
  const probe = new URL('../test-support/worker-fetches.ts', import.meta.url).href;
  const { value, error } = await dispatch({ blob: new Blob(), call: [probe, 'workerFetches' as never] });
  if (error) throw new Error(error);
  return value as string[];
}

const code = (promise: Promise<unknown>): Promise<string> =>
  promise.then(
    () => 'resolved',
    (error: UploadError) => error.code,
  );

describe('HEIC in a browser that cannot decode it (Chromium)', () => {
  afterEach(() => document.body.replaceChildren());

  it('the fixture is a HEIC that Chromium itself cannot decode, with EXIF and GPS', async () => {
    const file = await heic();
    const bytes = new Uint8Array(await file.arrayBuffer());
    equal(new TextDecoder('latin1').decode(bytes.subarray(4, 12)), 'ftypheic');
    ok(contains(bytes, 'Exif') && contains(bytes, 'SECRETCAM'), 'EXIF in the fixture');
    ok(contains(bytes, 'irot'), 'a rotation in the fixture');
    const decoded = await createImageBitmap(file).then(
      () => true,
      () => false,
    );
    ok(!decoded, 'Chromium has no HEVC image decoder: the test would prove nothing otherwise');
  });

  it('converts it to an upright JPEG without metadata, and tells both sizes', async () => {
    const { file, original, uploaded } = await prepareFile(await heic(), options());
    equal(file.type, 'image/jpeg');
    equal(file.name, 'IMG_0001.jpg');
    deepEqual(
      [original, uploaded],
      [
        { width: 48, height: 64 },
        { width: 48, height: 64 },
      ],
    );
    await upright(file);
    const bytes = new Uint8Array(await file.arrayBuffer());
    ok(!contains(bytes, 'Exif') && !contains(bytes, 'SECRETCAM'), 'no EXIF block, no camera, no GPS');
  });

  it('knows a HEIC by its name when the browser gives no type, and downscales it to max-dimension', async () => {
    const { file, uploaded } = await prepareFile(await heic('photo.heif', ''), options({ maxDimension: 32 }));
    deepEqual(uploaded, { width: 24, height: 32 });
    deepEqual((await pixels(file)).size, [24, 32]);
  });

  it('encodes at heic-quality', async () => {
    const low = await prepareFile(await heic(), options({ heicQuality: 0.05 }));
    const high = await prepareFile(await heic(), options({ heicQuality: 1 }));
    ok(low.file.size < high.file.size * 0.8, `${low.file.size} B at 0.05, ${high.file.size} B at 1`);
  });

  it('takes the quality from the heic-quality attribute', async () => {
    const sizes = [];
    for (const quality of ['0.05', '1']) {
      const element = await mount({ 'heic-quality': quality });
      const success = succeeds(element);
      element.addFiles([await heic()]);
      sizes.push((await readObject((await success).detail.key)).length);
      element.remove();
    }
    ok(sizes[0]! < sizes[1]! * 0.8, `${sizes[0]} B at 0.05, ${sizes[1]} B at 1`);
  });

  it('refuses it from its upright size when outside the pixel limits', async () => {
    equal(await code(prepareFile(await heic(), options({ minWidth: 60 }))), 'ERR_DIMENSIONS');
    equal(await code(prepareFile(await heic(), options({ maxHeight: 60 }))), 'ERR_DIMENSIONS');
  });

  it('answers ERR_HEIC_UNSUPPORTED for a HEIC that does not decode', async () => {
    const bytes = new Uint8Array(await (await heic()).arrayBuffer()).subarray(0, 600);
    const broken = new File([bytes], 'broken.heic', { type: 'image/heic' });
    equal(await code(prepareFile(broken, options())), 'ERR_HEIC_UNSUPPORTED');
  });

  it('uploads it as an upright JPEG without GPS; the decoder is fetched for it and not for a JPEG', async () => {
    releaseWorker();
    const element = await mount({ multiple: true });
    let success = succeeds(element);
    element.addFiles([await makeJpeg()]);
    await success;
    const afterJpeg = await workerFetches();
    ok(
      afterJpeg.some((url) => url.includes('worker-chunk')),
      'the probe sees the Worker fetch its chunk',
    );
    deepEqual(
      afterJpeg.filter((url) => /heic-(decoder|chunk)/.test(url)),
      [],
      'no decoder for a JPEG',
    );

    success = succeeds(element);
    element.addFiles([await heic()]);
    const { detail } = await success;
    ok(detail.key.endsWith('.jpg'), `stored as a JPEG: ${detail.key}`);
    const stored = await readObject(detail.key);
    deepEqual([...stored.subarray(0, 3)], [0xff, 0xd8, 0xff]);
    ok(!contains(stored, 'Exif') && !contains(stored, 'SECRETCAM'), 'no EXIF, no GPS');
    await upright(new Blob([stored], { type: 'image/jpeg' }));
    equal((await workerFetches()).filter((url) => /heic-(decoder|chunk)/.test(url)).length, 1);
  });

  it('works from the script-tag build: heic-chunk.js is fetched from beside the script', async () => {
    const frame = document.createElement('iframe');
    frame.srcdoc = `<!doctype html><body><script src="/widget/dist/image-uploader.js"></script></body>`;
    document.body.append(frame);
    await waitFor(() => frame.contentWindow?.customElements?.get('image-uploader'), 10_000, 'the build');
    const element = await mount({}, frame.contentDocument!.body);
    const success = succeeds(element);
    element.addFiles([await heic()]);
    const stored = await readObject((await success).detail.key);
    await upright(new Blob([stored], { type: 'image/jpeg' }));
  });

  describe('under a Content-Security-Policy', () => {
    /** The script-tag build in a page with `policy`; resolves with the HEIC's upload code, or `ok`. */
    async function uploadUnder(policy: string): Promise<string> {
      const frame = document.createElement('iframe');
      frame.srcdoc = `<!doctype html><meta http-equiv="Content-Security-Policy" content="${policy}">
        <body><script src="/widget/dist/image-uploader.js"></script></body>`;
      document.body.append(frame);
      await waitFor(() => frame.contentWindow?.customElements?.get('image-uploader'), 10_000, 'the build');
      const element = await mount({}, frame.contentDocument!.body);
      const success = succeeds(element);
      element.addFiles([await heic()]);
      return success.then(
        () => 'ok',
        (error: Error) => error.message.split(':')[0]!,
      );
    }
    const origin = location.origin;
    const base = `default-src 'self' ${origin}; connect-src *; img-src * blob:; worker-src blob: ${origin}`;

    it('answers ERR_HEIC_UNSUPPORTED without wasm-unsafe-eval: the decoder cannot compile', async () => {
      equal(await uploadUnder(`${base}; script-src ${origin}`), 'ERR_HEIC_UNSUPPORTED');
    });

    it("converts it with 'wasm-unsafe-eval' in script-src", async () => {
      equal(await uploadUnder(`${base}; script-src ${origin} 'wasm-unsafe-eval'`), 'ok');
    });
  });
});
