/**
 * The signer's HTTP API, version 1, described once: the signer validates requests with these
 * schemas, serves its OpenAPI document from them, and `api.ts` derives the TypeScript types the
 * widget and the demo use from them (`v.InferOutput`, with `import type`, so neither bundles
 * valibot: only the signer imports this module at run time).
 *
 * Why valibot: for `CreateUploadsRequest`, bundled and minified as the Lambda is, on Node 20 and
 * 2 cores, import + first validation took ≈ 1.0 ms + 0.3 ms with valibot 1.5 (4.9 KB), against
 * ≈ 10 ms + 2.7 ms with zod 4.6 (90 KB) and ≈ 3.7 ms + 0.6 ms with zod/mini (18 KB); a warm
 * validation costs ≈ 1 µs with each, next to the request's ≈ 130 µs of CPU.
 *
 * Objects are not strict: unknown fields are ignored, as they always were.
 */
import * as v from 'valibot';
import type { RejectionCode, SignerErrorCode } from './error-codes.js';
import type { ThumbnailFormat } from './thumbnail-manifest.js';
import {
  APP_METADATA_KEY,
  APP_METADATA_MAX_BYTES,
  S3_USER_METADATA_MAX_BYTES,
  isAppMetadata,
} from './upload-metadata.js';
import { VISIBILITIES } from './visibility.js';

// Records rather than lists, so the compiler flags a code missing here or not in the union.
const signerErrorCodes: Record<SignerErrorCode, true> = {
  ERR_TOKEN_MISSING: true,
  ERR_TOKEN_INVALID: true,
  ERR_TOKEN_EXPIRED: true,
  ERR_ISSUER_UNAVAILABLE: true,
  ERR_RATE_LIMITED: true,
  ERR_BAD_REQUEST: true,
  ERR_BODY_TOO_LARGE: true,
  ERR_TYPE_NOT_ALLOWED: true,
  ERR_FILE_TOO_LARGE: true,
  ERR_FILE_EMPTY: true,
  ERR_TOO_MANY_FILES: true,
  ERR_VISIBILITY_NOT_ALLOWED: true,
  ERR_METADATA_INVALID: true,
  ERR_TOO_MANY_OPEN_UPLOADS: true,
  ERR_QUOTA_EXCEEDED: true,
  ERR_NOT_FOUND: true,
  ERR_INVALID_PARTS: true,
  ERR_IMAGE_NOT_READY: true,
  ERR_STORAGE_UNAVAILABLE: true,
  ERR_EVENTS_UNAVAILABLE: true,
  ERR_INTERNAL: true,
};
const rejectionCodes: Record<RejectionCode, true> = {
  ERR_NOT_AN_IMAGE: true,
  ERR_UNSUPPORTED_FORMAT: true,
  ERR_TOO_MANY_PIXELS: true,
  ERR_TOO_LARGE: true,
  ERR_CORRUPT_IMAGE: true,
  ERR_TYPE_MISMATCH: true,
  ERR_REPLACED: true,
};
const thumbnailFormats: Record<ThumbnailFormat, true> = { webp: true, jpeg: true };
const keysOf = <K extends string>(record: Record<K, true>) => Object.keys(record) as K[];

/** S3's highest part number (https://docs.aws.amazon.com/AmazonS3/latest/userguide/qfacts.html). */
export const S3_MAX_PARTS = 10_000;

const text = (max: number, description?: string) =>
  description
    ? v.pipe(v.string(), v.minLength(1), v.maxLength(max), v.description(description))
    : v.pipe(v.string(), v.minLength(1), v.maxLength(max));
const wholeNumber = (min: number, max: number, description: string) =>
  v.pipe(v.number(), v.safeInteger(), v.minValue(min), v.maxValue(max), v.description(description));
const bytes = (description: string) =>
  v.pipe(v.number(), v.safeInteger(), v.minValue(0), v.description(description));
const pixels = (description: string) =>
  v.pipe(v.number(), v.safeInteger(), v.minValue(1), v.description(description));
const timestamp = (description: string) => v.pipe(v.string(), v.isoTimestamp(), v.description(description));
const url = v.pipe(v.string(), v.url());
const headers = v.pipe(
  v.record(v.string(), v.string()),
  v.description('Send exactly these headers: they are part of the signature.'),
);
const uploadId = text(1024, 'The multipart upload id from the ticket.');
const partNumber = wholeNumber(1, S3_MAX_PARTS, '1-based part number.');

/** RFC 1864 `Content-MD5`: the base64 of a 16-byte MD5 digest (22 characters and `==`). */
export const CONTENT_MD5 = /^[A-Za-z0-9+/]{22}==$/;
const contentMd5 = (description: string) =>
  v.pipe(
    v.string(),
    v.regex(
      CONTENT_MD5,
      (issue) =>
        `Invalid MD5: Expected the base64 of 16 bytes (RFC 1864 Content-MD5) but received ${JSON.stringify(issue.input.slice(0, 40))}`,
    ),
    v.description(description),
  );

/** `public` or `private` (contract/visibility.ts). */
export const VisibilitySchema = v.pipe(
  v.picklist(VISIBILITIES),
  v.description(
    '`private`: only the owner, through short-lived signed URLs. `public`: anyone with the URL, through the CDN at stable URLs (`{IMAGE_BASE_URL}/public/{id}/{width}.{webp|jpg}`).',
  ),
);

/** A requested visibility: any string, so that one the signer does not allow is refused per file. */
const requestedVisibility = v.pipe(
  v.string(),
  v.maxLength(32),
  v.description(
    "`public` or `private`; it must be in the signer's `UPLOAD_VISIBILITIES` (default `private` only), else `ERR_VISIBILITY_NOT_ALLOWED`.",
  ),
);

/**
 * Keys no page's metadata may use, though they match `APP_METADATA_KEY`: parsers drop or act on
 * them (valibot's records skip them; `Object.assign` on a receiver would set a prototype).
 */
const RESERVED_METADATA_KEYS = ['__proto__', 'constructor', 'prototype'] as const;

/**
 * The page's metadata for one file (contract/upload-metadata.ts `AppMetadata`): the key and value
 * rules here say what is wrong; `isAppMetadata` is the one rule, checked last.
 */
export const AppMetadataSchema = v.pipe(
  // Before the record, which would silently drop a reserved key and take an array as an object.
  v.custom<Record<string, unknown>>(
    (input) =>
      !Array.isArray(input) &&
      !(
        typeof input === 'object' &&
        input !== null &&
        RESERVED_METADATA_KEYS.some((k) => Object.hasOwn(input, k))
      ),
    (issue) =>
      Array.isArray(issue.input)
        ? 'Invalid type: Expected Object but received Array'
        : `Invalid key: ${RESERVED_METADATA_KEYS.filter((k) => Object.hasOwn(issue.input as object, k))
            .map((k) => JSON.stringify(k))
            .join(', ')} is reserved`,
  ),
  v.record(
    v.pipe(
      v.string(),
      v.regex(
        APP_METADATA_KEY,
        (issue) =>
          `Invalid key: Expected 1 to 40 of a-z, 0-9, _ and - but received ${JSON.stringify(issue.input)}`,
      ),
    ),
    v.string(),
  ),
  v.check<Record<string, string>, (issue: v.CheckIssue<Record<string, string>>) => string>(
    isAppMetadata,
    (issue) =>
      `Invalid size: Expected at most ${APP_METADATA_MAX_BYTES} bytes as JSON but received ${new TextEncoder().encode(JSON.stringify(issue.input)).length}`,
  ),
  v.description(
    `The page's own context for this upload, e.g. \`{ "listing_id": "42" }\`: string values, keys of 1 to 40 of \`a-z 0-9 _ -\` (not \`__proto__\`, \`constructor\` or \`prototype\`), at most ${APP_METADATA_MAX_BYTES} bytes as JSON; anything else refuses the whole request with \`ERR_METADATA_INVALID\`. The signer binds it, with the caller's token \`iss\` and \`sub\`, into the upload (\`x-amz-meta-metadata\`, signed), and the image's events carry it back to the site's server. S3 keeps at most ${S3_USER_METADATA_MAX_BYTES} bytes of user metadata per object, shared by the name, the identity and this object as percent-encoded JSON (letters, digits and \`-_.~!\` take 1 byte there, any other character 3 per UTF-8 byte); an upload that would need more is refused with \`ERR_METADATA_INVALID\` too.`,
  ),
);

/** `{ error: { code, message } }`: every error response, and a refused file's upload slot. */
export const ErrorBodySchema = v.object({
  error: v.object({
    code: v.pipe(v.picklist(keysOf(signerErrorCodes)), v.description('Stable; match on this.')),
    message: v.pipe(v.string(), v.description('For people; may change.')),
    unit: v.optional(
      v.pipe(v.picklist(['bytes', 'images']), v.description('`ERR_QUOTA_EXCEEDED` only: which quota.')),
    ),
    used: v.optional(
      v.pipe(
        v.number(),
        v.description('`ERR_QUOTA_EXCEEDED` only: stored plus reserved, in `unit`, before this request.'),
      ),
    ),
    limit: v.optional(v.pipe(v.number(), v.description('`ERR_QUOTA_EXCEEDED` only: the quota, in `unit`.'))),
  }),
});

/** What the browser knows about a file before upload. */
export const FileDescriptorSchema = v.object({
  name: v.pipe(
    v.string(),
    v.maxLength(1024),
    v.description(
      "The file's name as the user picked it; only used for display, never for the key. The signer cleans it (control and bidirectional-formatting characters become spaces, whitespace is folded and trimmed, Unicode NFC, at most 255 bytes of UTF-8 with the extension kept) and binds it into the upload: a single PUT's `headers` carry it as `x-amz-meta-name` (signed), a multipart upload is created with it. `GET /v1/images` returns it as `name`.",
    ),
  ),
  type: v.pipe(
    v.string(),
    v.description("MIME type, e.g. `image/jpeg`; must be on the signer's allow-list."),
  ),
  size: bytes('Size in bytes; the presigned PUT signs it as `Content-Length`.'),
  md5: v.optional(
    contentMd5(
      "The file's MD5, base64 (RFC 1864 `Content-MD5`, e.g. `1B2M2Y8AsgTpgAmY7PhCfg==`). When the file gets a single PUT, its `headers` carry it as `content-md5` (signed): S3 refuses a body with another digest (400 BadDigest). Ignored for a multipart upload, whose parts carry their own.",
    ),
  ),
  visibility: v.optional(
    v.pipe(
      requestedVisibility,
      v.description(
        "Who may see the image: `public` or `private`, in the signer's `UPLOAD_VISIBILITIES` (else this file is refused with `ERR_VISIBILITY_NOT_ALLOWED`); default the signer's `UPLOAD_DEFAULT_VISIBILITY` (`private`). Signed into the upload as `x-amz-meta-visibility`.",
      ),
    ),
  ),
  metadata: v.optional(AppMetadataSchema),
});

/** `POST /v1/uploads` body. */
export const CreateUploadsRequestSchema = v.object({
  files: v.pipe(
    v.array(FileDescriptorSchema),
    v.minLength(1),
    v.description("At most the signer's `UPLOAD_MAX_FILES` (20 by default); more is `ERR_TOO_MANY_FILES`."),
  ),
});

const ticketBase = {
  id: v.pipe(v.string(), v.description('Opaque image id, used in every `:id` route.')),
  key: v.pipe(v.string(), v.description('The S3 key the object will have, made by the server.')),
  expiresAt: timestamp('ISO 8601 time after which the URLs in this ticket are refused by S3.'),
};

/** A single presigned PUT: send exactly `headers` and the file as the body. */
export const SinglePutTicketSchema = v.object({
  ...ticketBase,
  method: v.literal('PUT'),
  url,
  headers: v.pipe(
    headers,
    v.description(
      "Send exactly these headers: they are part of the signature. They sign the type, size, MD5 (when `md5` was sent), the object's `content-disposition`, `cache-control` and (empty) `content-encoding`, `x-amz-acl: bucket-owner-full-control` (the object stays private), `if-none-match: *` (the URL makes one object, once: a second PUT is refused with 412) and the `x-amz-meta-*` metadata.",
    ),
  ),
});

/** A multipart upload already created; sign parts with `POST /v1/uploads/:id/parts`. */
export const MultipartTicketSchema = v.object({
  ...ticketBase,
  multipart: v.object({
    uploadId: v.string(),
    partSize: bytes('Bytes per part; every part but the last is exactly this size.'),
    partCount: wholeNumber(1, S3_MAX_PARTS, 'How many parts to send.'),
  }),
});

/** `POST /v1/uploads` response: one slot per requested file, in order (a ticket, or why not). */
export const CreateUploadsResponseSchema = v.object({
  uploads: v.array(v.union([SinglePutTicketSchema, MultipartTicketSchema, ErrorBodySchema])),
});

/** `POST /v1/uploads/:id/parts` body. */
export const SignPartsRequestSchema = v.object({
  uploadId,
  size: v.pipe(
    v.number(),
    v.safeInteger(),
    v.minValue(1),
    v.description(
      "The file's size, as in `POST /v1/uploads`: it is checked against the limits again, and the plan it gives (part size and count, as in the ticket) fixes each part's signed length.",
    ),
  ),
  parts: v.pipe(
    v.array(
      v.object({
        partNumber,
        md5: v.optional(
          contentMd5(
            "The part's MD5, base64 (RFC 1864 `Content-MD5`); signed as `content-md5`. Required unless the signer's `UPLOAD_REQUIRE_PART_MD5` is `false` (for clients that cannot send a header with a part, e.g. Uppy's Companion mode); missing when required is `ERR_INVALID_PARTS`.",
          ),
        ),
      }),
    ),
    v.minLength(1),
    v.maxLength(100),
    v.description(
      "At most 100 per request, each part number once and within the plan's part count (else `ERR_INVALID_PARTS`).",
    ),
  ),
});

/** A presigned URL for one part; send exactly `headers` and the part's bytes. */
export const SignedPartSchema = v.object({
  partNumber,
  url,
  headers: v.pipe(
    headers,
    v.description(
      "Send exactly these headers: they are part of the signature. `content-length` is the plan's part size (the exact remainder for the last part) and `content-md5` the part's MD5 as sent: S3 refuses a body of another length (403) or another digest (400 BadDigest).",
    ),
  ),
});

/** `POST /v1/uploads/:id/parts` response. */
export const SignPartsResponseSchema = v.object({
  expiresAt: timestamp('ISO 8601 time after which these URLs are refused by S3.'),
  parts: v.array(SignedPartSchema),
});

/** A part S3 already holds. */
export const UploadedPartSchema = v.object({
  partNumber,
  etag: v.string(),
  size: bytes('Bytes S3 holds for this part.'),
});

/** `GET /v1/uploads/:id/parts?uploadId=` response. */
export const ListPartsResponseSchema = v.object({ parts: v.array(UploadedPartSchema) });

/** `POST /v1/uploads/:id/complete` body. */
export const CompleteUploadRequestSchema = v.object({
  uploadId,
  parts: v.pipe(
    v.array(v.object({ partNumber, etag: text(256, 'The ETag S3 answered the part with.') })),
    v.minLength(1),
    v.maxLength(S3_MAX_PARTS),
    v.description(
      'Exactly the parts S3 holds (`GET /v1/uploads/:id/parts`), in ascending order of part number, with their ETags; any difference is `ERR_INVALID_PARTS`, whose message names the first one.',
    ),
  ),
});

/** `POST /v1/uploads/:id/complete` response. */
export const CompleteUploadResponseSchema = v.object({ id: v.string(), key: v.string() });

/** Where an image is: `processing` until the thumbnailer has written its manifest. */
export const ImageStatusSchema = v.picklist(['processing', 'ready', 'rejected']);

/** One thumbnail: its URL (public, or signed for the owner), size and format. */
export const ThumbnailLinkSchema = v.object({
  url: v.pipe(
    url,
    v.description(
      "A public image's stable CDN URL (when the signer has `IMAGE_BASE_URL`), else a short-lived signed URL for the owner.",
    ),
  ),
  width: pixels('Pixels.'),
  height: pixels('Pixels.'),
  format: v.picklist(keysOf(thumbnailFormats)),
});

/** One of the caller's images, as `GET /v1/images` and `GET /v1/images/:id` return it. */
export const ImageSummarySchema = v.object({
  id: v.string(),
  key: v.string(),
  size: bytes('Size of the original in bytes.'),
  type: v.pipe(v.string(), v.description("MIME type of the original, from its key's extension.")),
  createdAt: timestamp('When the upload was ticketed.'),
  status: ImageStatusSchema,
  visibility: VisibilitySchema,
  name: v.optional(
    v.pipe(
      v.string(),
      v.maxLength(255),
      v.description(
        "The file's name as it was signed (cleaned; see `FileDescriptor.name`). Absent for images uploaded before names were kept, and for a name that was empty after cleaning.",
      ),
    ),
  ),
  reason: v.optional(
    v.pipe(
      v.object({ code: v.picklist(keysOf(rejectionCodes)), message: v.string() }),
      v.description('Present when `status` is `rejected`.'),
    ),
  ),
  original: v.optional(
    v.pipe(
      v.object({ url, expiresAt: timestamp('When `url` stops working.') }),
      v.description('Presigned GET for the original (absent once rejected: the thumbnailer removes it).'),
    ),
  ),
  width: v.optional(pixels('Of the original after EXIF orientation, once known.')),
  height: v.optional(pixels('Of the original after EXIF orientation, once known.')),
  thumbnails: v.array(ThumbnailLinkSchema),
  srcset: v.optional(
    v.pipe(
      v.object({ webp: v.string(), jpeg: v.string() }),
      v.description(
        'Once ready: per format, a `srcset` value ready for `<source>`/`<img>` (`url 320w, url 720w, …`, the same URLs as `thumbnails`).',
      ),
    ),
  ),
  publicUrl: v.optional(
    v.pipe(
      url,
      v.description(
        "A ready public image's stable link for anyone: its largest JPEG (else largest thumbnail) through the CDN (`{IMAGE_BASE_URL}/public/{id}/{width}.jpg`). Absent for private images, and when the signer has no `IMAGE_BASE_URL` (its thumbnails then have signed URLs like a private image's).",
      ),
    ),
  ),
  placeholder: v.optional(
    v.pipe(v.string(), v.description('ThumbHash placeholder, base64, once the thumbnailer has run.')),
  ),
});

/** `PATCH /v1/images/:id` body. */
export const UpdateImageRequestSchema = v.object({
  visibility: v.pipe(
    requestedVisibility,
    v.description(
      "`public` publishes the image's thumbnails on the CDN, `private` takes them down (and invalidates the CDN's copies). Must be in the signer's `UPLOAD_VISIBILITIES`, else `ERR_VISIBILITY_NOT_ALLOWED`.",
    ),
  ),
});

/** `GET /v1/images?cursor=&limit=` response. */
export const ListImagesResponseSchema = v.object({
  images: v.array(ImageSummarySchema),
  nextCursor: v.optional(
    v.pipe(v.string(), v.description('Pass as `cursor` to get the next page; absent on the last page.')),
  ),
});

/** `?uploadId=` of `GET /v1/uploads/:id/parts` and `DELETE /v1/uploads/:id`. */
export const UploadIdQuerySchema = v.object({ uploadId });

/** `?cursor=&limit=` of `GET /v1/images` (query values arrive as strings). */
export const ListImagesQuerySchema = v.object({
  cursor: v.optional(v.pipe(v.string(), v.description('`nextCursor` of the previous page.'))),
  limit: v.optional(
    v.pipe(
      v.string(),
      v.toNumber(),
      v.number(),
      v.safeInteger(),
      v.minValue(1),
      v.maxValue(100),
      v.description("Images per page (default: the signer's `LIST_PAGE_SIZE`, 30)."),
    ),
  ),
});

const quotaCount = (unit: string) =>
  v.object({
    used: v.pipe(v.number(), v.description(`${unit} stored (counted when the thumbnailer finished them).`)),
    reserved: v.pipe(v.number(), v.description(`${unit} signed for and not yet finished or expired.`)),
    limit: v.pipe(v.nullable(v.number()), v.description(`The caller's quota in ${unit}; null: unlimited.`)),
  });

/** `GET /v1/usage` response: what the caller keeps and may keep. */
export const UsageResponseSchema = v.object({
  bytes: quotaCount('Bytes'),
  images: quotaCount('Images'),
});

/** `GET /healthz` response. */
export const HealthResponseSchema = v.object({ status: v.literal('ok') });
