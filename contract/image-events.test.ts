import { readFile } from 'node:fs/promises';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { EVENT_SCHEMA_FILE, imageEventSchemaText } from '../scripts/write-event-schema.js';
import {
  deletedEvent,
  ImageEventSchema,
  imageEventId,
  manifestEvent,
  type ImageEvent,
} from './image-events.js';
import { originalKey, thumbnailKey } from './object-keys.js';
import type { ReadyManifest, RejectedManifest, ThumbnailOutput } from './thumbnail-manifest.js';

const id = 'k3j5h7g9f1d3s5a7q9w1-jpg';
const key = originalKey('u_alice', id);
const output = (width: number, height: number, format: 'webp' | 'jpeg'): ThumbnailOutput => ({
  key: thumbnailKey('u_alice', id, width, format),
  width,
  height,
  format,
  contentType: format === 'webp' ? 'image/webp' : 'image/jpeg',
  size: width * 10,
});
/** An 800 × 600 public photo; the widths asked for were 320, 720 and 1440 (1440 capped to 800). */
const ready: ReadyManifest = {
  version: 1,
  status: 'ready',
  sourceKey: key,
  sourceEtag: '"9b2cf535f27731c974343645a3985328"',
  sourceSize: 250_000,
  name: 'café.jpg',
  visibility: 'public',
  iss: 'https://accounts.example',
  sub: 'user-1',
  metadata: { listing_id: '42', slot: 'cover' },
  createdAt: '2026-05-01T10:00:00.000Z',
  format: 'jpeg',
  width: 800,
  height: 600,
  widths: [320, 720, 1440],
  thumbhash: 'HBkSHYSIeHiPiHh8eJd4eTN0EEQG',
  outputs: [320, 720, 800].flatMap((width) => [
    output(width, (width * 3) / 4, 'webp'),
    output(width, (width * 3) / 4, 'jpeg'),
  ]),
};
const rejected: RejectedManifest = {
  version: 1,
  status: 'rejected',
  sourceKey: key,
  sourceEtag: '"0cc175b9c0f1b6a831c399e269772661"',
  iss: 'https://accounts.example',
  sub: 'user-1',
  metadata: { listing_id: '42' },
  createdAt: '2026-05-01T10:00:01.000Z',
  reason: { code: 'ERR_TYPE_MISMATCH', message: 'The file is a PNG, not the JPEG it was signed as.' },
};
const imageBaseUrl = 'https://images.example.com';
/** The identity fields every event of `ready` carries. */
const identity = {
  id,
  key,
  owner: 'u_alice',
  iss: 'https://accounts.example',
  sub: 'user-1',
  visibility: 'public',
  name: 'café.jpg',
  metadata: { listing_id: '42', slot: 'cover' },
};

describe('image events', () => {
  describe('manifestEvent', () => {
    it('makes image.ready from a ready manifest, with identity, metadata, original and thumbnails', async () => {
      const event = await manifestEvent(ready, { imageBaseUrl });
      expect(v.parse(ImageEventSchema, event)).toEqual(event);
      expect(event).toMatchObject({
        version: 1,
        type: 'image.ready',
        timestamp: '2026-05-01T10:00:00.000Z',
        data: {
          ...identity,
          original: { width: 800, height: 600, format: 'jpeg', bytes: 250_000 },
          thumbhash: ready.thumbhash,
        },
      });
      expect(event.type === 'image.ready' && event.data.thumbnails).toContainEqual({
        width: 320,
        height: 240,
        format: 'webp',
        contentType: 'image/webp',
        bytes: 3200,
        key: thumbnailKey('u_alice', id, 320, 'webp'),
      });
    });

    it("gives a public image's stable URLs and srcset, one per asked-for width and format", async () => {
      const event = await manifestEvent(ready, { imageBaseUrl });
      if (event.type !== 'image.ready') throw new Error('expected image.ready');
      const url = (width: number, ext: string) => `${imageBaseUrl}/public/${id}/${width}.${ext}`;
      expect(event.data.public?.urls).toEqual(
        [320, 720, 1440].flatMap((width) => [
          { width, format: 'webp', url: url(width, 'webp') },
          { width, format: 'jpeg', url: url(width, 'jpg') },
        ]),
      );
      expect(event.data.public?.srcset).toEqual({
        webp: `${url(320, 'webp')} 320w, ${url(720, 'webp')} 720w, ${url(1440, 'webp')} 1440w`,
        jpeg: `${url(320, 'jpg')} 320w, ${url(720, 'jpg')} 720w, ${url(1440, 'jpg')} 1440w`,
      });
    });

    it('gives no public links for a private image, or without IMAGE_BASE_URL', async () => {
      const hidden = await manifestEvent({ ...ready, visibility: 'private' }, { imageBaseUrl });
      const unknownBase = await manifestEvent(ready);
      for (const event of [hidden, unknownBase]) {
        expect(event.type === 'image.ready' && 'public' in event.data).toBe(false);
        expect(v.is(ImageEventSchema, event)).toBe(true);
      }
    });

    it('makes image.rejected with the code and the reason', async () => {
      const event = await manifestEvent(rejected);
      expect(v.parse(ImageEventSchema, event)).toEqual(event);
      expect(event).toMatchObject({
        type: 'image.rejected',
        data: { id, sub: 'user-1', metadata: { listing_id: '42' }, code: 'ERR_TYPE_MISMATCH' },
      });
    });

    it('reads a manifest written before identity and metadata were kept: private, metadata {}', async () => {
      const {
        iss: _iss,
        sub: _sub,
        metadata: _metadata,
        visibility: _visibility,
        name: _name,
        ...old
      } = ready;
      const event = await manifestEvent(old, { imageBaseUrl });
      expect(v.is(ImageEventSchema, event)).toBe(true);
      expect(event.data).toMatchObject({ visibility: 'private', metadata: {} });
      expect(event.data).not.toHaveProperty('sub');
      expect(event.data).not.toHaveProperty('public');
    });
  });

  describe('deletedEvent', () => {
    it('makes image.deleted with the identity, timestamped now', async () => {
      const event = await deletedEvent(ready);
      expect(v.parse(ImageEventSchema, event)).toEqual(event);
      expect(event.type).toBe('image.deleted');
      expect(event.data).toEqual(identity);
      expect(Math.abs(Date.parse(event.timestamp) - Date.now())).toBeLessThan(5000);
    });
  });

  describe('ids', () => {
    it('are the same for the same type, key and ETag, however often the event is made', async () => {
      const first = await manifestEvent(ready, { imageBaseUrl });
      const again = await manifestEvent(structuredClone(ready), { timestamp: new Date() });
      expect(again.id).toBe(first.id);
      expect(first.id).toMatch(/^evt_[0-9a-f]{32}$/);
      expect((await deletedEvent(ready)).id).toBe((await deletedEvent(ready)).id);
    });

    it('differ by type, by ETag and by key', async () => {
      const ids = new Set([
        (await manifestEvent(ready)).id,
        (await deletedEvent(ready)).id,
        (await manifestEvent({ ...ready, sourceEtag: '"another"' })).id,
        (await manifestEvent({ ...ready, sourceKey: originalKey('u_bob', id) })).id,
        await imageEventId('image.rejected', key, ready.sourceEtag),
      ]);
      expect(ids.size).toBe(5);
    });
  });

  describe('JSON Schema (contract/image-events.schema.json)', () => {
    it('is the one generated from the valibot schemas (run tsx scripts/write-event-schema.ts)', async () => {
      expect(await readFile(EVENT_SCHEMA_FILE, 'utf8')).toBe(await imageEventSchemaText());
    });

    it('accepts every kind of event and refuses a broken one', async () => {
      const ajv = new Ajv2020({ strict: true, allErrors: true });
      addFormats.default(ajv);
      const validate = ajv.compile(JSON.parse(await readFile(EVENT_SCHEMA_FILE, 'utf8')) as object);
      const events: ImageEvent[] = [
        await manifestEvent(ready, { imageBaseUrl }),
        await manifestEvent(ready),
        await manifestEvent(rejected),
        await deletedEvent(ready),
      ];
      for (const event of events)
        expect(validate(JSON.parse(JSON.stringify(event))), ajv.errorsText(validate.errors)).toBe(true);
      const broken = [
        { ...events[0]!, version: 2 },
        { ...events[0]!, type: 'image.deleted', data: { ...events[0]!.data, metadata: { 'Bad Key': 'x' } } },
        { ...events[2]!, data: { ...events[2]!.data, reason: '' } },
      ];
      for (const event of broken) {
        expect(validate(event)).toBe(false);
        expect(v.is(ImageEventSchema, event)).toBe(false);
      }
    });
  });
});
