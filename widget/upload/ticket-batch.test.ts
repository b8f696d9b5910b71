import type { UploadErrorEvent } from '../events/upload-error-event.js';
import type { ImageUploader } from '../image-uploader.js';
import { atMost, deepEqual, equal, ok } from '../test-support/assert.js';
import type { LogEntry } from '../test-support/fault-proxy.js';
import { describe, it } from '../test-support/mocha.js';
import {
  askedFiles,
  makeJpeg,
  mount,
  nextEvent,
  record,
  requestLog,
  setFaults,
  waitFor,
  withCleanStack,
} from '../test-support/stack.js';
import type { UploadDescriptor } from './signer-client.js';

/** The second stack of the test server: its signer keeps the default rate limit (120/min, burst 60). */
const defaultLimits = async (): Promise<{ endpoint: string; token: string; log: LogEntry[] }> =>
  (await fetch('/__stack/default-limits')).json() as Promise<{
    endpoint: string;
    token: string;
    log: LogEntry[];
  }>;

const ticketRequests = (log: LogEntry[]): LogEntry[] =>
  log.filter((entry) => entry.target === 'signer' && entry.method === 'POST' && entry.url === '/v1/uploads');

const photos = (count: number): Promise<File[]> =>
  Promise.all(Array.from({ length: count }, (_, i) => makeJpeg(64 + (i % 7), 48, `photo-${i}.jpg`)));

const settled = (element: ImageUploader): Promise<unknown> => nextEvent(element, 'upload-complete');

describe('ticket batches', () => {
  withCleanStack();

  it('uploads 100 photos dropped at once under the default rate limit: no 429, a few files a request', async function () {
    this.timeout(120_000);
    const { endpoint, token, log } = await defaultLimits();
    const element = await mount({ multiple: true });
    element.endpoint = endpoint;
    element.getToken = () => token;
    const errors = record(element, 'upload-error');
    const successes = record(element, 'upload-success');
    const done = settled(element);
    element.addFiles(await photos(100));
    await done;
    const entries = (await defaultLimits()).log
      .slice(log.length)
      .filter((entry) => entry.target === 'signer');
    const tickets = ticketRequests(entries);
    const asked = tickets.flatMap(
      (entry) => (JSON.parse(entry.body!) as { files: UploadDescriptor[] }).files,
    );
    console.log(
      `100 photos: ${entries.length} signer requests (${tickets.length} POST /v1/uploads), ` +
        `${entries.filter((entry) => entry.status === 429).length} answered 429`,
    );
    deepEqual(
      errors.map((event) => event.detail.code),
      [],
    );
    equal(successes.length, 100);

    deepEqual(
      entries.filter((entry) => entry.status === 429).map((entry) => entry.url),
      [],
      'no request was rate-limited',
    );
    // Every photo asked once (none twice: no early ticket went to waste), a few per request.
    equal(asked.length, 100);
    equal(new Set(asked.map((file) => file.name)).size, 100);
    // How many share a request depends on how fast slots free up: 23–33 requests on a busy 2-core
    // machine, 55 on a quiet one; one a file (100) means no batching at all.
    atMost(tickets.length, 80);
    ok(
      asked.every((file) => file.md5),
      'every file sent its MD5',
    );
  });

  it('fails only the file its slot refuses, asked for along with others', async () => {
    const element = await mount({ multiple: true, accept: '', 'max-dimension': '0' });
    const errors = record(element, 'upload-error');
    const successes = record(element, 'upload-success');
    const done = settled(element);
    const files = await photos(6);
    // The signer refuses SVG (not on its allow-list) in its slot: the element lets it through.
    files.splice(
      4,
      0,
      new File(['<svg xmlns="http://www.w3.org/2000/svg"/>'], 'vector.svg', { type: 'image/svg+xml' }),
    );
    element.addFiles(files);
    await done;
    deepEqual(
      errors.map(({ detail }: UploadErrorEvent) => [detail.file?.name, detail.code]),
      [['vector.svg', 'ERR_TYPE_NOT_ALLOWED']],
    );
    equal(successes.length, 6);
    const requests = await askedFiles();
    ok(
      requests.some((batch) => batch.length > 1 && batch.some((file) => file.name === 'vector.svg')),
      'the SVG was asked for along with other files',
    );
    equal(requests.flat().length, 7, 'each file asked once');
  });

  it('asks again for each file when the signer refuses a batch whole (UPLOAD_MAX_FILES)', async () => {
    // Every PUT is held a while, so the files behind the one uploading are readied by the time it ends.
    const slowPuts = { target: 's3', method: 'PUT', times: 10, fault: { delay: 500 } } as const;
    await setFaults([slowPuts]);
    const element = await mount({ multiple: true, concurrency: '1' });
    const errors = record(element, 'upload-error');
    const done = settled(element);
    const [first, ...behind] = await photos(3);
    element.addFiles([first!]);
    await waitFor(
      async () => (await requestLog()).some((entry) => entry.target === 's3'),
      10_000,
      'the first PUT',
    );
    const tooMany = { code: 'ERR_TOO_MANY_FILES', message: 'At most 1 file per request' };
    await setFaults([
      slowPuts,
      {
        target: 'signer',
        method: 'POST',
        match: '/v1/uploads',
        fault: { status: 400, body: JSON.stringify({ error: tooMany }) },
      },
    ]);
    element.addFiles(behind);
    await done;
    deepEqual(
      errors.map((event) => event.detail.code),
      [],
    );
    const posts = ticketRequests(await requestLog()).map((entry) => ({
      status: entry.status,
      files: (JSON.parse(entry.body ?? '{"files":[]}') as { files: UploadDescriptor[] }).files.map(
        (f) => f.name,
      ),
    }));
    deepEqual(posts, [
      { status: 201, files: ['photo-0.jpg'] },
      { status: 400, files: ['photo-1.jpg', 'photo-2.jpg'] },
      { status: 201, files: ['photo-1.jpg'] },
      { status: 201, files: ['photo-2.jpg'] },
    ]);
  });
});
