import { describe, expect, it } from 'vitest';
import { createOwnerId } from '../signer/auth/owner-id.js';
import { newImageId } from '../signer/image-id.js';
import {
  EXTENSION_BY_TYPE,
  PUBLIC_PREFIX,
  makeImageId,
  originalKey,
  parseOriginalKey,
  parsePublicKey,
  publicOriginalKey,
  publicPrefix,
  publicThumbnailKey,
} from './object-keys.js';

describe('parseOriginalKey', () => {
  it('accepts every key the signer makes, for every allowed type', () => {
    const ownerId = createOwnerId('object-keys-test-owner-id-secret-0123456789');
    const owners = [
      ownerId('https://accounts.google.com', '1234567890'),
      ownerId('https://issuer.example', 'zoë+1@example.com'),
      ownerId('', ''),
    ];
    const times = [0, Date.UTC(2026, 0, 1), 32 ** 9 - 1];
    for (const owner of owners) {
      for (const ext of Object.values(EXTENSION_BY_TYPE)) {
        for (const time of times) {
          const id = newImageId(ext, time);
          expect(parseOriginalKey(originalKey(owner, id)), id).toEqual({ owner, id, ext });
        }
      }
    }
  });

  it('acts only on uploads/{owner}/{id}/original.{ext}, the id ending in its extension', () => {
    const id = makeImageId('0123456789abcdef', 'jpg');
    expect(parseOriginalKey(`uploads/o1/${id}/original.jpg`)).toEqual({ owner: 'o1', id, ext: 'jpg' });
    for (const key of [
      `thumbnails/o1/${id}/320.webp`,
      `thumbnails/o1/${id}/meta.json`,
      `uploads/o1/${id}/other.jpg`,
      `uploads/o1/${id}/original.png`, // the extension must be the id's
      'uploads/o1/original.jpg',
      `uploads/o1/x/${id}/original.jpg`,
      `elsewhere/uploads/o1/${id}/original.jpg`,
      'uploads/o1/abc-jpg/original.jpg', // a nonce the signer never makes (too short)
      'uploads/Zoë +1/a b/original.png', // segments the signer never makes
      `uploads/o1/${id}/original.jpg/`,
    ]) {
      expect(parseOriginalKey(key), key).toBeUndefined();
    }
  });
});

describe('public keys', () => {
  const id = makeImageId('0123456789abcdef', 'png');

  it('build public/{id}/{width}.{webp|jpg} and public/{id}/original.{ext}, without the owner', () => {
    expect(publicThumbnailKey(id, 720, 'webp')).toBe(`public/${id}/720.webp`);
    expect(publicThumbnailKey(id, 320, 'jpeg')).toBe(`public/${id}/320.jpg`);
    expect(publicOriginalKey(id)).toBe(`public/${id}/original.png`);
    expect(publicPrefix(id)).toBe(`${PUBLIC_PREFIX}${id}/`);
    expect(() => publicPrefix('../x')).toThrow(TypeError);
  });

  it('parse back only what the thumbnailer and the signer write there', () => {
    expect(parsePublicKey(`public/${id}/720.webp`)).toEqual({ id, width: 720, format: 'webp' });
    expect(parsePublicKey(`public/${id}/1440.jpg`)).toEqual({ id, width: 1440, format: 'jpeg' });
    expect(parsePublicKey(`public/${id}/original.png`)).toEqual({ id, original: true });
    for (const key of [
      `public/${id}/original.jpg`, // not the id's extension
      `public/${id}/meta.json`,
      `public/${id}/0720.webp`,
      `public/${id}/720.png`,
      `public/${id}/`,
      `public/${id}/../x/720.webp`,
      `public/o1/${id}/720.webp`,
      `thumbnails/o1/${id}/720.webp`,
      `public/abc-jpg/720.webp`,
      `public/${id}/720.webp/`,
    ]) {
      expect(parsePublicKey(key), key).toBeUndefined();
    }
  });
});
