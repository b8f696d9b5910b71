import { createVerify, generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { makeImageId, originalKey, thumbnailKey } from '../contract/object-keys.js';
import { createImageLinks } from './image-links.js';
import { createPresigner } from './storage/presigner.js';

const { privateKey, publicKey } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
});
const presign = createPresigner(
  { bucket: 'images', region: 'eu-west-1', forcePathStyle: false },
  { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
);
const id = makeImageId('0123456789abcdef', 'jpg');
const base = 'https://d111111abcdef8.cloudfront.net';
const now = Date.UTC(2026, 10, 22, 10, 0, 0);
const delivery = {
  imageBaseUrl: base,
  publicOriginals: false,
  cloudFrontSigning: { keyPairId: 'K2JCJMDEHXQW5F', privateKey },
};
/** CloudFront's URL-safe base64 (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/private-content-linux-openssl.html). */
const unsafe = (value: string) =>
  Buffer.from(value.replace(/-/g, '+').replace(/_/g, '=').replace(/~/g, '/'), 'base64');

describe('createImageLinks', () => {
  it('signs private thumbnails as CloudFront signed URLs, one policy per image, verifiable with the public key', async () => {
    const links = createImageLinks(delivery, presign, 900, now);
    const [a, b] = await Promise.all([
      links.signed(thumbnailKey('owner1', id, 320, 'webp'), 'image/webp'),
      links.signed(thumbnailKey('owner1', id, 720, 'jpeg'), 'image/jpeg'),
    ]);
    const url = new URL(a);
    expect(`${url.origin}${url.pathname}`).toBe(`${base}/thumbnails/owner1/${id}/320.webp`);
    expect(url.searchParams.get('Key-Pair-Id')).toBe('K2JCJMDEHXQW5F');
    expect(new URL(b).search).toBe(url.search); // the same policy and signature for the whole image
    const policy = unsafe(url.searchParams.get('Policy')!).toString();
    expect(JSON.parse(policy)).toEqual({
      Statement: [
        {
          Resource: `${base}/thumbnails/owner1/${id}/*`,
          Condition: { DateLessThan: { 'AWS:EpochTime': now / 1000 + 900 } },
        },
      ],
    });
    const verify = createVerify('RSA-SHA1').update(policy);
    expect(verify.verify(publicKey, unsafe(url.searchParams.get('Signature')!))).toBe(true);
    // Another image gets its own policy.
    const other = await links.signed(
      thumbnailKey('owner1', makeImageId('fedcba9876543210', 'png'), 320, 'webp'),
      'image/webp',
    );
    expect(new URL(other).searchParams.get('Signature')).not.toBe(url.searchParams.get('Signature'));
  });

  it('keeps originals on presigned S3 GETs, and everything there without CloudFront signing', async () => {
    const withCloudFront = createImageLinks(delivery, presign, 900, now);
    const original = new URL(await withCloudFront.signed(originalKey('owner1', id), 'image/jpeg'));
    expect(original.hostname).toBe('images.s3.eu-west-1.amazonaws.com');
    expect(original.searchParams.get('response-content-type')).toBe('image/jpeg');
    const plain = createImageLinks({ imageBaseUrl: base, publicOriginals: false }, presign, 900, now);
    const thumbnail = new URL(await plain.signed(thumbnailKey('owner1', id, 320, 'webp'), 'image/webp'));
    expect(thumbnail.hostname).toBe('images.s3.eu-west-1.amazonaws.com');
    expect(
      Object.fromEntries([...thumbnail.searchParams].filter(([name]) => name.startsWith('response-'))),
    ).toEqual({
      'response-content-type': 'image/webp',
      'response-content-disposition': 'inline',
      'response-cache-control': 'private, max-age=900',
    });
    expect(plain.public(`public/${id}/320.webp`)).toBe(`${base}/public/${id}/320.webp`);
    expect(
      createImageLinks({ publicOriginals: false }, presign, 900, now).public('public/x'),
    ).toBeUndefined();
  });
});
