import { md5 as md5Hex } from 'hash-wasm';
import { deepEqual, equal, ok } from '../test-support/assert.js';
import { describe, it } from '../test-support/mocha.js';
import {
  askedFiles,
  bigJpeg,
  countParts,
  interruptUpload,
  makeJpeg,
  mount,
  nextEvent,
  openFrame,
  partPuts,
  readObject,
  requestLog,
  setFaults,
  sha256,
  succeeds,
  withCleanStack,
} from '../test-support/stack.js';
import type { PartToSign } from './signer-client.js';

const MIB = 1024 * 1024;
/** Three parts of the test signer's 5 MiB: 5 + 5 + ~2.5. */
const SIZE = 12.5 * MIB;
const BAD_DIGEST = {
  status: 400,
  body: '<Error><Code>BadDigest</Code><Message>The Content-MD5 you specified did not match what we received.</Message></Error>',
};

/** RFC 1864 `Content-MD5` of some bytes, computed here with hash-wasm's one-shot function. */
const contentMd5 = async (bytes: Uint8Array | Blob): Promise<string> => {
  const data = bytes instanceof Blob ? new Uint8Array(await bytes.arrayBuffer()) : bytes;
  const hex = await md5Hex(data);
  return btoa(String.fromCharCode(...hex.match(/../g)!.map((pair) => parseInt(pair, 16))));
};

/** Every part-signing request's body, as the signer received it, in order. */
const signRequests = async (): Promise<{ size: number; parts: PartToSign[] }[]> =>
  (await requestLog())
    .filter((entry) => entry.target === 'signer' && entry.method === 'POST' && entry.url.endsWith('/parts'))
    .map((entry) => JSON.parse(entry.body!) as { size: number; parts: PartToSign[] });

/** How many times the signer was asked for `path` (`POST /v1/uploads`, say). */
const signerCalls = async (method: string, path: string): Promise<number> =>
  (await requestLog()).filter(
    (entry) => entry.target === 'signer' && entry.method === method && entry.url.split('?')[0] === path,
  ).length;

/** The single PUTs to S3 (not parts), with their status. */
const singlePuts = async (): Promise<number[]> =>
  (await requestLog())
    .filter((e) => e.target === 's3' && e.method === 'PUT' && !e.url.includes('partNumber='))
    .map((e) => e.status);

describe('<image-uploader> checksums', () => {
  withCleanStack();

  describe('MD5 sent for signing', () => {
    it('asks for a single PUT with the MD5 of the bytes S3 stored', async () => {
      const element = await mount();
      const success = succeeds(element);
      element.addFiles([await makeJpeg(120, 80, 'small.jpg')]);
      const { detail } = await success;
      const asked = (await askedFiles())[0]![0]!;
      equal(asked.md5, await contentMd5(await readObject(detail.key)));
    });

    it("signs each part with the file's size and the MD5 of the part's bytes", async () => {
      const element = await mount();
      const file = await bigJpeg(SIZE, 'parts.jpg', 31);
      const success = succeeds(element);
      element.addFiles([file]);
      const { detail } = await success;
      const stored = await readObject(detail.key);
      const signed = (await signRequests()).flatMap((request) => {
        equal(request.size, file.size);
        return request.parts;
      });
      deepEqual(signed.map((part) => part.partNumber).sort(), [1, 2, 3], 'each part signed once');
      for (const { partNumber, md5 } of signed)
        equal(md5, await contentMd5(stored.subarray((partNumber - 1) * 5 * MIB, partNumber * 5 * MIB)));
      equal(await sha256(stored), await sha256(file));
    });
  });

  describe('declared type', () => {
    it('asks for the type the bytes are: a PNG saved as photo.jpg goes up as a PNG', async () => {
      const canvas = new OffscreenCanvas(30, 20);
      canvas.getContext('2d')!.fillRect(0, 0, 30, 20);
      const png = await canvas.convertToBlob({ type: 'image/png' });
      const misnamed = new File([png], 'photo.jpg', { type: 'image/jpeg', lastModified: 7 });
      const element = await mount();
      const success = succeeds(element);
      element.addFiles([misnamed]);
      const { detail } = await success;
      equal((await askedFiles())[0]![0]!.type, 'image/png');
      ok(detail.key.endsWith('.png'), detail.key);
      equal(await sha256(await readObject(detail.key)), await sha256(png));
    });
  });

  describe('BadDigest', () => {
    it('reads, hashes, signs and sends a part again once S3 refuses its bytes', async () => {
      await setFaults([{ target: 's3', method: 'PUT', match: 'partNumber=2', fault: BAD_DIGEST }]);
      const element = await mount();
      const file = await bigJpeg(SIZE, 'digest.jpg', 32);
      const success = succeeds(element);
      element.addFiles([file]);
      const { detail } = await success;
      deepEqual(countParts(await partPuts()), { 1: 1, 2: 2, 3: 1 });
      const signedTwice = (await signRequests()).flatMap((r) => r.parts).filter((p) => p.partNumber === 2);
      equal(signedTwice.length, 2, 'part 2 signed again');
      equal(await sha256(await readObject(detail.key)), await sha256(file));
    });

    it('gives up on a part S3 keeps refusing, with ERR_UPLOAD_FAILED, after two more tries', async () => {
      await setFaults([{ target: 's3', method: 'PUT', match: 'partNumber=2', times: 10, fault: BAD_DIGEST }]);
      const element = await mount();
      const failure = nextEvent(element, 'upload-error');
      element.addFiles([await bigJpeg(SIZE, 'corrupt.jpg', 33)]);
      const { detail } = await failure;
      equal(detail.code, 'ERR_UPLOAD_FAILED');
      equal(countParts(await partPuts())[2], 3);
      equal(element.items[0]!.status, 'error');
    });

    it('asks for a new ticket, with the MD5 again, when S3 refuses a single PUT', async () => {
      await setFaults([{ target: 's3', method: 'PUT', fault: BAD_DIGEST }]);
      const element = await mount();
      const file = await makeJpeg(100, 60, 'single.jpg');
      const success = succeeds(element);
      element.addFiles([file]);
      const { detail } = await success;
      const asked = (await askedFiles()).flat();
      equal(asked.length, 2, 'a second ticket');
      equal(asked[1]!.md5, await contentMd5(file));
      deepEqual(await singlePuts(), [400, 200]);
      equal(await sha256(await readObject(detail.key)), await sha256(file));
    });
  });

  describe('one object, once (If-None-Match)', () => {
    it('takes a 412 on a retried single PUT as stored: the first try wrote it', async () => {
      // A first try that fails on the way back (a reset is retried by Chromium itself, unseen).
      await setFaults([
        {
          target: 's3',
          method: 'PUT',
          fault: { status: 500, body: '<Error><Code>InternalError</Code></Error>' },
        },
        {
          target: 's3',
          method: 'PUT',
          fault: { status: 412, body: '<Error><Code>PreconditionFailed</Code></Error>' },
        },
      ]);
      const element = await mount();
      const success = succeeds(element);
      element.addFiles([await makeJpeg(90, 60, 'lost-answer.jpg')]);
      await success;
      equal(await signerCalls('POST', '/v1/uploads'), 1);
    });

    it('fails on a 412 to a first try (the URL was used before)', async () => {
      await setFaults([
        {
          target: 's3',
          method: 'PUT',
          fault: { status: 412, body: '<Error><Code>PreconditionFailed</Code></Error>' },
        },
      ]);
      const element = await mount();
      const failure = nextEvent(element, 'upload-error');
      element.addFiles([await makeJpeg(90, 60, 'used.jpg')]);
      equal((await failure).detail.code, 'ERR_UPLOAD_FAILED');
    });
  });

  describe('open multipart uploads capped (429 ERR_TOO_MANY_OPEN_UPLOADS)', () => {
    const tooMany = (times: number) => ({
      target: 'signer' as const,
      method: 'POST',
      match: '/v1/uploads',
      times,
      fault: {
        status: 429,
        headers: { 'retry-after': '0' },
        body: JSON.stringify({
          error: { code: 'ERR_TOO_MANY_OPEN_UPLOADS', message: 'At most 20 open multipart uploads.' },
        }),
      },
    });

    it('retries, and uploads once a slot is free', async () => {
      await setFaults([tooMany(2)]);
      const element = await mount();
      const success = succeeds(element);
      element.addFiles([await bigJpeg(SIZE, 'later.jpg', 34)]);
      await success;
      equal(await signerCalls('POST', '/v1/uploads'), 3);
    });

    it('reports ERR_TOO_MANY_OPEN_UPLOADS for the file once retries run out', async () => {
      await setFaults([tooMany(99)]);
      const element = await mount();
      const failure = nextEvent(element, 'upload-error');
      element.addFiles([await bigJpeg(SIZE, 'full.jpg', 35)]);
      const { detail } = await failure;
      equal(detail.code, 'ERR_TOO_MANY_OPEN_UPLOADS');
      equal(await signerCalls('POST', '/v1/uploads'), 5, 'the first try and 4 retries');
      equal(element.items[0]!.error?.code, 'ERR_TOO_MANY_OPEN_UPLOADS');
    });
  });

  describe('resume after reload', () => {
    it('sends again a stored part whose ETag is not the MD5 of the local bytes', async () => {
      const first = await bigJpeg(SIZE, 'changed.jpg', 36);
      const { id } = await interruptUpload(first);
      // The same name, size, type, date and first 64 KiB (the resume fingerprint), but one byte
      // of part 1 differs: S3 holds a part 1 that is not this file's.
      const bytes = new Uint8Array(await first.arrayBuffer());
      bytes[MIB] = bytes[MIB]! ^ 0xff;
      const second = new File([bytes], first.name, { type: first.type, lastModified: first.lastModified });

      const frame = await openFrame();
      const element = await mount({ 'part-concurrency': '1' }, frame.contentDocument!.body);
      const success = succeeds(element);
      element.addFiles([second]);
      const { detail } = await success;
      equal(detail.id, id, 'the stored upload was resumed');
      deepEqual(countParts(await partPuts()), { 1: 1, 2: 1, 3: 1 });
      equal(await sha256(await readObject(detail.key)), await sha256(second));
      ok(await signerCalls('GET', `/v1/uploads/${id}/parts`));
    });
  });
});
