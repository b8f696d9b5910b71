import { deepEqual, equal } from './test-support/assert.js';
import { describe, it } from './test-support/mocha.js';
import {
  askedFiles as asked,
  bigJpeg,
  interruptUpload,
  makeJpeg,
  mount,
  nextEvent,
  openFrame,
  requestLog,
  succeeds,
  withCleanStack,
} from './test-support/stack.js';
import { de } from './i18n/de.js';
import { en } from './i18n/en.js';
import { registerTranslation } from './i18n/translations.js';
import type { UploadDescriptor } from './upload/signer-client.js';

describe('<image-uploader> visibility', () => {
  withCleanStack();

  it('is reflected, and asked of the signer for each file', async () => {
    const element = await mount({ visibility: 'public' });
    equal(element.visibility, 'public');
    const success = succeeds(element);
    element.addFiles([await makeJpeg(20, 20, 'public.jpg')]);
    await success;
    element.visibility = 'private';
    await element.updateComplete;
    equal(element.getAttribute('visibility'), 'private');
    deepEqual(
      (await asked()).map((files) => files.map((file) => [file.name, file.visibility])),
      [[['public.jpg', 'public']]],
    );
  });

  it('is left to the signer when unset', async () => {
    const element = await mount();
    equal(element.hasAttribute('visibility'), false);
    const success = succeeds(element);
    element.addFiles([await makeJpeg(20, 20, 'default.jpg')]);
    await success;
    const [[file]] = (await asked()) as [[UploadDescriptor]];
    equal(file.name, 'default.jpg');
    equal('visibility' in file, false);
  });

  it('is the one in effect when each file was added', async () => {
    const element = await mount({ multiple: true, concurrency: '1' });
    const complete = nextEvent(element, 'upload-complete');
    element.visibility = 'public';
    element.addFiles([await makeJpeg(20, 20, 'first.jpg')]);
    element.visibility = 'private';
    element.addFiles([await makeJpeg(20, 20, 'second.jpg')]);
    element.removeAttribute('visibility');
    element.addFiles([await makeJpeg(20, 20, 'third.jpg')]);
    equal((await complete).detail.succeeded.length, 3);
    deepEqual(
      element.items.map((item) => item.visibility ?? 'unset'),
      ['public', 'private', 'unset'],
    );
    const files = (await asked()).flat(); // several files may share a request
    deepEqual(
      files.map((file) => [file.name, file.visibility ?? 'unset']),
      [
        ['first.jpg', 'public'],
        ['second.jpg', 'private'],
        ['third.jpg', 'unset'],
      ],
    );
    equal('visibility' in files[2]!, false, 'a removed attribute is left out, not sent as null');
  });

  it('shows a refusal as a clear message for that file, in the page language, without retrying', async () => {
    // The test stack allows `public,private` (UPLOAD_VISIBILITIES); the real signer refuses any other
    // value per file, as it refuses one the operator did not allow.
    registerTranslation('de', de);
    for (const [lang, texts] of [
      ['en', en],
      ['de', de],
    ] as const) {
      const holder = document.createElement('div');
      holder.lang = lang;
      document.body.append(holder);
      const element = await mount({ visibility: 'everyone' }, holder);
      const failure = nextEvent(element, 'upload-error');
      element.addFiles([await makeJpeg(20, 20, `refused-${lang}.jpg`)]);
      const { detail } = await failure;
      await element.updateComplete;
      const expected = texts.errors.ERR_VISIBILITY_NOT_ALLOWED!;
      equal(detail.code, 'ERR_VISIBILITY_NOT_ALLOWED');
      equal(detail.message, expected);
      equal(element.shadowRoot!.querySelector('[part~="error"] [part="status"]')!.textContent, expected);
      equal(element.items[0]!.status, 'error');
      const refused = (await asked()).filter(([file]) => file!.name === `refused-${lang}.jpg`);
      deepEqual(
        refused.map(([file]) => file!.visibility),
        ['everyone'],
        'asked once, as set',
      );
      equal((await requestLog()).filter((entry) => entry.target === 's3').length, 0, 'nothing was uploaded');
    }
  });

  it('is kept by a resumed upload: one asked for differently starts afresh', async () => {
    const file = await bigJpeg(12.5 * 1024 * 1024, 'changed-visibility.jpg', 51);
    await interruptUpload(file); // asked with no visibility
    const element = await mount({ visibility: 'public' }, (await openFrame()).contentDocument!.body);
    const success = succeeds(element);
    element.addFiles([file]);
    await success;
    const signer = (await requestLog()).filter((entry) => entry.target === 'signer');
    equal(`${signer[0]!.method} ${signer[0]!.url}`, 'POST /v1/uploads', 'a new upload, not a resumed one');
    deepEqual(
      (await asked()).map(([asked]) => asked!.visibility),
      ['public'],
    );
  });
});
