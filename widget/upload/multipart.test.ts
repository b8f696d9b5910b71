import { deepEqual, equal, ok, atLeast } from '../test-support/assert.js';
import { describe, it } from '../test-support/mocha.js';
import {
  bigJpeg,
  countParts,
  mount,
  nextEvent,
  partPuts,
  readObject,
  requestLog,
  setFaults,
  sha256,
  succeeds,
  waitFor,
  withCleanStack,
} from '../test-support/stack.js';

const MIB = 1024 * 1024;
/** Three parts of the test signer's 5 MiB: 5 + 5 + ~2.5. */
const SIZE = 12.5 * MIB;

describe('<image-uploader> multipart', () => {
  withCleanStack();

  it('uploads parts in parallel, reading slices, and completes once', async () => {
    // Hold the first three part PUTs for a moment so their overlap is visible in the log.
    await setFaults([{ target: 's3', method: 'PUT', match: 'partNumber=', times: 3, fault: { delay: 500 } }]);
    const element = await mount({ 'part-concurrency': '3' });
    const file = await bigJpeg(SIZE, 'parallel.jpg', 11);
    const success = succeeds(element);
    element.addFiles([file]);
    const { detail } = await success;
    const puts = await partPuts();
    deepEqual(countParts(puts), { 1: 1, 2: 1, 3: 1 });
    const overlapping = puts.filter((put) => put.start < puts[0]!.end).length;
    atLeast(overlapping, 3, `expected 3 parts in flight at once, saw ${overlapping}`);
    // Parts are signed as their MD5s are known (each request takes every part hashed by then).
    const signer = (await requestLog())
      .filter((entry) => entry.target === 'signer')
      .map((e) => `${e.method} ${e.url.split('?')[0]}`);
    const sign = `POST /v1/uploads/${detail.id}/parts`;
    equal(signer[0], 'POST /v1/uploads');
    equal(signer.at(-1), `POST /v1/uploads/${detail.id}/complete`);
    ok(signer.slice(1, -1).every((call) => call === sign) && signer.length <= 5, signer.join(', '));
    equal(await sha256(await readObject(detail.key)), await sha256(file));
  });

  it('signs the next part while the one before it uploads, so no part waits for the signer', async () => {
    await setFaults([{ target: 's3', method: 'PUT', match: 'partNumber=', times: 3, fault: { delay: 400 } }]);
    const element = await mount({ 'part-concurrency': '1' });
    const file = await bigJpeg(SIZE, 'ahead.jpg', 17);
    const success = succeeds(element);
    element.addFiles([file]);
    const { detail } = await success;
    const puts = await partPuts();
    const signs = (await requestLog()).filter((e) => e.method === 'POST' && e.url.endsWith('/parts'));
    const signed = (n: number): number =>
      signs.find((e) =>
        (JSON.parse(e.body!) as { parts: { partNumber: number }[] }).parts.some((p) => p.partNumber === n),
      )!.start;
    const sent = (n: number): number => puts.find((put) => put.partNumber === n)!.end;
    for (const n of [2, 3]) ok(signed(n) < sent(n - 1), `part ${n} signed before part ${n - 1} was stored`);
    equal(await sha256(await readObject(detail.key)), await sha256(file));
  });

  it('retries a part after 503 and a reset connection, re-sending only that part', async () => {
    await setFaults([
      {
        target: 's3',
        method: 'PUT',
        match: 'partNumber=2',
        times: 2,
        fault: { status: 503, body: '<Error><Code>SlowDown</Code></Error>' },
      },
      { target: 's3', method: 'PUT', match: 'partNumber=3', fault: 'reset' },
    ]);
    const element = await mount();
    const file = await bigJpeg(SIZE, 'flaky.jpg', 12);
    const success = succeeds(element);
    element.addFiles([file]);
    const { detail } = await success;
    deepEqual(countParts(await partPuts()), { 1: 1, 2: 3, 3: 2 });
    equal(await sha256(await readObject(detail.key)), await sha256(file));
  });

  it('re-signs a part whose URL expired (403) and continues', async () => {
    const expired = '<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>';
    await setFaults([
      { target: 's3', method: 'PUT', match: 'partNumber=2', fault: { status: 403, body: expired } },
    ]);
    const element = await mount();
    const success = succeeds(element);
    element.addFiles([await bigJpeg(SIZE, 'expired.jpg', 13)]);
    const { detail } = await success;
    const signed = (await requestLog())
      .filter((e) => e.method === 'POST' && e.url.endsWith('/parts'))
      .flatMap((e) => (JSON.parse(e.body!) as { parts: { partNumber: number }[] }).parts)
      .map((part) => part.partNumber);
    deepEqual(
      countParts(signed.map((partNumber) => ({ partNumber }))),
      { 1: 1, 2: 2, 3: 1 },
      'part 2 re-signed',
    );
    deepEqual(countParts(await partPuts()), { 1: 1, 2: 2, 3: 1 });
    ok(detail.key);
  });

  it('fails with ERR_ETAG_UNREADABLE and the CORS rule when ETag is hidden', async () => {
    await setFaults([{ target: 's3', method: 'PUT', match: 'partNumber=1', fault: 'hide-etag' }]);
    const element = await mount();
    const failure = nextEvent(element, 'upload-error');
    element.addFiles([await bigJpeg(SIZE, 'cors.jpg', 14)]);
    const { detail } = await failure;
    equal(detail.code, 'ERR_ETAG_UNREADABLE');
    ok(detail.message.includes('<ExposeHeader>ETag</ExposeHeader>'), detail.message);
    equal(element.items[0]!.status, 'error');
  });

  it('cancels: aborts the parts in flight and the multipart upload', async () => {
    await setFaults([
      { target: 's3', method: 'PUT', match: 'partNumber=', times: 9, fault: { delay: 5000 } },
    ]);
    const element = await mount();
    const started = nextEvent(element, 'upload-start');
    const failure = nextEvent(element, 'upload-error');
    element.addFiles([await bigJpeg(SIZE, 'cancel.jpg', 15)]);
    await started;
    await waitFor(async () => (await partPuts()).length > 0, 5000, 'a part PUT');
    element.cancel();
    equal((await failure).detail.code, 'ERR_ABORTED');
    equal(element.items[0]!.status, 'canceled');
    await waitFor(
      async () => (await requestLog()).some((e) => e.method === 'DELETE' && e.url.includes('uploadId=')),
      5000,
      'DELETE',
    );
  });

  it('pauses and resumes without re-sending stored parts', async () => {
    await setFaults([{ target: 's3', method: 'PUT', match: 'partNumber=2', fault: { delay: 5000 } }]);
    const element = await mount({ 'part-concurrency': '1' });
    const file = await bigJpeg(SIZE, 'pause.jpg', 16);
    element.addFiles([file]);
    const item = element.items[0]!;
    // With one part at a time, part 2 starts only once part 1's ETag is in hand.
    await waitFor(
      async () => (await partPuts()).some((put) => put.partNumber === 2),
      10_000,
      'part 2 started',
    );
    element.pause(item);
    equal(item.status, 'paused');
    await element.updateComplete;
    ok(element.shadowRoot!.querySelector('[part~="paused"] button[aria-label^="Resume"]'), 'a Resume button');
    const loadedWhilePaused = item.loaded;
    const success = succeeds(element);
    element.resume(item);
    const { detail } = await success;
    atLeast(item.loaded, loadedWhilePaused);
    const counts = countParts(await partPuts());
    equal(counts[1], 1, 'part 1 is not sent again');
    equal(counts[3], 1);
    equal(await sha256(await readObject(detail.key)), await sha256(file));
  });
});
