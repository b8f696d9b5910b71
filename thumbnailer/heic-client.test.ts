/**
 * HEIC from a client that is not the widget (a mobile app, a script): where the operator allows
 * `image/heic` (the signer's `UPLOAD_ALLOWED_TYPES`, which gives the thumbnailer `ACCEPT_HEIC`, as
 * deploy/ does), the file is stored as it is and the thumbnailer decodes it with libheif, through
 * the whole local stack: the real signer, s3rver and its events, the thumbnailer's handler.
 */
import { readFile } from 'node:fs/promises';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreateUploadsResponse, ImageSummary, SinglePutTicket } from '../contract/api.js';
import { startStack, type Stack } from '../stack/start-stack.js';
import { metadataBlocks, pixelAt } from './test-support/inspect.js';

/** 64×48 stored, `irot` 90° clockwise (48×64 upright), EXIF with GPS: widget/test-support/fixtures/README.md. */
const FIXTURE = new URL('../widget/test-support/fixtures/rotated.heic', import.meta.url);

let stack: Stack;
let headers: Record<string, string>;
beforeAll(async () => {
  stack = await startStack({
    signerEnv: { UPLOAD_ALLOWED_TYPES: 'image/jpeg,image/png,image/heic' },
    log: () => {},
  });
  headers = { authorization: `Bearer ${await stack.login('app')}`, 'content-type': 'application/json' };
}, 60_000);
afterAll(() => stack?.close());

/** Asks the signer for a ticket for `file` and PUTs `body` with it; returns the image's id. */
async function upload(file: { name: string; type: string }, body: Buffer): Promise<string> {
  const created = await fetch(`${stack.signerUrl}/v1/uploads`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ files: [{ ...file, size: body.byteLength }] }),
  });
  expect(created.status).toBe(201);
  const ticket = ((await created.json()) as CreateUploadsResponse).uploads[0] as SinglePutTicket;
  const put = await fetch(ticket.url, { method: 'PUT', headers: ticket.headers, body: new Uint8Array(body) });
  expect(put.status).toBe(200);
  return ticket.id;
}

async function image(id: string): Promise<ImageSummary> {
  const response = await fetch(`${stack.signerUrl}/v1/images/${id}`, { headers });
  expect(response.status).toBe(200);
  return (await response.json()) as ImageSummary;
}

describe('HEIC from a non-browser client (UPLOAD_ALLOWED_TYPES lists image/heic)', () => {
  it('is stored as HEIC and gets upright, metadata-free thumbnails', async () => {
    const id = await upload({ name: 'IMG_0001.HEIC', type: 'image/heic' }, await readFile(FIXTURE));
    await stack.thumbnailsIdle();
    const summary = await image(id);
    expect(summary).toMatchObject({ type: 'image/heic', status: 'ready', width: 48, height: 64 });
    expect(summary.key).toMatch(/\/original\.heic$/);
    const largest = summary.thumbnails.filter((thumbnail) => thumbnail.width === 48);
    expect(largest.map((thumbnail) => thumbnail.format).sort()).toEqual(['jpeg', 'webp']);
    for (const thumbnail of largest) {
      const body = Buffer.from(await (await fetch(thumbnail.url)).arrayBuffer());
      expect(await sharp(body).metadata()).toMatchObject({ width: 48, height: 64 });
      expect(metadataBlocks(body).filter((block) => /exif|xmp|gps/i.test(block))).toEqual([]);
      // Upright: the fixture's green block, top left as stored, is top right once turned.
      const [red, green] = await pixelAt(body, 40, 8);
      expect(green).toBeGreaterThan(150);
      expect(red).toBeLessThan(80);
    }
  });

  it('is refused when its bytes are not a HEIC (ERR_TYPE_MISMATCH)', async () => {
    const jpeg = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#888' } })
      .jpeg()
      .toBuffer();
    const id = await upload({ name: 'fake.heic', type: 'image/heic' }, jpeg);
    await stack.thumbnailsIdle();
    expect((await image(id)).reason?.code).toBe('ERR_TYPE_MISMATCH');
  });
});
