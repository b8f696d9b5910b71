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
import { EXTENSION_BY_TYPE, originalKey } from '../../contract/object-keys.js';
import type { AuthVariables } from '../auth/bearer-auth.js';
import type { SignerConfig } from '../config.js';
import { newImageId } from '../image-id.js';
import { readBody, readJson, readQuery } from '../request-schema.js';
import { SignerError } from '../signer-error.js';
import type { Presign } from '../storage/presigner.js';
import type { S3Operations } from '../storage/s3-operations.js';
import {
  checkFile,
  checkPartNumbers,
  maxPartNumber,
  multipartPlan,
  requestedFiles,
  signedMetadata,
} from '../upload-rules.js';
import { ownedOriginalKey } from './owned-key.js';

export interface UploadRoutesOptions {
  config: Readonly<SignerConfig>;
  presign: Presign;
  s3: S3Operations;
  now: () => number;
}

/** Creates the `/v1/uploads` routes. */
export function uploadRoutes({ config, presign, s3, now }: UploadRoutesOptions) {
  const limits = config.uploads;
  const ttl = limits.urlTtlSeconds;
  const expiresAt = () => new Date(now() + ttl * 1000).toISOString();
  const highestPart = maxPartNumber(limits);

  return new Hono<{ Variables: AuthVariables }>()
    .post('/', async (c) => {
      const files = requestedFiles(await readJson(c));
      if (files.length > limits.maxFiles) {
        throw new SignerError('ERR_TOO_MANY_FILES', 400, `At most ${limits.maxFiles} files per request`);
      }
      const caller = c.get('caller');
      // Every file is checked, and its signed metadata measured, before any multipart upload is
      // created: a request refused as a whole leaves nothing behind in S3.
      const checked = files.map((requested, index) => {
        if ('error' in requested) return requested;
        const result = checkFile(requested, limits);
        if ('error' in result) return result;
        return { file: result.file, signed: signedMetadata(result.file, caller, index) };
      });
      const uploads = await Promise.all(
        checked.map(async (slot): Promise<UploadSlot> => {
          if ('error' in slot) return slot;
          const { type, size } = slot.file;
          const id = newImageId(EXTENSION_BY_TYPE[type]!, now());
          const key = originalKey(caller.owner, id);
          // Bound at signing: the client cannot change it afterwards (contract/upload-metadata.ts).
          const { metadata, headers } = slot.signed;
          const plan = multipartPlan(size, limits);
          if (plan) {
            const uploadId = await s3.createMultipartUpload(key, type, metadata);
            return { id, key, expiresAt: expiresAt(), multipart: { uploadId, ...plan } };
          }
          const signed = await presign({
            method: 'PUT',
            key,
            expiresInSeconds: ttl,
            // Signed, so S3 itself refuses any other type, size or metadata.
            headers: { 'content-type': type, 'content-length': String(size), ...headers },
          });
          return { id, key, expiresAt: expiresAt(), method: 'PUT', ...signed };
        }),
      );
      return c.json({ uploads } satisfies CreateUploadsResponse, 201);
    })
    .post('/:id/parts', async (c) => {
      const key = ownedOriginalKey(c);
      const { uploadId, partNumbers } = await readBody(c, SignPartsRequestSchema);
      checkPartNumbers(partNumbers, highestPart, 'partNumbers');
      const parts = await Promise.all(
        [...new Set(partNumbers)].map(async (partNumber) => ({
          partNumber,
          ...(await presign({
            method: 'PUT',
            key,
            expiresInSeconds: ttl,
            query: { partNumber: String(partNumber), uploadId },
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
      checkPartNumbers(
        parts.map((part) => part.partNumber),
        highestPart,
        'parts',
        'partNumber',
      );
      if (parts.some((part, index) => index > 0 && part.partNumber <= parts[index - 1]!.partNumber)) {
        throw new SignerError('ERR_INVALID_PARTS', 400, 'Parts must be listed in ascending order, each once');
      }
      // Part URLs cannot sign a length the signer does not know, so the size limit is enforced
      // here, at the commit point: S3 never assembles an object larger than allowed.
      const listed = new Set(parts.map((part) => part.partNumber));
      const total = (await s3.listParts(key, uploadId))
        .filter((stored) => listed.has(stored.partNumber))
        .reduce((sum, stored) => sum + stored.size, 0);
      if (total > limits.maxBytes) {
        await s3.abortMultipartUpload(key, uploadId);
        throw new SignerError(
          'ERR_FILE_TOO_LARGE',
          413,
          `The upload is larger than the ${limits.maxBytes} bytes allowed`,
        );
      }
      await s3.completeMultipartUpload(key, uploadId, parts);
      return c.json({ id, key } satisfies CompleteUploadResponse);
    })
    .delete('/:id', async (c) => {
      const key = ownedOriginalKey(c);
      await s3.abortMultipartUpload(key, readQuery(c, UploadIdQuerySchema).uploadId);
      return c.body(null, 204);
    });
}
