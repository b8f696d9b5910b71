import { deepEqual, equal, ok } from '../test-support/assert.js';
import { contains, jpegWithExif } from '../test-support/exif-fixture.js';
import { afterEach, beforeEach, describe, it } from '../test-support/mocha.js';
import { clearLog, makeJpeg, mount, nextEvent, requestLog } from '../test-support/stack.js';
import { prepareFile, type PrepareOptions } from './prepare.js';
import type { UploadError } from './upload-error.js';

const options = (overrides: Partial<PrepareOptions> = {}): PrepareOptions => ({
  stripMetadata: true,
  maxDimension: 1000,
  minWidth: 0,
  minHeight: 0,
  maxWidth: 0,
  maxHeight: 0,
  ...overrides,
});

async function png(width: number, height: number): Promise<File> {
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d')!;
  context.fillStyle = '#3a6';
  context.fillRect(0, 0, width, height);
  return new File([await canvas.convertToBlob({ type: 'image/png' })], 'wide.png', { type: 'image/png' });
}

const size = async (blob: Blob): Promise<[number, number]> => {
  const bitmap = await createImageBitmap(blob);
  return [bitmap.width, bitmap.height];
};

const code = (promise: Promise<unknown>): Promise<string> =>
  promise.then(
    () => 'resolved',
    (error: UploadError) => error.code,
  );

describe('prepareFile', () => {
  it('downscales images larger than maxDimension, keeping the type, and tells both sizes', async () => {
    const { file, original, uploaded } = await prepareFile(await png(3000, 600), options());
    equal(file.type, 'image/png');
    deepEqual(await size(file), [1000, 200]);
    deepEqual(
      [original, uploaded],
      [
        { width: 3000, height: 600 },
        { width: 1000, height: 200 },
      ],
    );
  });

  it('downscales a rotated JPEG upright, without its metadata', async () => {
    const { file, original, uploaded } = await prepareFile(
      await jpegWithExif(6, 2400, 1200, 'big.jpg'),
      options(),
    );
    equal(file.type, 'image/jpeg');
    deepEqual(await size(file), [500, 1000]);
    deepEqual(
      [original, uploaded],
      [
        { width: 1200, height: 2400 },
        { width: 500, height: 1000 },
      ],
    );
    ok(!contains(new Uint8Array(await file.arrayBuffer()), 'SECRETGPS'));
  });

  it('leaves small images alone', async () => {
    const file = await makeJpeg(200, 100);
    deepEqual(await prepareFile(file, options()), {
      file,
      original: { width: 200, height: 100 },
      uploaded: { width: 200, height: 100 },
    });
    equal((await prepareFile(file, options())).file, file);
  });

  it('declares the type the bytes are, not the one the name gave', async () => {
    const bytes = await png(40, 30);
    const misnamed = new File([bytes], 'photo.jpg', { type: 'image/jpeg', lastModified: 5 });
    const { file, original } = await prepareFile(misnamed, options());
    equal(file.type, 'image/png');
    deepEqual(original, { width: 40, height: 30 });
    equal(file.name, 'photo.jpg');
    equal(file.size, bytes.size);
  });

  it('refuses images outside the pixel limits with ERR_DIMENSIONS', async () => {
    equal(await code(prepareFile(await makeJpeg(64, 48), options({ minWidth: 100 }))), 'ERR_DIMENSIONS');
    equal(await code(prepareFile(await png(300, 200), options({ maxHeight: 100 }))), 'ERR_DIMENSIONS');
    // Orientation 6 shows 48×64: a 60-pixel minimum height passes only because of it.
    equal(await code(prepareFile(await jpegWithExif(6), options({ minHeight: 60 }))), 'resolved');
  });

  it('reports a HEIC that neither the browser nor libheif decodes (a bare ftyp box) with ERR_HEIC_UNSUPPORTED', async () => {
    const heic = new File(
      [new Uint8Array([0, 0, 0, 24, 0x66, 0x74, 0x79, 0x70, 0x68, 0x65, 0x69, 0x63])],
      'IMG_1.HEIC',
      { type: 'image/heic' },
    );
    equal(await code(prepareFile(heic, options())), 'ERR_HEIC_UNSUPPORTED');
  });

  it('reports files that are not images with ERR_DECODE_FAILED', async () => {
    const fake = new File(['not an image'], 'fake.webp', { type: 'image/webp' });
    equal(await code(prepareFile(fake, options())), 'ERR_DECODE_FAILED');
  });
});

describe('<image-uploader> pixel limits', () => {
  beforeEach(() => clearLog());
  afterEach(() => document.body.replaceChildren());

  it('refuses a too-small image before any network call', async () => {
    const element = await mount({ 'min-width': '100' });
    const failure = nextEvent(element, 'upload-error');
    element.addFiles([await makeJpeg(64, 48)]);
    equal((await failure).detail.code, 'ERR_DIMENSIONS');
    await element.updateComplete;
    ok(
      element
        .shadowRoot!.querySelector('[part~="error"] [part="status"]')!
        .textContent!.includes('too small'),
    );
    deepEqual(await requestLog(), []);
  });
});
