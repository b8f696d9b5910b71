/**
 * `/v1/uploads`: tickets for new uploads, and the multipart routes (sign parts, list, complete, abort).
 */
import { Hono } from 'hono';
import type {
  CompleteUploadResponse,
  CreateUploadsResponse,
  ListPartsResponse,
  SignPartsResponse,
  UploadSlot,
} from '../../contract/api.js';
import {
  CompleteUploadRequestSchema,
  SignPartsRequestSchema,
  UploadIdQuerySchema,
} from '../../contract/api-schemas.js';
import { EXTENSION_BY_TYPE, originalKey, ownerOriginalsPrefix } from '../../contract/object-keys.js';
import type { ErrorBody } from '../../contract/error-codes.js';
import type { AuthVariables } from '../auth/bearer-auth.js';
import type { SignerConfig } from '../config.js';
import { newImageId } from '../image-id.js';
import type { SignerQuota } from '../quota.js';
import { takeTokens, type RateLimiter } from '../rate-limit.js';
import { readBody, readJson, readQuery } from '../request-schema.js';
import { SignerError } from '../signer-error.js';
import type { Presign } from '../storage/presigner.js';
import type { S3Operations } from '../storage/s3-operations.js';
import {
  checkFile,
  checkListedParts,
  multipartPlan,
  partsToSign,
  requestedFiles,
  signedMetadata,
  singlePutHeaders,
} from '../upload-rules.js';
import { ownedOriginalKey } from './owned-key.js';

export interface UploadRoutesOptions {
  config: Readonly<SignerConfig>;
  presign: Presign;
  s3: S3Operations;
  now: () => number;
  /** The caller's token bucket: one token per file asked for. */
  limiter: RateLimiter;
  /** With `QUOTA_TABLE`: each file's size is reserved before it is signed. */
  quota?: SignerQuota | undefined;
}

/**
 * `Retry-After` of `ERR_TOO_MANY_OPEN_UPLOADS`: a slot frees when the caller's other uploads
 * complete or are aborted, which takes as long as they take to send.
 */
const OPEN_UPLOADS_RETRY_AFTER_SECONDS = 10;

/** Creates the `/v1/uploads` routes. */
export function uploadRoutes({ config, presign, s3, now, limiter, quota }: UploadRoutesOptions) {
  const limits = config.uploads;
  const ttl = limits.urlTtlSeconds;
  const expiresAt = () => new Date(now() + ttl * 1000).toISOString();

  /**
   * Reserves the files that passed every other check, in order, until the URLs expire; a file that
   * does not fit becomes its own `ERR_QUOTA_EXCEEDED` slot, with the figures (in place, in `slots`).
   * @returns the ids reserved
   */
  const reserveQuota = async (
    caller: AuthVariables['caller'],
    slots: (ErrorBody | { id: string; file: { size: number } })[],
  ): Promise<string[]> => {
    const wanted = slots.flatMap((slot, index) =>
      'error' in slot ? [] : [{ index, id: slot.id, bytes: slot.file.size }],
    );
    if (wanted.length === 0) return [];
    const refusals = await quota!.store.reserve(
      caller.owner,
      wanted,
      quota!.limitsFor(caller),
      now() + ttl * 1000,
    );
    const reserved: string[] = [];
    wanted.forEach(({ index, id }, at) => {
      const refusal = refusals[at];
      if (!refusal) return void reserved.push(id);
      const message =
        refusal.unit === 'bytes'
          ? `The file does not fit: ${refusal.used} of ${refusal.limit} bytes are stored or signed for`
          : `The file does not fit: ${refusal.used} of ${refusal.limit} images are stored or signed for`;
      slots[index] = { error: { code: 'ERR_QUOTA_EXCEEDED', message, ...refusal } };
    });
    return reserved;
  };

  return new Hono<{ Variables: AuthVariables }>()
    .post('/', async (c) => {
      const files = requestedFiles(await readJson(c));
      if (files.length > limits.maxFiles) {
        throw new SignerError('ERR_TOO_MANY_FILES', 400, `At most ${limits.maxFiles} files per request`);
      }
      const caller = c.get('caller');
      // Tickets are what cost money (each may become a stored image): one token each.
      await takeTokens(limiter, caller.owner, files.length);
      // Every file is checked, and its signed metadata measured, before any multipart upload is
      // created: a request refused as a whole leaves nothing behind in S3.
      const checked = files.map((requested, index) => {
        if ('error' in requested) return requested;
        const result = checkFile(requested, limits);
        if ('error' in result) return result;
        return {
          file: result.file,
          signed: signedMetadata(result.file, caller, index),
          plan: multipartPlan(result.file.size, limits),
        };
      });
      const opening = checked.filter((slot) => 'plan' in slot && slot.plan).length;
      if (opening > 0) {
        // Counted before any is created; two requests at once may both pass, by at most their own
        // uploads (S3 has no conditional create), which the lifecycle rule still ends.
        const open = await s3.countOpenUploads(ownerOriginalsPrefix(caller.owner), limits.maxOpenUploads);
        if (open + opening > limits.maxOpenUploads) {
          throw new SignerError(
            'ERR_TOO_MANY_OPEN_UPLOADS',
            429,
            `At most ${limits.maxOpenUploads} multipart uploads may be open at once; ${open} are, and this request would open ${opening} more. Complete or abort one first.`,
            { 'Retry-After': String(OPEN_UPLOADS_RETRY_AFTER_SECONDS) },
          );
        }
      }
      const slots = checked.map((slot) =>
        'error' in slot ? slot : { ...slot, id: newImageId(EXTENSION_BY_TYPE[slot.file.type]!, now()) },
      );
      const reserved = quota ? await reserveQuota(caller, slots) : [];
      if (quota && slots.every((slot) => 'error' in slot && slot.error.code === 'ERR_QUOTA_EXCEEDED')) {
        // Not one file fits: the request as a whole is refused, with the first file's figures.
        return c.json(slots[0] as ErrorBody, 403);
      }
      let uploads: UploadSlot[];
      try {
        uploads = await Promise.all(
          slots.map(async (slot): Promise<UploadSlot> => {
            if ('error' in slot) return slot;
            const { id, file, signed: bound, plan } = slot;
            const key = originalKey(caller.owner, id);
            // Bound at signing: the client cannot change it afterwards (contract/upload-metadata.ts).
            if (plan) {
              const uploadId = await s3.createMultipartUpload(key, file.type, bound.metadata);
              return { id, key, expiresAt: expiresAt(), multipart: { uploadId, ...plan } };
            }
            const signed = await presign({
              method: 'PUT',
              key,
              expiresInSeconds: ttl,
              // Signed, so S3 itself refuses any other type, size, digest, metadata, ACL or stored
              // header, and a second PUT (storage/object-headers.ts).
              headers: singlePutHeaders(file, bound),
            });
            return { id, key, expiresAt: expiresAt(), method: 'PUT', ...signed };
          }),
        );
      } catch (error) {
        // Nothing was handed out: give the room back (a multipart upload created meanwhile is
        // ended by the bucket's lifecycle rule, as before).
        await Promise.allSettled(reserved.map((id) => quota!.store.release(caller.owner, id)));
        throw error;
      }
      return c.json({ uploads } satisfies CreateUploadsResponse, 201);
    })
    .post('/:id/parts', async (c) => {
      const key = ownedOriginalKey(c);
      const { uploadId, ...request } = await readBody(c, SignPartsRequestSchema);
      // A multipart upload holds its reservation while it still signs parts.
      await quota?.store.extend(c.get('caller').owner, c.req.param('id'), now() + ttl * 1000);
      const parts = await Promise.all(
        partsToSign(request, limits).map(async ({ partNumber, md5, length }) => ({
          partNumber,
          ...(await presign({
            method: 'PUT',
            key,
            expiresInSeconds: ttl,
            query: { partNumber: String(partNumber), uploadId },
            // S3 refuses a body of another length (403) or another digest (400 BadDigest): no part
            // is ever longer than the plan allows, nor other than the bytes the client hashed.
            headers: { 'content-length': String(length), ...(md5 !== undefined && { 'content-md5': md5 }) },
          })),
        })),
      );
      return c.json({ expiresAt: expiresAt(), parts } satisfies SignPartsResponse);
    })
    .get('/:id/parts', async (c) => {
      const key = ownedOriginalKey(c);
      const { uploadId } = readQuery(c, UploadIdQuerySchema);
      return c.json({ parts: await s3.listParts(key, uploadId) } satisfies ListPartsResponse);
    })
    .post('/:id/complete', async (c) => {
      const key = ownedOriginalKey(c);
      const id = c.req.param('id');
      const { uploadId, parts } = await readBody(c, CompleteUploadRequestSchema);
      // Completed with exactly what S3 lists, never with what the client says: a part replaced
      // after this listing no longer has the listed ETag, and S3 refuses it (400 InvalidPart).
      const listed = await s3.listParts(key, uploadId);
      checkListedParts(parts, listed);
      // Each part's length was signed, so this holds unless the limits changed since signing; it
      // is checked here, at the commit point, all the same.
      const total = listed.reduce((sum, part) => sum + part.size, 0);
      if (total > limits.maxBytes) {
        await s3.abortMultipartUpload(key, uploadId);
        throw new SignerError(
          'ERR_FILE_TOO_LARGE',
          413,
          `The upload is larger than the ${limits.maxBytes} bytes allowed`,
        );
      }
      await s3.completeMultipartUpload(key, uploadId, listed);
      return c.json({ id, key } satisfies CompleteUploadResponse);
    })
    .delete('/:id', async (c) => {
      const key = ownedOriginalKey(c);
      await s3.abortMultipartUpload(key, readQuery(c, UploadIdQuerySchema).uploadId);
      await quota?.store.release(c.get('caller').owner, c.req.param('id'));
      return c.body(null, 204);
    });
}
