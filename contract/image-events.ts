/**
 * What the system tells the site's server about an image: `image.ready`, `image.rejected` and
 * `image.deleted`, described once. The thumbnailer emits the first two after its commit point
 * (`meta.json`), the signer the third on `DELETE /v1/images/:id`; on AWS they go onto an
 * EventBridge bus ({@link EVENT_SOURCE}, detail-type = the event's `type`, detail = the event),
 * and the webhook notifier POSTs each one, signed per Standard Webhooks, with `webhook-id` = its
 * `id`. The JSON Schema in `contract/image-events.schema.json` is generated from these schemas.
 *
 * Delivery is at least once and unordered: a receiver keeps the ids it has handled (the same
 * logical event always has the same id, however often it is told) and orders by `timestamp`.
 */
import * as v from 'valibot';
import type { RejectionCode } from './error-codes.js';
import type { ReadyManifest, ThumbnailManifest } from './thumbnail-manifest.js';
import { publicCopies } from './public-copies.js';
import { parseOriginalKey } from './object-keys.js';
import { APP_METADATA_KEY } from './upload-metadata.js';
import { VISIBILITIES } from './visibility.js';

/** The events' schema version; a breaking change to any event's shape makes it 2. */
export const IMAGE_EVENT_VERSION = 1;

/** EventBridge `Source` of every image event. */
export const EVENT_SOURCE = 'image-uploader';

export const IMAGE_EVENT_TYPES = ['image.ready', 'image.rejected', 'image.deleted'] as const;
export type ImageEventType = (typeof IMAGE_EVENT_TYPES)[number];

const nonEmpty = (description: string) => v.pipe(v.string(), v.minLength(1), v.description(description));
const count = (description: string) =>
  v.pipe(v.number(), v.safeInteger(), v.minValue(0), v.description(description));

/** Who uploaded the image and for what: the same fields in every event. */
const ImageIdentitySchema = v.object({
  id: nonEmpty('The image id, as in `POST /v1/uploads` and `GET /v1/images/{id}`.'),
  key: nonEmpty("The original's S3 key, `uploads/{owner}/{id}/original.{ext}`."),
  owner: nonEmpty('The opaque owner segment of the key.'),
  iss: v.optional(nonEmpty("The uploader's token issuer, as the signer verified it at signing.")),
  sub: v.optional(nonEmpty("The uploader's token subject, as the signer verified it at signing.")),
  visibility: v.pipe(v.picklist(VISIBILITIES), v.description('Who may see the image.')),
  name: v.optional(nonEmpty("The file's name as signed (cleaned).")),
  metadata: v.pipe(
    v.record(v.pipe(v.string(), v.regex(APP_METADATA_KEY)), v.string()),
    v.description("The page's metadata for this upload, as signed; `{}` when it sent none."),
  ),
});

const ThumbnailSchema = v.object({
  width: count('Pixels.'),
  height: count('Pixels.'),
  format: v.picklist(['webp', 'jpeg']),
  contentType: v.picklist(['image/webp', 'image/jpeg']),
  bytes: count('Size in bytes.'),
  key: nonEmpty("The owner's private copy in the bucket."),
});

const PublicLinksSchema = v.object({
  urls: v.pipe(
    v.array(
      v.object({
        width: count('The asked-for width this URL stands for.'),
        format: v.picklist(['webp', 'jpeg']),
        url: v.pipe(v.string(), v.url()),
      }),
    ),
    v.description('Stable CDN URLs of the public copies, by width then format.'),
  ),
  srcset: v.object({ webp: v.string(), jpeg: v.string() }),
});

const envelope = <T extends ImageEventType, D extends v.GenericSchema>(type: T, data: D) =>
  v.object({
    version: v.literal(IMAGE_EVENT_VERSION),
    id: nonEmpty('Stable per logical event: `webhook-id`; deduplicate on it.'),
    type: v.literal(type),
    timestamp: v.pipe(v.string(), v.isoTimestamp(), v.description('When it happened (ISO 8601).')),
    data,
  });

export const ImageReadyEventSchema = envelope(
  'image.ready',
  v.object({
    ...ImageIdentitySchema.entries,
    original: v.object({
      width: count('Pixels, after EXIF orientation.'),
      height: count('Pixels, after EXIF orientation.'),
      format: v.picklist(['jpeg', 'png', 'webp', 'avif', 'gif', 'heic', 'tiff']),
      bytes: v.optional(count('Size in bytes.')),
    }),
    thumbhash: nonEmpty('ThumbHash placeholder, base64.'),
    thumbnails: v.array(ThumbnailSchema),
    public: v.optional(
      v.pipe(
        PublicLinksSchema,
        v.description('Only for a public image on a system with `IMAGE_BASE_URL`: the URLs to show.'),
      ),
    ),
  }),
);

export const ImageRejectedEventSchema = envelope(
  'image.rejected',
  v.object({
    ...ImageIdentitySchema.entries,
    code: v.pipe(v.string(), v.description('A stable rejection code (contract/error-codes.ts).')),
    reason: nonEmpty('Why, for people.'),
  }),
);

export const ImageDeletedEventSchema = envelope('image.deleted', v.object(ImageIdentitySchema.entries));

export const ImageEventSchema = v.variant('type', [
  ImageReadyEventSchema,
  ImageRejectedEventSchema,
  ImageDeletedEventSchema,
]);

export type ImageIdentity = v.InferOutput<typeof ImageIdentitySchema>;
export type ImageReadyEvent = v.InferOutput<typeof ImageReadyEventSchema>;
export type ImageRejectedEvent = Omit<v.InferOutput<typeof ImageRejectedEventSchema>, 'data'> & {
  data: Omit<v.InferOutput<typeof ImageRejectedEventSchema>['data'], 'code'> & { code: RejectionCode };
};
export type ImageDeletedEvent = v.InferOutput<typeof ImageDeletedEventSchema>;
export type ImageEvent = ImageReadyEvent | ImageRejectedEvent | ImageDeletedEvent;

/**
 * Hands one event on (EventBridge `PutEvents`, or the local stack's webhook queue). Resolves once
 * it is accepted for delivery; rejects when it was not, so the caller's retry tells it again.
 */
export type PublishImageEvent = (event: ImageEvent) => Promise<void>;

/**
 * The id of one logical event: the same for the same type, key and ETag of the original, so the
 * thumbnailer's retries, duplicate S3 notifications and a re-told event all carry one id.
 * `evt_` + 32 hex digits of SHA-256 (Web Crypto: Node, Lambda and browsers alike).
 */
export async function imageEventId(type: ImageEventType, key: string, etag: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`${type}\0${key}\0${etag}`));
  const hex = Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `evt_${hex.slice(0, 32)}`;
}

/** Options of {@link imageEvent}. */
export interface ImageEventOptions {
  /** `IMAGE_BASE_URL` (no trailing slash): a public image's ready event then carries its URLs. */
  imageBaseUrl?: string;
  /** When it happened; default: the manifest's `createdAt` (ready, rejected) or now (deleted). */
  timestamp?: Date;
}

/**
 * The event a committed manifest stands for: `image.ready` or `image.rejected`. Built from the
 * manifest alone, so the thumbnailer can tell it again, identical, after a crash or a duplicate
 * notification.
 */
export async function manifestEvent(
  manifest: ThumbnailManifest,
  options: ImageEventOptions = {},
): Promise<ImageReadyEvent | ImageRejectedEvent> {
  const identity = identityOf(manifest);
  if (manifest.status === 'rejected') {
    return {
      ...(await head('image.rejected', manifest, options)),
      type: 'image.rejected',
      data: { ...identity, code: manifest.reason.code, reason: manifest.reason.message },
    };
  }
  return {
    ...(await head('image.ready', manifest, options)),
    type: 'image.ready',
    data: { ...identity, ...ready(manifest, identity, options) },
  };
}

/** `image.deleted` for the image a manifest describes (its last manifest, read before the delete). */
export async function deletedEvent(
  manifest: ThumbnailManifest,
  options: ImageEventOptions = {},
): Promise<ImageDeletedEvent> {
  return {
    ...(await head('image.deleted', manifest, { timestamp: new Date(), ...options })),
    type: 'image.deleted',
    data: identityOf(manifest),
  };
}

async function head(type: ImageEventType, manifest: ThumbnailManifest, options: ImageEventOptions) {
  return {
    version: IMAGE_EVENT_VERSION,
    id: await imageEventId(type, manifest.sourceKey, manifest.sourceEtag),
    timestamp: (options.timestamp ?? new Date(manifest.createdAt)).toISOString(),
  } as const;
}

function identityOf(manifest: ThumbnailManifest): ImageIdentity {
  const parsed = parseOriginalKey(manifest.sourceKey);
  if (!parsed) throw new TypeError(`Not an original's key: ${manifest.sourceKey}`);
  return {
    id: parsed.id,
    key: manifest.sourceKey,
    owner: parsed.owner,
    ...(manifest.iss && { iss: manifest.iss }),
    ...(manifest.sub && { sub: manifest.sub }),
    visibility: manifest.visibility ?? 'private',
    ...(manifest.name && { name: manifest.name }),
    metadata: manifest.metadata ?? {},
  };
}

function ready(manifest: ReadyManifest, identity: ImageIdentity, options: ImageEventOptions) {
  const links =
    identity.visibility === 'public' && options.imageBaseUrl !== undefined
      ? publicLinks(identity.id, manifest, options.imageBaseUrl)
      : undefined;
  return {
    original: {
      width: manifest.width,
      height: manifest.height,
      format: manifest.format,
      ...(manifest.sourceSize !== undefined && { bytes: manifest.sourceSize }),
    },
    thumbhash: manifest.thumbhash,
    thumbnails: manifest.outputs.map(({ width, height, format, contentType, size, key }) => ({
      width,
      height,
      format,
      contentType,
      bytes: size,
      key,
    })),
    ...(links && { public: links }),
  };
}

function publicLinks(id: string, manifest: ReadyManifest, imageBaseUrl: string) {
  const urls = publicCopies(id, manifest).map((copy) => ({
    width: copy.width!,
    format: copy.output!.format,
    url: `${imageBaseUrl}/${copy.key}`,
  }));
  const srcset = (format: 'webp' | 'jpeg') =>
    urls
      .filter((link) => link.format === format)
      .map((link) => `${link.url} ${link.width}w`)
      .join(', ');
  return { urls, srcset: { webp: srcset('webp'), jpeg: srcset('jpeg') } };
}
