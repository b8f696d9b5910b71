/**
 * Progress never goes backwards (widget/README.md), also when bytes are sent again: a single PUT
 * answered 400 BadDigest (a new ticket, the file sent from its first byte) and a part answered
 * the same (that part sent again), each on a throttled network, so the failed try had reported
 * its progress first; and `overall` when a file joins a batch already half sent.
 */
import { executeServerCommand } from '@web/test-runner-commands';
import { atLeast, deepEqual, equal, ok } from '../test-support/assert.js';
import { describe, it } from '../test-support/mocha.js';
import {
  bigJpeg,
  countParts,
  mount,
  partPuts,
  record,
  waitFor,
  requestLog,
  setFaults,
  succeeds,
  withCleanStack,
} from '../test-support/stack.js';
import type { UploadProgressEvent } from '../events/upload-progress-event.js';

const MIB = 1024 * 1024;
/** S3's answer to bytes that are not those whose MD5 was signed: the element sends them again. */
const BAD_DIGEST = {
  status: 400,
  body: '<Error><Code>BadDigest</Code><Message>The Content-MD5 you specified did not match what we received.</Message></Error>',
};

/** Asserts that neither `loaded` nor `overall` ever decreases, naming the first event that does. */
function assertMonotonic(events: UploadProgressEvent[]): void {
  for (let i = 1; i < events.length; i++) {
    const [before, after] = [events[i - 1]!.detail, events[i]!.detail];
    atLeast(
      after.loaded,
      before.loaded,
      `progress event ${i}: loaded went from ${before.loaded} to ${after.loaded}`,
    );
    atLeast(
      after.overall,
      before.overall,
      `progress event ${i}: overall went from ${before.overall} to ${after.overall}`,
    );
  }
  const last = events.at(-1)!.detail;
  equal(last.loaded, last.total);
}

/** Uploads `file` with the upload bandwidth limited to `bytesPerSecond`; returns its progress events. */
async function throttledUpload(file: File, bytesPerSecond: number): Promise<UploadProgressEvent[]> {
  const element = await mount();
  const events = record(element, 'upload-progress');
  await executeServerCommand('throttle-upload', { bytesPerSecond });
  try {
    const success = succeeds(element);
    element.addFiles([file]);
    await success;
  } finally {
    await executeServerCommand('throttle-upload', { bytesPerSecond: -1 });
  }
  return events;
}

describe('<image-uploader> progress', () => {
  withCleanStack();

  it('never goes backwards when a single PUT is sent again from its first byte', async () => {
    // S3 refuses the body (400 BadDigest); the element asks for a new ticket and sends it again.
    await setFaults([{ target: 's3', method: 'PUT', fault: BAD_DIGEST }]);
    const file = await bigJpeg(2 * MIB, 'again.jpg', 41);
    const events = await throttledUpload(file, Math.ceil(file.size / 1.5));
    const puts = (await requestLog()).filter((entry) => entry.target === 's3' && entry.method === 'PUT');
    deepEqual(
      puts.map((put) => put.status),
      [400, 200],
    );
    atLeast(events.length, 8, `only ${events.length} progress events`);
    // The refused try was reported: progress had passed half the file before the second try began.
    ok(
      events.some((event) => event.detail.loaded >= file.size / 2),
      'the first try reported its progress',
    );
    assertMonotonic(events);
  });

  it('never goes backwards when a part is sent again', async () => {
    await setFaults([{ target: 's3', method: 'PUT', match: 'partNumber=2', fault: BAD_DIGEST }]);
    const file = await bigJpeg(12.5 * MIB, 'part-again.jpg', 42);
    const events = await throttledUpload(file, Math.ceil(file.size / 2));
    deepEqual(countParts(await partPuts()), { 1: 1, 2: 2, 3: 1 });
    atLeast(events.length, 8, `only ${events.length} progress events`);
    assertMonotonic(events);
  });

  it('keeps `overall` from going backwards when a file joins a batch half sent', async () => {
    const element = await mount({ multiple: true });
    const events = record(element, 'upload-progress');
    const [first, second] = await Promise.all([
      bigJpeg(2 * MIB, 'first.jpg', 43),
      bigJpeg(2 * MIB, 'second.jpg', 44),
    ]);
    await executeServerCommand('throttle-upload', { bytesPerSecond: 2 * MIB });
    try {
      const done = Promise.all([succeeds(element), waitFor(() => element.items.length === 2, 30_000)]);
      element.addFiles([first]);
      await waitFor(
        () => events.some((event) => event.detail.overall >= 0.5),
        30_000,
        'half of the first file',
      );
      // Counted alone, the batch is now a quarter sent: `overall` holds until it is past where it was.
      element.addFiles([second]);
      await done;
      await waitFor(() => element.items.every((item) => item.status === 'done'), 30_000, 'both files');
    } finally {
      await executeServerCommand('throttle-upload', { bytesPerSecond: -1 });
    }
    for (let i = 1; i < events.length; i++) {
      const [before, after] = [events[i - 1]!.detail.overall, events[i]!.detail.overall];
      atLeast(after, before, `progress event ${i}: overall went from ${before} to ${after}`);
    }
    equal(events.at(-1)!.detail.overall, 1);
  });
});
