import { describe, expect, it } from 'vitest';
import { metadataHeaders, readUploadMetadata, s3Metadata } from './upload-metadata.js';

/** What S3 accepts in a header value: visible US-ASCII (and what SigV4 signs unchanged: no spaces). */
const VISIBLE_ASCII = /^[\x21-\x7e]+$/;

describe('upload metadata', () => {
  describe('as headers', () => {
    it('are x-amz-meta-* headers whose values are RFC 8187 ext-values', () => {
      expect(metadataHeaders({ name: 'café.jpg', visibility: 'public' })).toEqual({
        'x-amz-meta-name': "UTF-8''caf%C3%A9.jpg",
        'x-amz-meta-visibility': "UTF-8''public",
      });
      expect(s3Metadata({ name: 'café.jpg', visibility: 'private' })).toEqual({
        name: "UTF-8''caf%C3%A9.jpg",
        visibility: "UTF-8''private",
      });
    });

    it("encode every character outside RFC 8187's attr-char, spaces and quotes included", () => {
      const value = metadataHeaders({ name: `it's (a) *cat*  photo!.jpg`, visibility: 'private' })[
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
        const stored = s3Metadata({ name, visibility: 'public' });
        expect(stored.name).toMatch(VISIBLE_ASCII);
        expect(readUploadMetadata(stored)).toEqual({ name, visibility: 'public' });
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
  });
});
