/**
 * The headers an original is stored with, decided by the signer, whichever way it is uploaded: a
 * single PUT signs them (so S3 refuses a request that changes or drops one), a multipart upload is
 * created with them (S3 ignores these headers on part requests).
 *
 * Unsigned headers on a presigned request are a store's business: AWS S3 refuses any unsigned
 * `x-amz-*` header (403 AccessDenied, "There were headers present in the request which were not
 * signed") but stores `Content-Disposition`, `Content-Encoding` and `Cache-Control` as sent; Ceph
 * radosgw 16 stores all of them, and applies an unsigned `x-amz-acl: public-read` (see
 * radosgw/stored-headers.test.ts). Signing each with the value wanted here leaves a client no
 * header that changes what is stored or who may read it, on either.
 */
import { privateCacheControl } from '../../contract/cache-control.js';

/**
 * The canned ACL of every original: the only one AWS accepts on a bucket with ACLs disabled (Object
 * Ownership "bucket owner enforced"), and on radosgw, which applies ACLs, it grants the bucket owner
 * alone (anonymous GET: 403). With it signed, a client cannot add another ACL nor a grant header
 * (`x-amz-grant-*`): S3 refuses a canned ACL together with grants (400 InvalidRequest).
 */
export const ORIGINAL_ACL = 'bucket-owner-full-control';

/** `Content-Disposition` of an original: shown, not downloaded, when opened (RFC 6266 §4.2). */
export const ORIGINAL_DISPOSITION = 'inline';

/**
 * `Cache-Control` of an original: private (it is only ever served through a signed URL, whose GET
 * replaces it with the URL's own lifetime).
 */
export const ORIGINAL_CACHE_CONTROL = privateCacheControl();

/**
 * The headers a single PUT signs besides the file's type, size, MD5 and metadata:
 * - `if-none-match: *`: the URL makes one object, once; S3 answers a second PUT with 412
 *   PreconditionFailed (AWS conditional writes; Ceph radosgw 16 too).
 * - `x-amz-acl`: `ORIGINAL_ACL`.
 * - `content-disposition`, `cache-control`: the values above.
 * - `content-encoding` empty: no content coding; a client sending `gzip` (so that browsers would
 *   decode what they fetch) no longer matches the signature.
 */
export const SINGLE_PUT_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'if-none-match': '*',
  'x-amz-acl': ORIGINAL_ACL,
  'content-disposition': ORIGINAL_DISPOSITION,
  'cache-control': ORIGINAL_CACHE_CONTROL,
  'content-encoding': '',
});
