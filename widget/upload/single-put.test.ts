import { equal, ok } from '../test-support/assert.js';
import { afterEach, describe, it } from '../test-support/mocha.js';
import { makeJpeg, mount, nextEvent, readObject } from '../test-support/stack.js';

describe('<image-uploader> single PUT', () => {
  afterEach(() => document.body.replaceChildren());

  it('uploads a JPEG and reports its key and id', async () => {
    const element = await mount();
    const file = await makeJpeg();
    const success = nextEvent(element, 'upload-success');
    element.addFiles([file]);
    const { detail } = await success;
    ok(detail.key.startsWith('uploads/'), detail.key);
    ok(detail.key.includes(detail.id));
    equal(detail.file, file);
    const stored = await readObject(detail.key);
    equal(stored.length, file.size);
  });
});
