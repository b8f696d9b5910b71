import { readUploadMetadata, type AppMetadata } from '../contract/upload-metadata.js';
import { deepEqual, equal, ok } from './test-support/assert.js';
import { describe, it } from './test-support/mocha.js';
import {
  askedFiles,
  bigJpeg,
  interruptUpload,
  makeJpeg,
  mount,
  nextEvent,
  objectMetadata,
  openFrame,
  record,
  requestLog,
  succeeds,
  token,
  withCleanStack,
} from './test-support/stack.js';
import type { ImageUploader } from './image-uploader.js';

/** The metadata each `POST /v1/uploads` asked for, by file name (`unset` when it sent none). */
const askedMetadata = async (): Promise<[string, AppMetadata | 'unset'][]> =>
  (await askedFiles()).flat().map((file) => [file.name, file.metadata ?? 'unset']);

/** What the signer bound into a stored object: its user metadata, read as the thumbnailer reads it. */
const stored = async (key: string) => readUploadMetadata(await objectMetadata(key));

/** The signer's upload routes the page called, without query strings. */
const signerCalls = async (): Promise<string[]> =>
  (await requestLog())
    .filter((entry) => entry.target === 'signer')
    .map((entry) => `${entry.method} ${entry.url.split('?')[0]}`);

describe('<image-uploader> metadata', () => {
  withCleanStack();

  describe('the element’s', () => {
    it('takes JSON from the attribute and an object from the property, and asks it for each file', async () => {
      const element = await mount({ metadata: '{"listing_id":"42"}', multiple: true, concurrency: '1' });
      deepEqual(element.metadata, { listing_id: '42' });
      const complete = nextEvent(element, 'upload-complete');
      element.addFiles([await makeJpeg(20, 20, 'first.jpg')]);
      element.metadata = { listing_id: '43', slot: 'cover' };
      element.addFiles([await makeJpeg(20, 20, 'second.jpg')]);
      // A removed attribute is `null`: the file asks for none, rather than send `null`.
      element.removeAttribute('metadata');
      equal(element.metadata, null);
      element.addFiles([await makeJpeg(20, 20, 'third.jpg')]);
      equal((await complete).detail.succeeded.length, 3);
      deepEqual(
        element.items.map((item) => item.metadata ?? 'unset'),
        [{ listing_id: '42' }, { listing_id: '43', slot: 'cover' }, 'unset'],
      );
      deepEqual(await askedMetadata(), [
        ['first.jpg', { listing_id: '42' }],
        ['second.jpg', { listing_id: '43', slot: 'cover' }],
        ['third.jpg', 'unset'],
      ]);
      equal('metadata' in (await askedFiles()).flat()[2]!, false, 'left out, not sent as null');
    });

    it('is bound by the signer into the stored object, with the uploader’s identity', async () => {
      const element = await mount();
      // Non-ASCII and JSON punctuation travel as an RFC 8187 ext-value in x-amz-meta-metadata.
      element.metadata = { listing_id: '42', caption: 'Café "Zur Post", 2. Stock' };
      const success = succeeds(element);
      element.addFiles([await makeJpeg(20, 20, 'bound.jpg')]);
      const { key } = (await success).detail;
      const claims = JSON.parse(atob((await token()).split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/')));
      const read = await stored(key);
      deepEqual(read.metadata, { listing_id: '42', caption: 'Café "Zur Post", 2. Stock' });
      equal(read.iss, claims.iss);
      equal(read.sub, claims.sub);
    });
  });

  describe('per file, through upload-add', () => {
    it('merges what a listener sets over the element’s metadata, its keys winning', async () => {
      const element = await mount({ multiple: true, concurrency: '1' });
      element.metadata = { listing_id: '42', source: 'page' };
      element.addEventListener('upload-add', (event) => {
        const { file } = event.detail;
        if (file.name !== 'plain.jpg') event.detail.metadata = { source: 'file', slot: file.name };
      });
      const complete = nextEvent(element, 'upload-complete');
      element.addFiles([await makeJpeg(20, 20, 'cover.jpg'), await makeJpeg(20, 20, 'plain.jpg')]);
      element.metadata = undefined;
      element.addFiles([await makeJpeg(20, 20, 'alone.jpg')]);
      const { succeeded } = (await complete).detail;
      deepEqual(await askedMetadata(), [
        ['cover.jpg', { listing_id: '42', source: 'file', slot: 'cover.jpg' }],
        ['plain.jpg', { listing_id: '42', source: 'page' }],
        ['alone.jpg', { source: 'file', slot: 'alone.jpg' }],
      ]);
      deepEqual(
        element.items.map((item) => item.metadata),
        (await askedMetadata()).map(([, metadata]) => metadata),
      );
      deepEqual((await stored(succeeded[0]!.key)).metadata, {
        listing_id: '42',
        source: 'file',
        slot: 'cover.jpg',
      });
    });
  });

  describe('refused by the signer', () => {
    it('fails each affected file with ERR_METADATA_INVALID, asked once, nothing uploaded', async () => {
      const element = await mount({ multiple: true });
      element.metadata = { listing_id: '42' };
      // One file breaks the key rule, one the 2 KiB limit; the third is fine.
      element.addEventListener('upload-add', ({ detail }) => {
        if (detail.file.name === 'bad-key.jpg') detail.metadata = { 'Listing ID': '42' };
        if (detail.file.name === 'too-big.jpg') detail.metadata = { note: 'x'.repeat(2100) };
      });
      const errors = record(element, 'upload-error');
      const complete = nextEvent(element, 'upload-complete');
      element.addFiles([
        await makeJpeg(20, 20, 'bad-key.jpg'),
        await makeJpeg(20, 20, 'too-big.jpg'),
        await makeJpeg(20, 20, 'fine.jpg'),
      ]);
      const { detail } = await complete;
      await element.updateComplete;
      deepEqual(errors.map((event) => [event.detail.file.name, event.detail.code]).sort(), [
        ['bad-key.jpg', 'ERR_METADATA_INVALID'],
        ['too-big.jpg', 'ERR_METADATA_INVALID'],
      ]);
      deepEqual(
        detail.succeeded.map((file) => file.file.name),
        ['fine.jpg'],
      );
      // The signer's message says what is wrong; the row shows it too.
      const rows = [...element.shadowRoot!.querySelectorAll('[part~="error"] [part="status"]')];
      deepEqual(
        rows.map((row) => row.textContent).sort(),
        errors.map((event) => event.detail.message).sort(),
      );
      ok(errors.every((event) => event.detail.message.length > 0));
      const posts = (await requestLog()).filter(
        (entry) => entry.target === 'signer' && entry.url === '/v1/uploads',
      );
      deepEqual(
        posts.map((entry) => entry.status).sort(),
        [201, 400, 400],
        'one request per file: a 400 is not retried',
      );
      const puts = (await requestLog()).filter((entry) => entry.target === 's3');
      equal(puts.length, 1, 'only fine.jpg reached S3');
    });
  });

  describe('resume after reload', () => {
    /** The element's metadata and a per-file listener, the same on both pages. */
    const bind =
      (listing: string) =>
      (element: ImageUploader): void => {
        element.metadata = { listing_id: listing };
        element.addEventListener('upload-add', (event) => (event.detail.metadata = { slot: 'cover' }));
      };

    it('continues a stored upload asked with the same metadata, which the object then carries', async () => {
      const file = await bigJpeg(12.5 * 1024 * 1024, 'resumed-metadata.jpg', 61);
      const { id } = await interruptUpload(file, bind('42'));
      const element = await mount({}, (await openFrame()).contentDocument!.body);
      bind('42')(element);
      const success = succeeds(element);
      element.addFiles([file]);
      const { detail } = await success;
      equal(detail.id, id, 'the same upload finished');
      const calls = await signerCalls();
      ok(calls.includes(`GET /v1/uploads/${id}/parts`), calls.join(', '));
      ok(!calls.includes('POST /v1/uploads'), 'nothing asked again, with other metadata or the same');
      deepEqual((await stored(detail.key)).metadata, { listing_id: '42', slot: 'cover' });
    });

    it('starts afresh when the file now asks with other metadata', async () => {
      const file = await bigJpeg(12.5 * 1024 * 1024, 'rebound.jpg', 62);
      const { id } = await interruptUpload(file, bind('42'));
      const element = await mount({}, (await openFrame()).contentDocument!.body);
      bind('43')(element);
      const success = succeeds(element);
      element.addFiles([file]);
      const { detail } = await success;
      ok(detail.id !== id, 'a new upload');
      deepEqual((await signerCalls())[0], 'POST /v1/uploads', 'not a resumed one');
      deepEqual(await askedMetadata(), [['rebound.jpg', { listing_id: '43', slot: 'cover' }]]);
      deepEqual((await stored(detail.key)).metadata, { listing_id: '43', slot: 'cover' });
    });
  });
});
