/** Image events for the webhook tests, made the way the thumbnailer makes them: from a manifest. */
import { manifestEvent, type ImageEvent } from '../../contract/image-events.js';
import { originalKey, thumbnailKey } from '../../contract/object-keys.js';

/** An `image.ready` event of a public image; `etag` tells events of one key apart. */
export async function sampleEvent(etag = '"0123456789abcdef0123456789abcdef"'): Promise<ImageEvent> {
  const id = '0123456789abcdefghij-jpg';
  return manifestEvent(
    {
      version: 1,
      status: 'ready',
      sourceKey: originalKey('alice', id),
      sourceEtag: etag,
      sourceSize: 123_456,
      name: 'café.jpg',
      visibility: 'public',
      iss: 'https://issuer.example',
      sub: 'alice',
      metadata: { listing_id: '42' },
      createdAt: '2026-05-01T10:00:00.000Z',
      format: 'jpeg',
      width: 1600,
      height: 1200,
      widths: [320],
      thumbhash: 'HBkSHYSIeHiPiHh8eJd4eTN0EEQG',
      outputs: [
        {
          key: thumbnailKey('alice', id, 320, 'webp'),
          width: 320,
          height: 240,
          format: 'webp',
          contentType: 'image/webp',
          size: 9_000,
        },
        {
          key: thumbnailKey('alice', id, 320, 'jpeg'),
          width: 320,
          height: 240,
          format: 'jpeg',
          contentType: 'image/jpeg',
          size: 12_000,
        },
      ],
    },
    { imageBaseUrl: 'https://images.example' },
  );
}
