import { deepEqual, equal, ok } from '../test-support/assert.js';
import { describe, it } from '../test-support/mocha.js';
import {
  bigJpeg,
  clearLog,
  countParts,
  interruptUpload,
  mount,
  openFrame,
  partPuts,
  readObject,
  requestLog,
  setFaults,
  sha256,
  stackInfo,
  succeeds,
  token,
  waitFor,
  withCleanStack,
} from '../test-support/stack.js';

describe('<image-uploader> resume after reload', () => {
  withCleanStack();

  it('continues in a new page with the parts S3 already holds', async () => {
    const file = await bigJpeg(12.5 * 1024 * 1024, 'reload.jpg', 21);
    // First page: part 1 lands, part 2 hangs, then the page goes away mid-upload.
    await setFaults([{ target: 's3', method: 'PUT', match: 'partNumber=2', fault: { delay: 10_000 } }]);
    const first = await openFrame();
    const before = await mount({ 'part-concurrency': '1' }, first.contentDocument!.body);
    before.addFiles([file]);
    await waitFor(
      async () => (await partPuts()).some((put) => put.partNumber === 2),
      10_000,
      'part 2 started',
    );
    const signRequest = (await requestLog()).find((entry) => entry.url.endsWith('/parts'))!;
    const id = /\/v1\/uploads\/([^/]+)\/parts/.exec(signRequest.url)![1];
    first.remove();
    await setFaults([]);
    await clearLog();

    // Second page, same file: the upload id comes from IndexedDB, the stored parts from the signer.
    const second = await openFrame();
    const after = await mount({ 'part-concurrency': '1' }, second.contentDocument!.body);
    const success = succeeds(after);
    after.addFiles([file]);
    const { detail } = await success;
    equal(detail.id, id, 'the same upload finished');
    const signer = (await requestLog())
      .filter((entry) => entry.target === 'signer')
      .map((e) => `${e.method} ${e.url.split('?')[0]}`);
    ok(signer.includes(`GET /v1/uploads/${id}/parts`), signer.join(', '));
    ok(!signer.includes('POST /v1/uploads'), 'no new upload was created');
    deepEqual(countParts(await partPuts()), { 2: 1, 3: 1 });
    equal(await sha256(await readObject(detail.key)), await sha256(file));
  });

  it('starts afresh when the stored upload no longer exists', async () => {
    const file = await bigJpeg(12.5 * 1024 * 1024, 'gone.jpg', 22);
    const { id, uploadId } = await interruptUpload(file);
    // The upload is aborted behind the page's back (as an S3 lifecycle rule would).
    const { endpoint } = await stackInfo();
    const query = `?uploadId=${encodeURIComponent(uploadId)}`;
    const aborted = await fetch(`${endpoint}/v1/uploads/${id}${query}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${await token()}` },
    });
    ok(aborted.ok, `DELETE answered ${aborted.status}`);
    await setFaults([]);
    await clearLog();

    const second = await openFrame();
    const again = await mount({ 'part-concurrency': '2' }, second.contentDocument!.body);
    const success = succeeds(again);
    again.addFiles([file]);
    const { detail } = await success;
    ok(detail.id !== id, 'a new upload');
    const signer = (await requestLog())
      .filter((entry) => entry.target === 'signer')
      .map((e) => `${e.method} ${e.url.split('?')[0]}`);
    deepEqual(signer.slice(0, 2), [`GET /v1/uploads/${id}/parts`, 'POST /v1/uploads']);
    deepEqual(countParts(await partPuts()), { 1: 1, 2: 1, 3: 1 });
  });
});
