import { describe, expect, it } from 'vitest';
import {
  APP_METADATA_MAX_BYTES,
  isAppMetadata,
  metadataHeaders,
  readUploadMetadata,
  s3Metadata,
  s3MetadataBytes,
  type UploadMetadata,
} from './upload-metadata.js';

/** What S3 accepts in a header value: visible US-ASCII (and what SigV4 signs unchanged: no spaces). */
const VISIBLE_ASCII = /^[\x21-\x7e]+$/;
const IDENTITY = { iss: 'https://id.example', sub: 'user-1', metadata: {} } as const;
const signed = (fields: Pick<UploadMetadata, 'name' | 'visibility'>): UploadMetadata => ({
  ...IDENTITY,
  ...fields,
});

describe('upload metadata', () => {
  describe('as headers', () => {
    it('are x-amz-meta-* headers whose values are RFC 8187 ext-values', () => {
      expect(metadataHeaders(signed({ name: 'café.jpg', visibility: 'public' }))).toEqual({
        'x-amz-meta-name': "UTF-8''caf%C3%A9.jpg",
        'x-amz-meta-visibility': "UTF-8''public",
        'x-amz-meta-iss': "UTF-8''https%3A%2F%2Fid.example",
        'x-amz-meta-sub': "UTF-8''user-1",
        'x-amz-meta-metadata': "UTF-8''%7B%7D",
      });
      expect(
        s3Metadata({ ...signed({ name: 'café.jpg', visibility: 'private' }), metadata: { a: 'b' } }),
      ).toEqual({
        name: "UTF-8''caf%C3%A9.jpg",
        visibility: "UTF-8''private",
        iss: "UTF-8''https%3A%2F%2Fid.example",
        sub: "UTF-8''user-1",
        metadata: "UTF-8''%7B%22a%22%3A%22b%22%7D",
      });
    });

    it("encode every character outside RFC 8187's attr-char, spaces and quotes included", () => {
      const value = metadataHeaders(signed({ name: `it's (a) *cat*  photo!.jpg`, visibility: 'private' }))[
        'x-amz-meta-name'
      ]!;
      expect(value).toBe("UTF-8''it%27s%20%28a%29%20%2Acat%2A%20%20photo!.jpg");
      expect(value).toMatch(VISIBLE_ASCII);
    });
  });

  describe('read back', () => {
    it('decode what was encoded, for any name', () => {
      for (const name of [
        'a.jpg',
        'Zoë’s café (1).png',
        '東京 タワー.webp',
        '🐈‍⬛ % 100%25.gif',
        "UTF-8''x.png",
      ]) {
        const stored = s3Metadata(signed({ name, visibility: 'public' }));
        expect(stored.name).toMatch(VISIBLE_ASCII);
        expect(readUploadMetadata(stored)).toEqual({ ...IDENTITY, name, visibility: 'public' });
      }
    });

    it('take a plain value as it is, and clean it', () => {
      expect(readUploadMetadata({ name: 'plain name.jpg' })).toEqual({ name: 'plain name.jpg' });
      expect(readUploadMetadata({ name: "UTF-8''a%00%E2%80%AEb.png" })).toEqual({ name: 'a b.png' });
    });

    it('leave out a visibility that is not one (readers take absent as private)', () => {
      expect(readUploadMetadata({ visibility: 'public' })).toEqual({ visibility: 'public' });
      expect(readUploadMetadata({ visibility: "UTF-8''private" })).toEqual({ visibility: 'private' });
      for (const visibility of ['PUBLIC', "UTF-8''everyone", "UTF-8''%E2%28", '']) {
        expect(readUploadMetadata({ visibility }), visibility).toEqual({});
      }
    });

    it('leave out a name that is absent, empty or undecodable', () => {
      expect(readUploadMetadata(undefined)).toEqual({});
      expect(readUploadMetadata({ other: 'x' })).toEqual({});
      expect(readUploadMetadata({ name: "UTF-8''" })).toEqual({});
      expect(readUploadMetadata({ name: "UTF-8''%E2%28" })).toEqual({});
    });

    it("decode the page's metadata and the identity, and leave out what is not valid", () => {
      const metadata = { listing_id: '42', note: 'Zoë’s "flat" 🏠' };
      const stored = s3Metadata({ ...signed({ name: 'a.jpg', visibility: 'private' }), metadata });
      for (const value of Object.values(stored)) expect(value).toMatch(VISIBLE_ASCII);
      expect(readUploadMetadata(stored).metadata).toEqual(metadata);
      for (const bad of [
        "UTF-8''not%20json",
        "UTF-8''%5B%5D",
        "UTF-8''%7B%22A%22%3A%22b%22%7D",
        "UTF-8''%7B%22a%22%3A1%7D",
      ]) {
        expect(readUploadMetadata({ metadata: bad }), bad).toEqual({});
      }
      expect(readUploadMetadata({ iss: "UTF-8''", sub: '' })).toEqual({});
    });
  });

  describe("the page's metadata", () => {
    it('is an object of strings under lower-case keys, at most 2 KiB as JSON', () => {
      expect(isAppMetadata({})).toBe(true);
      expect(isAppMetadata({ 'listing_id-2': '42' })).toBe(true);
      expect(isAppMetadata({ k: 'x'.repeat(APP_METADATA_MAX_BYTES - 8) })).toBe(true);
      expect(isAppMetadata({ k: 'x'.repeat(APP_METADATA_MAX_BYTES - 7) })).toBe(false);
      expect(isAppMetadata({ k: 'é'.repeat(APP_METADATA_MAX_BYTES / 2) })).toBe(false);
      for (const bad of [
        null,
        [],
        'x',
        { Upper: 'x' },
        { 'a.b': 'x' },
        { ['k'.repeat(41)]: 'x' },
        { k: 1 },
      ]) {
        expect(isAppMetadata(bad), JSON.stringify(bad)).toBe(false);
      }
    });

    it("counts toward S3's 2 KB user-metadata limit as S3 counts it", () => {
      const metadata = signed({ name: 'a.jpg', visibility: 'public' });
      const expected = Object.entries(s3Metadata(metadata)).reduce((n, [k, v]) => n + k.length + v.length, 0);
      expect(s3MetadataBytes(metadata)).toBe(expected);
      expect(s3MetadataBytes({ ...metadata, metadata: { k: 'é' } })).toBe(
        expected + '%22k%22%3A%22%C3%A9%22'.length,
      );
    });
  });
});
