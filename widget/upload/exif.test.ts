import { deepEqual, equal, ok } from '../test-support/assert.js';
import { contains, jpegWithExif } from '../test-support/exif-fixture.js';
import { afterEach, describe, it } from '../test-support/mocha.js';
import { makeJpeg, mount, readObject, sha256, succeeds } from '../test-support/stack.js';
import { orientationSegment, stripJpegMetadata } from './exif.js';

const bytes = async (blob: Blob): Promise<Uint8Array<ArrayBuffer>> =>
  new Uint8Array(await blob.arrayBuffer());

/** Offset of the start-of-scan marker: everything from there on is compressed image data. */
function scanStart(data: Uint8Array): number {
  for (let i = 2; i < data.length - 1; i++) if (data[i] === 0xff && data[i + 1] === 0xda) return i;
  return -1;
}

describe('stripJpegMetadata', () => {
  it('removes EXIF (GPS, camera) and XMP but keeps the orientation', async () => {
    const file = await jpegWithExif(6);
    ok(contains(await bytes(file), 'SECRETGPS'), 'the fixture carries GPS');
    const result = await stripJpegMetadata(file);
    const out = await bytes(result.blob);
    equal(result.orientation, 6);
    for (const secret of ['SECRETGPS', 'SECRETCAM', 'SECRETXMP'])
      ok(!contains(out, secret), `${secret} removed`);
    ok(
      contains(out, String.fromCharCode(...orientationSegment(6))),
      'a minimal EXIF block with the orientation',
    );
    deepEqual([result.width, result.height], [64, 48]);
    // Still displays rotated: 64×48 stored, 48×64 shown.
    const bitmap = await createImageBitmap(result.blob);
    deepEqual([bitmap.width, bitmap.height], [48, 64]);
  });

  it('does not re-encode: the image data is byte for byte the original', async () => {
    const file = await jpegWithExif(3);
    const input = await bytes(file);
    const out = await bytes((await stripJpegMetadata(file)).blob);
    equal(await sha256(out.slice(scanStart(out))), await sha256(input.slice(scanStart(input))));
    ok(out.length < input.length);
  });

  it('returns the same file when there is nothing to remove, or when it is not a JPEG', async () => {
    const plain = await makeJpeg();
    equal((await stripJpegMetadata(plain)).blob, plain);
    const png = new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], 'x.png', { type: 'image/png' });
    equal((await stripJpegMetadata(png)).blob, png);
  });

  it('drops orientation 1 entirely', async () => {
    const out = await bytes((await stripJpegMetadata(await jpegWithExif(1))).blob);
    ok(!contains(out, 'Exif'), 'no EXIF block at all');
  });
});

describe('<image-uploader> metadata', () => {
  afterEach(() => document.body.replaceChildren());

  it('uploads JPEGs without GPS by default', async () => {
    const element = await mount();
    const success = succeeds(element);
    element.addFiles([await jpegWithExif(6)]);
    const stored = await readObject((await success).detail.key);
    ok(!contains(stored, 'SECRETGPS') && !contains(stored, 'SECRETCAM'), 'metadata removed');
    equal((await stripJpegMetadata(new Blob([stored], { type: 'image/jpeg' }))).orientation, 6);
  });

  it('uploads the file untouched with keep-metadata', async () => {
    const element = await mount({ 'keep-metadata': true });
    const file = await jpegWithExif(6);
    const success = succeeds(element);
    element.addFiles([file]);
    equal(await sha256(await readObject((await success).detail.key)), await sha256(file));
  });
});
